import { MIGRATIONS } from '@asr-twin/migrations';
import { hasPendingMigrations, migrateDown, migrateUp } from '@asr-twin/persistence';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTestDatabase, migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

const TABLES = [
  'api_keys',
  'audit_results',
  'audit_shards',
  'audit_targets',
  'audits',
  'change_log',
  'esps',
  'fleets',
  'forecast_results',
  'forecast_shards',
  'forecast_targets',
  'forecasts',
  'ios_instances',
  'kvm_hypervisors',
  'linux_hosts',
  'router_actions',
  'routers',
  'run_result_chunks',
  'run_shards',
  'run_target_chunks',
  'run_timeline_chunks',
  'runs',
  'scenarios',
];

/** Columns the redundancy-facts migration adds, by table. */
const REDUNDANCY_FACT_COLUMNS = [
  'ios_instances.state_since',
  'routers.booted_at',
  'routers.last_switchover_reason',
  'routers.operating_mode',
  'routers.standby_failures',
  'routers.switchovers',
];

async function columns(url: string, names: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name || '.' || column_name = ANY($1::text[]) ORDER BY 1`,
      [names],
    );
    return r.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`,
    );
    return r.rows.map((row) => row.tablename);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await emptyTestDatabase();
  });
  afterAll(() => db.drop());

  it('run up, down and up again on an empty database', async () => {
    const names = MIGRATIONS.map((M) => new M().name);
    expect(names[0]).toBe('InitialSchema1764190000000');
    expect(names).toContain('ApiKeys1764300000000');
    expect(names).toContain('RedundancyFacts1764400000000');
    expect(await hasPendingMigrations(db.url)).toBe(true);
    expect(await migrateUp(db.url)).toEqual(names);
    expect(await tables(db.url)).toEqual(TABLES);
    expect(await hasPendingMigrations(db.url)).toBe(false);
    expect(await columns(db.url, REDUNDANCY_FACT_COLUMNS)).toEqual(REDUNDANCY_FACT_COLUMNS);

    for (const name of [...names].reverse()) {
      expect(await migrateDown(db.url)).toBe(name);
      if (name !== 'RedundancyFacts1764400000000') continue;
      expect(await columns(db.url, REDUNDANCY_FACT_COLUMNS)).toEqual([]);
      expect(await tables(db.url)).toEqual(expect.arrayContaining(['ios_instances', 'routers']));
    }
    expect(await migrateDown(db.url)).toBeUndefined();
    expect(await tables(db.url)).toEqual([]);

    expect(await migrateUp(db.url)).toEqual(names);
    expect(await tables(db.url)).toEqual(TABLES);
    expect(await columns(db.url, REDUNDANCY_FACT_COLUMNS)).toEqual(REDUNDANCY_FACT_COLUMNS);
    expect(await migrateUp(db.url)).toEqual([]);
  });
});

describe('change_log', () => {
  let db: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await migratedTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`INSERT INTO change_log (entity, entity_key, action, actor, after) VALUES ('fleet', 'f', 'created', 'test', '{}')`);
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('refuses updates, deletes and truncation', async () => {
    await expect(client.query(`UPDATE change_log SET actor = 'x'`)).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(client.query(`DELETE FROM change_log`)).rejects.toThrow(/append-only \(DELETE refused\)/);
    await expect(client.query(`TRUNCATE change_log`)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM change_log`);
    expect(count.rows[0]?.n).toBe('1');
  });

  it('gives existing rows the facts of a fresh boot and refuses unknown switchover reasons', async () => {
    await client.query(`INSERT INTO fleets (id, name) VALUES (gen_random_uuid(), 'facts')`);
    const router = await client.query<{ switchovers: number; standby_failures: number; last_switchover_reason: string; operating_mode: null; fresh: boolean }>(
      `INSERT INTO routers (id, fleet_id, hostname, model, serial, software_version, redundancy_mode, health)
       SELECT gen_random_uuid(), id, 'facts-1', 'ASR1004', 'S', '17.3.4a', 'sso', 'protected' FROM fleets WHERE name = 'facts'
       RETURNING switchovers, standby_failures, last_switchover_reason, operating_mode, booted_at > now() - interval '1 minute' AS fresh`,
    );
    expect(router.rows[0]).toEqual({ switchovers: 0, standby_failures: 0, last_switchover_reason: 'none', operating_mode: null, fresh: true });
    await expect(client.query(`UPDATE routers SET last_switchover_reason = 'gremlins' WHERE hostname = 'facts-1'`)).rejects.toThrow(
      /routers_last_switchover_reason_check/,
    );
    await expect(client.query(`UPDATE routers SET switchovers = -1 WHERE hostname = 'facts-1'`)).rejects.toThrow(/routers_switchovers_check/);
  });

  it('refuses states the model does not know', async () => {
    await expect(
      client.query(`INSERT INTO fleets (id, name) VALUES (gen_random_uuid(), 'f')`).then(() =>
        client.query(
          `INSERT INTO routers (id, fleet_id, hostname, model, serial, software_version, redundancy_mode, health)
           SELECT gen_random_uuid(), id, 'r', 'ASR9000', 'S', '17.3.4a', 'sso', 'protected' FROM fleets`,
        ),
      ),
    ).rejects.toThrow(/routers_model_check/);
  });
});
