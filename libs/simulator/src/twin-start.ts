import {
  chassisAnatomy,
  DOMAIN_STATES,
  ESP_STATES,
  HOST_STATES,
  RF,
  SWITCHOVER_REASONS,
  type RedundancyMode,
  type RouterTwinState,
} from '@asr-twin/domain';
import { TK } from './engine-core.js';
import { ACTIVE_BOOT_DONE_IDX } from './rf-progression.js';
import { REASON, SEQ, type InstanceSim, type SimState } from './sim-state.js';

/**
 * A router as the twin stores it: the starting point of an action played on the engine instead of the healthy
 * router a scenario starts from.
 */
export interface TwinRouterInput {
  readonly hostname: string;
  /** Stored anatomy state: configured mode, hosts, IOS instances, ESPs. */
  readonly state: RouterTwinState;
  /**
   * The operating mode a device reported when it differs from the configured one (`rpr` on a router configured
   * for SSO, `none`), or null. The engine derives the operating mode itself, so this one replaces the configured
   * mode for the run: an SSO router operating in RPR behaves as an RPR one (no bulk sync, non-SSO switchover).
   */
  readonly operatingMode: RedundancyMode | null;
  readonly counters: {
    readonly switchovers: number;
    readonly standbyFailures: number;
    /** CLI spelling (`none`, `user forced`, …); a reason outside the list is kept as `not known`. */
    readonly lastSwitchoverReason: string;
  };
}

/** The mode the engine runs the stored router in (see {@link TwinRouterInput.operatingMode}). */
export function engineMode(router: TwinRouterInput): RedundancyMode {
  return router.operatingMode ?? router.state.redundancyMode;
}

/** Order of the STANDBY progression (rf-progression.ts), for placing a stored standby in it. */
const STANDBY_ORDER = [RF.INITIALIZATION, RF.NEGOTIATION, RF.STANDBY_COLD, RF.STANDBY_COLD_CONFIG, RF.STANDBY_COLD_FILESYS, RF.STANDBY_COLD_BULK, RF.STANDBY_HOT] as const;

/**
 * Places one stored instance in the engine. The twin stores RF states, not progression timers, so a unit is
 * taken as settled in its stored state: running (DISABLED and UNKNOWN are not running), with no pending stage.
 * A unit of the ACTIVE family is a settled active; one in INITIALIZATION … STANDBY HOT sits at that stage of the
 * standby progression.
 */
function loadInstance(s: SimState, u: InstanceSim, stored: RouterTwinState['instances'][number]): void {
  const rf = stored.rfState;
  u.rf = rf;
  u.dom = Math.max(0, DOMAIN_STATES.indexOf(stored.domainState));
  u.hung = 0;
  u.syncFail = 0;
  u.mismatch = 0;
  u.park = 0;
  u.epoch = 0;
  u.rfSince = 0;
  u.startedAt = 0;
  u.version = stored.softwareVersion;
  u.bootVersion = stored.softwareVersion;
  u.progStart = 0;
  if (rf >= RF.ACTIVE_FAST) {
    u.progSeq = SEQ.ACTIVE_BOOT;
    u.progIdx = ACTIVE_BOOT_DONE_IDX;
    u.progTotal = s.coldActiveMs;
  } else if (rf >= RF.INITIALIZATION) {
    u.progSeq = SEQ.STANDBY;
    u.progIdx = STANDBY_ORDER.indexOf(rf as (typeof STANDBY_ORDER)[number]) + 1;
    u.progTotal = s.timing[TK.standbyBootToHot] as number;
  } else {
    u.progSeq = SEQ.NONE;
    u.progIdx = 0;
    u.progTotal = 0;
  }
}

function loadPlatform(s: SimState, state: RouterTwinState): void {
  state.hosts.forEach((h, k) => {
    const host = s.host[k];
    if (!host) return;
    host.state = Math.max(0, HOST_STATES.indexOf(h.state));
    host.epoch = 0;
    host.rpFailed = 0;
  });
  s.espActive = Math.max(0, state.esps.findIndex((e) => e.role === 'active'));
  state.esps.forEach((e, k) => {
    const esp = s.esp[k];
    if (!esp) return;
    esp.state = Math.max(0, ESP_STATES.indexOf(e.state));
    esp.forwarding = e.forwarding ? 1 : 0;
    // An ESP that is up holds the state the active IOS pushed to it (programEsps programs every ready ESP).
    esp.programmed = e.state === 'ok' ? 1 : 0;
    esp.failed = e.state === 'failed' ? 1 : 0;
    esp.epoch = 0;
  });
}

/**
 * Overwrites a freshly reset engine state (`resetState`, t = 0, no event but the scenario's steps) with a stored
 * router: RF and libvirt states and images of both instances, host and ESP states, the RF counters. Not stored
 * by the twin, so taken as absent: a hung unit, an IPC loss, lasting faults other than a failed ESP (RP failure,
 * config-sync failure, power loss) and an ISSU in progress.
 */
export function loadTwin(s: SimState, router: TwinRouterInput): void {
  const anatomy = chassisAnatomy(router.state.model);
  anatomy.instances.forEach((placement, k) => {
    const stored = router.state.instances.find((i) => i.name === placement.name);
    if (stored) loadInstance(s, s.inst[k] as InstanceSim, stored);
  });
  loadPlatform(s, router.state);
  const active = router.state.instances.find((i) => i.rfState >= RF.ACTIVE_FAST) ?? router.state.instances[0];
  s.baseVersion = active?.softwareVersion ?? s.baseVersion;
  const reason = (SWITCHOVER_REASONS as readonly string[]).indexOf(router.counters.lastSwitchoverReason);
  s.switchovers = router.counters.switchovers;
  s.standbyFailures = router.counters.standbyFailures;
  s.lastReason = reason >= 0 ? reason : REASON.NOT_KNOWN;
}
