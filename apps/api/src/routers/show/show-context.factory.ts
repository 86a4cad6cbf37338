import { isSwitchoverReason, type SwitchoverReason } from '@asr-twin/domain';
import { CONTROL_PROCESSOR_LEAD_MS, defaultShowContext, type ShowContext } from '@asr-twin/ios-cli';
import type { RouterDetail } from '@asr-twin/persistence';

/** A stored reason the library does not know prints as the MIB's `notKnown` (the column's check prevents it). */
function reasonOf(text: string): SwitchoverReason {
  return isSwitchoverReason(text) ? text : 'not known';
}

/**
 * Times in RF state the twin knows: `now − stateSince` of each instance that changed state after the boot. An
 * instance whose stored time is the boot time (a router created or reloaded, never observed or switched since)
 * is left out: the library then derives it from the system uptime and the time the instance took to reach its
 * state, so a standby HOT shows ≈3 min less than the system uptime (domain reference §8.16).
 */
function knownTimesInState(redundancy: RouterDetail['redundancy'], nowMs: number): Record<string, number> {
  const bootedAtMs = Date.parse(redundancy.bootedAt);
  return Object.fromEntries(
    Object.entries(redundancy.stateSince)
      .filter(([, since]) => Date.parse(since) > bootedAtMs)
      .map(([name, since]) => [name, Math.max(0, nowMs - Date.parse(since))]),
  );
}

/**
 * The `show` context of a stored router at wall-clock time `nowMs`: its twin state, serial, RF counters and
 * operating mode as stored; the system uptime is `now − bootedAt`, the control processor's 2 min longer
 * (the library's lead), and each instance's time in its RF state as {@link knownTimesInState} gives it.
 * Everything the twin does not store (hardware lines, platform carriers, images of engineering builds,
 * register, BOOT, the 17.x licence mode: autonomous) keeps the library's defaults. The clock is left out, so
 * `show version` prints no time stamps.
 */
export function showContextOf(router: RouterDetail, nowMs: number): ShowContext {
  const { redundancy } = router;
  const systemUptimeMs = Math.max(0, nowMs - Date.parse(redundancy.bootedAt));
  const timeInStateMs = knownTimesInState(redundancy, nowMs);
  return defaultShowContext(
    { hostname: router.hostname, model: router.model, serial: router.serial, state: router.state },
    {
      systemUptimeMs,
      controlProcessorUptimeMs: systemUptimeMs + CONTROL_PROCESSOR_LEAD_MS,
      timeInStateMs,
      switchovers: redundancy.switchovers,
      standbyFailures: redundancy.standbyFailures,
      lastSwitchoverReason: reasonOf(redundancy.lastSwitchoverReason),
      operatingMode: redundancy.operatingMode,
    },
  );
}
