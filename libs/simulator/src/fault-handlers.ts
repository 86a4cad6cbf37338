import { RF } from '@asr-twin/domain';
import { draw, emit, hostOf, instanceName, schedule, TK, activeIndex } from './engine-core.js';
import { failEsp, powerOffEsps, resetEsp } from './esp-model.js';
import { CAUSE, chassisReload, killInstance, loseInstance, setHost } from './instance-lifecycle.js';
import { EV, HOST, PSU, REASON, type SimState } from './sim-state.js';

/**
 * Faults on IOS instances, hosts, RPs, ESPs and power (DESIGN.md catalogue; domain §6.3, §6.4, §7). Each
 * returns `null` when applied, or why it could not apply now (then the timeline records a skipped step).
 */

/** `iosd-crash`: IOS crashes with a crash signal (guest panic); the supervisor restarts it (`iosdRestart`). */
export function iosdCrash(s: SimState, i: number): string | null {
  if (s.inst[i].progSeq < 0) return `${instanceName(s, i)} is not running`;
  loseInstance(s, i, CAUSE.CRASH, TK.iosdRestart, REASON.FAILED);
  return null;
}

/** `vm-crash`: the QEMU process dies (STOPPED/FAILED); the supervisor restarts the guest (`guestRestart`). */
export function vmCrash(s: SimState, i: number): string | null {
  if (s.inst[i].progSeq < 0) return `${instanceName(s, i)} is not running`;
  loseInstance(s, i, CAUSE.QEMU, TK.guestRestart, REASON.FAILED);
  return null;
}

/**
 * `iosd-hang`: IOS stops responding without any crash signal. It keeps its RF state (the ESP keeps
 * forwarding) but does no work. A hung active is caught by the libvirt watchdog (`hangDetection`); a hung
 * standby by the active's RF client notification timer (`rfClientNotification`), domain §2.3, §6.3, §7 #13.
 */
export function iosdHang(s: SimState, i: number): string | null {
  if (s.inst[i].progSeq < 0) return `${instanceName(s, i)} is not running`;
  if (s.inst[i].hung === 1) return `${instanceName(s, i)} is already hung`;
  s.inst[i].hung = 1;
  s.inst[i].epoch++;
  const byWatchdog = s.inst[i].rf >= RF.ACTIVE_FAST || activeIndex(s) < 0;
  const delay = draw(s, byWatchdog ? TK.hangDetection : TK.rfClientNotification);
  schedule(s, delay, EV.HANG_DETECT, i, s.inst[i].epoch);
  return null;
}

/** `EV.HANG_DETECT`: the watchdog (action reset) or the RF notification timer declares the unit failed. */
export function onHangDetected(s: SimState, i: number): void {
  if (s.timeline !== null) {
    const byWatchdog = s.inst[i].rf >= RF.ACTIVE_FAST || activeIndex(s) < 0;
    emit(s, instanceName(s, i), byWatchdog ? 'libvirt WATCHDOG (action reset)' : 'rf client notification timeout', 'hung', 'reset');
  }
  loseInstance(s, i, CAUSE.RESET, TK.iosdRestart, REASON.FAILED);
}

/**
 * Guest the OOM killer picks on a host: the largest, taken to be the unit holding activity (it carries the
 * live RIB and the forwarding-manager objects), then the most synced standby **[uncertain: OOM scoring is
 * not sourced, domain §6.4]**.
 */
function largestGuest(s: SimState, h: number): number {
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < 2; i++) {
    if (hostOf(s, i) !== h || s.inst[i].progSeq < 0) continue;
    const score = s.inst[i].rf;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/** `host-oom`: the host's OOM killer kills the largest guest's QEMU process (seen as a `vm-crash`, §7 #12). */
export function hostOom(s: SimState, h: number): string | null {
  if (s.host[h].state !== HOST.UP) return `host R${h} is not up`;
  const victim = largestGuest(s, h);
  if (victim < 0) return `no running guest on host R${h}`;
  if (s.timeline !== null) emit(s, `R${h}`, 'oom-killer', null, instanceName(s, victim));
  loseInstance(s, victim, CAUSE.QEMU, TK.guestRestart, REASON.FAILED);
  return null;
}

/**
 * `host-kernel-panic`: the RP's Linux kernel panics and its guests die with it; it reboots after
 * `hostPanicReboot`. On a single-RP chassis both IOS instances are gone and the reboot is a chassis reload
 * (§7 #14: dual IOSd does not protect against host failure); on a dual-RP chassis the peer RP takes over.
 */
export function hostKernelPanic(s: SimState, h: number): string | null {
  if (s.host[h].state !== HOST.UP) return `host R${h} is not up`;
  setHost(s, h, HOST.PANICKED);
  s.host[h].epoch++;
  schedule(s, draw(s, TK.hostPanicReboot), EV.HOST_REBOOT, h, s.host[h].epoch);
  if (!s.dualRp) {
    killInstance(s, 0, CAUSE.HOST_LOST);
    killInstance(s, 1, CAUSE.HOST_LOST);
  } else {
    loseInstance(s, h, CAUSE.HOST_LOST, -1, REASON.FAILED);
  }
  return null;
}

/**
 * `rp-failure` (lasting until `repair`): the RP fails or is removed. Dual-RP: its unit is lost and the peer
 * takes over ("active unit removed", §7 #4). Single-RP: the router has no RP left, so everything stops
 * (modelled as a chassis reload in which the failed RP never comes up).
 */
export function rpFailure(s: SimState, h: number): string | null {
  if (s.host[h].rpFailed === 2) return `RP R${h} is not installed`;
  if (s.host[h].rpFailed === 1) return `RP R${h} has already failed`;
  s.host[h].rpFailed = 1;
  s.host[h].epoch++;
  setHost(s, h, HOST.DOWN);
  if (!s.dualRp) chassisReload(s, 'RP R0 failed');
  else loseInstance(s, h, CAUSE.HOST_LOST, -1, REASON.REMOVED);
  return null;
}

/**
 * `esp-failure`: the ESP stops. Dual-ESP: the standby ESP takes over after `espSwitchover` (< 200 ms, §1.5) and
 * the failed one stays down until `repair`; a modular single ESP (ASR1002, ASR1004) also stays down until
 * `repair`, so forwarding stops. An integrated ESP (ASR1001, 1001-X, 1002-X) is a critical process: by default
 * the whole chassis reloads and comes back with it (HA guide table 6-2 footnote; domain §8.8, uncertain for the
 * -X models), or with `behaviour.integratedEspFailure: { <model>: reload-esp-only }` only the ESP reloads.
 */
export function espFailure(s: SimState, e: number): string | null {
  if (s.esp[e].failed === 1) return `ESP F${e} has already failed`;
  failEsp(s, e);
  if (s.reloadOnEspFailure) {
    chassisReload(s, `ESP F${e} failed (critical on this model)`);
  } else if (s.espReloadOnly) {
    s.esp[e].failed = 0;
    resetEsp(s, e);
  }
  return null;
}

const PSU_TEXT = ['ok', 'ps, fail', 'empty'] as const;

/** Sets a power-supply bay's state, with a timeline entry in `show platform` words. */
export function setPsu(s: SimState, p: number, state: number): void {
  const old = s.psu[p] as number;
  if (old === state) return;
  s.psu[p] = state;
  if (s.timeline !== null) emit(s, `P${p}`, 'psu-state', PSU_TEXT[old] as string, PSU_TEXT[state] as string);
}

/**
 * `psu-failure` (lasting until `repair`): one power supply fails (`show platform`: `ps, fail`). With another
 * supply still ok there is no service impact: no switchover, no outage, only the row and an alarm. When no supply
 * is left the router loses power as under `power-loss`, and repairing a supply is the cold boot that ends it
 * (domain §8.9; genie ShowPlatform `golden_output_asr1k_output.txt`: an ASR1006 running with `P1 … ps, fail`).
 */
export function psuFailure(s: SimState, p: number): string | null {
  if (s.psu[p] === PSU.EMPTY) return `power supply P${p} is not installed (empty bay)`;
  if (s.psu[p] === PSU.FAILED) return `power supply P${p} has already failed`;
  setPsu(s, p, PSU.FAILED);
  if (s.psu[0] !== PSU.OK && s.psu[1] !== PSU.OK && s.powerLost === 0) {
    if (s.timeline !== null) emit(s, 'router', 'power-lost', null, 'no power supply left');
    powerLoss(s);
    s.psuPowerOff = 1;
  }
  return null;
}

/** `power-loss` (lasting until `repair`): everything is off; power back is a cold boot (§7 #15). */
export function powerLoss(s: SimState): string | null {
  if (s.powerLost === 1) return 'power is already off';
  s.powerLost = 1;
  s.epoch++;
  killInstance(s, 0, CAUSE.HOST_LOST);
  killInstance(s, 1, CAUSE.HOST_LOST);
  const hosts = s.dualRp ? 2 : 1;
  for (let h = 0; h < hosts; h++) {
    s.host[h].epoch++;
    setHost(s, h, HOST.DOWN);
  }
  powerOffEsps(s);
  s.designated = -1;
  return null;
}
