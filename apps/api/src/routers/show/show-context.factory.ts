import { isSwitchoverReason, type SwitchoverReason } from '@asr-twin/domain';
import {
  CONTROL_PROCESSOR_LEAD_MS,
  defaultShowContext,
  shownStateSinceMs,
  standbyHotAfterStartMs,
  timeToReachStateMs,
  type ShowContext,
} from '@asr-twin/ios-cli';
import type { RouterDetail } from '@asr-twin/persistence';

/** A stored reason the library does not know prints as the MIB's `notKnown` (the column's check prevents it). */
function reasonOf(text: string): SwitchoverReason {
  return isSwitchoverReason(text) ? text : 'not known';
}

/**
 * Each instance's time in its RF state: `now − stateSince` as `show` presents it (`shownStateSinceMs`): a time
 * stored at the boot (a router created or reloaded, never observed or switched since) counts from the boot plus
 * the time the instance took to reach its state, so a standby HOT shows ≈3 min less than the system uptime
 * (domain reference §8.16). The library caps each at the system uptime.
 */
function timesInState(router: RouterDetail, nowMs: number): Record<string, number> {
  const bootedAtMs = Date.parse(router.redundancy.bootedAt);
  const hotMs = standbyHotAfterStartMs(router.model);
  return Object.fromEntries(
    router.state.instances.flatMap((i) => {
      const since = router.redundancy.stateSince[i.name];
      if (since === undefined) return [];
      const shown = shownStateSinceMs(Date.parse(since), bootedAtMs, timeToReachStateMs(i.rfState, hotMs), nowMs);
      return [[i.name, nowMs - shown]];
    }),
  );
}

/**
 * The `show` context of a stored router at wall-clock time `nowMs`: its twin state, serial, RF counters and
 * operating mode as stored; the system uptime is `now − bootedAt`, the control processor's 2 min longer
 * (the library's lead), and each instance's time in its RF state as {@link timesInState} gives it.
 * Everything the twin does not store (hardware lines, platform carriers, images of engineering builds,
 * register, BOOT, the 17.x licence mode: autonomous) keeps the library's defaults. The clock is left out, so
 * `show version` prints no time stamps.
 */
export function showContextOf(router: RouterDetail, nowMs: number): ShowContext {
  const { redundancy } = router;
  const systemUptimeMs = Math.max(0, nowMs - Date.parse(redundancy.bootedAt));
  const timeInStateMs = timesInState(router, nowMs);
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
