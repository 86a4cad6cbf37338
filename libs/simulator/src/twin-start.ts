import {
  chassisAnatomy,
  derivedOperatingMode,
  DOMAIN_STATES,
  ESP_STATES,
  HOST_STATES,
  RF,
  rfStateFromName,
  startFromTwin,
  SWITCHOVER_REASONS,
  type RedundancyMode,
  type RouterStart,
  type RouterTwinState,
} from '@asr-twin/domain';
import { TK } from './engine-core.js';
import { ACTIVE_BOOT_DONE_IDX, STANDBY_COLD_GATE_IDX, STANDBY_DONE_IDX } from './rf-progression.js';
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
   * for SSO, `none`), or null. It replaces the configured mode for the run: an SSO router operating in RPR
   * behaves as an RPR one (no bulk sync, non-SSO switchover).
   */
  readonly operatingMode: RedundancyMode | null;
  readonly counters: {
    readonly switchovers: number;
    readonly standbyFailures: number;
    /** CLI spelling (`none`, `user forced`, …); a reason outside the list is kept as `not known`. */
    readonly lastSwitchoverReason: string;
  };
}

/** The starting state of a stored router (see `startFromTwin`). */
export function twinStart(router: TwinRouterInput): RouterStart {
  return startFromTwin(router.state, router.operatingMode, router.counters);
}

/** Order of the STANDBY progression (rf-progression.ts), for placing a held standby in it. */
const STANDBY_ORDER = [
  RF.INITIALIZATION,
  RF.NEGOTIATION,
  RF.STANDBY_COLD,
  RF.STANDBY_COLD_CONFIG,
  RF.STANDBY_COLD_FILESYS,
  RF.STANDBY_COLD_BULK,
  RF.STANDBY_HOT,
] as const;

/**
 * The mode the engine runs a start in: the configured mode, unless the router reported a weaker operating mode
 * than the one its configuration, images and hosts give (an SSO router operating in RPR with both units on one
 * image); then the reported one. A router non-redundant because its peer RP is down keeps its configured mode,
 * so the peer comes back as a standby once the RP is repaired.
 */
function engineModeOf(configured: RedundancyMode, start: RouterStart): RedundancyMode {
  return start.operatingMode === derivedOperatingMode(configured, start.instances, start.hosts) ? configured : start.operatingMode;
}

/**
 * Places one instance in the engine. A unit of the ACTIVE family is a settled active. STANDBY HOT is a settled
 * standby, and so is STANDBY COLD when the router does not operate SSO (where RPR standbys wait, §2.1). Any other
 * standby stage (INITIALIZATION … STANDBY COLD-BULK) is held there with nothing pending: the twin stores the RF
 * state, not how far the progression has gone, and a standby observed below STANDBY HOT is taken as not getting
 * further by itself until a step (a reload, a repair, a switchover) moves it. DISABLED and UNKNOWN are not running.
 */
function loadInstance(s: SimState, u: InstanceSim, stored: RouterStart['instances'][number], sso: boolean): void {
  const rf = rfStateFromName(stored.rfState) ?? RF.UNKNOWN;
  u.rf = rf;
  u.dom = Math.max(0, DOMAIN_STATES.indexOf(stored.domainState));
  u.hung = 0;
  u.syncFail = stored.configSyncFailure ? 1 : 0;
  u.mismatch = 0;
  u.park = 0;
  u.epoch = 0;
  u.rfSince = 0;
  u.startedAt = 0;
  u.version = stored.image;
  u.bootVersion = stored.image;
  u.progStart = 0;
  u.progBoot = s.timing[TK.iosBoot] as number;
  u.progTotal = u.progBoot + (s.timing[TK.bulkSync] as number);
  if (rf >= RF.ACTIVE_FAST) {
    u.progSeq = SEQ.ACTIVE_BOOT;
    u.progIdx = ACTIVE_BOOT_DONE_IDX;
    u.progBoot = s.coldActiveMs;
    u.progTotal = s.coldActiveMs;
  } else if (rf === RF.STANDBY_HOT) {
    u.progSeq = SEQ.STANDBY;
    u.progIdx = STANDBY_DONE_IDX;
  } else if (rf === RF.STANDBY_COLD && !sso) {
    u.progSeq = SEQ.STANDBY;
    u.progIdx = STANDBY_COLD_GATE_IDX;
    u.park = 2;
  } else if (rf >= RF.INITIALIZATION) {
    u.progSeq = SEQ.STANDBY;
    u.progIdx = STANDBY_ORDER.indexOf(rf as (typeof STANDBY_ORDER)[number]) + 1;
  } else {
    u.progSeq = SEQ.NONE;
    u.progIdx = 0;
  }
}

/** Hosts that are not up are held down as a lasting RP failure (`repair` brings them back); ESPs as given. */
function loadPlatform(s: SimState, start: RouterStart): void {
  start.hosts.forEach((h, k) => {
    const host = s.host[k];
    if (!host) return;
    host.state = Math.max(0, HOST_STATES.indexOf(h.state));
    host.epoch = 0;
    host.rpFailed = h.state === 'up' ? 0 : 1;
  });
  const forwarding = start.esps.findIndex((e) => e.forwarding);
  const ready = start.esps.findIndex((e) => e.state === 'ok');
  s.espActive = Math.max(0, forwarding >= 0 ? forwarding : ready);
  start.esps.forEach((e, k) => {
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

/** Sets the metric conditions and the redundancy clock for the loaded state (as `engine.refresh` would). */
function loadConditions(s: SimState): void {
  const a = s.inst[0] as InstanceSim;
  const b = s.inst[1] as InstanceSim;
  const ok0 = a.rf === RF.ACTIVE;
  const ok1 = b.rf === RF.ACTIVE;
  s.cpUp = ok0 || ok1 ? 1 : 0;
  s.dpUp = s.esp[0]?.forwarding === 1 || (s.espCount === 2 && s.esp[1]?.forwarding === 1) ? 1 : 0;
  s.dualUp = a.rf >= RF.ACTIVE_FAST && b.rf >= RF.ACTIVE_FAST ? 1 : 0;
  const redundant = (ok0 && b.rf === RF.STANDBY_HOT) || (ok1 && a.rf === RF.STANDBY_HOT);
  s.startRedundant = redundant ? 1 : 0;
  s.lostAt = s.tRef === 0 && !redundant ? 0 : -1;
}

/**
 * Overwrites a freshly reset engine state (`resetState`, t = 0, no event but the scenario's steps) with a
 * starting state: RF and libvirt states, images and config-sync failures of both instances, host and ESP
 * states, the operating mode, the RF counters (the `switchovers` metric counts from them). Not part of a start,
 * so absent: a hung unit, an IPC loss, power loss and an ISSU in progress. Loading the healthy start of a router
 * gives exactly the state `resetState` builds for it.
 */
export function loadStart(s: SimState, start: RouterStart): void {
  s.configuredMode = engineModeOf(s.configuredMode, start);
  const sso = start.operatingMode === 'sso';
  const anatomy = chassisAnatomy(s.model);
  anatomy.instances.forEach((placement, k) => {
    const stored = start.instances.find((i) => i.name === placement.name);
    if (stored) loadInstance(s, s.inst[k] as InstanceSim, stored, sso);
  });
  loadPlatform(s, start);
  const active = start.instances.find((i) => (rfStateFromName(i.rfState) ?? 0) >= RF.ACTIVE_FAST) ?? start.instances[0];
  s.baseVersion = active?.image ?? s.baseVersion;
  const reason = (SWITCHOVER_REASONS as readonly string[]).indexOf(start.counters.lastSwitchoverReason);
  s.switchovers = start.counters.switchovers;
  s.switchoverBase = start.counters.switchovers;
  s.standbyFailures = start.counters.standbyFailures;
  s.lastReason = reason >= 0 ? reason : REASON.NOT_KNOWN;
  loadConditions(s);
}
