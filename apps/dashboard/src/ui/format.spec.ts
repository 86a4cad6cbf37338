import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration } from './format';

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
