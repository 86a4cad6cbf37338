import { randomUUID } from 'node:crypto';
import type { RouterHealth } from '@asr-twin/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { FleetEntity } from '../entities/fleet.entity.js';
import { toFleet } from '../mappers.js';
import type { Fleet, FleetPatch, NewFleet, Page, PageRequest } from '../read-models.js';
import { FleetRepository } from './fleet.repository.js';
import { isUuid, translatePgError } from './pg-errors.js';

type HealthCounts = Record<RouterHealth, number>;

interface FleetRow {
  id: string;
  name: string;
  description: string;
  labels: Record<string, string>;
  created_at: Date;
  updated_at: Date;
}

export class TypeormFleetRepository extends FleetRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async create(input: NewFleet, actor: string): Promise<Fleet> {
    const id = randomUUID();
    try {
      return await this.ds.transaction(async (m) => {
        await m.insert(FleetEntity, { id, ...input });
        const fleet = await m.findOneByOrFail(FleetEntity, { id });
        await logFleet(m, fleet.id, 'created', actor, null, input);
        return toFleet(fleet);
      });
    } catch (error) {
      translatePgError(error);
    }
  }

  async find(idOrName: string): Promise<Fleet | null> {
    const where = isUuid(idOrName) ? { id: idOrName } : { name: idOrName };
    const fleet = await this.ds.getRepository(FleetEntity).findOneBy(where);
    if (!fleet) return null;
    const counts = await this.healthCounts([fleet.id]);
    return toFleet(fleet, counts.get(fleet.id));
  }

  async findMany(ids: readonly string[]): Promise<readonly Fleet[]> {
    const uuids = [...new Set(ids.filter(isUuid))];
    if (uuids.length === 0) return [];
    // The counts by health come as one JSON object per fleet, so the batch stays one statement.
    const rows: (FleetRow & { counts: Partial<HealthCounts> })[] = await this.ds.query(
      `SELECT f.id, f.name, f.description, f.labels, f.created_at, f.updated_at,
              coalesce((SELECT json_object_agg(c.health, c.n)
                          FROM (SELECT health, count(*)::int AS n FROM routers WHERE fleet_id = f.id GROUP BY health) c), '{}') AS counts
         FROM fleets f WHERE f.id = ANY($1::uuid[])`,
      [uuids],
    );
    return rows.map((r) =>
      toFleet(
        { id: r.id, name: r.name, description: r.description, labels: r.labels, createdAt: r.created_at, updatedAt: r.updated_at },
        { protected: r.counts.protected ?? 0, degraded: r.counts.degraded ?? 0, down: r.counts.down ?? 0 },
      ),
    );
  }

  async list(page: PageRequest): Promise<Page<Fleet>> {
    const [rows, total] = await this.ds.getRepository(FleetEntity).findAndCount({
      order: { name: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    const counts = await this.healthCounts(rows.map((r) => r.id));
    return { items: rows.map((r) => toFleet(r, counts.get(r.id))), total, limit: page.limit, offset: page.offset };
  }

  async update(id: string, patch: FleetPatch, actor: string): Promise<Fleet | null> {
    if (!isUuid(id)) return null;
    try {
      return await this.ds.transaction(async (m) => {
        const before = await m.findOne(FleetEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!before) return null;
        await m.update(FleetEntity, { id }, { ...patch, updatedAt: new Date() });
        const after = await m.findOneByOrFail(FleetEntity, { id });
        await logFleet(m, id, 'updated', actor, pick(before, patch), pick(after, patch));
        const counts = await this.healthCounts([id], m);
        return toFleet(after, counts.get(id));
      });
    } catch (error) {
      translatePgError(error);
    }
  }

  async delete(id: string, actor: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.ds.transaction(async (m) => {
      const fleet = await m.findOne(FleetEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!fleet) return false;
      // One log row per router removed with the fleet, written in a single statement.
      await m.query(
        `INSERT INTO change_log (fleet_id, router_id, hostname, entity, entity_key, action, actor, before)
         SELECT fleet_id, id, hostname, 'router', hostname, 'deleted', $2,
                jsonb_build_object('model', model, 'hostname', hostname)
           FROM routers WHERE fleet_id = $1`,
        [id, actor],
      );
      await logFleet(m, id, 'deleted', actor, { name: fleet.name }, null);
      await m.delete(FleetEntity, { id });
      return true;
    });
  }

  private async healthCounts(ids: readonly string[], m: EntityManager = this.ds.manager): Promise<Map<string, HealthCounts>> {
    const result = new Map<string, HealthCounts>();
    if (ids.length === 0) return result;
    const rows: { fleet_id: string; health: RouterHealth; n: string }[] = await m.query(
      `SELECT fleet_id, health, count(*) AS n FROM routers WHERE fleet_id = ANY($1::uuid[]) GROUP BY fleet_id, health`,
      [ids],
    );
    for (const row of rows) {
      const counts = result.get(row.fleet_id) ?? { protected: 0, degraded: 0, down: 0 };
      counts[row.health] = Number(row.n);
      result.set(row.fleet_id, counts);
    }
    return result;
  }
}

function pick(entity: FleetEntity, patch: FleetPatch): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, entity[k as keyof FleetPatch]]));
}

async function logFleet(
  m: EntityManager,
  fleetId: string,
  action: 'created' | 'updated' | 'deleted',
  actor: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await m.query(
    `INSERT INTO change_log (fleet_id, entity, entity_key, action, actor, before, after)
     VALUES ($1, 'fleet', $2, $3, $4, $5::jsonb, $6::jsonb)`,
    [fleetId, fleetId, action, actor, before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after)],
  );
}
