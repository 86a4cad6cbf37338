import { describe, expect, it } from 'vitest';
import { freshnessOf } from './freshness.js';

const HOUR = 3_600_000;

describe('freshnessOf', () => {
  const now = Date.parse('2026-12-04T12:00:00.000Z');

  it('is never without an observation, fresh up to the limit, stale beyond it', () => {
    expect(freshnessOf(null, now, 24 * HOUR)).toBe('never');
    expect(freshnessOf('2026-12-04T11:00:00.000Z', now, 24 * HOUR)).toBe('fresh');
    expect(freshnessOf('2026-12-03T12:00:00.000Z', now, 24 * HOUR)).toBe('fresh');
    expect(freshnessOf('2026-12-03T11:59:59.999Z', now, 24 * HOUR)).toBe('stale');
    expect(freshnessOf('2026-12-04T11:00:00.000Z', now, HOUR / 2)).toBe('stale');
  });
});
