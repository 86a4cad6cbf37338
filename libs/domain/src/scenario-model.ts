import type { ChassisModel, EspSlot, InstanceName, RpSlot } from './chassis.js';
import type { HardwareSpec, PsuSlot } from './hardware.js';
import type { RouterStart } from './router-start.js';
import type { RedundancyMode } from './router-state.js';

/**
 * The validated, defaulted form of a scenario file (DESIGN.md "Scenario files"). `libs/scenario` parses YAML
 * or JSON into it; `libs/simulator` runs it. All durations are integer milliseconds of simulated time.
 */
export interface Scenario {
  readonly apiVersion: 'asr-twin/v1';
  readonly kind: 'Scenario';
  readonly metadata: { readonly name: string; readonly description?: string };
  readonly spec: ScenarioSpec;
}

export interface ScenarioSpec {
  /** PRNG seed; `undefined` when the file gives none (the runner then picks one and reports it). */
  readonly seed?: number;
  /** Simulated-time bound of a run, ms. @defaultValue 3_600_000 (1 h) */
  readonly horizonMs: number;
  /** Embedded targets. Exactly one of `routers` and `selector` is set, or neither (the run names targets). */
  readonly routers?: readonly ScenarioRouter[];
  readonly selector?: RouterSelector;
  /** Overrides of the timing profile: timing key → duration in ms. */
  readonly timing: Readonly<Record<string, number>>;
  /** Steps in file order; the simulator orders them by `atMs`, then file order. */
  readonly steps: readonly ScenarioStep[];
  readonly expect: readonly Expectation[];
  /** Behaviour where the domain reference is uncertain (file key `behaviour`); absent: {@link DEFAULT_BEHAVIOUR}. */
  readonly behaviour?: ScenarioBehaviour;
}

/**
 * Who keeps activity when the peers lose their inter-unit channel with both alive (`ipc-loss`):
 * - `incumbent` (default): a healthy active keeps activity whatever its slot; the standby backs off, is reset
 *   and re-syncs after the repair (domain reference §8.5, CISCO-RF-MIB `cRFStatusPrimaryMode`: the Primary
 *   settles only a race in which neither unit holds activity). Confidence: likely.
 * - `primary-wins`: the Primary takes activity from a Secondary active (the reading of §2.6 the twin used first).
 */
export const SPLIT_BRAIN_RULES = ['incumbent', 'primary-wins'] as const;
export type SplitBrainRule = (typeof SPLIT_BRAIN_RULES)[number];

/**
 * What the failure of an integrated ESP (ASR1001, 1001-X, 1002-X, `ChassisAnatomy.reloadOnEspFailure`) does:
 * - `reload-chassis` (default): the whole chassis reloads and comes back with the ESP, an outage bounded by the
 *   chassis reload, never "down until replaced" (ASR 1000 HA guide table 6-2 footnote for the ASR1001; domain
 *   reference §8.8, uncertain for the 1001-X and 1002-X);
 * - `reload-esp-only`: only the ESP reloads; forwarding returns once it is packet-ready again.
 * Modular ESPs (every other model) fail for good until `repair`, whatever this says.
 */
export const INTEGRATED_ESP_FAILURE_ACTIONS = ['reload-chassis', 'reload-esp-only'] as const;
export type IntegratedEspFailureAction = (typeof INTEGRATED_ESP_FAILURE_ACTIONS)[number];

/**
 * What an `issu` of a whole image (a release change) does on a single RP with two IOSd, where only the IOSd
 * sub-package changes hitlessly (domain reference §8.6, ASR 1000 guide "Software Upgrade with Dual IOS Processes
 * on a Single RP": RPBase needs an RP reload, ESPBase an ESP reload):
 * - `reload` (default): the upgrade runs as a reload upgrade: both IOSd, the ESP and the SIPs come back on the new
 *   image after a chassis reload (control and data plane out for the reload), then the commit as usual;
 * - `refuse`: the step is refused with a message naming the rule. IOS's own refusal text is not public (§8.6,
 *   uncertain), so the message is the twin's.
 */
export const SINGLE_RP_IMAGE_ISSU_RULES = ['reload', 'refuse'] as const;
export type SingleRpImageIssuRule = (typeof SINGLE_RP_IMAGE_ISSU_RULES)[number];

/**
 * What a standby that cannot apply the active's configuration (`config-sync-failure`, lines in the Mismatched
 * Command List) does once it reaches bulk sync:
 * - `reload-loop` (default): the active reloads it at STANDBY COLD-BULK; it boots, fails bulk sync again and is
 *   reloaded again, each cycle one more `Standby failures`, until the configuration is fixed (`repair`). The period
 *   is the standby's restart-to-COLD-BULK time, from existing keys: RP boot (dual RP) or IOSd restart (dual IOSd),
 *   then IOS boot and the cold part of bulk sync (domain reference §8.21, field practice, uncertain);
 * - `stay-cold`: the standby parks at STANDBY COLD until repaired (the "peer stuck ≤ STANDBY COLD" reading, §2.5).
 */
export const CONFIG_SYNC_FAILURE_ACTIONS = ['reload-loop', 'stay-cold'] as const;
export type ConfigSyncFailureAction = (typeof CONFIG_SYNC_FAILURE_ACTIONS)[number];

/**
 * Which ESP takes the active role after a cold start with two healthy ESPs (domain reference §8.18, uncertain:
 * no Cisco text states the boot-time choice):
 * - `F0` (default): slot precedence; F0 becomes active and F1 standby, whichever reports packet-ready first;
 * - `first-ready`: the first ESP to report packet-ready takes the role.
 * Either way a repaired or re-inserted ESP returns as standby (no pre-emption).
 */
export const ESP_COLD_START_ROLES = ['F0', 'first-ready'] as const;
export type EspColdStartRole = (typeof ESP_COLD_START_ROLES)[number];

/** Modelling choices a scenario may make where the sources leave room (domain reference §8). */
export interface ScenarioBehaviour {
  readonly splitBrain: SplitBrainRule;
  /** Per chassis model with an integrated ESP; a model left out takes `reload-chassis`. */
  readonly integratedEspFailure: Readonly<Partial<Record<ChassisModel, IntegratedEspFailureAction>>>;
  /** Image ISSU on a single RP with two IOSd (§8.6). Absent: `reload`. */
  readonly singleRpImageIssu?: SingleRpImageIssuRule;
  /** Absent: `reload-loop` (a scenario built in code before §8.21 names none). */
  readonly configSyncFailure?: ConfigSyncFailureAction;
  /** ESP roles after a cold start (§8.18). Absent: `F0`. */
  readonly espColdStartRole?: EspColdStartRole;
}

export const DEFAULT_BEHAVIOUR: ScenarioBehaviour = { splitBrain: 'incumbent', integratedEspFailure: {} };

export interface ScenarioRouter {
  readonly hostname: string;
  readonly model: ChassisModel;
  /** @defaultValue `sso` */
  readonly redundancy: RedundancyMode;
  /** IOS-XE version, e.g. `17.3.4a`. @defaultValue `17.3.4a` */
  readonly version: string;
  /**
   * Where the router starts the run; absent: the healthy state of a new router (`healthyStart`). A scenario
   * file declares it as `state:`; a server run over stored routers freezes each router's twin state here.
   */
  readonly start?: RouterStart;
  /**
   * RP/ESP generation, ESPs and power supplies installed (domain reference §8.9–§8.11); what is left out takes
   * `defaultHardware(model, version)`. A `start` lists the ESPs and supply bays of this population.
   */
  readonly hardware?: HardwareSpec;
}

/** Picks routers from the twin's fleet; all given fields must match. */
export interface RouterSelector {
  readonly fleet?: string;
  readonly model?: ChassisModel;
  readonly labels?: Readonly<Record<string, string>>;
  readonly hostnames?: readonly string[];
}

/** Default simulated-time bound of a scenario run (DESIGN.md: default 1h). */
export const DEFAULT_HORIZON_MS = 3_600_000;
/**
 * IOS-XE version given to routers that name none, except on the RP1-era ASR1001 and ASR1002, which have no 17.x
 * image and take 3.16.10S (`defaultSoftwareVersion`, domain §8.11).
 */
export const DEFAULT_SOFTWARE_VERSION = '17.3.4a';

/** Where a step acts. `active`/`standby` resolve at the moment the step fires. */
export type StepTarget =
  | { readonly kind: 'active' }
  | { readonly kind: 'standby' }
  | { readonly kind: 'router' }
  | { readonly kind: 'instance'; readonly name: InstanceName }
  | { readonly kind: 'host'; readonly slot: RpSlot }
  | { readonly kind: 'esp'; readonly slot: EspSlot }
  | { readonly kind: 'psu'; readonly slot: PsuSlot };

export type TargetKind = StepTarget['kind'];

/** Position of a construct in its source file (1-based), kept so runtime errors can point at it. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export const FAULTS = [
  'iosd-crash',
  'iosd-hang',
  'vm-crash',
  'host-kernel-panic',
  'host-oom',
  'rp-failure',
  'esp-failure',
  'power-loss',
  'config-sync-failure',
  'ipc-loss',
  'image-mismatch',
  'psu-failure',
] as const;
export type FaultName = (typeof FAULTS)[number];

export const ACTIONS = ['force-switchover', 'reload', 'issu', 'repair'] as const;
export type ActionName = (typeof ACTIONS)[number];

/**
 * Parameters of `image-mismatch`: the real release the unit's boot image is changed to (domain reference §8.12:
 * an image mismatch means the peer runs another real release, never an invented one). Without it the twin picks
 * {@link mismatchRelease}.
 */
export interface ImageMismatchParams {
  readonly version: string;
}

/**
 * Real releases `image-mismatch` moves a unit to when the step names none: the first that differs from the
 * unit's own (17.3.4a and 17.6.5 are releases the domain reference's captures show on ASR 1000s).
 */
export const MISMATCH_RELEASES = ['17.6.5', '17.3.4a'] as const;

/** The release `image-mismatch` gives a unit running `current` when the step names none. */
export function mismatchRelease(current: string): string {
  return MISMATCH_RELEASES.find((r) => r !== current) as string;
}

/**
 * ISSU command sets (domain reference §4.1, §8.7):
 * - `classic`: `issu loadversion` → `runversion` → `acceptversion` → `commitversion`, with the rollback timer
 *   (`issuRollbackTimer`, 45 min) started at loadversion and stopped at acceptversion;
 * - `install`: `install add file` → `install activate issu` (standby reset on the new image, switchover, the old
 *   active reset on the new image) → `install commit`, with the auto-abort timer (`issuAutoAbortTimer`, 120 min)
 *   started at activation and stopped by the commit; its expiry (or `install abort issu`) rolls back, standby first.
 */
export const ISSU_METHODS = ['classic', 'install'] as const;
export type IssuMethod = (typeof ISSU_METHODS)[number];

/**
 * What an ISSU replaces (domain reference §8.6):
 * - `image`: the consolidated image (a release change): hitless on a dual-RP chassis; on a single RP with two IOSd
 *   it needs an RP reload, i.e. the whole box (see {@link SingleRpImageIssuRule});
 * - `rpios`: only the IOSd sub-package (RPIOS), which a single RP with two IOSd changes hitlessly through an IOSd
 *   switchover; elsewhere it runs like `image`.
 */
export const ISSU_PACKAGES = ['image', 'rpios'] as const;
export type IssuPackage = (typeof ISSU_PACKAGES)[number];

/** Major IOS-XE release number of a version string: 3 for `3.16.10S`, 16 for `16.12.5`, 17 for `17.3.4a`. */
export function releaseMajor(version: string): number {
  const major = Number.parseInt(version, 10);
  return Number.isFinite(major) ? major : 0;
}

/**
 * The ISSU command set a release uses by default (domain reference §8.7): classic on 3.x, install mode on 16.x
 * and 17.x (16.x may still choose classic; a 16.8 ASR1K capture shows classic `issu` state output).
 */
export function defaultIssuMethod(version: string): IssuMethod {
  return releaseMajor(version) >= 16 ? 'install' : 'classic';
}

/** Why `method` cannot run on `version`, or null: install mode needs 16.x or later, 17.x has only install mode (§8.7). */
export function issuMethodRefusal(method: IssuMethod, version: string): string | null {
  const major = releaseMajor(version);
  if (method === 'install' && major < 16) {
    return `install-mode ISSU (install add / activate issu / commit) needs IOS XE 16.x or later; ${version} runs the classic issu command set`;
  }
  if (method === 'classic' && major >= 17) {
    return `IOS XE ${version} has no classic issu command set (issu loadversion …); use install mode (install add / activate issu / commit)`;
  }
  return null;
}

export interface IssuParams {
  /** Version the standby loads. */
  readonly toVersion: string;
  /** Command set; absent: {@link defaultIssuMethod} of the release the router runs when the step fires. */
  readonly method?: IssuMethod;
  /** What is upgraded. @defaultValue `image` */
  readonly package?: IssuPackage;
  /**
   * Whether the operator runs acceptversion + commitversion. `false` rehearses a stranded upgrade: the
   * rollback timer expires and the router rolls back. @defaultValue true
   */
  readonly accept: boolean;
  /** Simulated operator delay between ISSU steps, ms. @defaultValue 60_000 */
  readonly stepDelayMs: number;
}

export type ScenarioStep =
  | {
      readonly kind: 'fault';
      readonly atMs: number;
      readonly fault: FaultName;
      readonly target: StepTarget;
      /** `image-mismatch` only: the release the unit is given. */
      readonly params?: ImageMismatchParams;
      readonly position?: SourcePosition;
    }
  | {
      readonly kind: 'action';
      readonly atMs: number;
      readonly action: Exclude<ActionName, 'issu'>;
      readonly target: StepTarget;
      readonly position?: SourcePosition;
    }
  | {
      readonly kind: 'action';
      readonly atMs: number;
      readonly action: 'issu';
      readonly target: StepTarget;
      readonly params: IssuParams;
      readonly position?: SourcePosition;
    };

export const METRICS = ['dataPlaneOutage', 'controlPlaneOutage', 'redundancyRestored', 'switchovers'] as const;
export type MetricName = (typeof METRICS)[number];

/** Metrics measured in simulated time (ms); `switchovers` is a count. */
export const DURATION_METRICS: readonly MetricName[] = ['dataPlaneOutage', 'controlPlaneOutage', 'redundancyRestored'];

export const INVARIANTS = ['single-active'] as const;
export type InvariantName = (typeof INVARIANTS)[number];

export type Expectation =
  | {
      readonly kind: 'metric';
      readonly metric: MetricName;
      /** Upper bound, inclusive: ms for durations, a count for `switchovers`. */
      readonly max?: number;
      /** Lower bound, inclusive. */
      readonly min?: number;
      readonly position?: SourcePosition;
    }
  | { readonly kind: 'invariant'; readonly invariant: InvariantName; readonly position?: SourcePosition };

/**
 * Which targets each fault and action accepts, and the one it uses when the step names none.
 * A target that does not exist on a router's chassis (R1 on a single-RP model, F1 without a second ESP)
 * is rejected when the router is known: at parse time for embedded routers, at run start otherwise.
 */
export const STEP_TARGETS: Readonly<Record<FaultName | ActionName, { readonly allowed: readonly TargetKind[]; readonly defaultTarget: TargetKind }>> = {
  'iosd-crash': { allowed: ['active', 'standby', 'instance'], defaultTarget: 'active' },
  'iosd-hang': { allowed: ['active', 'standby', 'instance'], defaultTarget: 'active' },
  'vm-crash': { allowed: ['active', 'standby', 'instance'], defaultTarget: 'active' },
  'host-kernel-panic': { allowed: ['active', 'standby', 'host'], defaultTarget: 'active' },
  'host-oom': { allowed: ['active', 'standby', 'host'], defaultTarget: 'active' },
  'rp-failure': { allowed: ['active', 'standby', 'host'], defaultTarget: 'active' },
  'esp-failure': { allowed: ['active', 'standby', 'esp'], defaultTarget: 'active' },
  'psu-failure': { allowed: ['psu'], defaultTarget: 'psu' },
  'power-loss': { allowed: ['router'], defaultTarget: 'router' },
  'config-sync-failure': { allowed: ['standby', 'instance'], defaultTarget: 'standby' },
  'ipc-loss': { allowed: ['router'], defaultTarget: 'router' },
  'image-mismatch': { allowed: ['standby', 'instance'], defaultTarget: 'standby' },
  'force-switchover': { allowed: ['router', 'active'], defaultTarget: 'router' },
  reload: { allowed: ['router', 'standby', 'instance'], defaultTarget: 'router' },
  issu: { allowed: ['router'], defaultTarget: 'router' },
  repair: { allowed: ['router', 'active', 'standby', 'instance', 'host', 'esp', 'psu'], defaultTarget: 'router' },
};
