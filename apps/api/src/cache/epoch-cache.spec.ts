import { describe, expect, it } from 'vitest';
import { EpochCache } from './epoch-cache.js';

describe('EpochCache', () => {
  it('keeps an entry read between stores however many other entries come and go', () => {
    const cache = new EpochCache<number>({ maxAgeMs: 60_000, maxEntries: 4 });
    cache.set('hot', 'e1', 0);
    for (let i = 1; i <= 40; i++) {
      expect(cache.get('hot', 'e1')).toBe(0);
      cache.set(`cold-${i}`, 'e1', i);
      expect(cache.size).toBeLessThanOrEqual(4);
    }
    expect(cache.get('hot', 'e1')).toBe(0);
  });

  it('drops the entries read least recently first when full', () => {
    const cache = new EpochCache<number>({ maxAgeMs: 60_000, maxEntries: 4 });
    for (let i = 1; i <= 4; i++) cache.set(`k${i}`, 'e1', i);
    cache.set('k5', 'e1', 5);
    expect(cache.get('k1', 'e1')).toBeUndefined();
    expect([2, 3, 4, 5].map((i) => cache.get(`k${i}`, 'e1'))).toEqual([2, 3, 4, 5]);
  });

  it('answers nothing for another epoch or past the maximum age', () => {
    let now = 0;
    const cache = new EpochCache<number>({ maxAgeMs: 1000, maxEntries: 4 }, () => now);
    cache.set('k', 'e1', 1);
    expect(cache.get('k', 'e2')).toBeUndefined();
    cache.set('k', 'e1', 1);
    now = 1001;
    expect(cache.get('k', 'e1')).toBeUndefined();
  });
});
