import { randomUUID } from 'node:crypto';
import { createDataSource, migrateDown, migrateUp, TypeormRunRepository } from '@asr-twin/persistence';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

const CHUNKS = 'ResultChunks1765700000000';
const COLUMNS = `iteration, ordinal, hostname, model, verdict, control_plane_outage_ms, data_plane_outage_ms, redundancy_restored_ms, switchovers,
  dual_active_ms, expectations::text AS expectations`;

/** Migrates down until the result-chunks migration has been reverted (later migrations first). */
async function downToBeforeChunks(url: string): Promise<void> {
  for (let name = await migrateDown(url); name !== CHUNKS; name = await migrateDown(url)) {
    if (name === undefined) throw new Error(`${CHUNKS} was never applied`);
  }
}

describe('the result-chunks migration', () => {
  let db: TestDatabase;
  let client: pg.Client;
  const runId = randomUUID();
  let before: Record<string, unknown>[];
  let texts: { iteration: number; ordinal: number; result: string }[];

  beforeAll(async () => {
    db = await emptyTestDatabase();
    await migrateUp(db.url);
    await downToBeforeChunks(db.url);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `INSERT INTO runs (id, scenario_name, scenario_source, scenario, target, seed, iterations, status, shard_size, created_by, start)
       VALUES ($1, 'x', 'x', '{}', '{}', 1, 2, 'completed', 1000, 'test', 'healthy')`,
      [runId],
    );
    // 2,500 routers in iteration 0 and 10 in iteration 1; every 7th fails, every 100th has an awkward start and no restore.
    await client.query(
      `INSERT INTO run_results (run_id, iteration, ordinal, hostname, model, verdict, control_plane_outage_ms, data_plane_outage_ms,
                                redundancy_restored_ms, switchovers, dual_active_ms, result, expectations)
       SELECT $1, i, o, 'edge-' || o, 'ASR1006', CASE WHEN o % 7 = 0 THEN 'fail' ELSE 'pass' END, 30 + o % 13, 0,
              CASE WHEN o % 100 = 0 THEN NULL ELSE 180000 + o END, 1, 0,
              json_build_object('hostname', 'edge-' || o, 'start', json_build_object('operatingMode', CASE WHEN o % 100 = 0 THEN E'odd\\t"mode" é' ELSE 'sso' END),
                                'metrics', json_build_object('controlPlaneOutageMs', 30 + o % 13, 'protocolRecoveryMs', 120000)),
              json_build_array(json_build_object('router', 'edge-' || o, 'expect', 'switchovers', 'verdict', CASE WHEN o % 7 = 0 THEN 'fail' ELSE 'pass' END, 'observed', 1, 'limit', json_build_object('min', NULL, 'max', 1)))
         FROM generate_series(0, 1) i, generate_series(0, 2499) o WHERE i = 0 OR o < 10`,
      [runId],
    );
    before = (
      await client.query(`SELECT ${COLUMNS}, (result -> 'start')::text AS start FROM run_results WHERE run_id = $1 ORDER BY iteration, ordinal`, [runId])
    ).rows;
    texts = (await client.query(`SELECT iteration, ordinal, result::text AS result FROM run_results WHERE run_id = $1 ORDER BY iteration, ordinal`, [runId]))
      .rows;
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('converts stored results to chunks that the view and the repository read back as they were', async () => {
    await migrateUp(db.url);
    const chunks = await client.query(`SELECT iteration, first_ordinal, last_ordinal, cardinality(ordinals) AS n FROM run_result_chunks ORDER BY 1, 2`);
    expect(chunks.rows).toEqual([
      { iteration: 0, first_ordinal: 0, last_ordinal: 999, n: 1000 },
      { iteration: 0, first_ordinal: 1000, last_ordinal: 1999, n: 1000 },
      { iteration: 0, first_ordinal: 2000, last_ordinal: 2499, n: 500 },
      { iteration: 1, first_ordinal: 0, last_ordinal: 9, n: 10 },
    ]);
    const viewed = await client.query(`SELECT ${COLUMNS}, start::text AS start FROM run_results WHERE run_id = $1 ORDER BY iteration, ordinal`, [runId]);
    expect(viewed.rows).toEqual(before);

    const ds = await createDataSource({ url: db.url }).initialize();
    try {
      const runs = new TypeormRunRepository(ds);
      const first = await runs.results(runId, 0, 1499, 1001);
      expect(first.map((r) => [r.iteration, r.ordinal, r.resultJson])).toEqual(
        texts.filter((t) => t.iteration === 0 && t.ordinal > 1499).map((t) => [t.iteration, t.ordinal, t.result]),
      );
      expect((await runs.results(runId, 1, -1, 2000)).map((r) => r.resultJson)).toEqual(texts.filter((t) => t.iteration === 1).map((t) => t.result));
      expect(await runs.routerStart(runId, 'edge-300')).toEqual({ operatingMode: 'odd\t"mode" é' });
      expect((await runs.routerDiagnosis(runId, 'edge-7'))?.metrics).toEqual({ controlPlaneOutageMs: 37, protocolRecoveryMs: 120000 });
    } finally {
      await ds.destroy();
    }
  });

  it('restores the rows on the way down', async () => {
    await downToBeforeChunks(db.url);
    const after = await client.query(`SELECT ${COLUMNS}, (result -> 'start')::text AS start FROM run_results WHERE run_id = $1 ORDER BY iteration, ordinal`, [
      runId,
    ]);
    expect(after.rows).toEqual(before);
    expect(
      (await client.query(`SELECT iteration, ordinal, result::text AS result FROM run_results WHERE run_id = $1 ORDER BY iteration, ordinal`, [runId])).rows,
    ).toEqual(texts);
    await migrateUp(db.url);
  });
});
