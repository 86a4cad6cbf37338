import { NotFoundError, ValidationError } from '@asr-twin/domain';
import type { Page, PageRequest } from '../read-models.js';
import type { ApiKeyInfo, ApiKeyRepository, NewApiKeyRow, StoredApiKey } from '../repositories/api-key.repository.js';
import { generateApiKey, hashApiKey, hashesMatch, isPlausibleApiKey, lookupIdOf } from './api-key-token.js';
import { type ApiRole, API_ROLES, isApiRole } from './api-roles.js';

/** Name of the key that `ADMIN_API_KEY` configures; reserved for it. */
export const CONFIGURED_ADMIN_KEY_NAME = 'bootstrap-admin';

/** Key names: letters, digits, `.`, `_`, `-` and `@`, starting with a letter or digit, at most 63 characters. */
export const API_KEY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,62}$/;

/** `last_used_at` is written at most this often per key. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** A key that authenticated a request: who (for the change log) and what it may do. */
export interface AuthenticatedKey {
  readonly id: string;
  readonly name: string;
  readonly role: ApiRole;
}

/** A new key and its secret, which exists nowhere else: it is shown once and only its hash is kept. */
export interface CreatedApiKey extends ApiKeyInfo {
  readonly key: string;
}

/** Result of authenticating a bearer token; `reason` is safe to show to the client. */
export type Authentication = { readonly ok: true; readonly key: AuthenticatedKey } | { readonly ok: false; readonly reason: string };

/** What {@link ApiKeyService.ensureConfiguredAdmin} did with the configured key. */
export type ConfiguredAdminOutcome = 'created' | 'replaced' | 'unchanged' | 'revoked';

const DUMMY_HASH = hashApiKey('not a key');

/**
 * Issues, lists, revokes and checks API keys. Shared by the api (REST routes and request authentication) and
 * the command-line tools, so a key means the same everywhere.
 */
export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly now: () => Date = () => new Date(),
    /**
     * Called after each committed change to a key (created, revoked, given another secret), before the change is
     * reported: the api records it in Redis so that no api process goes on trusting a cached verification.
     */
    private readonly afterChange: () => Promise<unknown> = () => Promise.resolve(),
  ) {}

  /** A new key; the returned `key` is the only copy of the secret. */
  async create(name: string, role: string): Promise<CreatedApiKey> {
    const issues = [
      ...(API_KEY_NAME_PATTERN.test(name)
        ? []
        : [{ field: 'name', message: 'letters, digits, ".", "_", "@" and "-", starting with a letter or digit, at most 63 characters' }]),
      ...(name === CONFIGURED_ADMIN_KEY_NAME ? [{ field: 'name', message: 'reserved for the key configured by ADMIN_API_KEY' }] : []),
      ...(isApiRole(role) ? [] : [{ field: 'role', message: `one of ${API_ROLES.join(', ')}` }]),
    ];
    if (issues.length > 0 || !isApiRole(role)) {
      throw new ValidationError(`invalid key: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
    }
    const generated = generateApiKey();
    const info = await this.keys.create({ name, role, publicId: generated.publicId, secretHash: generated.secretHash });
    await this.afterChange();
    return { ...info, key: generated.key };
  }

  list(page: PageRequest): Promise<Page<ApiKeyInfo>> {
    return this.keys.list(page);
  }

  async get(id: string): Promise<ApiKeyInfo> {
    const key = await this.keys.get(id);
    if (!key) throw new NotFoundError('key', id);
    return key;
  }

  /** Revokes the key at once, for every api process; revoking twice keeps the first time. */
  async revoke(id: string): Promise<ApiKeyInfo> {
    const key = await this.keys.revoke(id, this.now());
    if (!key) throw new NotFoundError('key', id);
    await this.afterChange();
    return key;
  }

  /**
   * Checks a bearer token: one lookup by the key's public id, then a constant-time comparison of hashes.
   * Records the use at most once a minute per key.
   */
  async authenticate(token: string): Promise<Authentication> {
    if (!isPlausibleApiKey(token)) return { ok: false, reason: 'the API key is malformed' };
    const hash = hashApiKey(token);
    const stored = await this.keys.findByPublicId(lookupIdOf(token));
    const matches = hashesMatch(stored?.secretHash ?? DUMMY_HASH, hash) && stored !== null;
    if (!stored || !matches || stored.revokedAt !== null) return { ok: false, reason: 'the API key is unknown or revoked' };
    await this.recordUse(stored);
    return { ok: true, key: { id: stored.id, name: stored.name, role: stored.role } };
  }

  /**
   * Stores the key configured by `ADMIN_API_KEY` as the admin key `bootstrap-admin`. A changed value replaces
   * the old secret (and lifts a revocation); a revoked key whose value did not change stays revoked.
   */
  async ensureConfiguredAdmin(key: string): Promise<ConfiguredAdminOutcome> {
    const row: NewApiKeyRow = { name: CONFIGURED_ADMIN_KEY_NAME, role: 'admin', publicId: lookupIdOf(key), secretHash: hashApiKey(key) };
    const existing = await this.keys.findByName(CONFIGURED_ADMIN_KEY_NAME);
    if (!existing) {
      try {
        await this.keys.create(row);
        await this.afterChange();
        return 'created';
      } catch (error) {
        // Another api process stored it at the same moment: compare with what it stored.
        if ((await this.keys.findByName(CONFIGURED_ADMIN_KEY_NAME)) === null) throw error;
        return this.ensureConfiguredAdmin(key);
      }
    }
    if (!hashesMatch(existing.secretHash, row.secretHash) || existing.role !== 'admin') {
      await this.keys.replaceSecret(existing.id, row);
      await this.afterChange();
      return 'replaced';
    }
    return existing.revokedAt === null ? 'unchanged' : 'revoked';
  }

  /** Keys not revoked, to tell a fresh installation that it has none yet. */
  countActive(): Promise<number> {
    return this.keys.countActive();
  }

  private async recordUse(key: StoredApiKey): Promise<void> {
    const at = this.now();
    const notBefore = new Date(at.getTime() - LAST_USED_RESOLUTION_MS);
    if (key.lastUsedAt !== null && key.lastUsedAt >= notBefore) return;
    await this.keys.touch(key.id, at, notBefore);
  }
}
