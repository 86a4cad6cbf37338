import { defaultIssuMethod, issuMethodRefusal, RF, type IssuMethod } from '@asr-twin/domain';
import { activeIndex, draw, emit, operatingSso, rfName, schedule, TK } from './engine-core.js';
import { CAUSE, canTakeOver, chassisReload, killInstance, recoverAfterLoss, switchover } from './instance-lifecycle.js';
import { reloadUnit } from './redundancy-faults.js';
import { EV, ISSU, ISSU_CMD, ISSU_METHOD, REASON, type SimState } from './sim-state.js';

/**
 * The `issu` action: an in-service software upgrade with the command set of the router's release (domain
 * reference §4, §8.6, §8.7).
 *
 * - **classic** (`issu`, 3.x; 16.x by choice): loadversion (the standby reloads on the new image) → runversion
 *   (switchover to it; the old active comes back on the old image) → acceptversion (stops the rollback timer) →
 *   commitversion (the other unit reloads on the new image). The rollback timer (`issuRollbackTimer`, 45 min)
 *   starts at loadversion.
 * - **install** (16.x, 17.x): `install add file` → `install activate issu`, which resets the standby on the new
 *   image, switches over to it once STANDBY HOT and resets the old active on the new image → `install commit`.
 *   The auto-abort timer (`issuAutoAbortTimer`, 120 min) starts at activation and is stopped by the commit.
 *
 * Expiry of either timer rolls back, standby first: a standby on the new image is reset on the original one, then
 * an active on the new image hands over to a STANDBY HOT peer on the original image; with no such peer (a double
 * fault, §4.3, §7 #9) the chassis reloads on the original image.
 *
 * On a single RP with two IOSd only the IOSd sub-package (`package: rpios`) changes hitlessly; a whole image needs
 * an RP reload, the whole box there (§8.6). Such an `issu` runs as a reload upgrade (chassis reload on the new
 * image, then the commit; rollback is a reload on the old one) or, with `spec.behaviour.singleRpImageIssu:
 * refuse`, is refused. Each operator command runs `stepDelayMs` after the previous step is done. Mixed versions
 * keep SSO while ISSU is in progress (§4.3).
 */
export interface IssuRequest {
  readonly toVersion: string;
  readonly accept: boolean;
  readonly stepDelayMs: number;
  /** Command set; null: the default of the release the active runs (`defaultIssuMethod`). */
  readonly method: IssuMethod | null;
  /** Only the IOSd sub-package changes (`package: rpios`). */
  readonly rpiosOnly: boolean;
}

/** Timeline names of the phases (the `from` of an `issu` event), in `ISSU` order. */
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
  'install add',
  'install activate issu',
  'install activate done',
  'reload upgrade',
] as const;

function setPhase(s: SimState, phase: number, note: string | null = null): void {
  if (s.timeline !== null) {
    emit(s, 'router', 'issu', ISSU_STATE_NAMES[s.issuPhase] as string, note ?? (ISSU_STATE_NAMES[phase] as string));
  }
  s.issuPhase = phase;
}

/** Why the router cannot start an ISSU now (peers, mode, IPC), or null. */
function readiness(s: SimState): string | null {
  if (!operatingSso(s)) return 'operating redundancy mode is not sso';
  const a = activeIndex(s);
  if (a < 0 || s.inst[a].rf !== RF.ACTIVE || s.inst[a].hung === 1) return 'no working ACTIVE unit';
  const p = 1 - a;
  if (s.inst[p].rf !== RF.STANDBY_HOT || s.inst[p].hung === 1) return `peer is ${rfName(s.inst[p].rf)}, not STANDBY HOT`;
  if (s.ipcLost === 1) return 'communications down';
  return null;
}

/** The twin's refusal of a whole-image ISSU on a single RP (§8.6; IOS's own text is not public). */
function singleRpRefusal(s: SimState): string {
  return (
    `a new image is not hitless on a single RP with two IOSd (${s.model}): RPBase needs an RP reload, ESPBase an ESP ` +
    'reload; only the IOSd sub-package upgrades in service (params.package: rpios), or run it as a reload upgrade ' +
    '(behaviour singleRpImageIssu: reload)'
  );
}

/** `issu` action: refused (reason returned) unless SSO with an ACTIVE unit, a STANDBY HOT peer and a command set the release has. */
export function startIssu(s: SimState, req: IssuRequest): string | null {
  if (s.issuPhase !== ISSU.IDLE) return 'ISSU already in progress';
  const notReady = readiness(s);
  if (notReady !== null) return notReady;
  const a = activeIndex(s);
  const running = s.inst[a].version;
  if (req.toVersion === running) return `already running ${req.toVersion}`;
  const method = req.method ?? defaultIssuMethod(running);
  const wrongSet = issuMethodRefusal(method, running);
  if (wrongSet !== null) return wrongSet;
  const reloadUpgrade = !s.dualRp && !req.rpiosOnly;
  if (reloadUpgrade && s.singleRpIssuRefuse) return singleRpRefusal(s);
  s.issuFrom = running;
  s.issuTo = req.toVersion;
  s.issuAccept = req.accept;
  s.issuStepDelayMs = req.stepDelayMs;
  s.issuMethod = method === 'install' ? ISSU_METHOD.INSTALL : ISSU_METHOD.CLASSIC;
  s.issuReload = reloadUpgrade ? 1 : 0;
  s.issuEpoch++;
  if (method === 'install') {
    s.issuLastOp = 'install add';
    setPhase(s, ISSU.ADDED);
    schedule(s, s.issuStepDelayMs, EV.ISSU, ISSU_CMD.ACTIVATE, s.issuEpoch);
    return null;
  }
  if (reloadUpgrade) {
    // The classic command set has no reload upgrade of its own: the operator boots the new image and reloads.
    s.issuLastOp = 'reload';
    setPhase(s, ISSU.RELOADING, 'reload upgrade (single RP: a new image needs a chassis reload)');
    bootAll(s, s.issuTo);
    chassisReload(s, `upgrade to ${s.issuTo}`);
    return null;
  }
  s.issuLastOp = 'loadversion';
  setPhase(s, ISSU.LOADING);
  startTimer(s, TK.issuRollbackTimer);
  const p = 1 - a;
  s.inst[p].bootVersion = s.issuTo;
  reloadUnit(s, p, false);
  return null;
}

function bootAll(s: SimState, version: string): void {
  s.inst[0].bootVersion = version;
  s.inst[1].bootVersion = version;
}

function startTimer(s: SimState, key: number): void {
  const timer = draw(s, key);
  s.issuDeadline = s.now + timer;
  schedule(s, timer, EV.ISSU_ROLLBACK, 0, s.issuEpoch);
}

/** Whether the driver waits for a state change (the engine then calls `issuCheck` after each event). */
export function issuWaiting(phase: number): boolean {
  return (
    phase === ISSU.LOADING ||
    phase === ISSU.RAN ||
    phase === ISSU.COMMITTING ||
    phase === ISSU.ROLLING_BACK ||
    phase === ISSU.ACTIVATING ||
    phase === ISSU.RELOADING
  );
}

function finish(s: SimState, version: string, note: string): void {
  setPhase(s, ISSU.IDLE, note);
  s.issuEpoch++;
  s.issuDeadline = -1;
  s.baseVersion = version;
}

/** Advances a waiting phase once the active is ACTIVE and the peer STANDBY HOT, by the images they run. */
export function issuCheck(s: SimState): void {
  const a = activeIndex(s);
  if (a < 0) return;
  const p = 1 - a;
  if (s.inst[a].rf !== RF.ACTIVE || s.inst[p].rf !== RF.STANDBY_HOT || s.inst[a].hung === 1 || s.inst[p].hung === 1) return;
  const va = s.inst[a].version;
  const vp = s.inst[p].version;
  const from = s.issuFrom;
  const to = s.issuTo;
  const phase = s.issuPhase;
  if (phase === ISSU.LOADING && va === from && vp === to) {
    setPhase(s, ISSU.LOADED);
    schedule(s, s.issuStepDelayMs, EV.ISSU, ISSU_CMD.RUNVERSION, s.issuEpoch);
  } else if (phase === ISSU.RAN && va === to && vp === from) {
    if (!s.issuAccept) return setPhase(s, ISSU.STRANDED, 'stranded: no acceptversion, waiting for rollback timer');
    setPhase(s, ISSU.ACCEPT_PENDING, 'runversion done');
    schedule(s, s.issuStepDelayMs, EV.ISSU, ISSU_CMD.ACCEPTVERSION, s.issuEpoch);
  } else if ((phase === ISSU.COMMITTING || phase === ISSU.RELOADING) && va === to && vp === to) {
    finish(s, to, 'complete');
  } else if (phase === ISSU.ACTIVATING) {
    activationCheck(s, a, va, vp);
  } else if (phase === ISSU.ROLLING_BACK) {
    if (va === from && vp === from) finish(s, from, 'rolled back');
    else rollbackStep(s);
  }
}

/**
 * `install activate issu` in progress: once the standby is STANDBY HOT on the new image, switch over to it (the
 * old active is reset on the new image); once both run it, activation is done and `install commit` is due.
 */
function activationCheck(s: SimState, a: number, va: string, vp: string): void {
  if (va === s.issuTo && vp === s.issuTo) {
    setPhase(s, ISSU.ACTIVATED);
    if (!s.issuAccept) return setPhase(s, ISSU.STRANDED, 'stranded: no install commit, waiting for the auto-abort timer');
    schedule(s, s.issuStepDelayMs, EV.ISSU, ISSU_CMD.INSTALL_COMMIT, s.issuEpoch);
  } else if (va === s.issuFrom && vp === s.issuTo) {
    handOver(s, a);
  }
}

/** Planned switchover from active `a` to its STANDBY HOT peer; `a` comes back on its boot image. */
function handOver(s: SimState, a: number): void {
  killInstance(s, a, CAUSE.SHUTDOWN);
  switchover(s, 1 - a, REASON.USER_INITIATED);
  recoverAfterLoss(s, a, TK.iosdRestart);
}

/** `install activate issu` (or, for a reload upgrade, `install activate`): the auto-abort timer starts. */
function activate(s: SimState): void {
  const notReady = s.issuReload === 1 ? null : readiness(s);
  if (notReady !== null) {
    // Nothing was changed yet: activation's pre-checks fail and the added package stays inactive.
    s.issuEpoch++;
    return setPhase(s, ISSU.IDLE, `install activate issu not possible: ${notReady}`);
  }
  s.issuLastOp = 'install activate issu';
  startTimer(s, TK.issuAutoAbortTimer);
  bootAll(s, s.issuTo);
  if (s.issuReload === 1) {
    s.issuLastOp = 'install activate';
    setPhase(s, ISSU.ACTIVATING, 'install activate (reload upgrade: single RP, a new image needs a chassis reload)');
    return chassisReload(s, `install activate ${s.issuTo}`);
  }
  setPhase(s, ISSU.ACTIVATING);
  reloadUnit(s, 1 - activeIndex(s), false);
}

function runversion(s: SimState): void {
  const a = activeIndex(s);
  const p = 1 - a;
  const ok = a >= 0 && s.inst[a].rf === RF.ACTIVE && s.inst[p].rf === RF.STANDBY_HOT && s.inst[p].hung === 0 && s.inst[p].version === s.issuTo;
  if (!ok) return setPhase(s, ISSU.STRANDED, 'runversion not possible: peer not STANDBY HOT on the new image');
  s.issuLastOp = 'runversion';
  setPhase(s, ISSU.RAN);
  handOver(s, a);
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

/** `EV.ISSU`: the operator's next command (runversion, acceptversion, commitversion; install activate, install commit). */
export function onIssuCommand(s: SimState, cmd: number): void {
  const phase = s.issuPhase;
  if (cmd === ISSU_CMD.RUNVERSION && phase === ISSU.LOADED) return runversion(s);
  if (cmd === ISSU_CMD.ACCEPTVERSION && phase === ISSU.ACCEPT_PENDING) {
    s.issuLastOp = 'acceptversion';
    s.issuDeadline = -1;
    setPhase(s, ISSU.ACCEPTED, 'acceptversion (rollback timer stopped)');
    return schedule(s, s.issuStepDelayMs, EV.ISSU, ISSU_CMD.COMMITVERSION, s.issuEpoch);
  }
  if (cmd === ISSU_CMD.COMMITVERSION && phase === ISSU.ACCEPTED) return commitversion(s);
  if (cmd === ISSU_CMD.ACTIVATE && phase === ISSU.ADDED) return activate(s);
  if (cmd === ISSU_CMD.INSTALL_COMMIT && phase === ISSU.ACTIVATED) {
    s.issuLastOp = 'install commit';
    finish(s, s.issuTo, 'complete (install commit, auto-abort timer stopped)');
  }
}

/**
 * `EV.ISSU_ROLLBACK`: the timer expired before acceptversion (classic) or `install commit` (install); every unit
 * goes back to the original image, standby first (§4.1: "provision and reset the standby RP, then the active").
 */
export function onIssuRollback(s: SimState): void {
  if (s.issuDeadline < 0 || s.issuPhase === ISSU.IDLE) return;
  s.issuDeadline = -1;
  const install = s.issuMethod === ISSU_METHOD.INSTALL;
  s.issuLastOp = install ? 'install abort issu' : 'abortversion';
  setPhase(s, ISSU.ROLLING_BACK, install ? 'rollback (auto-abort timer expired)' : 'rollback (timer expired)');
  bootAll(s, s.issuFrom);
  rollbackStep(s);
}

/**
 * One step of a rollback: a reload upgrade reloads the chassis on the original image; otherwise a standby on the
 * new image is reset, then an active on the new image hands over to a STANDBY HOT peer on the original one, or,
 * with no peer able to (double fault), the chassis reloads. `issuCheck` calls it again after each change.
 */
function rollbackStep(s: SimState): void {
  const from = s.issuFrom;
  const a = activeIndex(s);
  if (a < 0) return chassisReload(s, 'ISSU rollback');
  const p = 1 - a;
  const va = s.inst[a].version;
  const vp = s.inst[p].version;
  const peerHot = canTakeOver(s, p) && s.inst[p].rf === RF.STANDBY_HOT;
  if (s.issuReload === 1) {
    if (va !== from || (s.inst[p].progSeq >= 0 && vp !== from)) chassisReload(s, `ISSU rollback to ${from}`);
    return;
  }
  if (va !== from) {
    if (peerHot && vp === from) return handOver(s, a);
    if (peerHot) return reloadUnit(s, p, false);
    return chassisReload(s, 'ISSU rollback');
  }
  if (s.inst[p].progSeq >= 0 && vp !== from) reloadUnit(s, p, false);
}
