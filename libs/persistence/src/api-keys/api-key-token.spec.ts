import { describe, expect, it } from 'vitest';
import { FOREIGN_KEY_LOOKUP_ID, generateApiKey, hashApiKey, hashesMatch, isPlausibleApiKey, lookupIdOf } from './api-key-token.js';
import { roleSatisfies } from './api-roles.js';

describe('API key tokens', () => {
  it('are atw_<12 base32>_<43 base64url>, distinct, and found by their public id', () => {
    const keys = Array.from({ length: 200 }, generateApiKey);
    expect(new Set(keys.map((k) => k.key)).size).toBe(200);
    expect(new Set(keys.map((k) => k.publicId)).size).toBe(200);
    for (const k of keys) {
      expect(k.key).toMatch(/^atw_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
      expect(lookupIdOf(k.key)).toBe(k.publicId);
      expect(isPlausibleApiKey(k.key)).toBe(true);
      expect(hashesMatch(k.secretHash, hashApiKey(k.key))).toBe(true);
      expect(hashesMatch(k.secretHash, hashApiKey(`${k.key}x`))).toBe(false);
    }
  });

  it('look up any other text (a configured ADMIN_API_KEY) under the reserved id', () => {
    expect(lookupIdOf('0123456789abcdef0123456789abcdef')).toBe(FOREIGN_KEY_LOOKUP_ID);
    expect(lookupIdOf('atw_tooshort_x')).toBe(FOREIGN_KEY_LOOKUP_ID);
    expect(FOREIGN_KEY_LOOKUP_ID).not.toMatch(/^[a-z2-7]{12}$/);
  });

  it('refuse implausible tokens before any lookup', () => {
    for (const bad of ['', 'short', 'has a space in it here', 'x'.repeat(513), 'é'.repeat(20)]) expect(isPlausibleApiKey(bad)).toBe(false);
  });

  it('compare hashes of different lengths as different', () => {
    expect(hashesMatch(Buffer.alloc(32), Buffer.alloc(31))).toBe(false);
  });
});

describe('roles', () => {
  it('order viewer < operator < admin', () => {
    expect(roleSatisfies('admin', 'operator')).toBe(true);
    expect(roleSatisfies('operator', 'operator')).toBe(true);
    expect(roleSatisfies('operator', 'admin')).toBe(false);
    expect(roleSatisfies('viewer', 'operator')).toBe(false);
    expect(roleSatisfies('viewer', 'viewer')).toBe(true);
  });
});
