import { randomUUID } from 'node:crypto';
import { createDataSource, TypeormRunRetentionRepository } from '@asr-twin/persistence';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import { eventually } from '../support/eventually.js';
import type { TestDatabase } from '../support/database.js';
import { exampleSource, type RunBody, type RunStack, startRunStack, waitForRun } from '../support/runs.js';

describe('retention by the worker (RUN_RETENTION_MAX=3, RUN_RETENTION_DAYS=1)', () => {
  let stack: RunStack;
  let db: pg.Client;

  beforeAll(async () => {
    stack = await startRunStack('retention', { RUN_RETENTION_MAX: '3', RUN_RETENTION_DAYS: '1' });
    db = new pg.Client({ connectionString: stack.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  const runIds = async () => (await db.query<{ id: string }>('SELECT id FROM runs ORDER BY created_at')).rows.map((r) => r.id);
  /** Runs among `ids` that still have timeline chunks, in id order. */
  const withTimeline = async (ids: string[]) =>
    (await db.query<{ run_id: string }>('SELECT DISTINCT run_id FROM run_timeline_chunks WHERE run_id = ANY($1) ORDER BY run_id', [ids])).rows.map(
      (r) => r.run_id,
    );

  async function completedRun(): Promise<string> {
    const created = await request<RunBody>(stack.api.url, 'POST', '/api/v1/runs', { source: exampleSource('iosd-crash') }, bearer(stack.api.adminKey));
    expect(created.status).toBe(202);
    expect((await waitForRun(stack.api.url, created.body.id, stack.api.adminKey)).status).toBe('completed');
    return created.body.id;
  }

  it('keeps the newest 3 finished runs and deletes the older ones with their results and timelines', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await completedRun());
    const newest = ids.slice(2);
    expect(await eventually(runIds, (kept) => kept.length === 3)).toEqual(newest);
    const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM run_results WHERE run_id = ANY($1)', [ids.slice(0, 2)]);
    expect(Number(rows.rows[0]?.n)).toBe(0);
    expect(await withTimeline(ids)).toEqual([...newest].sort());
  });

  it('deletes a finished run older than RUN_RETENTION_DAYS, however few runs there are', async () => {
    const kept = await runIds();
    await db.query(`UPDATE runs SET finished_at = now() - interval '2 days' WHERE id = $1`, [kept[1]]);
    expect(await eventually(runIds, (now) => now.length === 2)).toEqual([kept[0], kept[2]]);
    expect(await withTimeline([kept[1] as string])).toEqual([]);
  });
});

describe('which runs the policy no longer keeps', () => {
  let testDb: TestDatabase;
  let ds: DataSource;
  let repo: TypeormRunRetentionRepository;

  beforeAll(async () => {
    testDb = await migratedTestDatabase();
    ds = await createDataSource({ url: testDb.url }).initialize();
    repo = new TypeormRunRetentionRepository(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await testDb?.drop();
  });

  /** A run row in `status`, created and (unless still pending) finished `daysAgo` days ago. */
  async function run(status: string, daysAgo: number): Promise<string> {
    const id = randomUUID();
    const finished = status === 'queued' || status === 'running' ? null : `now() - interval '${daysAgo} days'`;
    await ds.query(
      `INSERT INTO runs (id, scenario_name, scenario_source, scenario, target, seed, iterations, status, shard_size, created_by, start, created_at, finished_at)
       VALUES ($1, 'x', 'x', '{}', '{}', 1, 1, $2, 10, 'test', 'healthy', now() - make_interval(days => $3), ${finished ?? 'NULL'})`,
      [id, status, daysAgo],
    );
    return id;
  }

  it('picks finished runs only, oldest first, by age and by count, and nothing when both limits are 0', async () => {
    const queuedOld = await run('queued', 400);
    const runningOld = await run('running', 300);
    const failed = await run('failed', 200);
    const cancelled = await run('cancelled', 100);
    const completed = await run('completed', 10);
    await run('completed', 0);

    expect(await repo.expired({ maxAgeDays: 30, maxRuns: 0 }, 100)).toEqual([failed, cancelled]);
    expect(await repo.expired({ maxAgeDays: 0, maxRuns: 1 }, 100)).toEqual([failed, cancelled, completed]);
    expect(await repo.expired({ maxAgeDays: 0, maxRuns: 1 }, 2)).toEqual([failed, cancelled]);
    expect(await repo.expired({ maxAgeDays: 5, maxRuns: 3 }, 100)).toEqual([failed, cancelled, completed]);
    expect(await repo.expired({ maxAgeDays: 0, maxRuns: 0 }, 100)).toEqual([]);
    // The queued and running runs are the oldest of all, and still never picked.
    expect(await repo.expired({ maxAgeDays: 1, maxRuns: 1 }, 100)).toEqual([failed, cancelled, completed]);
    expect(await ds.query('SELECT id FROM runs WHERE status IN ($1, $2) ORDER BY created_at', ['queued', 'running'])).toEqual([
      { id: queuedOld },
      { id: runningOld },
    ]);
  });
});
