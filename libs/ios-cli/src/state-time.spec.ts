import { RF, TIMING_PROFILE } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { defaultShowContext } from './default-show-context.js';
import { redundancyView } from './redundancy-view.js';
import { parseShowRedundancy } from './show-redundancy.parser.js';
import { renderShowRedundancy } from './show-redundancy.renderer.js';
import { shownStateSinceMs, standbyHotAfterStartMs, timeInCurrentStateMs, timeToReachStateMs } from './state-time.js';
import { HOUR_MS, MINUTE_MS } from './uptime.format.js';

describe('§8.16 time in current state', () => {
  it('§8.16: reads the standby path to HOT from the timing profile (≈3 min)', () => {
    expect(standbyHotAfterStartMs('ASR1006')).toBe(TIMING_PROFILE.iosBoot.defaultMs + TIMING_PROFILE.bulkSync.defaultMs);
    expect(standbyHotAfterStartMs('ASR1006')).toBe(3 * MINUTE_MS);
    expect(timeToReachStateMs(RF.STANDBY_HOT, 180_000)).toBe(180_000);
    expect(timeToReachStateMs(RF.ACTIVE, 180_000)).toBe(0);
  });

  it('§8.16: an unknown time is the system uptime less the time to reach the state; never negative', () => {
    expect(timeInCurrentStateMs(undefined, 15 * HOUR_MS + 4 * MINUTE_MS, 3 * MINUTE_MS)).toBe(15 * HOUR_MS + MINUTE_MS);
    expect(timeInCurrentStateMs(undefined, 15 * HOUR_MS, 0)).toBe(15 * HOUR_MS);
    expect(timeInCurrentStateMs(undefined, MINUTE_MS, 3 * MINUTE_MS)).toBe(0);
  });

  it('§8.16: a known time is kept, but no unit is in a state longer than the system is up', () => {
    expect(timeInCurrentStateMs(90_000, HOUR_MS, 3 * MINUTE_MS)).toBe(90_000);
    expect(timeInCurrentStateMs(2 * HOUR_MS, HOUR_MS, 0)).toBe(HOUR_MS);
    expect(timeInCurrentStateMs(-5, HOUR_MS, 0)).toBe(0);
  });

  it('§8.16: a default context prints the standby HOT 3 min below Available system uptime, the active equal to it', () => {
    const ctx = defaultShowContext({ hostname: 'PE1', model: 'ASR1006' }, { systemUptimeMs: 15 * HOUR_MS + 4 * MINUTE_MS + 20_000 });
    const text = renderShowRedundancy(ctx);
    expect(text).toContain('       Available system uptime = 15 hours, 4 minutes\n');
    const parsed = parseShowRedundancy(text);
    expect(parsed.ok && [parsed.value.current.uptimeInStateMs, parsed.value.peer?.uptimeInStateMs]).toEqual([
      15 * HOUR_MS + 4 * MINUTE_MS,
      15 * HOUR_MS + MINUTE_MS,
    ]);
    expect(text.match(/Uptime in current state = (.*)/g)).toEqual([
      'Uptime in current state = 15 hours, 4 minutes',
      'Uptime in current state = 15 hours, 1 minute',
    ]);
  });

  it('§8.16: the standby path is a context field, and a stored time beyond the system uptime is capped', () => {
    const view = redundancyView(
      defaultShowContext(
        { hostname: 'r', model: 'ASR1004' },
        { systemUptimeMs: HOUR_MS, standbyHotAfterStartMs: 10 * MINUTE_MS, timeInStateMs: { 'R0/0': 5 * HOUR_MS } },
      ),
    );
    expect([view.current.uptimeInStateMs, view.peer.uptimeInStateMs]).toEqual([HOUR_MS, 50 * MINUTE_MS]);
  });

  it('§8.16: a time stored at the boot counts from the boot plus the path to the state; a later one is kept', () => {
    const boot = Date.UTC(2026, 0, 1);
    const now = boot + 2 * HOUR_MS;
    expect(shownStateSinceMs(boot, boot, 3 * MINUTE_MS, now)).toBe(boot + 3 * MINUTE_MS);
    expect(shownStateSinceMs(boot - HOUR_MS, boot, 0, now)).toBe(boot);
    expect(shownStateSinceMs(boot + HOUR_MS, boot, 3 * MINUTE_MS, now)).toBe(boot + HOUR_MS);
    expect(shownStateSinceMs(boot, boot, 3 * MINUTE_MS, boot + MINUTE_MS)).toBe(boot + MINUTE_MS);
  });
});
