import { RF } from '@asr-twin/domain';
import { activeIndex, hostName, instanceName, operatingSso, rfName, schedule, draw, TK } from './engine-core.js';
import { repairEsp } from './esp-model.js';
import { CAUSE, canTakeOver, chassisReload, killInstance, recoverAfterLoss, setHost, switchover } from './instance-lifecycle.js';
import { setPsu } from './fault-handlers.js';
import { reloadUnit, repairConfigSync, repairImages, repairIpc } from './redundancy-faults.js';
import { EV, HOST, PSU, REASON, type SimState } from './sim-state.js';

/**
 * Operator actions (DESIGN.md catalogue). Like faults they return `null` when done, or why they were refused
 * or could not apply; a refusal is a timeline event, never an exception.
 */

/** IOS's refusal of a planned switchover to a peer below its mode's terminal standby state (domain §8.3). */
export const PEER_NOT_TERMINAL = 'Manual Swact = disabled (peer unit not yet in terminal standby state)';

/**
 * `redundancy force-switchover` (domain §2.3, §2.4, §8.3): refused in simplex ("Manual Swact = disabled (system is
 * simplex (no peer unit))"), with the IPC down, or unless the peer is in the operating mode's terminal standby
 * state, STANDBY HOT under SSO and STANDBY COLD under RPR (CISCO-RF-MIB `cRFStatusManualSwactInhibit`): a refused
 * switchover changes nothing. Accepted, it is a planned SSO switchover from STANDBY HOT, or under RPR a switchover
 * that costs a data-plane outage. The old active reloads and rejoins as standby.
 */
export function forceSwitchover(s: SimState): string | null {
  const refused = switchoverRefusal(s);
  if (refused !== null) return refused;
  const a = activeIndex(s);
  const p = 1 - a;
  killInstance(s, a, CAUSE.SHUTDOWN);
  switchover(s, p, REASON.USER_FORCED);
  recoverAfterLoss(s, a, TK.iosdRestart);
  return null;
}

/** Why the router would refuse `redundancy force-switchover` now, in its words, or null when it would accept it. */
export function switchoverRefusal(s: SimState): string | null {
  if (s.configuredMode === 'none') return 'Manual Swact = disabled (system is simplex (no peer unit))';
  const a = activeIndex(s);
  if (a < 0) return 'no active unit';
  if (s.inst[a].hung === 1) return 'active unit not responding';
  if (s.ipcLost === 1) return 'communications down';
  const p = 1 - a;
  const terminal = operatingSso(s) ? RF.STANDBY_HOT : RF.STANDBY_COLD;
  // STANDBY HOT is past every terminal state; it is seen without operating SSO only in a stored state that
  // contradicts itself (peers on different images), and then the switchover goes ahead without SSO.
  if (!canTakeOver(s, p) || (s.inst[p].rf !== terminal && s.inst[p].rf !== RF.STANDBY_HOT)) {
    const state = s.inst[p].progSeq < 0 ? 'not running' : s.inst[p].hung === 1 ? 'not responding' : rfName(s.inst[p].rf);
    return `${PEER_NOT_TERMINAL}: peer ${instanceName(s, p)} is ${state}, the terminal standby state is ${rfName(terminal)}`;
  }
  return null;
}

/**
 * `reload`: the router (chassis reload), or one unit. Reloading the active unit hands activity to a peer
 * that can take it (as `reload slot` of the active RP does), else reloads the chassis; a standby reloads on
 * its own.
 */
export function reload(s: SimState, i: number, wholeRouter: boolean): string | null {
  if (wholeRouter) {
    if (s.powerLost === 1) return 'power is off';
    chassisReload(s, 'reload command');
    return null;
  }
  if (s.inst[i].progSeq < 0) return `${instanceName(s, i)} is not running`;
  const a = activeIndex(s);
  if (i !== a) {
    reloadUnit(s, i, false);
    return null;
  }
  const p = 1 - a;
  killInstance(s, a, CAUSE.SHUTDOWN);
  if (canTakeOver(s, p)) {
    switchover(s, p, REASON.USER_INITIATED);
    recoverAfterLoss(s, a, TK.iosdRestart);
  } else {
    chassisReload(s, `reload of ${instanceName(s, a)} with no standby able to take over`);
  }
  return null;
}

function repairRp(s: SimState, h: number): boolean {
  if (s.host[h].rpFailed !== 1) return false;
  s.host[h].rpFailed = 0;
  if (s.powerLost === 1) return true;
  if (!s.dualRp) {
    chassisReload(s, `RP ${hostName(h)} repaired`);
    return true;
  }
  setHost(s, h, HOST.REBOOTING);
  s.host[h].epoch++;
  schedule(s, draw(s, TK.rpBoot), EV.HOST_UP, h, s.host[h].epoch);
  return true;
}

function repairEspSlot(s: SimState, e: number): boolean {
  if (s.esp[e].failed === 0) return false;
  if (s.powerLost === 1) s.esp[e].failed = 0;
  else repairEsp(s, e);
  return true;
}

/**
 * A failed supply is replaced. If the router was off because every supply had failed, power is back: a cold boot
 * (§8.9, as the repair of `power-loss`).
 */
function repairPsu(s: SimState, p: number): boolean {
  if (s.psu[p] !== PSU.FAILED) return false;
  setPsu(s, p, PSU.OK);
  if (s.psuPowerOff === 1) {
    s.psuPowerOff = 0;
    s.powerLost = 0;
    chassisReload(s, `power restored (power supply P${p} replaced)`);
  }
  return true;
}

function repairInstance(s: SimState, i: number): boolean {
  const sync = repairConfigSync(s, i);
  const image = s.inst[i].mismatch === 1 ? repairImages(s) : false;
  return sync || image;
}

/**
 * Repairs everything lasting on the router: power first (power back is a cold boot that also brings back
 * repaired RPs and ESPs), then RPs, ESPs, IPC, config sync and images.
 */
function repairRouter(s: SimState): boolean {
  let done = false;
  if (s.powerLost === 1) {
    for (const h of s.host) if (h.rpFailed === 1) h.rpFailed = 0;
    for (const e of s.esp) e.failed = 0;
    for (let p = 0; p < 2; p++) if (s.psu[p] === PSU.FAILED) setPsu(s, p, PSU.OK);
    s.psuPowerOff = 0;
    s.powerLost = 0;
    chassisReload(s, 'power restored');
    done = true;
  }
  const hosts = s.dualRp ? 2 : 1;
  for (let h = 0; h < hosts; h++) done = repairRp(s, h) || done;
  for (let e = 0; e < s.espCount; e++) done = repairEspSlot(s, e) || done;
  for (let p = 0; p < 2; p++) done = repairPsu(s, p) || done;
  done = repairIpc(s) || done;
  done = repairConfigSync(s, 0) || done;
  done = repairConfigSync(s, 1) || done;
  done = repairImages(s) || done;
  return done;
}

/** Which component a `repair` step addresses. */
export const REPAIR_SCOPE = { ROUTER: 0, INSTANCE: 1, HOST: 2, ESP: 3, PSU: 4 } as const;

/** `repair`: undoes the lasting faults of the target (rp-failure, esp-failure, psu-failure, config-sync-failure, ipc-loss, image-mismatch, power-loss). */
export function repair(s: SimState, scope: number, index: number): string | null {
  let done: boolean;
  if (scope === REPAIR_SCOPE.ROUTER) done = repairRouter(s);
  else if (scope === REPAIR_SCOPE.HOST) done = repairRp(s, index);
  else if (scope === REPAIR_SCOPE.ESP) done = repairEspSlot(s, index);
  else if (scope === REPAIR_SCOPE.PSU) done = repairPsu(s, index);
  else done = repairInstance(s, index);
  return done ? null : 'nothing to repair';
}
