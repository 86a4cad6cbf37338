import { RF } from '@asr-twin/domain';
import { drawAt, emit, instanceName, operatingSso, rfName, schedule, TK, variate } from './engine-core.js';
import { programEsps } from './esp-model.js';
import { EV, SEQ, type InstanceSim, type SimState } from './sim-state.js';

// Hot-path codes as module-level constants: V8 folds these, but not property loads on the imported objects
// (measured 6–20 % of engine time).
const {
  ACTIVE,
  ACTIVE_DRAIN,
  ACTIVE_FAST,
  ACTIVE_POSTCONFIG,
  ACTIVE_PRECONFIG,
  INITIALIZATION,
  NEGOTIATION,
  STANDBY_COLD,
  STANDBY_COLD_BULK,
  STANDBY_COLD_CONFIG,
  STANDBY_COLD_FILESYS,
  STANDBY_HOT,
} = RF;
const { ACTIVE_BOOT: SEQ_ACTIVE_BOOT, STANDBY: SEQ_STANDBY, TAKEOVER: SEQ_TAKEOVER } = SEQ;
const { RF: RF_EVENT } = EV;

/**
 * RF progressions (domain §2.2, order **[inferred]** from the MIB): each is a list of states entered in turn
 * and the fraction of the progression's total duration at which each is entered.
 * - STANDBY: two phases drawn separately (domain §8.19). `iosBoot`: process start to STANDBY COLD, INITIALIZATION
 *   at 80 % (24 s of 30 s, [H1004]) and NEGOTIATION at 90 %. `bulkSync`: STANDBY COLD to STANDBY HOT, COLD-CONFIG
 *   (config apply) at 10 %, COLD-FILESYS at 30 %, COLD-BULK at 35 %, bulk sync the largest part ("varies with
 *   type and scale of configuration", §3), so a large-configuration override of `bulkSync` leaves IOS boot alone.
 *   The split inside each phase is **[uncertain, no source]**.
 * - ACTIVE_BOOT: cold start of the unit that wins negotiation, over `chassisReload − hostBoot`: DISABLED →
 *   INITIALIZATION → NEGOTIATION → ACTIVE-FAST → ACTIVE-DRAIN → ACTIVE_PRECONFIG → ACTIVE_POSTCONFIG → ACTIVE,
 *   never NEGOTIATION straight to PRECONFIG (domain §8.2, a public ASR1004 `show redundancy history`). The
 *   capture stamps every step from INITIALIZATION to ACTIVE within one second of IOS uptime; the split of the
 *   duration here is **[uncertain]** and keeps the time to ACTIVE unchanged.
 * - TAKEOVER: a STANDBY peer taking activity (§2.2 order), over `iosSwitchover` (SSO, from STANDBY HOT) or
 *   `rprSwitchover` (from STANDBY COLD or under RPR). ACTIVE-FAST is entered at the switchover instant.
 */
const SEQ_STATES: readonly (readonly number[])[] = [
  [INITIALIZATION, NEGOTIATION, STANDBY_COLD, STANDBY_COLD_CONFIG, STANDBY_COLD_FILESYS, STANDBY_COLD_BULK, STANDBY_HOT],
  [INITIALIZATION, NEGOTIATION, ACTIVE_FAST, ACTIVE_DRAIN, ACTIVE_PRECONFIG, ACTIVE_POSTCONFIG, ACTIVE],
  [ACTIVE_FAST, ACTIVE_DRAIN, ACTIVE_PRECONFIG, ACTIVE_POSTCONFIG, ACTIVE],
];
const SEQ_AT: readonly (readonly number[])[] = [
  [0.8, 0.9, 1, 0.1, 0.3, 0.35, 1],
  [0.02, 0.4, 0.41, 0.43, 0.45, 0.85, 1],
  [0, 0.25, 0.5, 0.75, 1],
];
/**
 * Stages of each progression timed within its first phase (`progBoot`); the later ones come after the whole first
 * phase, at their fraction of the second (`progTotal − progBoot`). Only STANDBY has a second phase (bulk sync).
 */
const BOOT_STAGES: readonly number[] = [3, 7, 5];
/**
 * `SEQ_AT` as two flat coefficient tables (stride `STRIDE`): stage `idx` of progression `seq` is entered
 * `progBoot × BOOT_AT + (progTotal − progBoot) × SYNC_AT` after the start (one multiply-add, no branch: hot path).
 */
const STRIDE = 8;
const BOOT_AT = new Float64Array(SEQ_AT.length * STRIDE);
const SYNC_AT = new Float64Array(SEQ_AT.length * STRIDE);
SEQ_AT.forEach((at, seq) =>
  at.forEach((f, idx) => {
    const inBoot = idx < (BOOT_STAGES[seq] as number);
    BOOT_AT[seq * STRIDE + idx] = inBoot ? f : 1;
    SYNC_AT[seq * STRIDE + idx] = inBoot ? 0 : f;
  }),
);
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

/** Offset (ms after the progression's start) at which stage `idx` of the unit's progression is entered. */
function stageOffset(u: InstanceSim, idx: number): number {
  const k = u.progSeq * STRIDE + idx;
  const boot = u.progBoot;
  return Math.round(boot * (BOOT_AT[k] as number) + (u.progTotal - boot) * (SYNC_AT[k] as number));
}

function scheduleStage(s: SimState, i: number): void {
  const u = s.inst[i] as InstanceSim;
  const t = u.progStart + stageOffset(u, u.progIdx);
  schedule(s, Math.max(0, t - s.now), RF_EVENT, i, u.epoch);
}

function startSeq(u: InstanceSim, seq: number, startMs: number, totalMs: number): void {
  u.epoch++;
  u.progSeq = seq;
  u.progStart = startMs;
  u.progBoot = totalMs;
  u.progTotal = totalMs;
  u.park = 0;
}

/**
 * Draws a standby path (§8.19): `iosBoot` to STANDBY COLD, then `bulkSync` to STANDBY HOT. Both come from one
 * variate: each keeps its own base and spread, and the same RP is taken to be slow or fast at both (one PRNG
 * call on the hot path). A `bulkSync` override moves only the second phase.
 */
function drawStandbyPath(s: SimState, u: InstanceSim): void {
  const v = variate(s);
  const boot = drawAt(s, TK.iosBoot, v);
  u.progBoot = boot;
  u.progTotal = boot + drawAt(s, TK.bulkSync, v);
}

/** Starts a progression from its first state; cancels any pending progression of the instance. */
function beginProgression(s: SimState, i: number, seq: number, totalMs: number): void {
  const u = s.inst[i] as InstanceSim;
  startSeq(u, seq, s.now, totalMs);
  u.progIdx = 0;
  scheduleStage(s, i);
}

/** A unit that just started boots as a standby: a freshly drawn standby path from DISABLED. */
export function beginStandby(s: SimState, i: number): void {
  const u = s.inst[i] as InstanceSim;
  startSeq(u, SEQ_STANDBY, s.now, 0);
  drawStandbyPath(s, u);
  u.progIdx = 0;
  scheduleStage(s, i);
}

/** The unit designated at a cold start boots into activity over `coldActiveMs` (domain §8.2). */
export function beginColdActive(s: SimState, i: number): void {
  beginProgression(s, i, SEQ_ACTIVE_BOOT, s.coldActiveMs);
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
 * Bulk sync may start (STANDBY COLD → COLD-CONFIG) only with a working ACTIVE peer, the IPC up and operating
 * mode SSO (under RPR the standby stays STANDBY COLD, §2.1). A unit failing config sync (§2.5) starts it only in
 * the reload loop (§8.21: it is reloaded when bulk sync fails, `onMclFailure`); otherwise it parks at STANDBY COLD.
 */
function syncAllowed(s: SimState, i: number): boolean {
  const peer = s.inst[1 - i] as InstanceSim;
  return peer.rf === ACTIVE && peer.hung === 0 && s.ipcLost === 0 && ((s.inst[i] as InstanceSim).syncFail === 0 || s.mclReloadLoop) && operatingSso(s);
}

/**
 * A unit leaving NEGOTIATION changes progression (boot as standby ↔ cold-start as active), keeping its place:
 * into ACTIVE_BOOT over `coldActiveMs`, into STANDBY over a freshly drawn standby path.
 */
function switchSeq(s: SimState, i: number, seq: number): true {
  const u = s.inst[i] as InstanceSim;
  u.progSeq = seq;
  if (seq === SEQ_STANDBY) drawStandbyPath(s, u);
  else u.progBoot = u.progTotal = s.coldActiveMs;
  u.progStart = s.now - stageOffset(u, NEG_IDX);
  u.progIdx = NEG_IDX + 1;
  scheduleStage(s, i);
  return true;
}

/**
 * Handles a progression event: enters the next RF state, or parks the unit at a gate (NEGOTIATION, STANDBY
 * COLD) until `wakeParked` finds the condition met. A unit switching from ACTIVE_BOOT to STANDBY draws a
 * fresh standby path (`iosBoot`, `bulkSync`) for the rest of its way. Returns whether anything the metrics, parked units or
 * the ISSU driver depend on may have changed: entering or leaving STANDBY HOT or the ACTIVE family, parking,
 * or a new progression, and a unit failing config sync reaching COLD-BULK (the engine then reloads it, §8.21).
 * Other moves between lower states (DISABLED … COLD-BULK) or within the ACTIVE family below ACTIVE change none
 * of them, so the engine skips its re-evaluation for them (hot path).
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
    if (decision === BECOME_ACTIVE && seq !== SEQ_ACTIVE_BOOT) return switchSeq(s, i, SEQ_ACTIVE_BOOT);
    if (decision === BECOME_STANDBY && seq !== SEQ_STANDBY) return switchSeq(s, i, SEQ_STANDBY);
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
  if (next === STANDBY_COLD_BULK) return u.syncFail === 1;
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
    u.progStart = s.now - stageOffset(u, u.progIdx - 1);
    scheduleStage(s, i);
  }
}

/** Index, in the STANDBY progression, of the next state after STANDBY COLD (the bulk-sync gate). */
export const STANDBY_COLD_GATE_IDX = 3;
/** Index past the last state of the STANDBY and ACTIVE_BOOT progressions: a settled unit. */
export const STANDBY_DONE_IDX = 7;
export const ACTIVE_BOOT_DONE_IDX = 7;
