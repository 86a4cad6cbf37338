import { describe, expect, it } from 'vitest';
import { VerifiedKeys } from './verified-keys.js';

const key = { id: 'k1', name: 'prometheus', role: 'viewer' as const };

describe('VerifiedKeys', () => {
  it('recalls a token verified within the grace, and not after it', () => {
    let now = 1_000_000;
    const keys = new VerifiedKeys(3_600_000, () => now);
    keys.remember('atw_a_secret', key);
    now += 3_600_000;
    expect(keys.recall('atw_a_secret')).toEqual(key);
    expect(keys.recall('atw_a_other')).toBeNull();
    now += 1;
    expect(keys.recall('atw_a_secret')).toBeNull();
  });

  it('forgets a token PostgreSQL refused, and every token of a key that changed', () => {
    const keys = new VerifiedKeys(60_000);
    keys.remember('atw_a_one', key);
    keys.remember('atw_a_two', key);
    keys.remember('atw_b_three', { ...key, id: 'k2' });
    keys.forget('atw_a_one');
    expect(keys.recall('atw_a_one')).toBeNull();
    keys.forgetKey('k1');
    expect(keys.recall('atw_a_two')).toBeNull();
    expect(keys.recall('atw_b_three')?.id).toBe('k2');
  });

  it('remembers nothing when the grace is 0', () => {
    const keys = new VerifiedKeys(0);
    keys.remember('atw_a_secret', key);
    expect(keys.enabled).toBe(false);
    expect(keys.recall('atw_a_secret')).toBeNull();
  });
});
