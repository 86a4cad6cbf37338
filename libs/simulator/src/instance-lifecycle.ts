import { canReceiveActivity, RF, type RfStateCode } from '@asr-twin/domain';
import { activeIndex, draw, emit, domName, hostName, hostOf, hostStateName, instanceName, operatingMode, operatingSso, schedule, TK } from './engine-core.js';
import { beginEspColdStart, resetEsps, resumeEsps, setEspState, updateForwarding } from './esp-model.js';
import { beginColdActive, beginStandby, beginTakeover, setRf } from './rf-progression.js';
import { SWITCHOVER_REASONS } from '@asr-twin/domain';
import { DOM, ESP, EV, HOST, SEQ, type InstanceSim, type SimState } from './sim-state.js';

// Hot-path codes as module-level constants: V8 folds these, but not property loads on the imported objects
// (measured 6–20 % of engine time).
const { ACTIVE_FAST, DISABLED, STANDBY_HOT } = RF;
const { NONE: SEQ_NONE } = SEQ;
const { HOST_UP, IOS_START, PEER_LOST } = EV;
const { CRASHED, RUNNING, SHUTOFF } = DOM;
const { DOWN, REBOOTING, UP } = HOST;
const { FAILED } = ESP;

/** How an IOS guest goes down, which decides its libvirt state and lifecycle event (domain §6.2–§6.3). */
export const CAUSE = {
  /** Guest panic with a panic device: CRASHED / PANICKED, state CRASHED. */
  CRASH: 0,
  /** QEMU process died (segfault, OOM kill): STOPPED / FAILED, state SHUTOFF (reason CRASHED). */
  QEMU: 1,
  /** Reset in place (watchdog, RF reset): the domain stays RUNNING while IOS restarts. */
  RESET: 2,
  /** Orderly stop (reload, planned switchover): STOPPED / SHUTDOWN, state SHUTOFF. */
  SHUTDOWN: 3,
  /** Its host died with it: no libvirt event can be sent, state SHUTOFF. */
  HOST_LOST: 4,
} as const;

const CAUSE_DOM = [CRASHED, SHUTOFF, RUNNING, SHUTOFF, SHUTOFF] as const;
const CAUSE_EVENT = ['libvirt CRASHED/PANICKED', 'libvirt STOPPED/FAILED (shutoff reason CRASHED)', '', 'libvirt STOPPED/SHUTDOWN', 'host lost'] as const;

export function setHost(s: SimState, h: number, state: number): void {
  const old = s.host[h].state;
  if (old === state) return;
  s.host[h].state = state;
  if (s.timeline !== null) emit(s, hostName(h), 'host-state', hostStateName(old), hostStateName(state));
}

/**
 * Takes an instance down: RF DISABLED, libvirt state per cause; cancels its pending events. Only a running
 * guest can crash; an orderly stop or the loss of its host turns any guest (also a CRASHED one) SHUTOFF.
 */
export function killInstance(s: SimState, i: number, cause: number): void {
  const u = s.inst[i] as InstanceSim;
  const dom = CAUSE_DOM[cause] as number;
  const oldDom = u.dom;
  if (dom !== oldDom && (oldDom === RUNNING || dom === SHUTOFF)) {
    u.dom = dom;
    if (s.timeline !== null) emit(s, instanceName(s, i), CAUSE_EVENT[cause] as string, domName(oldDom), domName(dom));
  }
  u.epoch++;
  u.progSeq = SEQ_NONE;
  u.park = 0;
  u.hung = 0;
  setRf(s, i, DISABLED);
}

/** The guest runs again (STARTED / BOOTED) on its boot image and begins its RF progression. */
export function startInstance(s: SimState, i: number): void {
  const u = s.inst[i] as InstanceSim;
  const oldDom = u.dom;
  if (oldDom !== RUNNING) {
    u.dom = RUNNING;
    if (s.timeline !== null) emit(s, instanceName(s, i), 'libvirt STARTED/BOOTED', domName(oldDom), 'RUNNING');
  }
  const modeBefore = s.timeline !== null ? operatingMode(s) : 'none';
  u.version = u.bootVersion;
  u.startedAt = s.now;
  if (s.timeline !== null && operatingMode(s) !== modeBefore) {
    emit(s, 'router', 'redundancy-mode', modeBefore, operatingMode(s));
  }
  if (s.designated === i) {
    s.designated = -1;
    beginColdActive(s, i);
  } else {
    beginStandby(s, i);
  }
}

/** `EV.IOS_START`: the KVM supervisor restarts a dead guest, if its host is up (simplex runs one unit only). */
export function onIosStart(s: SimState, i: number): void {
  if (s.host[hostOf(s, i)].state !== UP) return;
  if (s.configuredMode === 'none' && s.inst[1 - i].progSeq >= 0) return;
  startInstance(s, i);
}

export function scheduleRestart(s: SimState, i: number, key: number): void {
  schedule(s, draw(s, key), IOS_START, i, s.inst[i].epoch);
}

/** Reboots one RP's Linux host; its guests go down with it and start when it is up (`rpBoot`, `hostBoot`). */
export function rebootHost(s: SimState, h: number, key: number): void {
  setHost(s, h, REBOOTING);
  for (let i = 0; i < 2; i++) if (hostOf(s, i) === h) killInstance(s, i, CAUSE.HOST_LOST);
  s.host[h].epoch++;
  schedule(s, draw(s, key), HOST_UP, h, s.host[h].epoch);
}

/**
 * Recovery of a unit that went down. On a dual-RP chassis IOSd is `norestart`/`critical` (domain §8.4): any
 * IOSd failure, active or standby, reloads its whole RP, Linux included (`rpBoot`), and the unit comes back
 * through the standby progression. With two IOSd on one RP, the failed instance alone is restarted after
 * `restartKey`, while Linux, the other IOSd and the ESP keep running.
 */
export function recoverAfterLoss(s: SimState, i: number, restartKey: number): void {
  if (s.dualRp) rebootHost(s, hostOf(s, i), TK.rpBoot);
  else scheduleRestart(s, i, restartKey);
}

/** Whether a unit can take activity now: running, responsive, STANDBY COLD or HOT (domain §2.4). */
export function canTakeOver(s: SimState, p: number): boolean {
  return s.configuredMode !== 'none' && s.inst[p].progSeq >= 0 && s.inst[p].hung === 0 && canReceiveActivity(s.inst[p].rf as RfStateCode);
}

/**
 * Switchover to peer `p` (the old active has already dropped activity). From STANDBY HOT under operating
 * SSO it is stateful: ACTIVE within `iosSwitchover` and the ESP keeps forwarding (§1.5). Otherwise (RPR, or
 * the peer still STANDBY COLD) it is a reload-like switchover: `rprSwitchover` to ACTIVE and the ESPs reset.
 */
export function switchover(s: SimState, p: number, reason: number): void {
  const sso = s.inst[p].rf === STANDBY_HOT && operatingSso(s);
  s.switchovers++;
  s.lastReason = reason;
  s.lastSwitchoverAt = s.now;
  if (s.timeline !== null) {
    const kind = sso ? 'sso' : 'non-sso, data plane reset';
    emit(s, 'router', `switchover (${kind}): ${SWITCHOVER_REASONS[reason] as string}`, instanceName(s, 1 - p), instanceName(s, p));
  }
  const takeover = draw(s, sso ? TK.iosSwitchover : TK.rprSwitchover);
  endProtocolRecovery(s);
  if (sso) s.protoUntil = s.now + takeover + draw(s, TK.protocolRecovery);
  beginTakeover(s, p, takeover);
  if (!sso) resetEsps(s);
}

/**
 * Activity moves again or the system restarts: the routing sessions being recovered are gone (§8.20). An SSO
 * switchover opens a new window that ends `protocolRecovery` after the takeover reaches ACTIVE; it counts only
 * while a working ACTIVE exists (`accountTo`), so the takeover itself stays control-plane outage.
 */
function endProtocolRecovery(s: SimState): void {
  if (s.protoUntil > s.now) s.protoUntil = s.now;
}

/**
 * The whole chassis reloads (power-on, `reload`, single-RP host reboot, or an active lost with no peer
 * able to take over, §7 #3, #14, #15). Hosts boot in `hostBoot`; ESPs are packet-ready after
 * `espPacketReady`; the unit that wins negotiation is ACTIVE `chassisReload` after the start; the other
 * follows as standby. Failed RPs/ESPs stay down; on models that reload on ESP failure the reload clears it.
 */
export function chassisReload(s: SimState, why: string): void {
  s.epoch++;
  endProtocolRecovery(s);
  if (s.timeline !== null) emit(s, 'router', 'chassis-reload', null, why);
  killInstance(s, 0, s.host[hostOf(s, 0)].rpFailed !== 0 ? CAUSE.HOST_LOST : CAUSE.SHUTDOWN);
  killInstance(s, 1, s.host[hostOf(s, 1)].rpFailed !== 0 ? CAUSE.HOST_LOST : CAUSE.SHUTDOWN);
  const total = draw(s, TK.chassisReload);
  const hostUp = Math.min(draw(s, TK.hostBoot), total);
  s.coldActiveMs = Math.max(1, total - hostUp);
  const hosts = s.dualRp ? 2 : 1;
  for (let h = 0; h < hosts; h++) {
    s.host[h].epoch++;
    if (s.powerLost === 1 || s.host[h].rpFailed !== 0) {
      setHost(s, h, DOWN);
      continue;
    }
    setHost(s, h, REBOOTING);
    schedule(s, hostUp, HOST_UP, h, s.host[h].epoch);
  }
  for (let e = 0; e < s.espCount; e++) {
    if (s.esp[e].failed === 1 && s.reloadOnEspFailure) s.esp[e].failed = 0;
    if (s.esp[e].failed === 1) setEspState(s, e, FAILED);
  }
  resetEsps(s);
  beginEspColdStart(s);
  s.designated = s.host[hostOf(s, 0)].rpFailed === 0 ? 0 : s.host[hostOf(s, 1)].rpFailed === 0 ? 1 : -1;
  updateForwarding(s);
}

/** `EV.HOST_UP`: the host and its hypervisor run again; its guests start. */
export function onHostUp(s: SimState, h: number): void {
  setHost(s, h, UP);
  resumeEsps(s);
  for (let i = 0; i < 2; i++) {
    if (hostOf(s, i) !== h || s.inst[i].progSeq >= 0) continue;
    if (s.configuredMode === 'none' && s.inst[1 - i].progSeq >= 0) continue;
    startInstance(s, i);
  }
}

/** `EV.HOST_REBOOT`: a panicked host reboots; on a single-RP chassis that is a chassis reload (§7 #14). */
export function onHostReboot(s: SimState, h: number): void {
  if (!s.dualRp) return chassisReload(s, `host ${hostName(h)} rebooted after kernel panic`);
  rebootHost(s, h, TK.hostBoot);
}

/** The active lost activity: the peer takes over if it can, otherwise the chassis reloads. */
export function failover(s: SimState, dead: number, reason: number): void {
  const p = 1 - dead;
  if (canTakeOver(s, p)) switchover(s, p, reason);
  else chassisReload(s, `active ${instanceName(s, dead)} lost, no standby able to take over`);
}

/**
 * An instance fails: it goes down by `cause`; if it held activity the peer takes over (or the chassis
 * reloads); a running standby that fails counts in `Standby failures`. It then recovers (`restartKey`; -1 when
 * its host's reboot will start it) unless a chassis reload already takes care of it.
 *
 * A unit that dies with its host (RP failure, kernel panic on a dual-RP chassis) sends nothing: the peer learns
 * of it only after `peerLossDetection` (domain §8.20), and the takeover starts then, not at the fault instant.
 * A crash, hang reset, QEMU death or OOM kill is signalled by the surviving host at once (§7 #12: treated as an
 * IOSd crash), so its takeover is immediate.
 */
export function loseInstance(s: SimState, i: number, cause: number, restartKey: number, reason: number): void {
  const wasActive = s.inst[i].rf >= ACTIVE_FAST;
  const wasRunning = s.inst[i].progSeq >= 0;
  killInstance(s, i, cause);
  const epoch = s.epoch;
  if (wasActive && cause === CAUSE.HOST_LOST) schedule(s, draw(s, TK.peerLossDetection), PEER_LOST, i * 8 + reason, s.epoch);
  else if (wasActive) failover(s, i, reason);
  else if (wasRunning) s.standbyFailures++;
  if (s.epoch === epoch && restartKey >= 0) recoverAfterLoss(s, i, restartKey);
}

/**
 * `EV.PEER_LOST` (argument: dead unit × 8 + switchover reason): the standby has noticed that the active's RP or
 * host is gone and takes over, or the chassis reloads when it cannot. Nothing to do if a unit holds activity again.
 */
export function onPeerLost(s: SimState, arg: number): void {
  if (activeIndex(s) >= 0) return;
  const dead = arg >>> 3;
  if (s.timeline !== null) emit(s, instanceName(s, 1 - dead), 'peer loss detected', instanceName(s, dead), null);
  failover(s, dead, arg & 7);
}
