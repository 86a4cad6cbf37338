import { resolveTimingDefaults, RF, type ChassisModel, type RfStateCode } from '@asr-twin/domain';

/**
 * Time (ms) a standby IOS needs from the system's start to STANDBY HOT on `model`: IOS boot plus bulk sync
 * (domain reference §8.16, §8.19), ≈3 min on an ASR1006 RP2 with a small configuration: the sum of the timing
 * profile's `iosBoot` and `bulkSync`, read here and nowhere else in this library.
 */
export function standbyHotAfterStartMs(model: ChassisModel): number {
  const t = resolveTimingDefaults(model);
  return t.iosBoot + t.bulkSync;
}

/**
 * The least time after the system's start an instance can have entered `rfState`: the standby's path to
 * STANDBY HOT for a standby HOT, nothing for the others (the active holds its state from the system's start,
 * §8.16: "the same or up to a minute less"; the twin takes the same).
 */
export function timeToReachStateMs(rfState: RfStateCode, standbyHotMs: number): number {
  return rfState === RF.STANDBY_HOT ? standbyHotMs : 0;
}

/**
 * `Uptime in current state` of an instance (§8.16). A known time (`knownMs`: observed, simulated or stored) is
 * kept but never exceeds the system uptime: no unit is in a state longer than the system is up. Where the twin
 * does not know it, the instance has been in its state since it reached it after the system's start: the
 * system uptime minus {@link timeToReachStateMs}, at least 0.
 */
export function timeInCurrentStateMs(knownMs: number | undefined, systemUptimeMs: number, reachMs: number): number {
  const uptime = Math.max(0, systemUptimeMs);
  if (knownMs !== undefined) return Math.min(Math.max(0, knownMs), uptime);
  return Math.max(0, uptime - reachMs);
}

/**
 * When an instance entered its RF state as `show` presents it at `nowMs` (epoch ms), from a router's stored
 * times: a state entered after the system's start keeps its time; a time stored at (or before) the start, as a
 * newly created or reloaded router has for every instance, means "since the boot" and is shown from the start
 * plus the time to reach the state (§8.16), so such a standby HOT is ≈3 min younger than the system. Never
 * later than `nowMs` (a router younger than that path shows 0 minutes in state).
 */
export function shownStateSinceMs(storedSinceMs: number, bootedAtMs: number, reachMs: number, nowMs: number): number {
  return Math.min(nowMs, storedSinceMs > bootedAtMs ? storedSinceMs : bootedAtMs + reachMs);
}
