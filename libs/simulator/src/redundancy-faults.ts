import { mismatchRelease, RF } from '@asr-twin/domain';
import { activeIndex, draw, emit, hostOf, instanceName, schedule, TK } from './engine-core.js';
import { CAUSE, canTakeOver, killInstance, rebootHost, recoverAfterLoss, scheduleRestart, switchover } from './instance-lifecycle.js';
import { EV, REASON, type SimState } from './sim-state.js';

/**
 * Faults of the redundancy relationship itself: config sync, IPC, images (domain §2.1, §2.5, §2.6, §7 #6, #7,
 * #10), and their repairs.
 */

/**
 * Reload of a non-active unit (new image, `reload` of the standby, reset by the active). On a dual-RP
 * chassis the unit is an RP, so its RP reboots (`rpBoot`); on a single-RP chassis the guest restarts
 * (`iosdRestart`).
 */
export function reloadUnit(s: SimState, i: number, countAsFailure: boolean): void {
  const wasRunning = s.inst[i].progSeq >= 0;
  killInstance(s, i, CAUSE.SHUTDOWN);
  if (countAsFailure && wasRunning) s.standbyFailures++;
  if (s.dualRp) rebootHost(s, hostOf(s, i), TK.rpBoot);
  else scheduleRestart(s, i, TK.iosdRestart);
}

/**
 * `config-sync-failure` (lasting): the unit cannot apply the active's configuration (MCL). A standby past
 * STANDBY COLD is reset by the active at once. What it does next is `spec.behaviour.configSyncFailure` (domain
 * §8.21, field practice, uncertain): by default it comes back, fails bulk sync at COLD-BULK and is reloaded
 * again (`onMclFailure`), in a loop until repaired; with `stay-cold` it parks at STANDBY COLD until repaired
 * ("peer stuck ≤ STANDBY COLD with reason config-sync", §2.5).
 */
export function configSyncFailure(s: SimState, i: number): string | null {
  if (s.inst[i].syncFail === 1) return `${instanceName(s, i)} already fails config sync`;
  s.inst[i].syncFail = 1;
  const rf = s.inst[i].rf;
  if (rf >= RF.STANDBY_COLD_CONFIG && rf <= RF.STANDBY_HOT && s.inst[i].progSeq >= 0) reloadUnit(s, i, true);
  return null;
}

/**
 * `image-mismatch` (lasting): the unit's boot image becomes another real release, the step's `params.version`
 * or else `mismatchRelease` (domain §8.12: never an invented name). A running standby is reloaded onto it; the
 * operating mode then drops from SSO to RPR and the standby stays STANDBY COLD (§2.1, §7 #7). On the active unit
 * the new image takes effect at its next start.
 */
export function imageMismatch(s: SimState, i: number, version: string | null): string | null {
  if (s.inst[i].mismatch === 1) return `${instanceName(s, i)} already has a mismatched image`;
  const image = version ?? mismatchRelease(s.inst[i].bootVersion);
  if (image === s.inst[i].bootVersion) return `${instanceName(s, i)} already boots ${image}`;
  s.inst[i].mismatch = 1;
  if (s.timeline !== null) emit(s, instanceName(s, i), 'boot-image', s.inst[i].bootVersion, image);
  s.inst[i].bootVersion = image;
  if (s.inst[i].rf < RF.ACTIVE_FAST && s.inst[i].progSeq >= 0) reloadUnit(s, i, false);
  return null;
}

/**
 * A unit failing config sync reached STANDBY COLD-BULK (reload loop, §8.21): bulk sync fails on the mismatched
 * commands and the active reloads it, one more `Standby failures`. It comes back through RP boot (dual RP) or
 * IOSd restart (dual IOSd), IOS boot and the cold part of bulk sync, and fails again, until `repair`.
 */
export function onMclFailure(s: SimState, i: number): void {
  if (s.inst[i].rf !== RF.STANDBY_COLD_BULK || s.inst[i].syncFail === 0) return;
  if (s.timeline !== null) emit(s, instanceName(s, i), 'config-sync failed (MCL): reloaded by the active', null, null);
  reloadUnit(s, i, true);
}

/** `ipc-loss` (lasting): the peers cannot talk; after `ipcLossDetection` they arbitrate (Primary wins). */
export function ipcLoss(s: SimState): string | null {
  if (s.ipcLost === 1) return 'IPC is already down';
  s.ipcLost = 1;
  s.ipcEpoch++;
  if (s.timeline !== null) emit(s, 'router', 'communications', 'up', 'down');
  schedule(s, draw(s, TK.ipcLossDetection), EV.IPC_DETECT, 0, s.ipcEpoch);
  return null;
}

/**
 * `EV.IPC_DETECT`: the peers notice they cannot talk. By default the healthy active keeps activity whatever its
 * slot, and the standby backs off: it is reset (its RP reloads on a dual-RP chassis, §8.4; its IOSd restarts
 * with two IOSd on one RP), and waits in NEGOTIATION until the IPC is repaired (§8.5). With the `primary-wins`
 * rule (`spec.behaviour.splitBrain`, the earlier reading of §2.6), a Primary standby able to take over takes
 * activity from a Secondary active instead. Either way the loser drops activity before the winner claims it,
 * so two ACTIVE units never coexist.
 */
export function onIpcDetected(s: SimState): void {
  const a = activeIndex(s);
  if (a < 0) return;
  const p = 1 - a;
  if (s.inst[p].progSeq < 0) return;
  if (s.primaryWins && p === 0 && canTakeOver(s, p)) {
    if (s.timeline !== null) emit(s, 'router', 'split-brain arbitration', instanceName(s, a), `${instanceName(s, p)} (Primary) wins`);
    killInstance(s, a, CAUSE.RESET);
    switchover(s, p, REASON.NOT_KNOWN);
    recoverAfterLoss(s, a, TK.iosdRestart);
    return;
  }
  if (s.timeline !== null) emit(s, 'router', 'split-brain arbitration', instanceName(s, p), `${instanceName(s, a)} keeps activity`);
  killInstance(s, p, CAUSE.RESET);
  s.standbyFailures++;
  recoverAfterLoss(s, p, TK.iosdRestart);
}

export function repairIpc(s: SimState): boolean {
  if (s.ipcLost === 0) return false;
  s.ipcLost = 0;
  s.ipcEpoch++;
  if (s.timeline !== null) emit(s, 'router', 'communications', 'down', 'up');
  return true;
}

export function repairConfigSync(s: SimState, i: number): boolean {
  if (s.inst[i].syncFail === 0) return false;
  s.inst[i].syncFail = 0;
  return true;
}

/**
 * Repairs an image mismatch by aligning every unit on the image the active runs (the operator copies it to
 * the standby); a running standby on another image is reloaded onto it.
 */
export function repairImages(s: SimState): boolean {
  if (s.inst[0].mismatch === 0 && s.inst[1].mismatch === 0) return false;
  s.inst[0].mismatch = 0;
  s.inst[1].mismatch = 0;
  const a = activeIndex(s);
  const image = a >= 0 ? s.inst[a].version : s.baseVersion;
  s.baseVersion = image;
  for (let j = 0; j < 2; j++) {
    s.inst[j].bootVersion = image;
    if (j !== a && s.inst[j].progSeq >= 0 && s.inst[j].version !== image) reloadUnit(s, j, false);
  }
  return true;
}
