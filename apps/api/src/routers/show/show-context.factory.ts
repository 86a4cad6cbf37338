import { isSwitchoverReason, type SwitchoverReason } from '@asr-twin/domain';
import { CONTROL_PROCESSOR_LEAD_MS, defaultShowContext, type ShowContext } from '@asr-twin/ios-cli';
import type { RouterDetail } from '@asr-twin/persistence';

/** A stored reason the library does not know prints as the MIB's `notKnown` (the column's check prevents it). */
function reasonOf(text: string): SwitchoverReason {
  return isSwitchoverReason(text) ? text : 'not known';
}

/**
 * The `show` context of a stored router at wall-clock time `nowMs`: its twin state, serial, RF counters and
 * operating mode as stored; the system uptime is `now − bootedAt`, the control processor's 2 min longer
 * (the library's lead), and each instance's time in its RF state `now − stateSince`. Everything the twin
 * does not store (hardware lines, platform carriers, images of engineering builds, register, BOOT) keeps the
 * library's defaults. The clock is left out, so `show version` prints no time stamps.
 */
export function showContextOf(router: RouterDetail, nowMs: number): ShowContext {
  const { redundancy } = router;
  const systemUptimeMs = Math.max(0, nowMs - Date.parse(redundancy.bootedAt));
  const timeInStateMs = Object.fromEntries(
    Object.entries(redundancy.stateSince).map(([name, since]) => [name, Math.max(0, nowMs - Date.parse(since))]),
  );
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
