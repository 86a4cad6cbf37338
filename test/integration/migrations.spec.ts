import { MIGRATIONS } from '@asr-twin/migrations';
import { hasPendingMigrations, migrateDown, migrateUp } from '@asr-twin/persistence';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTestDatabase, migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

const TABLES = ['api_keys', 'change_log', 'esps', 'fleets', 'ios_instances', 'kvm_hypervisors', 'linux_hosts', 'routers'];

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
    expect(await hasPendingMigrations(db.url)).toBe(true);
    expect(await migrateUp(db.url)).toEqual(names);
    expect(await tables(db.url)).toEqual(TABLES);
    expect(await hasPendingMigrations(db.url)).toBe(false);

    for (const name of [...names].reverse()) expect(await migrateDown(db.url)).toBe(name);
    expect(await migrateDown(db.url)).toBeUndefined();
    expect(await tables(db.url)).toEqual([]);

    expect(await migrateUp(db.url)).toEqual(names);
    expect(await tables(db.url)).toEqual(TABLES);
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
    await client.query(
      `INSERT INTO change_log (entity, entity_key, action, actor, after) VALUES ('fleet', 'f', 'created', 'test', '{}')`,
    );
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
