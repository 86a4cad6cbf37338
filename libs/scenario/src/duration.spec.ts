import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { SCENARIO_LIMITS } from './scenario-limits.js';

const ms = (text: string): number | string => {
  const result = parseDuration(text);
  return result.ok ? result.ms : result.code;
};

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['60s', 60_000],
    ['1.5m', 90_000],
    ['0.25s', 250],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2m30s', 150_000],
    ['1s500ms', 1_500],
    ['1h0m0s1ms', 3_600_001],
    ['0', 0],
    ['0s', 0],
    ['0ms', 0],
    ['720h', SCENARIO_LIMITS.maxDurationMs],
  ])('reads %s as %d ms', (text, expected) => {
    expect(ms(text)).toBe(expected);
  });

  it.each([
    ['60', 'missing-duration-unit'],
    ['1.5', 'missing-duration-unit'],
    ['', 'invalid-duration'],
    ['5min', 'invalid-duration'],
    ['2d', 'invalid-duration'],
    ['60S', 'invalid-duration'],
    ['1h 30m', 'invalid-duration'],
    ['30m1h', 'invalid-duration'],
    ['1m1m', 'invalid-duration'],
    ['1h30', 'invalid-duration'],
    ['.5s', 'invalid-duration'],
    ['5.s', 'invalid-duration'],
    ['+5s', 'invalid-duration'],
    ['1.5ms', 'invalid-duration'],
    ['1.0001s', 'invalid-duration'],
    ['s', 'invalid-duration'],
    ['-5s', 'duration-out-of-range'],
    ['721h', 'duration-out-of-range'],
    ['720h1ms', 'duration-out-of-range'],
    ['99999999999999999999999h', 'duration-out-of-range'],
    ['9'.repeat(100) + 's', 'invalid-duration'],
  ])('rejects %j with %s', (text, code) => {
    expect(ms(text)).toBe(code);
  });

  it('says what it found and what it expects', () => {
    const bare = parseDuration('60');
    expect(bare.ok ? '' : bare.message).toBe('duration "60" has no unit; units are required: ms, s, m or h (e.g. 60s)');
    const unit = parseDuration('5min');
    expect(unit.ok ? '' : unit.message).toBe('unknown unit "min" in duration "5min"; units are ms, s, m and h (write m)');
    const odd = parseDuration('5constructor');
    expect(odd.ok ? '' : odd.message).toBe('unknown unit "constructor" in duration "5constructor"; units are ms, s, m and h');
    const upper = parseDuration('60S');
    expect(upper.ok ? '' : upper.message).toBe('unit "S" in duration "60S" must be lowercase ("s")');
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const result = parseDuration(text);
        expect(result.ok ? Number.isSafeInteger(result.ms) && result.ms >= 0 : result.message.length > 0).toBe(true);
      }),
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [5_400_250, '1h30m250ms'],
    [SCENARIO_LIMITS.maxDurationMs, '720h'],
    [-1_500, '-1s500ms'],
    [1.6, '2ms'],
  ])('formats %d ms as %s', (value, text) => {
    expect(formatDuration(value)).toBe(text);
  });

  it('round-trips every duration in range through parseDuration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SCENARIO_LIMITS.maxDurationMs }), (value) => {
        expect(parseDuration(formatDuration(value))).toEqual({ ok: true, ms: value });
      }),
    );
  });
});
