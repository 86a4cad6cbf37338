import { randomUUID } from 'node:crypto';
import { ConflictError } from '@asr-twin/domain';
import DataLoader from 'dataloader';
import { type DataSource, IsNull } from 'typeorm';
import { API_KEY_PREFIX, FOREIGN_KEY_LOOKUP_ID } from '../api-keys/api-key-token.js';
import type { ApiRole } from '../api-keys/api-roles.js';
import { ApiKeyEntity } from '../entities/api-key.entity.js';
import type { Page, PageRequest } from '../read-models.js';
import { type ApiKeyInfo, ApiKeyRepository, type NewApiKeyRow, type StoredApiKey } from './api-key.repository.js';
import { isUuid } from './pg-errors.js';

export class TypeormApiKeyRepository extends ApiKeyRepository {
  /**
   * Key lookups of requests that arrive together (one turn of the event loop) share one statement. Nothing is
   * cached: every request still reads its key from PostgreSQL after it arrived, so a revocation holds from the
   * next request on.
   */
  private readonly byPublicId = new DataLoader<string, StoredApiKey | null>((ids) => this.findManyByPublicId(ids), {
    cache: false,
    maxBatchSize: 200,
    batchScheduleFn: (flush) => setImmediate(flush),
  });

  constructor(private readonly ds: DataSource) {
    super();
  }

  async create(row: NewApiKeyRow): Promise<ApiKeyInfo> {
    const entity = { id: randomUUID(), ...row, createdAt: new Date(), lastUsedAt: null, revokedAt: null };
    try {
      await this.ds.getRepository(ApiKeyEntity).insert(entity);
    } catch (error) {
      translateKeyConflict(error, row.name);
    }
    return toApiKeyInfo(entity);
  }

  /** Runs on every authenticated request: plain SQL, without the query builder's overhead, batched. */
  findByPublicId(publicId: string): Promise<StoredApiKey | null> {
    return this.byPublicId.load(publicId);
  }

  private async findManyByPublicId(publicIds: readonly string[]): Promise<(StoredApiKey | null)[]> {
    const rows: (StoredKeyRow & { public_id: string })[] = await this.ds.query(
      `SELECT public_id, id, name, role, secret_hash, last_used_at, revoked_at FROM api_keys WHERE public_id = ANY($1::text[])`,
      [[...new Set(publicIds)]],
    );
    const found = new Map(rows.map((r) => [r.public_id, r]));
    return publicIds.map((id) => {
      const row = found.get(id);
      return row ? { id: row.id, name: row.name, role: row.role, secretHash: row.secret_hash, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at } : null;
    });
  }

  async findByName(name: string): Promise<StoredApiKey | null> {
    return this.ds.getRepository(ApiKeyEntity).findOneBy({ name });
  }

  async get(id: string): Promise<ApiKeyInfo | null> {
    if (!isUuid(id)) return null;
    const entity = await this.ds.getRepository(ApiKeyEntity).findOneBy({ id });
    return entity ? toApiKeyInfo(entity) : null;
  }

  async list(page: PageRequest): Promise<Page<ApiKeyInfo>> {
    const [rows, total] = await this.ds.getRepository(ApiKeyEntity).findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: rows.map(toApiKeyInfo), total, limit: page.limit, offset: page.offset };
  }

  async revoke(id: string, at: Date): Promise<ApiKeyInfo | null> {
    if (!isUuid(id)) return null;
    await this.ds.getRepository(ApiKeyEntity).update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return this.get(id);
  }

  async replaceSecret(id: string, row: NewApiKeyRow): Promise<void> {
    try {
      await this.ds.getRepository(ApiKeyEntity).update({ id }, { publicId: row.publicId, secretHash: row.secretHash, role: row.role, revokedAt: null });
    } catch (error) {
      translateKeyConflict(error, row.name);
    }
  }

  async touch(id: string, at: Date, notBefore: Date): Promise<void> {
    await this.ds.query(`UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`, [id, at, notBefore]);
  }

  async countActive(): Promise<number> {
    return this.ds.getRepository(ApiKeyEntity).countBy({ revokedAt: IsNull() });
  }
}

interface StoredKeyRow {
  readonly id: string;
  readonly name: string;
  readonly role: ApiRole;
  readonly secret_hash: Buffer;
  readonly last_used_at: Date | null;
  readonly revoked_at: Date | null;
}

function toApiKeyInfo(e: Pick<ApiKeyEntity, 'id' | 'name' | 'role' | 'publicId' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>): ApiKeyInfo {
  return {
    id: e.id,
    name: e.name,
    role: e.role,
    prefix: e.publicId === FOREIGN_KEY_LOOKUP_ID ? null : `${API_KEY_PREFIX}${e.publicId}`,
    createdAt: e.createdAt.toISOString(),
    lastUsedAt: e.lastUsedAt?.toISOString() ?? null,
    revokedAt: e.revokedAt?.toISOString() ?? null,
  };
}

/** Unique violations a caller can provoke, as domain errors; anything else is rethrown. */
function translateKeyConflict(error: unknown, name: string): never {
  const pg = ((error as { driverError?: unknown }).driverError ?? error) as { code?: string; constraint?: string };
  if (pg.code === '23505' && pg.constraint === 'api_keys_name_key') {
    throw new ConflictError(`key name "${name}" is already taken`, [{ field: 'name', message: 'already taken' }]);
  }
  if (pg.code === '23505' && pg.constraint === 'api_keys_public_id_key') {
    throw new ConflictError('this key is already stored under another name');
  }
  throw error;
}
