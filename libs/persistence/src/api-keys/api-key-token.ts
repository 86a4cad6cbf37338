import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key format: `atw_<public id>_<secret>`. The prefix makes a leaked key recognisable (secret scanners,
 * log searches); the public id (12 base32 characters, 60 bits) finds the stored row without revealing
 * anything; the secret is 32 random bytes in base64url (43 characters). Only the SHA-256 of the whole key is
 * stored: with 256 bits of entropy a fast hash is enough, a slow password hash would add nothing but latency.
 */
export const API_KEY_PREFIX = 'atw_';

const PUBLIC_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const KEY_FORMAT = /^atw_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * Lookup id of a key whose text is not in the generated format: only the configured `ADMIN_API_KEY` can be
 * such a key. It cannot collide with a generated public id (those have 12 characters).
 */
export const FOREIGN_KEY_LOOKUP_ID = 'configured';

/** What a bearer token may look like at all: printable ASCII without spaces, of a sane length. */
const PLAUSIBLE_TOKEN = /^[\x21-\x7e]{16,512}$/;

export interface GeneratedApiKey {
  /** The full key, shown to its owner once. */
  readonly key: string;
  readonly publicId: string;
  readonly secretHash: Buffer;
}

/** A new random key with its lookup id and hash. */
export function generateApiKey(): GeneratedApiKey {
  const idBytes = randomBytes(12);
  const publicId = Array.from(idBytes, (b) => PUBLIC_ID_ALPHABET[b & 31]).join('');
  const key = `${API_KEY_PREFIX}${publicId}_${randomBytes(32).toString('base64url')}`;
  return { key, publicId, secretHash: hashApiKey(key) };
}

/** Whether a bearer token is worth a lookup at all. */
export function isPlausibleApiKey(token: string): boolean {
  return PLAUSIBLE_TOKEN.test(token);
}

/** The `public_id` under which a key is stored and looked up. */
export function lookupIdOf(key: string): string {
  return KEY_FORMAT.exec(key)?.[1] ?? FOREIGN_KEY_LOOKUP_ID;
}

/** SHA-256 of the whole key (32 bytes). */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Constant-time comparison of two hashes. */
export function hashesMatch(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
