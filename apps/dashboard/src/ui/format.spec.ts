import { describe, expect, it } from 'vitest';
import { formatClock, formatCountdown, formatDuration, formatRelative } from './format';

describe('formatDuration', () => {
  it('picks a unit that reads well', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(40)).toBe('40 ms');
    expect(formatDuration(2500)).toBe('2.5 s');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(166_679)).toBe('2 min 47 s');
    expect(formatDuration(180_000)).toBe('3 min');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
    expect(formatDuration(null)).toBe('—');
  });

  it('formats chart clocks', () => {
    expect(formatClock(60_040)).toBe('01:00');
    expect(formatClock(3_725_000)).toBe('1:02:05');
  });
});

describe('formatRelative and formatCountdown', () => {
  const now = Date.parse('2026-12-06T04:00:00Z');
  const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();

  it('says how long ago or how soon, in whole units', () => {
    expect(formatRelative(at(-2), now)).toBe('just now');
    expect(formatRelative(at(-45), now)).toBe('45 s ago');
    expect(formatRelative(at(-199), now)).toBe('3 min 19 s ago');
    expect(formatRelative(at(-180), now)).toBe('3 min ago');
    expect(formatRelative(at(-7500), now)).toBe('2 h 05 min ago');
    expect(formatRelative(at(-3 * 86_400 - 4 * 3600), now)).toBe('3 d 4 h ago');
    expect(formatRelative(at(199), now)).toBe('in 3 min 19 s');
    expect(formatRelative(null, now)).toBe('—');
    expect(formatRelative('not a time', now)).toBe('not a time');
  });

  it('counts down to a time, never below zero', () => {
    expect(formatCountdown(at(199), now)).toBe('3 min 19 s');
    expect(formatCountdown(at(198.2), now)).toBe('3 min 19 s');
    expect(formatCountdown(at(-10), now)).toBe('0 s');
  });
});
