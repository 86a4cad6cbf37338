import { RF } from '@asr-twin/domain';
import { draw, emit, instanceName, operatingSso, rfName, schedule, TK } from './engine-core.js';
import { programEsps } from './esp-model.js';
import { EV, SEQ, type InstanceSim, type SimState } from './sim-state.js';

// Hot-path codes as module-level constants: V8 folds these, but not property loads on the imported objects
// (measured 6–20 % of engine time).
const { ACTIVE, ACTIVE_DRAIN, ACTIVE_FAST, ACTIVE_POSTCONFIG, ACTIVE_PRECONFIG, INITIALIZATION, NEGOTIATION, STANDBY_COLD, STANDBY_COLD_BULK, STANDBY_COLD_CONFIG, STANDBY_COLD_FILESYS, STANDBY_HOT } = RF;
const { ACTIVE_BOOT: SEQ_ACTIVE_BOOT, STANDBY: SEQ_STANDBY, TAKEOVER: SEQ_TAKEOVER } = SEQ;
const { RF: RF_EVENT } = EV;

/**
 * RF progressions (domain §2.2, order **[inferred]** from the MIB): each is a list of states entered in turn
 * and the fraction of the progression's total duration at which each is entered.
 * - STANDBY: boot to STANDBY HOT over `standbyBootToHot`. The split is **[uncertain, no source]**: IOS boot and
 *   RF init to NEGOTIATION take 40 %, bulk config/file-system/client sync the rest, bulk sync the largest part
 *   ("varies with type and scale of configuration", §1.5).
 * - ACTIVE_BOOT: cold start of the unit that wins negotiation, over `chassisReload − hostBoot`: DISABLED →
 *   INITIALIZATION → NEGOTIATION → ACTIVE-FAST → ACTIVE-DRAIN → ACTIVE_PRECONFIG → ACTIVE_POSTCONFIG → ACTIVE,
 *   never NEGOTIATION straight to PRECONFIG (domain §8.2, a public ASR1004 `show redundancy history`). The
 *   capture stamps every step from INITIALIZATION to ACTIVE within one second of IOS uptime; the split of the
 *   duration here is **[uncertain]** and keeps the time to ACTIVE unchanged.
 * - TAKEOVER: a STANDBY peer taking activity (§2.2 order), over `iosSwitchover` (SSO, from STANDBY HOT) or
 *   `rprSwitchover` (from STANDBY COLD or under RPR). ACTIVE-FAST is entered at the switchover instant.
 */
const SEQ_STATES: readonly (readonly number[])[] = [
  [
    INITIALIZATION,
    NEGOTIATION,
    STANDBY_COLD,
    STANDBY_COLD_CONFIG,
    STANDBY_COLD_FILESYS,
    STANDBY_COLD_BULK,
    STANDBY_HOT,
  ],
  [INITIALIZATION, NEGOTIATION, ACTIVE_FAST, ACTIVE_DRAIN, ACTIVE_PRECONFIG, ACTIVE_POSTCONFIG, ACTIVE],
  [ACTIVE_FAST, ACTIVE_DRAIN, ACTIVE_PRECONFIG, ACTIVE_POSTCONFIG, ACTIVE],
];
const SEQ_AT: readonly (readonly number[])[] = [
  [0.02, 0.4, 0.45, 0.5, 0.6, 0.65, 1],
  [0.02, 0.4, 0.41, 0.43, 0.45, 0.85, 1],
  [0, 0.25, 0.5, 0.75, 1],
];
/** Index of NEGOTIATION in the STANDBY and ACTIVE_BOOT progressions (same in both). */
const NEG_IDX = 1;

/** Negotiation outcome for a unit leaving NEGOTIATION. */
const WAIT = 0;
const BECOME_STANDBY = 1;
const BECOME_ACTIVE = 2;

/** Sets an instance's RF state; reaching ACTIVE programs the ESPs (the active IOS owns the data path, §1.4). */
export function setRf(s: SimState, i: number, code: number): void {
  const u = s.inst[i] as InstanceSim;
  const old = u.rf;
  if (old === code) return;
  u.rf = code;
  u.rfSince = s.now;
  if (s.timeline !== null) emit(s, instanceName(s, i), 'rf-state', rfName(old), rfName(code));
  if (code === ACTIVE) programEsps(s);
}

function scheduleStage(s: SimState, i: number): void {
  const u = s.inst[i] as InstanceSim;
  const at = SEQ_AT[u.progSeq] as readonly number[];
  const t = u.progStart + Math.round(u.progTotal * (at[u.progIdx] as number));
  schedule(s, Math.max(0, t - s.now), RF_EVENT, i, u.epoch);
}

function startSeq(u: InstanceSim, seq: number, startMs: number, totalMs: number): void {
  u.epoch++;
  u.progSeq = seq;
  u.progStart = startMs;
  u.progTotal = totalMs;
  u.park = 0;
}

/** Starts a progression from its first state; cancels any pending progression of the instance. */
export function beginProgression(s: SimState, i: number, seq: number, totalMs: number): void {
  const u = s.inst[i] as InstanceSim;
  startSeq(u, seq, s.now, totalMs);
  u.progIdx = 0;
  scheduleStage(s, i);
}

/** A standby takes activity: ACTIVE-FAST now, then the rest of the TAKEOVER progression over `totalMs`. */
export function beginTakeover(s: SimState, i: number, totalMs: number): void {
  const u = s.inst[i] as InstanceSim;
  startSeq(u, SEQ_TAKEOVER, s.now, totalMs);
  setRf(s, i, ACTIVE_FAST);
  u.progIdx = 1;
  scheduleStage(s, i);
}

/**
 * Who takes activity when a unit leaves NEGOTIATION (domain §2.6): join a peer that holds activity as
 * standby (wait while that peer is hung or the IPC is down); take activity if the peer is not running; if
 * both are booting, the unit designated at the cold start wins, else the Primary. Exactly one unit ever
 * claims, so two ACTIVE units never coexist.
 */
function negotiate(s: SimState, i: number): number {
  const me = s.inst[i] as InstanceSim;
  const peer = s.inst[1 - i] as InstanceSim;
  if (peer.rf >= ACTIVE_FAST) return peer.hung === 1 || s.ipcLost === 1 ? WAIT : BECOME_STANDBY;
  if (peer.progSeq < 0) return BECOME_ACTIVE;
  if (me.progSeq === SEQ_ACTIVE_BOOT) return BECOME_ACTIVE;
  if (peer.progSeq === SEQ_ACTIVE_BOOT) return WAIT;
  return i === 0 ? BECOME_ACTIVE : WAIT;
}

/**
 * Bulk sync may start (STANDBY COLD → COLD-CONFIG) only with a working ACTIVE peer, the IPC up, operating
 * mode SSO (under RPR the standby stays STANDBY COLD, §2.1) and no config-sync failure on this unit (§2.5).
 */
function syncAllowed(s: SimState, i: number): boolean {
  const peer = s.inst[1 - i] as InstanceSim;
  return peer.rf === ACTIVE && peer.hung === 0 && s.ipcLost === 0 && (s.inst[i] as InstanceSim).syncFail === 0 && operatingSso(s);
}

/** A unit leaving NEGOTIATION changes progression (boot as standby ↔ cold-start as active), keeping its place. */
function switchSeq(s: SimState, i: number, seq: number, totalMs: number): true {
  const u = s.inst[i] as InstanceSim;
  const at = SEQ_AT[seq] as readonly number[];
  u.progSeq = seq;
  u.progTotal = totalMs;
  u.progStart = s.now - Math.round(totalMs * (at[NEG_IDX] as number));
  u.progIdx = NEG_IDX + 1;
  scheduleStage(s, i);
  return true;
}

/**
 * Handles a progression event: enters the next RF state, or parks the unit at a gate (NEGOTIATION, STANDBY
 * COLD) until `wakeParked` finds the condition met. A unit switching from ACTIVE_BOOT to STANDBY draws a
 * fresh `standbyBootToHot` for the rest of its way. Returns whether anything the metrics, parked units or
 * the ISSU driver depend on may have changed: entering or leaving STANDBY HOT or the ACTIVE family, parking,
 * or a new progression. Moves between lower states (DISABLED … COLD-BULK) or within the ACTIVE family below
 * ACTIVE change none of them, so the engine skips its re-evaluation for them (hot path).
 */
export function onRfEvent(s: SimState, i: number): boolean {
  const u = s.inst[i] as InstanceSim;
  const seq = u.progSeq;
  const idx = u.progIdx;
  if (u.rf === NEGOTIATION && seq !== SEQ_TAKEOVER) {
    const decision = negotiate(s, i);
    if (decision === WAIT) {
      u.park = 1;
      return true;
    }
    if (decision === BECOME_ACTIVE && seq !== SEQ_ACTIVE_BOOT) return switchSeq(s, i, SEQ_ACTIVE_BOOT, s.coldActiveMs);
    if (decision === BECOME_STANDBY && seq !== SEQ_STANDBY) return switchSeq(s, i, SEQ_STANDBY, draw(s, TK.standbyBootToHot));
  }
  const states = SEQ_STATES[seq] as readonly number[];
  const next = states[idx] as number;
  if (next === STANDBY_COLD_CONFIG && !syncAllowed(s, i)) {
    u.park = 2;
    return true;
  }
  const old = u.rf;
  u.progIdx = idx + 1;
  setRf(s, i, next);
  if (idx + 1 < states.length) scheduleStage(s, i);
  return next >= STANDBY_HOT && (next === ACTIVE || next === STANDBY_HOT || old < ACTIVE_FAST);
}

/**
 * Re-examines parked units after any change: a unit whose gate now passes resumes, keeping the remaining
 * stage durations of its progression. Only schedules events, never changes RF state directly.
 */
export function wakeParked(s: SimState): void {
  for (let i = 0; i < 2; i++) {
    const u = s.inst[i] as InstanceSim;
    if (u.park === 0 || u.progSeq < 0 || u.hung === 1) continue;
    const ok = u.park === 1 ? negotiate(s, i) !== WAIT : syncAllowed(s, i);
    if (!ok) continue;
    u.park = 0;
    const at = SEQ_AT[u.progSeq] as readonly number[];
    u.progStart = s.now - Math.round(u.progTotal * (at[u.progIdx - 1] as number));
    scheduleStage(s, i);
  }
}

/** Index, in the STANDBY progression, of the next state after STANDBY COLD (the bulk-sync gate). */
export const STANDBY_COLD_GATE_IDX = 3;
/** Index past the last state of the STANDBY and ACTIVE_BOOT progressions: a settled unit. */
export const STANDBY_DONE_IDX = 7;
export const ACTIVE_BOOT_DONE_IDX = 7;
