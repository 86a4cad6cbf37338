import { randomUUID } from 'node:crypto';
import { createDataSource, migrateDown, migrateUp, TypeormRunExecutionRepository } from '@asr-twin/persistence';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

const CHUNKS = 'TargetChunks1765800000000';
const COLUMNS = `run_id, ordinal, router_id, hostname, model, redundancy_mode, software_version, start::text AS start`;
/** A frozen start as `FROZEN_START_SQL` writes it. */
const START = `jsonb_build_array('sso', jsonb_build_array(jsonb_build_array('R0/0', 13, 'running', '17.9.4a'), jsonb_build_array('R0/1', 8, 'running', '17.9.4a')),
  jsonb_build_array(jsonb_build_array('R0', 'running')), jsonb_build_array(jsonb_build_array('F0', 'active', true)), jsonb_build_array(o % 3, 0, ''), NULL)`;

/** Migrates down until the target-chunks migration has been reverted (later migrations first). */
async function downToBeforeChunks(url: string): Promise<void> {
  for (let name = await migrateDown(url); name !== CHUNKS; name = await migrateDown(url)) {
    if (name === undefined) throw new Error(`${CHUNKS} was never applied`);
  }
}

describe('the target-chunks migration', () => {
  let db: TestDatabase;
  let client: pg.Client;
  const twinRun = randomUUID();
  const scenarioRun = randomUUID();
  let before: Record<string, unknown>[];

  beforeAll(async () => {
    db = await emptyTestDatabase();
    await migrateUp(db.url);
    await downToBeforeChunks(db.url);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    for (const [id, start] of [
      [twinRun, 'twin'],
      [scenarioRun, 'healthy'],
    ]) {
      await client.query(
        `INSERT INTO runs (id, scenario_name, scenario_source, scenario, target, seed, iterations, status, shard_size, created_by, start)
         VALUES ($1, 'x', 'x', '{}', '{}', 1, 1, 'completed', 1000, 'test', $2)`,
        [id, start],
      );
    }
    // 2,500 routers frozen from the twin (every 100th with an awkward hostname), and 3 of a scenario (no router, no start).
    await client.query(
      `INSERT INTO run_targets (run_id, ordinal, router_id, hostname, model, redundancy_mode, software_version, start)
       SELECT $1, o, gen_random_uuid(), CASE WHEN o % 100 = 0 THEN E'edge-\\t"' || o || '" é' ELSE 'edge-' || o END, 'ASR1006', 'sso', '17.9.4a', ${START}
         FROM generate_series(0, 2499) o`,
      [twinRun],
    );
    await client.query(
      `INSERT INTO run_targets (run_id, ordinal, router_id, hostname, model, redundancy_mode, software_version, start)
       SELECT $1, o, NULL, 'lab-' || o, 'ASR1001-X', 'none', '17.6.1', NULL FROM generate_series(0, 2) o`,
      [scenarioRun],
    );
    before = (await client.query(`SELECT ${COLUMNS} FROM run_targets ORDER BY run_id, ordinal`)).rows;
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('converts stored targets to chunks that the view and the shards read back as they were', async () => {
    await migrateUp(db.url);
    const chunks = await client.query(`SELECT first_ordinal, last_ordinal, cardinality(ordinals) AS n FROM run_target_chunks WHERE run_id = $1 ORDER BY 1`, [
      twinRun,
    ]);
    expect(chunks.rows).toEqual([
      { first_ordinal: 0, last_ordinal: 999, n: 1000 },
      { first_ordinal: 1000, last_ordinal: 1999, n: 1000 },
      { first_ordinal: 2000, last_ordinal: 2499, n: 500 },
    ]);
    expect((await client.query(`SELECT ${COLUMNS} FROM run_targets ORDER BY run_id, ordinal`)).rows).toEqual(before);

    const ds = await createDataSource({ url: db.url }).initialize();
    try {
      const runs = new TypeormRunExecutionRepository(ds);
      // A range across two chunks, as a shard of another size reads it.
      const shard = await runs.shardTargets(twinRun, 950, 1100);
      expect(shard.map((t) => t.ordinal)).toEqual(Array.from({ length: 150 }, (_, i) => 950 + i));
      expect(shard.map((t) => t.hostname)).toEqual(
        before
          .filter((r) => r['run_id'] === twinRun)
          .slice(950, 1100)
          .map((r) => r['hostname']),
      );
      expect(shard[50]?.hostname).toBe('edge-\t"1000" é');
      expect(shard[0]?.start?.operatingMode).toBe('sso');
      const lab = await runs.shardTargets(scenarioRun, 0, 1000);
      expect(lab.map((t) => [t.hostname, t.model, t.redundancyMode, t.softwareVersion, 'start' in t])).toEqual([
        ['lab-0', 'ASR1001-X', 'none', '17.6.1', false],
        ['lab-1', 'ASR1001-X', 'none', '17.6.1', false],
        ['lab-2', 'ASR1001-X', 'none', '17.6.1', false],
      ]);
    } finally {
      await ds.destroy();
    }
  });

  it('restores the rows and the key on the way down, and a deleted run takes its chunks with it', async () => {
    await downToBeforeChunks(db.url);
    expect((await client.query(`SELECT ${COLUMNS} FROM run_targets ORDER BY run_id, ordinal`)).rows).toEqual(before);
    const key = await client.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'run_targets'::regclass ORDER BY conname`);
    expect(key.rows.map((r: { def: string }) => r.def)).toEqual([
      'PRIMARY KEY (run_id, ordinal)',
      'FOREIGN KEY (run_id) REFERENCES runs(id) ON DELETE CASCADE',
    ]);
    await migrateUp(db.url);
    await client.query(`DELETE FROM runs WHERE id = $1`, [twinRun]);
    expect((await client.query(`SELECT count(*)::int AS n FROM run_target_chunks`)).rows).toEqual([{ n: 1 }]);
  });
});
