import { hash } from 'node:crypto';
import type { AuthenticatedKey } from '@asr-twin/persistence';

/** Injection token of the configured grace (`API_KEY_OUTAGE_GRACE_S`), ms. */
export const KEY_OUTAGE_GRACE_MS = Symbol('KEY_OUTAGE_GRACE_MS');

/** Most keys remembered; the least recently verified go first. */
const MAX_REMEMBERED = 10_000;

/**
 * Keys this process verified against PostgreSQL recently, so that a scraper (or any client) whose key was good a
 * moment ago is still served while PostgreSQL is unreachable: the README promises that a `/metrics` scrape never
 * fails because PostgreSQL is down. Only the SHA-256 of a key is kept. PostgreSQL always has the last word: a key
 * it refuses is forgotten at once, and one changed or revoked by anyone (`api_key_changed`) is forgotten too.
 */
export class VerifiedKeys {
  private readonly byHash = new Map<string, { readonly key: AuthenticatedKey; readonly at: number }>();

  constructor(
    private readonly graceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a fallback may be used at all (`API_KEY_OUTAGE_GRACE_S` > 0). */
  get enabled(): boolean {
    return this.graceMs > 0;
  }

  remember(token: string, key: AuthenticatedKey): void {
    if (!this.enabled) return;
    const hash = hashOf(token);
    this.byHash.delete(hash);
    this.byHash.set(hash, { key, at: this.now() });
    if (this.byHash.size > MAX_REMEMBERED) this.byHash.delete(this.byHash.keys().next().value as string);
  }

  forget(token: string): void {
    this.byHash.delete(hashOf(token));
  }

  /** Forgets every token of a key (it was changed, revoked or deleted). */
  forgetKey(keyId: string): void {
    for (const [hash, entry] of this.byHash) if (entry.key.id === keyId) this.byHash.delete(hash);
  }

  /** The key, when PostgreSQL verified the token within the grace; null otherwise. */
  recall(token: string): AuthenticatedKey | null {
    const entry = this.byHash.get(hashOf(token));
    if (!entry) return null;
    if (this.now() - entry.at > this.graceMs) {
      this.byHash.delete(hashOf(token));
      return null;
    }
    return entry.key;
  }
}

/** The SHA-256 of a token (base64): what caches keep instead of the token. */
export function tokenDigest(token: string): string {
  return hashOf(token);
}

function hashOf(token: string): string {
  return hash('sha256', token, 'base64');
}
