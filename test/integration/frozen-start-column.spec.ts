import { RF, routerHealth } from '@asr-twin/domain';
import {
  createDataSource,
  FROZEN_START_SQL,
  migrateDown,
  migrateUp,
  type NewRouter,
  type RouterDetail,
  TypeormFleetRepository,
  TypeormRouterRepository,
  TypeormRouterStateRepository,
} from '@asr-twin/persistence';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

/**
 * `routers.frozen_start` (what a run from the twin freezes of each router) is kept equal to `FROZEN_START_SQL` by
 * triggers, whatever statement changes a router or its parts; the migration fills it in for routers stored before it.
 */

const MIGRATION = 'FrozenStartColumn1765900000000';

let db: TestDatabase;
let ds: DataSource;
let client: pg.Client;
let routers: TypeormRouterRepository;
let fleetId: string;

const newRouter = (hostname: string, model: NewRouter['model'], redundancyMode: NewRouter['redundancyMode'] = 'sso'): NewRouter => ({
  hostname,
  model,
  serial: `SER-${hostname}`,
  softwareVersion: '17.9.4a',
  redundancyMode,
  labels: {},
});

/** Routers whose column differs from the expression, with both; and how many routers there are. */
async function drift(): Promise<{ routers: number; differ: { hostname: string; column: string | null; expression: string }[] }> {
  const rows = await client.query<{ hostname: string; column: string | null; expression: string }>(
    `SELECT r.hostname, r.frozen_start::text AS column, (${FROZEN_START_SQL})::text AS expression FROM routers r ORDER BY r.hostname`,
  );
  return { routers: rows.rows.length, differ: rows.rows.filter((r) => r.column !== r.expression) };
}

async function stored(hostname: string): Promise<RouterDetail> {
  const router = await routers.findDetail(hostname);
  if (!router) throw new Error(`${hostname} missing`);
  return router;
}

beforeAll(async () => {
  db = await emptyTestDatabase();
  await migrateUp(db.url);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  ds = await createDataSource({ url: db.url }).initialize();
  routers = new TypeormRouterRepository(ds);
  fleetId = (await new TypeormFleetRepository(ds).create({ name: 'frozen', description: '', labels: {} }, 'test')).id;
  // Routers of each shape, then the migration reverted and their states changed while there is no column to keep.
  await routers.insertMany(
    fleetId,
    [newRouter('a-single', 'ASR1002-X'), newRouter('b-dual', 'ASR1006'), newRouter('c-rpr', 'ASR1006', 'rpr'), newRouter('d-simplex', 'ASR1001-X', 'none')],
    'test',
  );
  for (let name = await migrateDown(db.url); name !== MIGRATION; name = await migrateDown(db.url)) {
    if (name === undefined) throw new Error(`${MIGRATION} was never applied`);
  }
  await client.query(`UPDATE ios_instances SET rf_state = $1 WHERE name = 'R1/0'`, [RF.STANDBY_COLD]);
  await client.query(`UPDATE routers SET switchovers = 3, psus = '["ok", "failed"]' WHERE hostname = 'b-dual'`);
  await migrateUp(db.url);
});
afterAll(async () => {
  await client?.end();
  await ds?.destroy();
  await db?.drop();
});

describe('routers.frozen_start', () => {
  it('is filled in by the migration for the routers stored before it', async () => {
    const now = await drift();
    expect(now).toEqual({ routers: 4, differ: [] });
    const dual = await client.query<{ start: unknown[] }>(`SELECT frozen_start AS start FROM routers WHERE hostname = 'b-dual'`);
    expect(dual.rows[0]?.start[4]).toEqual([3, 0, 'none']);
    expect(dual.rows[0]?.start[5]).toEqual(['ok', 'failed']);
  });

  it('follows every statement that changes a router or its parts', async () => {
    const steps: [string, () => Promise<unknown>][] = [
      ['routers inserted with their parts', () => routers.insertMany(fleetId, [newRouter('e-new', 'ASR1009-X'), newRouter('f-new', 'ASR1013')], 'test')],
      ['an instance updated', () => client.query(`UPDATE ios_instances SET rf_state = $1 WHERE name = 'R0/0'`, [RF.STANDBY_HOT])],
      [
        'an instance moved to another router',
        () =>
          client.query(
            `UPDATE ios_instances SET router_id = (SELECT id FROM routers WHERE hostname = 'e-new')
            WHERE name = 'R0/1' AND router_id = (SELECT id FROM routers WHERE hostname = 'a-single')`,
          ),
      ],
      ['an ESP removed', () => client.query(`DELETE FROM esps WHERE slot = 'F1'`)],
      ['a host changed', () => client.query(`UPDATE linux_hosts SET state = 'down' WHERE slot = 'R1'`)],
      [
        'the router\u2019s own fields',
        () => client.query(`UPDATE routers SET operating_mode = 'rpr', standby_failures = 2, last_switchover_reason = 'user forced'`),
      ],
      ['a field outside the start', () => client.query(`UPDATE routers SET labels = '{"site": "x"}'`)],
      [
        'a switchover written through the twin',
        async () => {
          const r = await stored('f-new');
          const [first, second] = r.state.instances;
          const instances = r.state.instances.map((i) => (i === first ? { ...i, rfState: RF.STANDBY_COLD } : i === second ? { ...i, rfState: RF.ACTIVE } : i));
          const state = { ...r.state, instances };
          await new TypeormRouterStateRepository(ds).apply(
            {
              routerId: r.id,
              expectedStateVersion: r.stateVersion,
              next: {
                softwareVersion: r.softwareVersion,
                redundancyMode: r.redundancyMode,
                health: routerHealth(state),
                state,
                redundancy: { ...r.redundancy, switchovers: 1, lastSwitchoverReason: 'user forced' },
              },
              changes: [],
            },
            'test',
          );
        },
      ],
    ];
    const seen = new Set<string>();
    for (const [what, step] of steps) {
      await step();
      const now = await drift();
      expect(now.differ, what).toEqual([]);
      const starts = await client.query<{ s: string }>(`SELECT string_agg(frozen_start::text, '|' ORDER BY hostname) AS s FROM routers`);
      seen.add(starts.rows[0]?.s ?? '');
    }
    // Each step but the one outside the start changed what is frozen.
    expect(seen.size).toBe(steps.length - 1);
    const f = await client.query<{ start: unknown[] }>(`SELECT frozen_start AS start FROM routers WHERE hostname = 'f-new'`);
    expect(f.rows[0]?.start[1]).toEqual([
      ['R0/0', RF.STANDBY_COLD, 'RUNNING', '17.9.4a'],
      ['R1/0', RF.ACTIVE, 'RUNNING', '17.9.4a'],
    ]);
  });

  it('is dropped with its triggers when the migration is reverted', async () => {
    expect(await migrateDown(db.url)).toBe(MIGRATION);
    const left = await client.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM information_schema.columns WHERE table_name = 'routers' AND column_name = 'frozen_start')
            + (SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%start' AND NOT tgisinternal))::int AS n`,
    );
    expect(left.rows[0]?.n).toBe(0);
    await client.query(`UPDATE ios_instances SET rf_state = $1`, [RF.ACTIVE]);
    await migrateUp(db.url);
    expect((await drift()).differ).toEqual([]);
  });
});
