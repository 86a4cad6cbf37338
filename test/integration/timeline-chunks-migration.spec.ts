import { randomUUID } from 'node:crypto';
import { createDataSource, migrateDown, migrateUp, TypeormRunRepository } from '@asr-twin/persistence';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

const CHUNKS = 'TimelineChunks1765500000000';
const ROUTERS = 2_500;

interface Row {
  t_ms: string;
  ordinal: number;
  seq: number;
  hostname: string;
  component: string;
  event: string;
  from_state: string | null;
  to_state: string | null;
}

/** Migrates down until the timeline-chunks migration has been reverted (later migrations first). */
async function downToBeforeChunks(url: string): Promise<void> {
  for (let name = await migrateDown(url); name !== CHUNKS; name = await migrateDown(url)) {
    if (name === undefined) throw new Error(`${CHUNKS} was never applied`);
  }
}

describe('the timeline-chunks migration', () => {
  let db: TestDatabase;
  let client: pg.Client;
  const runId = randomUUID();
  let before: Row[];

  beforeAll(async () => {
    db = await emptyTestDatabase();
    await migrateUp(db.url);
    await downToBeforeChunks(db.url);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `INSERT INTO runs (id, scenario_name, scenario_source, scenario, target, seed, iterations, status, shard_size, created_by, start)
       VALUES ($1, 'x', 'x', '{}', '{}', 1, 1, 'completed', 1000, 'test', 'healthy')`,
      [runId],
    );
    await client.query(`CREATE TABLE run_timeline_${runId.replaceAll('-', '')} PARTITION OF run_timeline FOR VALUES IN ('${runId}')`);
    // Three entries per router, at times that interleave routers; a state with a tab, a quote and a non-ASCII letter.
    await client.query(
      `INSERT INTO run_timeline (run_id, iteration, ordinal, seq, t_ms, hostname, component, event, from_state, to_state)
       SELECT $1, 0, o, s, (o * 7919 + s * 104729) % 500000, 'edge-' || o, CASE s WHEN 0 THEN 'router' ELSE 'R0/' || (s - 1) END, 'rf',
              CASE WHEN s = 1 THEN NULL ELSE 'ACTIVE' END, CASE WHEN o % 100 = 0 THEN E'odd\\t"state" é' ELSE 'STANDBY HOT' END
         FROM generate_series(0, $2 - 1) o, generate_series(0, 2) s`,
      [runId, ROUTERS],
    );
    // A partition left by a delete that did not finish: its run is gone.
    await client.query(`CREATE TABLE run_timeline_${randomUUID().replaceAll('-', '')} (LIKE run_timeline)`);
    before = (
      await client.query<Row>(
        `SELECT t_ms, ordinal, seq, hostname, component, event, from_state, to_state FROM run_timeline WHERE run_id = $1 ORDER BY t_ms, ordinal, seq`,
        [runId],
      )
    ).rows;
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('converts stored timelines to chunks that read back in report order, and drops the row tables', async () => {
    await migrateUp(db.url);
    const chunks = await client.query<{ first_ordinal: number; last_ordinal: number; entries: number }>(
      `SELECT first_ordinal, last_ordinal, entries FROM run_timeline_chunks WHERE run_id = $1 ORDER BY first_ordinal`,
      [runId],
    );
    expect(chunks.rows).toEqual([
      { first_ordinal: 0, last_ordinal: 999, entries: 3000 },
      { first_ordinal: 1000, last_ordinal: 1999, entries: 3000 },
      { first_ordinal: 2000, last_ordinal: 2499, entries: 1500 },
    ]);
    const left = await client.query(`SELECT relname FROM pg_class WHERE relname LIKE 'run\\_timeline%' AND relkind IN ('r', 'p') ORDER BY 1`);
    expect(left.rows).toEqual([{ relname: 'run_timeline_chunks' }]);

    const ds = await createDataSource({ url: db.url }).initialize();
    try {
      const runs = new TypeormRunRepository(ds);
      const expected = before.map((r) => ({
        tMs: Number(r.t_ms),
        router: r.hostname,
        component: r.component,
        event: r.event,
        from: r.from_state,
        to: r.to_state,
      }));
      const streamed = [];
      for await (const batch of runs.timelineInOrder(runId)) streamed.push(...batch.map((e) => ({ ...e })));
      expect(streamed.map(({ tMs, router, component, event, from, to }) => ({ tMs, router, component, event, from, to }))).toEqual(expected);
      const page = await runs.timeline(runId, null, { limit: 50, offset: 4000 });
      expect(page).toEqual({ items: expected.slice(4000, 4050), total: 3 * ROUTERS, limit: 50, offset: 4000 });
    } finally {
      await ds.destroy();
    }
  });

  it('restores the rows on the way down', async () => {
    await downToBeforeChunks(db.url);
    const after = await client.query<Row>(
      `SELECT t_ms, ordinal, seq, hostname, component, event, from_state, to_state FROM run_timeline WHERE run_id = $1 ORDER BY t_ms, ordinal, seq`,
      [runId],
    );
    expect(after.rows).toEqual(before);
    await migrateUp(db.url);
  });
});
