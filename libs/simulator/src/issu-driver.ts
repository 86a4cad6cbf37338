import { RF } from '@asr-twin/domain';
import { activeIndex, draw, emit, operatingSso, rfName, schedule, TK } from './engine-core.js';
import { CAUSE, canTakeOver, chassisReload, killInstance, recoverAfterLoss, switchover } from './instance-lifecycle.js';
import { reloadUnit } from './redundancy-faults.js';
import { EV, ISSU, ISSU_CMD, REASON, type SimState } from './sim-state.js';

/**
 * ISSU with the classic `issu` command set (domain §4.1–§4.3): loadversion (standby reloads on the new
 * image) → runversion (switchover to it) → acceptversion (stops the rollback timer) → commitversion (the
 * other unit reloads on the new image). The rollback timer (`issuRollbackTimer`) starts at loadversion;
 * its expiry rolls back to the original image. Each operator command runs `stepDelayMs` after the peer is
 * STANDBY HOT on the expected image. Mixed versions keep SSO while ISSU is in progress (§4.3).
 */
export interface IssuRequest {
  readonly toVersion: string;
  readonly accept: boolean;
  readonly stepDelayMs: number;
}

const ISSU_STATE_NAMES = [
  'idle',
  'loadversion',
  'loadversion done',
  'runversion',
  'runversion done',
  'acceptversion',
  'commitversion',
  'stranded',
  'rollback',
] as const;

function setPhase(s: SimState, phase: number, note: string | null = null): void {
  if (s.timeline !== null) {
    emit(s, 'router', 'issu', ISSU_STATE_NAMES[s.issuPhase] as string, note ?? (ISSU_STATE_NAMES[phase] as string));
  }
  s.issuPhase = phase;
}

/** `issu` action: refused (reason returned) unless SSO with an ACTIVE unit and a STANDBY HOT peer. */
export function startIssu(s: SimState, req: IssuRequest): string | null {
  if (s.issuPhase !== ISSU.IDLE) return 'ISSU already in progress';
  if (!operatingSso(s)) return 'operating redundancy mode is not sso';
  const a = activeIndex(s);
  if (a < 0 || s.inst[a].rf !== RF.ACTIVE || s.inst[a].hung === 1) return 'no working ACTIVE unit';
  const p = 1 - a;
  if (s.inst[p].rf !== RF.STANDBY_HOT || s.inst[p].hung === 1) return `peer is ${rfName(s.inst[p].rf)}, not STANDBY HOT`;
  if (s.ipcLost === 1) return 'communications down';
  if (req.toVersion === s.inst[a].version) return `already running ${req.toVersion}`;
  s.issuFrom = s.inst[a].version;
  s.issuTo = req.toVersion;
  s.issuAccept = req.accept;
  s.issuStepDelayMs = req.stepDelayMs;
  s.issuEpoch++;
  s.issuLastOp = 'loadversion';
  setPhase(s, ISSU.LOADING);
  const timer = draw(s, TK.issuRollbackTimer);
  s.issuDeadline = s.now + timer;
  schedule(s, timer, EV.ISSU_ROLLBACK, 0, s.issuEpoch);
  s.inst[p].bootVersion = s.issuTo;
  reloadUnit(s, p, false);
  return null;
}

/** Whether the driver waits for a state change (the engine then calls `issuCheck` after each event). */
export function issuWaiting(phase: number): boolean {
  return phase === ISSU.LOADING || phase === ISSU.RAN || phase === ISSU.COMMITTING || phase === ISSU.ROLLING_BACK;
}

function finish(s: SimState, version: string, note: string): void {
  setPhase(s, ISSU.IDLE, note);
  s.issuEpoch++;
  s.issuDeadline = -1;
  s.baseVersion = version;
}

/** Advances a waiting phase once the active is ACTIVE and the peer STANDBY HOT on the expected images. */
export function issuCheck(s: SimState): void {
  const a = activeIndex(s);
  if (a < 0) return;
  const p = 1 - a;
  if (s.inst[a].rf !== RF.ACTIVE || s.inst[p].rf !== RF.STANDBY_HOT || s.inst[a].hung === 1 || s.inst[p].hung === 1) return;
  const va = s.inst[a].version;
  const vp = s.inst[p].version;
  const phase = s.issuPhase;
  if (phase === ISSU.LOADING && va === s.issuFrom && vp === s.issuTo) {
    setPhase(s, ISSU.LOADED);
    schedule(s, s.issuStepDelayMs, EV.ISSU, ISSU_CMD.RUNVERSION, s.issuEpoch);
  } else if (phase === ISSU.RAN && va === s.issuTo && vp === s.issuFrom) {
    if (!s.issuAccept) return setPhase(s, ISSU.STRANDED, 'stranded: no acceptversion, waiting for rollback timer');
    setPhase(s, ISSU.ACCEPT_PENDING, 'runversion done');
    schedule(s, s.issuStepDelayMs, EV.ISSU, ISSU_CMD.ACCEPTVERSION, s.issuEpoch);
  } else if (phase === ISSU.COMMITTING && va === s.issuTo && vp === s.issuTo) {
    finish(s, s.issuTo, 'complete');
  } else if (phase === ISSU.ROLLING_BACK && va === s.issuFrom && vp === s.issuFrom) {
    finish(s, s.issuFrom, 'rolled back');
  }
}

function runversion(s: SimState): void {
  const a = activeIndex(s);
  const p = 1 - a;
  const ok = a >= 0 && s.inst[a].rf === RF.ACTIVE && s.inst[p].rf === RF.STANDBY_HOT && s.inst[p].hung === 0 && s.inst[p].version === s.issuTo;
  if (!ok) return setPhase(s, ISSU.STRANDED, 'runversion not possible: peer not STANDBY HOT on the new image');
  s.issuLastOp = 'runversion';
  setPhase(s, ISSU.RAN);
  killInstance(s, a, CAUSE.SHUTDOWN);
  switchover(s, p, REASON.USER_INITIATED);
  recoverAfterLoss(s, a, TK.iosdRestart);
}

function commitversion(s: SimState): void {
  s.issuLastOp = 'commitversion';
  setPhase(s, ISSU.COMMITTING);
  const a = activeIndex(s);
  for (let j = 0; j < 2; j++) {
    s.inst[j].bootVersion = s.issuTo;
    if (j !== a && s.inst[j].progSeq >= 0 && s.inst[j].version !== s.issuTo) reloadUnit(s, j, false);
  }
}

/** `EV.ISSU`: the operator's next command (runversion, acceptversion, commitversion). */
export function onIssuCommand(s: SimState, cmd: number): void {
  if (cmd === ISSU_CMD.RUNVERSION && s.issuPhase === ISSU.LOADED) return runversion(s);
  if (cmd === ISSU_CMD.ACCEPTVERSION && s.issuPhase === ISSU.ACCEPT_PENDING) {
    s.issuLastOp = 'acceptversion';
    s.issuDeadline = -1;
    setPhase(s, ISSU.ACCEPTED, 'acceptversion (rollback timer stopped)');
    return schedule(s, s.issuStepDelayMs, EV.ISSU, ISSU_CMD.COMMITVERSION, s.issuEpoch);
  }
  if (cmd === ISSU_CMD.COMMITVERSION && s.issuPhase === ISSU.ACCEPTED) commitversion(s);
}

/**
 * `EV.ISSU_ROLLBACK`: the timer expired before acceptversion; every unit goes back to the original image.
 * A standby on the new image reloads; an active on the new image hands over to a STANDBY HOT peer on the old
 * one, or, with no such peer (double fault, §4.1, §7 #9), the chassis reloads on the old image.
 */
export function onIssuRollback(s: SimState): void {
  if (s.issuDeadline < 0 || s.issuPhase === ISSU.IDLE) return;
  s.issuDeadline = -1;
  s.issuLastOp = 'abortversion';
  setPhase(s, ISSU.ROLLING_BACK, 'rollback (timer expired)');
  s.inst[0].bootVersion = s.issuFrom;
  s.inst[1].bootVersion = s.issuFrom;
  const a = activeIndex(s);
  if (a < 0) return chassisReload(s, 'ISSU rollback');
  const p = 1 - a;
  if (s.inst[a].version === s.issuTo) {
    if (canTakeOver(s, p) && s.inst[p].rf === RF.STANDBY_HOT && s.inst[p].version === s.issuFrom) {
      killInstance(s, a, CAUSE.SHUTDOWN);
      switchover(s, p, REASON.USER_INITIATED);
      return recoverAfterLoss(s, a, TK.iosdRestart);
    }
    return chassisReload(s, 'ISSU rollback');
  }
  if (s.inst[p].progSeq >= 0 && s.inst[p].version !== s.issuFrom) reloadUnit(s, p, false);
}
