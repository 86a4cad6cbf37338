import { RF } from '@asr-twin/domain';
import { draw, emit, espName, espStateName, schedule, TK } from './engine-core.js';
import { ESP, EV, type SimState } from './sim-state.js';

// Hot-path codes as module-level constants: V8 folds these, but not property loads on the imported objects
// (measured 6–20 % of engine time).
const { ACTIVE } = RF;
const { FAILED, INIT, OK, UNKNOWN } = ESP;
const { ESP_READY, ESP_TAKEOVER } = EV;

/**
 * ESP (forwarding engine) behaviour, domain §1.4–§1.5:
 * - the ESP keeps its programmed FIB/feature state when IOS dies or switches over, so it keeps forwarding
 *   (NSF); only a reset (chassis reload, non-SSO switchover, ESP repair) loses that state;
 * - a reset ESP forwards again once packet-ready (`espPacketReady`) **and** reprogrammed by an ACTIVE IOS
 *   (active IOSd → fman_rp → fman_fp, §1.4); programming is taken as instantaneous;
 * - on dual-ESP chassis the standby ESP is kept programmed and takes over within `espSwitchover` (< 200 ms).
 */
export function setEspState(s: SimState, e: number, state: number): void {
  const old = s.esp[e].state;
  if (old === state) return;
  s.esp[e].state = state;
  if (s.timeline !== null) emit(s, espName(e), 'esp-state', espStateName(old), espStateName(state));
}

/** Recomputes which ESP forwards: packet-ready (ok), programmed and holding the active role. */
export function updateForwarding(s: SimState): void {
  for (let e = 0; e < s.espCount; e++) {
    const f = s.esp[e].state === OK && s.esp[e].programmed === 1 && e === s.espActive ? 1 : 0;
    if (f !== s.esp[e].forwarding) {
      s.esp[e].forwarding = f;
      if (s.timeline !== null) emit(s, espName(e), 'forwarding', f ? 'stopped' : 'forwarding', f ? 'forwarding' : 'stopped');
    }
  }
}

function hasWorkingActive(s: SimState): boolean {
  return (s.inst[0].rf === ACTIVE && s.inst[0].hung === 0) || (s.inst[1].rf === ACTIVE && s.inst[1].hung === 0);
}

/** An IOS instance reached ACTIVE: it programs every packet-ready ESP that lost its state. */
export function programEsps(s: SimState): void {
  for (let e = 0; e < s.espCount; e++) {
    if (s.esp[e].state === OK) s.esp[e].programmed = 1;
  }
  updateForwarding(s);
}

/**
 * Whether an RP can bring an ESP up: its software (ESPBase) comes from the RP's package set and the RP's chassis
 * manager boots it (domain §8.17, [PKG]). A booting RP counts: the ESP is packet-ready before any IOSd is active.
 */
function rpAvailable(s: SimState): boolean {
  const hosts = s.dualRp ? 2 : 1;
  for (let h = 0; h < hosts; h++) if (s.host[h].rpFailed === 0) return true;
  return false;
}

/**
 * Resets one ESP (state lost); it becomes packet-ready after `espPacketReady`. A failed ESP stays failed. With no
 * RP able to run (the only RP failed, or both), it stays not ready until an RP is back (§8.17, `resumeEsps`).
 */
export function resetEsp(s: SimState, e: number): void {
  if (s.esp[e].failed === 1 || s.powerLost === 1) return;
  setEspState(s, e, INIT);
  s.esp[e].programmed = 0;
  s.esp[e].epoch++;
  if (!rpAvailable(s)) {
    s.espWaitRp = 1;
    return;
  }
  schedule(s, draw(s, TK.espPacketReady), ESP_READY, e, s.esp[e].epoch);
}

/** An RP runs again: ESPs left waiting for one (§8.17) boot now and are packet-ready after `espPacketReady`. */
export function resumeEsps(s: SimState): void {
  if (s.espWaitRp === 0) return;
  s.espWaitRp = 0;
  for (let e = 0; e < s.espCount; e++) if (s.esp[e].state === INIT) resetEsp(s, e);
}

/**
 * A cold start opens the ESP role (§8.18): by slot precedence F0 takes it (F1 if F0 has failed), whichever ESP
 * reports packet-ready first; with `first-ready` the first ESP packet-ready takes it.
 */
export function beginEspColdStart(s: SimState): void {
  s.espColdRole = s.espCount === 2 ? 1 : 0;
  if (s.espSlotPrecedence || s.espCount < 2) setEspRole(s, s.esp[0].failed === 1 && s.espCount === 2 ? 1 : 0);
}

/** Resets every ESP: the data plane restarts (chassis reload, non-SSO switchover). */
export function resetEsps(s: SimState): void {
  for (let e = 0; e < s.espCount; e++) resetEsp(s, e);
  updateForwarding(s);
}

function setEspRole(s: SimState, e: number): void {
  if (s.espActive === e) return;
  if (s.timeline !== null) emit(s, espName(e), 'esp-role', 'standby', 'active');
  s.espActive = e;
}

/**
 * ESP packet-ready: programmed at once if an ACTIVE IOS exists; takes the active role if the holder is down. In a
 * cold start (§8.18) the role goes to the ESP `beginEspColdStart` chose, or to the first one ready.
 */
export function onEspReady(s: SimState, e: number): void {
  setEspState(s, e, OK);
  if (hasWorkingActive(s)) s.esp[e].programmed = 1;
  if (s.espColdRole === 1) {
    if (!s.espSlotPrecedence || e === s.espActive) {
      setEspRole(s, e);
      s.espColdRole = 0;
    }
  } else if (s.esp[s.espActive].state !== OK) setEspRole(s, e);
  updateForwarding(s);
}

/** Standby ESP takes over forwarding after the `espSwitchover` interruption. */
export function onEspTakeover(s: SimState, e: number): void {
  if (s.esp[e].state !== OK) return;
  setEspRole(s, e);
  updateForwarding(s);
}

/**
 * An ESP fails and stays failed until repaired. If it was the active ESP and a programmed standby ESP is
 * packet-ready, that one takes over after `espSwitchover`; otherwise forwarding stops.
 */
export function failEsp(s: SimState, e: number): void {
  s.esp[e].failed = 1;
  s.esp[e].programmed = 0;
  s.esp[e].epoch++;
  setEspState(s, e, FAILED);
  const other = 1 - e;
  // The ESP a cold start chose failed before taking its role: the other one takes it (§8.18).
  if (s.espColdRole === 1 && e === s.espActive && s.espCount === 2) {
    setEspRole(s, other);
    if (s.esp[other].state === OK) s.espColdRole = 0;
  }
  if (e === s.espActive && s.espCount === 2 && s.esp[other].state === OK && s.esp[other].programmed === 1) {
    schedule(s, draw(s, TK.espSwitchover), ESP_TAKEOVER, other, s.esp[other].epoch);
  }
  updateForwarding(s);
}

/** Repaired (replaced) ESP: boots again and is packet-ready after `espPacketReady`. */
export function repairEsp(s: SimState, e: number): void {
  s.esp[e].failed = 0;
  resetEsp(s, e);
  updateForwarding(s);
}

/** Power is gone: every ESP is off and loses its state. */
export function powerOffEsps(s: SimState): void {
  for (let e = 0; e < s.espCount; e++) {
    setEspState(s, e, UNKNOWN);
    s.esp[e].programmed = 0;
    s.esp[e].epoch++;
  }
  updateForwarding(s);
}
