import { ConflictError, NotFoundError, RF } from '@asr-twin/domain';
import { createDataSource, type NewRouter, TypeormChangeLogRepository, TypeormFleetRepository, TypeormRouterRepository } from '@asr-twin/persistence';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { CountingLogger } from '../support/query-counter.js';

const routers = (n: number, prefix: string): NewRouter[] =>
  Array.from({ length: n }, (_, i) => ({
    hostname: `${prefix}${i + 1}`,
    model: i % 2 ? 'ASR1006' : 'ASR1002-X',
    serial: `SER${i}`,
    softwareVersion: '17.3.4a',
    redundancyMode: 'sso',
    labels: { i: String(i) },
  }));

let db: TestDatabase;
let ds: DataSource;
const queries = new CountingLogger();
let fleets: TypeormFleetRepository;
let repo: TypeormRouterRepository;
let fleetId: string;

beforeAll(async () => {
  db = await migratedTestDatabase();
  ds = await createDataSource({ url: db.url, queryLogger: queries }).initialize();
  fleets = new TypeormFleetRepository(ds);
  repo = new TypeormRouterRepository(ds);
  fleetId = (await fleets.create({ name: 'repo', description: '', labels: {} }, 'test')).id;
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});
beforeEach(() => {
  queries.count = 0;
});

describe('RouterRepository.insertMany', () => {
  it('uses the same number of statements for 2 routers as for 2,000', async () => {
    await repo.insertMany(fleetId, routers(2, 'small-'), 'test');
    const small = queries.count;
    queries.count = 0;
    await repo.insertMany(fleetId, routers(2_000, 'large-'), 'test');
    expect(queries.count).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
  });

  it('stores the anatomy and the healthy initial state of each model', async () => {
    const dual = await repo.findDetail('large-2');
    expect(dual?.state.hosts.map((h) => h.slot)).toEqual(['R0', 'R1']);
    expect(dual?.state.instances.map((i) => [i.name, i.host, i.rfState])).toEqual([
      ['R0/0', 'R0', RF.ACTIVE],
      ['R1/0', 'R1', RF.STANDBY_HOT],
    ]);
    expect(dual?.state.esps.map((e) => e.slot)).toEqual(['F0', 'F1']);
    expect(dual?.health).toBe('protected');
  });

  it('writes one change-log row per router', async () => {
    const router = await repo.findDetail('large-7');
    const log = await new TypeormChangeLogRepository(ds).listForRouter(router!.id, { limit: 10, offset: 0 });
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ action: 'created', actor: 'test', after: { model: 'ASR1002-X', hostname: 'large-7' } });
  });

  it('refuses a taken hostname as a conflict and writes nothing of the batch', async () => {
    const batch = [...routers(1, 'fresh-'), ...routers(1, 'small-')];
    await expect(repo.insertMany(fleetId, batch, 'test')).rejects.toBeInstanceOf(ConflictError);
    expect(await repo.findTakenHostnames(['fresh-1', 'small-1'])).toEqual(['small-1']);
  });

  it('refuses an unknown fleet as not found', async () => {
    await expect(repo.insertMany('6f1c1b9e-0000-4000-8000-000000000000', routers(1, 'orphan-'), 'test')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('RouterRepository queries', () => {
  it('finds the highest numeric suffix for a prefix, ignoring other names', async () => {
    expect(await repo.maxHostnameIndex('large-')).toBe(2_000);
    expect(await repo.maxHostnameIndex('nothing-')).toBe(0);
    expect(await repo.maxHostnameIndex('large')).toBe(0);
  });

  it('lists with a filter, a stable order and a total', async () => {
    const page = await repo.list({ fleet: 'repo', models: ['ASR1006'], hostnamePrefix: 'LARGE-1' }, { limit: 3, offset: 0 });
    expect(page.total).toBe(555); // even numbers among 1, 10–19, 100–199, 1000–1999
    expect(page.items.map((r) => r.hostname)).toEqual(['large-10', 'large-100', 'large-1000']);
    const byLabel = await repo.list({ labels: { i: '41' } }, { limit: 10, offset: 0 });
    expect(byLabel.items.map((r) => r.hostname)).toEqual(['large-42']);
  });

  it('treats LIKE wildcards in a prefix literally', async () => {
    expect((await repo.list({ hostnamePrefix: '%' }, { limit: 1, offset: 0 })).total).toBe(0);
    expect((await repo.list({ hostnamePrefix: 'large_' }, { limit: 1, offset: 0 })).total).toBe(0);
  });
});

describe('FleetRepository', () => {
  it('counts routers by health and cascades a delete into the log', async () => {
    const fleet = await fleets.find('repo');
    expect(fleet?.routerCount).toBe(2_002);
    expect(fleet?.health).toEqual({ protected: 2_002, degraded: 0, down: 0 });
    const other = await fleets.create({ name: 'gone', description: '', labels: {} }, 'test');
    await repo.insertMany(other.id, routers(3, 'gone-'), 'test');
    expect(await fleets.delete(other.id, 'test')).toBe(true);
    expect(await repo.findTakenHostnames(['gone-1', 'gone-2', 'gone-3'])).toEqual([]);
    const deleted: { n: string }[] = await ds.query(
      `SELECT count(*) AS n FROM change_log WHERE action = 'deleted' AND entity = 'router' AND hostname LIKE 'gone-%'`,
    );
    expect(deleted[0]?.n).toBe('3');
  });

  it('refuses a taken name as a conflict', async () => {
    await expect(fleets.create({ name: 'repo', description: '', labels: {} }, 'test')).rejects.toBeInstanceOf(ConflictError);
  });
});
