import { RF } from '@asr-twin/domain';
import { heapDropRoot } from './event-queue.js';
import { onEspReady, onEspTakeover } from './esp-model.js';
import { onHangDetected } from './fault-handlers.js';
import { onHostReboot, onHostUp, onIosStart, onPeerLost } from './instance-lifecycle.js';
import { issuCheck, issuWaiting, onIssuCommand, onIssuRollback } from './issu-driver.js';
import { onIpcDetected, onMclFailure } from './redundancy-faults.js';
import { onRfEvent, wakeParked } from './rf-progression.js';
import { EV, type EspSim, type InstanceSim, type SimState } from './sim-state.js';
import { fireStep } from './step-dispatch.js';

// Hot-path codes as module-level constants: V8 folds these, but not property loads on the imported objects
// (measured 6–20 % of engine time).
const { ACTIVE, ACTIVE_FAST, STANDBY_HOT } = RF;
const { ESP_READY, ESP_TAKEOVER, HANG_DETECT, HOST_REBOOT, HOST_UP, IOS_START, IPC_DETECT, ISSU: ISSU_EVENT, PEER_LOST, RF: RF_EVENT, STEP } = EV;

/**
 * Runs one popped event: drops it if its token no longer matches its target's epoch (the target was
 * killed, rebooted or repaired since it was scheduled), else handles it and re-evaluates conditions.
 */
function handle(s: SimState, kind: number, arg: number, token: number): void {
  switch (kind) {
    case STEP:
      fireStep(s, arg);
      break;
    case RF_EVENT:
      if (s.inst[arg].epoch !== token || !onRfEvent(s, arg)) return;
      if (s.inst[arg].syncFail === 1) onMclFailure(s, arg);
      break;
    case IOS_START:
      if (s.inst[arg].epoch !== token) return;
      onIosStart(s, arg);
      break;
    case HANG_DETECT:
      if (s.inst[arg].epoch !== token) return;
      onHangDetected(s, arg);
      break;
    case HOST_REBOOT:
      if (s.host[arg].epoch !== token) return;
      onHostReboot(s, arg);
      break;
    case HOST_UP:
      if (s.host[arg].epoch !== token) return;
      onHostUp(s, arg);
      break;
    default:
      if (!handleRare(s, kind, arg, token)) return;
  }
  refresh(s);
}

function handleRare(s: SimState, kind: number, arg: number, token: number): boolean {
  switch (kind) {
    case ESP_READY:
      if (s.esp[arg].epoch !== token) return false;
      onEspReady(s, arg);
      return true;
    case ESP_TAKEOVER:
      if (s.esp[arg].epoch !== token) return false;
      onEspTakeover(s, arg);
      return true;
    case IPC_DETECT:
      if (s.ipcEpoch !== token || s.ipcLost === 0) return false;
      onIpcDetected(s);
      return true;
    case ISSU_EVENT:
      if (s.issuEpoch !== token) return false;
      onIssuCommand(s, arg);
      return true;
    case PEER_LOST:
      if (s.epoch !== token) return false;
      onPeerLost(s, arg);
      return true;
    default:
      if (s.issuEpoch !== token) return false;
      onIssuRollback(s);
      return true;
  }
}

/**
 * Adds the time since the last accounting to the outage sums, with the conditions that held over it, and the
 * part of it inside a protocol-recovery window while a working ACTIVE exists.
 */
export function accountTo(s: SimState, t: number): void {
  const dt = t - s.lastT;
  if (dt <= 0) return;
  if (s.cpUp === 0) s.cpOutMs += dt;
  else if (s.protoUntil > s.lastT) s.protoMs += Math.min(t, s.protoUntil) - s.lastT;
  if (s.dpUp === 0) s.dpOutMs += dt;
  if (s.dualUp === 1) s.dualMs += dt;
  s.lastT = t;
}

/**
 * Re-evaluates the metric conditions after an event (DESIGN.md "Results"): control plane up = an instance
 * in RF ACTIVE that is not hung; data plane up = an ESP forwarding; dual active = both in the ACTIVE family;
 * redundant = a working ACTIVE with a working STANDBY HOT peer. Then wakes parked units and the ISSU driver.
 */
export function refresh(s: SimState): void {
  const a = s.inst[0] as InstanceSim;
  const b = s.inst[1] as InstanceSim;
  const ok0 = a.rf === ACTIVE && a.hung === 0;
  const ok1 = b.rf === ACTIVE && b.hung === 0;
  s.cpUp = ok0 || ok1 ? 1 : 0;
  s.dpUp = (s.esp[0] as EspSim).forwarding === 1 || (s.esp[1] as EspSim).forwarding === 1 ? 1 : 0;
  s.dualUp = a.rf >= ACTIVE_FAST && b.rf >= ACTIVE_FAST ? 1 : 0;
  if (s.tRef >= 0 && s.restoredAt < 0) {
    const red = (ok0 && b.rf === STANDBY_HOT && b.hung === 0) || (ok1 && a.rf === STANDBY_HOT && a.hung === 0);
    if (!red) {
      if (s.lostAt < 0) s.lostAt = s.now;
    } else if (s.lostAt >= 0) {
      s.restoredAt = s.now;
    }
  }
  if (a.park + b.park !== 0) wakeParked(s);
  if (s.issuPhase !== 0 && issuWaiting(s.issuPhase)) issuCheck(s);
}

/**
 * Processes the next event if it is due at or before `untilMs`; returns false when none is. Time never goes
 * backwards: events pop in (time, seq) order and every delay is ≥ 0.
 */
export function stepOnce(s: SimState, untilMs: number): boolean {
  const q = s.queue;
  if (s.queueLength === 0 || (q[0] as number) > untilMs) return false;
  const t = q[0] as number;
  const code = q[2] as number;
  const token = q[3] as number;
  s.queueLength = heapDropRoot(q, s.queueLength);
  accountTo(s, t);
  s.now = t;
  s.events++;
  handle(s, code & 15, code >>> 4, token);
  return true;
}

/** Processes every event due at or before `untilMs` (capped at the horizon), then moves the clock there. */
export function runUntil(s: SimState, untilMs: number): void {
  const limit = Math.min(untilMs, s.horizonMs);
  const q = s.queue;
  while (s.queueLength !== 0) {
    const t = q[0] as number;
    if (t > limit) break;
    const code = q[2] as number;
    const token = q[3] as number;
    s.queueLength = heapDropRoot(q, s.queueLength);
    if (t > s.lastT) accountTo(s, t);
    s.now = t;
    s.events++;
    handle(s, code & 15, code >>> 4, token);
  }
  if (limit > s.now) {
    accountTo(s, limit);
    s.now = limit;
  }
}
