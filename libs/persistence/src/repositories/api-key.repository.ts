import type { ApiRole } from '../api-keys/api-roles.js';
import type { Page, PageRequest } from '../read-models.js';

/** An API key as clients may see it: never the key itself nor its hash. Timestamps are ISO 8601 (UTC). */
export interface ApiKeyInfo {
  readonly id: string;
  readonly name: string;
  readonly role: ApiRole;
  /**
   * The non-secret start of the key (`atw_<public id>`), to tell keys apart; null for an `ADMIN_API_KEY` that
   * is not in that format.
   */
  readonly prefix: string | null;
  readonly createdAt: string;
  /** Updated at most once a minute, so up to a minute behind. */
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A stored key with what authentication needs. */
export interface StoredApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: ApiRole;
  readonly secretHash: Buffer;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface NewApiKeyRow {
  readonly name: string;
  readonly role: ApiRole;
  readonly publicId: string;
  readonly secretHash: Buffer;
}

/** Port for API keys. */
export abstract class ApiKeyRepository {
  /** Throws `ConflictError` (field `name`) when the name is taken, also by a revoked key. */
  abstract create(row: NewApiKeyRow): Promise<ApiKeyInfo>;
  abstract findByPublicId(publicId: string): Promise<StoredApiKey | null>;
  abstract findByName(name: string): Promise<StoredApiKey | null>;
  abstract get(id: string): Promise<ApiKeyInfo | null>;
  /** Oldest first. */
  abstract list(page: PageRequest): Promise<Page<ApiKeyInfo>>;
  /** Sets `revoked_at` unless the key is revoked already; null when there is no such key. */
  abstract revoke(id: string, at: Date): Promise<ApiKeyInfo | null>;
  /** Gives the key a new secret and role and clears its revocation (the configured admin key was changed). */
  abstract replaceSecret(id: string, row: NewApiKeyRow): Promise<void>;
  /** Sets `last_used_at = at` unless another process did so after `notBefore`: one write per key and minute. */
  abstract touch(id: string, at: Date, notBefore: Date): Promise<void>;
  /** Keys not revoked. */
  abstract countActive(): Promise<number>;
}
