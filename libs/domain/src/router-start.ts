import { chassisAnatomy, type ChassisModel, type EspSlot, type InstanceName, type RpSlot } from './chassis.js';
import { DOMAIN_STATES, ESP_STATES, HOST_STATES, type DomainState, type EspState, type HostState } from './libvirt.js';
import { holdsActivity, RF, rfStateFromName, rfStateName, SWITCHOVER_REASONS, type RfStateCode, type RfStateName, type SwitchoverReason } from './rf-state.js';
import { PSU_SLOTS, PSU_STATES, type HardwareSpec, type PsuSlot, type PsuState } from './hardware.js';
import { initialRouterState, type RedundancyMode, type RouterTwinState } from './router-state.js';

/**
 * The state a router starts a run from (DESIGN.md "The twin of the real fleet"): its stored twin state
 * (`start: "twin"`), the healthy state of a new router (`start: "healthy"`), or the `state:` a scenario file
 * declares for an embedded router. Reports carry it per router (`routers[].start`), so a run can be replayed:
 * same start, scenario, seed and code give the same report.
 *
 * Every component of the chassis is listed, in anatomy order. The simulator holds each component in its
 * starting state until a step or its consequence moves it: a standby below STANDBY HOT stays there (the twin
 * stores an RF state, not how far a progression has gone, and a standby that never reached STANDBY HOT is
 * exactly what a run from the real fleet must answer for), a host that is not up stays down until `repair`,
 * a failed ESP stays failed until `repair`.
 */
export interface RouterStart {
  /**
   * Operating redundancy mode (`show redundancy`: "Operating Redundancy Mode"). It may be weaker than the
   * configured mode (an SSO router operating in RPR after an image mismatch, say) and then governs the run.
   */
  readonly operatingMode: RedundancyMode;
  readonly instances: readonly StartInstance[];
  readonly hosts: readonly StartHost[];
  /** The installed ESPs: F0, and F1 where a dual-ESP chassis has a second one (domain §8.10). */
  readonly esps: readonly StartEsp[];
  /** RF counters as `show redundancy` prints them; a run's `switchovers` metric counts from here. */
  readonly counters: StartCounters;
  /**
   * Power-supply bays (domain §8.9); absent: P0 and P1 `ok`. Listed only when a bay is failed or empty, so the
   * start of a router with both supplies healthy reads as before supplies were modelled.
   */
  readonly psus?: readonly StartPsu[];
}

export interface StartPsu {
  readonly slot: PsuSlot;
  readonly state: PsuState;
}

export interface StartInstance {
  readonly name: InstanceName;
  readonly rfState: RfStateName;
  readonly domainState: DomainState;
  /** Release the instance runs, e.g. `17.3.4a`; peers on different images cannot operate SSO (§2.1). */
  readonly image: string;
  /** Lasting: the unit cannot apply the active's configuration, so it cannot pass STANDBY COLD (§2.5). */
  readonly configSyncFailure: boolean;
}

export interface StartHost {
  readonly slot: RpSlot;
  /** A host that is not `up` is held down (RP failed) until a `repair` step. */
  readonly state: HostState;
}

export interface StartEsp {
  readonly slot: EspSlot;
  readonly state: EspState;
  /** Packet-ready and carrying traffic; only an `ok` ESP can forward. */
  readonly forwarding: boolean;
}

export interface StartCounters {
  readonly switchovers: number;
  readonly standbyFailures: number;
  readonly lastSwitchoverReason: SwitchoverReason;
}

/** Where a run's routers start: their stored twin state, or the healthy state of a new router. */
export const START_MODES = ['twin', 'healthy'] as const;
export type StartMode = (typeof START_MODES)[number];

export function isStartMode(value: unknown): value is StartMode {
  return typeof value === 'string' && (START_MODES as readonly string[]).includes(value);
}

const NO_COUNTERS: StartCounters = { switchovers: 0, standbyFailures: 0, lastSwitchoverReason: 'none' };

/**
 * The start of a router stored in the twin: its anatomy state, the operating mode a device reported (null:
 * derived from the configured mode and the images) and its RF counters.
 */
export function startFromTwin(
  state: RouterTwinState,
  reportedOperatingMode: RedundancyMode | null,
  counters: { readonly switchovers: number; readonly standbyFailures: number; readonly lastSwitchoverReason: string },
): RouterStart {
  const instances = state.instances.map((i) => ({
    name: i.name,
    rfState: rfStateName(i.rfState),
    domainState: i.domainState,
    image: i.softwareVersion,
    configSyncFailure: false,
  }));
  const reason = (SWITCHOVER_REASONS as readonly string[]).includes(counters.lastSwitchoverReason)
    ? (counters.lastSwitchoverReason as SwitchoverReason)
    : 'not known';
  const psus = state.psus ?? [];
  return {
    operatingMode: reportedOperatingMode ?? derivedOperatingMode(state.redundancyMode, instances, state.hosts),
    instances,
    hosts: state.hosts.map((h) => ({ slot: h.slot, state: h.state })),
    esps: state.esps.map((e) => ({ slot: e.slot, state: e.state, forwarding: e.forwarding })),
    counters: { switchovers: counters.switchovers, standbyFailures: counters.standbyFailures, lastSwitchoverReason: reason },
    ...(psus.some((p) => p.state !== 'ok') ? { psus: psus.map((p) => ({ slot: p.slot, state: p.state })) } : {}),
  };
}

/** The start of a freshly booted, healthy router (`initialRouterState`) with its population (`hardware`). */
export function healthyStart(model: ChassisModel, redundancyMode: RedundancyMode, softwareVersion: string, hardware?: HardwareSpec): RouterStart {
  return startFromTwin(initialRouterState({ model, redundancyMode, softwareVersion, ...(hardware === undefined ? {} : { hardware }) }), null, NO_COUNTERS);
}

/**
 * Configured mode as the router operates it, as the twin prints it in `show redundancy` when no device reported
 * one: non-redundant while an RP host is down (a dual-RP chassis without its peer RP is Simplex), RPR while an
 * SSO router's units run different images (§2.1), else the configured mode.
 */
export function derivedOperatingMode(
  configured: RedundancyMode,
  instances: readonly Pick<StartInstance, 'image'>[],
  hosts: readonly Pick<StartHost, 'state'>[],
): RedundancyMode {
  if (configured === 'none' || hosts.some((h) => h.state === 'down')) return 'none';
  if (configured !== 'sso') return configured;
  const [a, b] = instances;
  return a !== undefined && b !== undefined && a.image !== b.image ? 'rpr' : 'sso';
}

/** One reason a starting state is impossible, with the path of the offending part (`instances.R0/1.rfState`). */
export interface StartProblem {
  readonly path: string;
  readonly message: string;
}

const MODE_RANK: Readonly<Record<RedundancyMode, number>> = { none: 0, rpr: 1, sso: 2 };

/**
 * Why a starting state cannot exist on this chassis and configuration, or an empty list. Refused: components
 * the chassis lacks or lists twice, unknown states, two units holding activity, an operating mode stronger than
 * the configured one, STANDBY HOT without operating SSO (RPR standbys stop at STANDBY COLD, §2.1), a standby in
 * simplex, a running guest on a host that is not up, a forwarding ESP that is not `ok`, two forwarding ESPs.
 */
export function startProblems(model: ChassisModel, configured: RedundancyMode, start: RouterStart): StartProblem[] {
  const problems: StartProblem[] = [];
  const anatomy = chassisAnatomy(model);
  const add = (path: string, message: string): void => void problems.push({ path, message });
  checkComponents(
    anatomy.instances.map((p) => p.name),
    start.instances.map((i) => i.name),
    'instances',
    model,
    add,
  );
  checkComponents(
    anatomy.rpSlots,
    start.hosts.map((h) => h.slot),
    'hosts',
    model,
    add,
  );
  // A dual-ESP chassis may hold one ESP, in F0 (domain §8.10).
  checkComponents(
    anatomy.espSlots,
    start.esps.map((e) => e.slot),
    'esps',
    model,
    add,
    anatomy.espSlots.slice(0, 1),
  );
  if (start.psus !== undefined)
    checkComponents(
      PSU_SLOTS,
      start.psus.map((p) => p.slot),
      'psus',
      model,
      add,
    );
  if (problems.length > 0) return problems;
  if (MODE_RANK[start.operatingMode] > MODE_RANK[configured]) {
    add('operatingMode', `cannot operate ${start.operatingMode} when the configured mode is ${configured}`);
  } else if (start.operatingMode === 'sso' && derivedOperatingMode('sso', start.instances, []) !== 'sso') {
    add('operatingMode', `cannot operate SSO with the units on different images (${start.instances.map((i) => i.image).join(' and ')})`);
  }
  const codes = start.instances.map((i) => rfStateFromName(i.rfState));
  start.instances.forEach((i, k) => {
    const code = codes[k];
    const at = `instances.${i.name}`;
    if (code === undefined) return add(`${at}.rfState`, `unknown RF state "${i.rfState}"`);
    if (!(DOMAIN_STATES as readonly string[]).includes(i.domainState)) return add(`${at}.domainState`, `unknown libvirt state "${i.domainState}"`);
    checkInstance(start, i, code, at, add);
  });
  const active = start.instances.filter((_, k) => codes[k] !== undefined && holdsActivity(codes[k] as RfStateCode));
  if (active.length > 1) {
    add('instances', `two units hold activity (${active.map((i) => `${i.name} ${i.rfState}`).join(', ')}): at most one IOS instance may be active`);
  }
  for (const h of start.hosts) {
    if (!(HOST_STATES as readonly string[]).includes(h.state)) add(`hosts.${h.slot}`, `unknown host state "${h.state}"`);
  }
  start.esps.forEach((e) => {
    if (!(ESP_STATES as readonly string[]).includes(e.state)) add(`esps.${e.slot}`, `unknown ESP state "${e.state}"`);
    else if (e.forwarding && e.state !== 'ok') add(`esps.${e.slot}`, `ESP ${e.slot} is ${e.state}, so it cannot forward`);
  });
  if (start.esps.filter((e) => e.forwarding).length > 1) add('esps', 'only the active ESP forwards; two ESPs are marked forwarding');
  for (const p of start.psus ?? []) {
    if (!(PSU_STATES as readonly string[]).includes(p.state)) add(`psus.${p.slot}`, `unknown power-supply state "${p.state}" (${PSU_STATES.join(', ')})`);
  }
  if (start.psus !== undefined && start.psus.every((p) => p.state !== 'ok')) {
    add('psus', 'no power supply is ok: the router would be powered off, and a start is a running router');
  }
  return problems;
}

function checkComponents(
  expected: readonly string[],
  given: readonly string[],
  path: string,
  model: ChassisModel,
  add: (path: string, message: string) => void,
  required: readonly string[] = expected,
): void {
  for (const name of given) {
    if (!expected.includes(name)) add(`${path}.${name}`, `${model} has no ${name} (it has ${expected.join(', ')})`);
  }
  for (const name of expected) {
    const n = given.filter((g) => g === name).length;
    if (n === 0 && required.includes(name)) add(path, `${name} is missing`);
    else if (n > 1) add(`${path}.${name}`, `${name} is listed ${n} times`);
  }
}

function checkInstance(start: RouterStart, i: StartInstance, code: RfStateCode, at: string, add: (path: string, message: string) => void): void {
  const running = i.domainState === 'RUNNING' || i.domainState === 'BLOCKED' || i.domainState === 'PAUSED';
  const host = start.hosts.find((h) => h.slot === i.name.slice(0, 2));
  if (host !== undefined && host.state !== 'up' && running) {
    return add(`${at}.domainState`, `guest ${i.name} cannot be ${i.domainState} on host ${host.slot}, which is ${host.state}`);
  }
  if (code > RF.DISABLED && !running) add(`${at}.domainState`, `an instance in ${i.rfState} must be a running guest, not ${i.domainState}`);
  if (start.operatingMode === 'none' && code >= RF.INITIALIZATION && !holdsActivity(code)) {
    add(`${at}.rfState`, `a simplex router has no standby; ${i.name} cannot be ${i.rfState}`);
  } else if (code === RF.STANDBY_HOT && start.operatingMode !== 'sso') {
    add(`${at}.rfState`, `STANDBY HOT needs SSO; operating ${start.operatingMode.toUpperCase()}, a standby stops at STANDBY COLD`);
  }
  if (i.configSyncFailure && code > RF.STANDBY_COLD && !holdsActivity(code)) {
    add(`${at}.configSyncFailure`, `a unit that fails config sync cannot pass STANDBY COLD (it is ${i.rfState})`);
  }
}
