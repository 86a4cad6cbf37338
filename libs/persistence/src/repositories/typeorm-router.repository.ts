import type { Freshness } from '@asr-twin/domain';
import DataLoader from 'dataloader';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { RouterEntity } from '../entities/router.entity.js';
import { toRouterDetail, toRouterSummary } from '../mappers.js';
import type { NewRouter, Page, PageRequest, RouterDetail, RouterFilter, RouterPatch, RouterSummary } from '../read-models.js';
import { isUuid, translatePgError } from './pg-errors.js';
import { bulkInsertRouters } from './router-bulk-insert.js';
import { findRouterDetails, findRouterDetailsByHostnames, findRouterDetailsByKey } from './router-details.sql.js';
import { RouterRepository } from './router.repository.js';

/** Relations that make up a router's whole tree. */
export const ROUTER_TREE = { hosts: { hypervisor: true }, instances: true, esps: true } as const;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class TypeormRouterRepository extends RouterRepository {
  private readonly details = new DataLoader<string, RouterDetail | null>((keys) => findRouterDetailsByKey(this.ds.manager, keys), {
    cache: false,
    maxBatchSize: 500,
    batchScheduleFn: (flush) => setImmediate(flush),
  });

  constructor(private readonly ds: DataSource) {
    super();
  }

  async insertMany(fleetId: string, routers: readonly NewRouter[], actor: string): Promise<readonly string[]> {
    if (routers.length === 0) return [];
    try {
      return await this.ds.transaction((m) => bulkInsertRouters(m, fleetId, routers, actor));
    } catch (error) {
      translatePgError(error);
    }
  }

  async findTakenHostnames(hostnames: readonly string[]): Promise<readonly string[]> {
    if (hostnames.length === 0) return [];
    const rows: { hostname: string }[] = await this.ds.query(`SELECT hostname FROM routers WHERE hostname = ANY($1::text[]) ORDER BY hostname`, [hostnames]);
    return rows.map((r) => r.hostname);
  }

  async maxHostnameIndex(prefix: string): Promise<number> {
    const rows: { n: number | null }[] = await this.ds.query(
      `SELECT max(substring(hostname FROM length($1) + 1)::bigint) AS n
         FROM routers WHERE hostname LIKE $2 AND substring(hostname FROM length($1) + 1) ~ '^[0-9]{1,15}$'`,
      [prefix, `${escapeLike(prefix)}%`],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * One router's whole tree. Reads of requests that arrive together (one turn of the event loop) share one
   * statement; nothing is cached, every call reads the stored state as it is when the batch runs.
   */
  findDetail(idOrHostname: string): Promise<RouterDetail | null> {
    return this.details.load(idOrHostname);
  }

  async findDetails(ids: readonly string[]): Promise<readonly RouterDetail[]> {
    const uuids = [...new Set(ids.filter(isUuid))];
    return findRouterDetails(this.ds.manager, uuids);
  }

  async findDetailsByHostnames(hostnames: readonly string[]): Promise<readonly RouterDetail[]> {
    return findRouterDetailsByHostnames(this.ds.manager, [...new Set(hostnames)]);
  }

  async list(filter: RouterFilter, page: PageRequest): Promise<Page<RouterSummary>> {
    const repo = this.ds.getRepository(RouterEntity);
    // The count rides along as an uncorrelated subquery (evaluated once), so a page is one round trip.
    const count = repo.createQueryBuilder('c').select('count(*)');
    applyFilter(count, filter, 'c');
    const qb = repo.createQueryBuilder('r');
    applyFilter(qb, filter, 'r');
    const { entities, raw } = await qb
      .addSelect(`(${count.getQuery()})`, 'total')
      .orderBy('r.hostname', 'ASC')
      .limit(page.limit)
      .offset(page.offset)
      .getRawAndEntities<{ total: string }>();
    const total = raw[0] ? Number(raw[0].total) : page.offset === 0 ? 0 : await count.getCount();
    return { items: entities.map(toRouterSummary), total, limit: page.limit, offset: page.offset };
  }

  async update(id: string, patch: RouterPatch, actor: string): Promise<RouterDetail | null> {
    if (!isUuid(id)) return null;
    try {
      return await this.ds.transaction(async (m) => {
        const before = await m.findOne(RouterEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!before) return null;
        await m.update(RouterEntity, { id }, { ...patch, updatedAt: new Date() });
        const after = await m.findOneOrFail(RouterEntity, { where: { id }, relations: ROUTER_TREE });
        await logRouterChange(m, after, actor, pick(before, patch), pick(after, patch));
        return toRouterDetail(after);
      });
    } catch (error) {
      translatePgError(error);
    }
  }

  async delete(id: string, actor: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.ds.transaction(async (m) => {
      const router = await m.findOne(RouterEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!router) return false;
      await m.delete(RouterEntity, { id });
      await m.query(
        `INSERT INTO change_log (fleet_id, router_id, hostname, entity, entity_key, action, actor, before)
         VALUES ($1, $2, $3, 'router', $3, 'deleted', $4, $5::jsonb)`,
        [router.fleetId, id, router.hostname, actor, JSON.stringify(toRouterSummary(router))],
      );
      return true;
    });
  }
}

/** The filter's conditions on the routers aliased `a`; the same parameter names for every alias and value. */
function applyFilter(qb: SelectQueryBuilder<RouterEntity>, f: RouterFilter, a: string): void {
  if (f.fleet !== undefined) {
    if (isUuid(f.fleet)) qb.andWhere(`${a}.fleet_id = :fleetId`, { fleetId: f.fleet });
    else qb.andWhere(`${a}.fleet_id = (SELECT id FROM fleets WHERE name = :fleetName)`, { fleetName: f.fleet });
  }
  if (f.models?.length) qb.andWhere(`${a}.model IN (:...models)`, { models: f.models });
  if (f.health?.length) qb.andWhere(`${a}.health IN (:...health)`, { health: f.health });
  if (f.labels && Object.keys(f.labels).length) qb.andWhere(`${a}.labels @> :labels::jsonb`, { labels: JSON.stringify(f.labels) });
  if (f.hostnamePrefix) qb.andWhere(`${a}.hostname ILIKE :prefix ESCAPE '\\'`, { prefix: `${escapeLike(f.hostnamePrefix)}%` });
  if (f.freshness?.values.length) qb.andWhere(freshnessCondition(a, f.freshness.values), { staleBefore: f.freshness.staleBefore });
}

/** Each freshness value as a condition on `observed_at` alone, so the index on it serves every one. */
function freshnessCondition(a: string, values: readonly Freshness[]): string {
  const conditions: Record<Freshness, string> = {
    never: `${a}.observed_at IS NULL`,
    stale: `${a}.observed_at < :staleBefore::timestamptz`,
    fresh: `${a}.observed_at >= :staleBefore::timestamptz`,
  };
  return `(${[...new Set(values)].map((v) => conditions[v]).join(' OR ')})`;
}

function pick(entity: RouterEntity, patch: RouterPatch): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, entity[k as keyof RouterPatch]]));
}

async function logRouterChange(m: EntityManager, r: RouterEntity, actor: string, before: unknown, after: unknown): Promise<void> {
  await m.query(
    `INSERT INTO change_log (fleet_id, router_id, hostname, entity, entity_key, action, actor, before, after)
     VALUES ($1, $2, $3, 'router', $3, 'updated', $4, $5::jsonb, $6::jsonb)`,
    [r.fleetId, r.id, r.hostname, actor, JSON.stringify(before), JSON.stringify(after)],
  );
}
