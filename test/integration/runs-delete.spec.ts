import { loadConfig } from '@asr-twin/config';
import { createDataSource, TypeormRunExecutionRepository } from '@asr-twin/persistence';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import { bearer, createKey, request, type RunningApi } from '../support/api.js';
import { eventually } from '../support/eventually.js';
import { codes, gql } from '../support/graphql.js';
import { exampleSource, type RunBody, type RunStack, startRunStack, waitForRun } from '../support/runs.js';

let stack: RunStack;
let api: RunningApi;
let db: pg.Client;
let redis: Redis;

beforeAll(async () => {
  stack = await startRunStack('delete');
  api = stack.api;
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  redis = new Redis(loadConfig().redis.url, { maxRetriesPerRequest: 1 });
  await post('/api/v1/fleets', { name: 'small' });
  await post('/api/v1/fleets/small/routers', { generate: { count: 120 } });
  await post('/api/v1/fleets', { name: 'big' });
  await post('/api/v1/fleets/big/routers', { generate: { count: 3000 } });
});
afterAll(async () => {
  redis?.disconnect();
  await db?.end();
  await stack?.stop();
});

const auth = () => bearer(api.adminKey);
const post = <T>(path: string, body: unknown) => request<T>(api.url, 'POST', path, body, auth());
const del = <T>(path: string, key = api.adminKey) => request<T>(api.url, 'DELETE', path, undefined, bearer(key));
const campaign = (fleet: string, shardSize: number) => ({ source: exampleSource('iosd-crash', true), target: { selector: { fleet } }, shardSize });

async function completedRun(fleet = 'small'): Promise<RunBody> {
  const created = await post<RunBody>('/api/v1/runs', campaign(fleet, 40));
  expect(created.status).toBe(202);
  const run = await waitForRun(api.url, created.body.id, api.adminKey);
  expect(run.status).toBe('completed');
  return run;
}

/** Rows of the run in every run table (`timeline`: its compressed timeline chunks). */
async function footprint(runId: string): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM runs WHERE id = $1) AS runs,
            (SELECT count(*) FROM run_targets WHERE run_id = $1) AS targets,
            (SELECT count(*) FROM run_shards WHERE run_id = $1) AS shards,
            (SELECT count(*) FROM run_results WHERE run_id = $1) AS results,
            (SELECT count(*) FROM run_timeline_chunks WHERE run_id = $1) AS timeline`,
    [runId],
  );
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
}

const NOTHING = { runs: 0, targets: 0, shards: 0, results: 0, timeline: 0 };

/**
 * Every trace of the run in the stack's Redis: key names, and members of lists, sets and sorted sets (queues,
 * completed and failed sets). Event streams are a bounded log of what happened, not work, and are left out.
 */
async function redisTraces(runId: string): Promise<string[]> {
  const found: string[] = [];
  for await (const keys of redis.scanStream({ match: `{${stack.prefix}}*`, count: 1000 }) as AsyncIterable<string[]>) {
    for (const key of keys) {
      if (key.includes(runId)) found.push(key);
      const type = await redis.type(key);
      const members =
        type === 'list' ? await redis.lrange(key, 0, -1) : type === 'set' ? await redis.smembers(key) : type === 'zset' ? await redis.zrange(key, 0, -1) : [];
      for (const m of members) if (m.includes(runId)) found.push(`${key} ∋ ${m}`);
    }
  }
  return found;
}

describe('DELETE /api/v1/runs/:id', () => {
  it('deletes a completed run with its targets, shards, results and timeline, and leaves other runs alone', async () => {
    const doomed = await completedRun();
    const kept = await completedRun();
    const before = await footprint(doomed.id);
    // One timeline chunk per shard of 40 routers.
    expect(before).toEqual({ runs: 1, targets: 120, shards: 3, results: 120, timeline: 3 });
    const keptBefore = await footprint(kept.id);

    const res = await del(`/api/v1/runs/${doomed.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await footprint(doomed.id)).toEqual(NOTHING);
    expect(await footprint(kept.id)).toEqual(keptBefore);
    expect(await redisTraces(doomed.id)).toEqual([]);

    const gone = await request<Problem>(api.url, 'GET', `/api/v1/runs/${doomed.id}`, undefined, auth());
    expect(gone.status).toBe(404);
    const again = await del<Problem>(`/api/v1/runs/${doomed.id}`);
    expect(again.status).toBe(404);
    expect(again.contentType).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(again.body.detail).toContain(doomed.id);
    expect((await request(api.url, 'GET', `/api/v1/runs/${kept.id}/report`, undefined, auth())).status).toBe(200);
  });

  it('cancels a running campaign and deletes it: no worker writes a row or a job of it afterwards', async () => {
    const created = await post<RunBody>('/api/v1/runs', campaign('big', 10));
    const running = await waitForRun(api.url, created.body.id, api.adminKey, (r) => r.progress.routersDone > 0, 30_000);
    expect(running.status).toBe('running');
    expect((await footprint(created.body.id))['timeline']).toBeGreaterThan(0);

    expect((await del(`/api/v1/runs/${created.body.id}`)).status).toBe(204);
    expect(await footprint(created.body.id)).toEqual(NOTHING);
    // Jobs running at the delete end on their own; none is left, and the reconciler (every second) brings none back.
    expect(
      await eventually(
        () => redisTraces(created.body.id),
        (t) => t.length === 0,
      ),
    ).toEqual([]);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await footprint(created.body.id)).toEqual(NOTHING);
    expect(await redisTraces(created.body.id)).toEqual([]);
  });

  it('deletes runs just submitted or being planned: the worker never re-creates their targets', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const created = await post<RunBody>('/api/v1/runs', campaign('small', 40));
      if (i % 2 === 1) await new Promise((r) => setTimeout(r, 150));
      expect((await del(`/api/v1/runs/${created.body.id}`)).status).toBe(204);
      ids.push(created.body.id);
    }
    await new Promise((r) => setTimeout(r, 3000));
    for (const id of ids) {
      expect(await footprint(id)).toEqual(NOTHING);
      expect(await redisTraces(id)).toEqual([]);
    }
  });

  it('is for operators: a viewer is refused, and an unknown or malformed id is a 404 problem', async () => {
    const run = await completedRun();
    const viewer = await createKey(api, 'delete-viewer', 'viewer');
    const refused = await del<Problem>(`/api/v1/runs/${run.id}`, viewer.key);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect((await footprint(run.id))['runs']).toBe(1);
    for (const id of ['6f1c1b9e-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await del<Problem>(`/api/v1/runs/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });
});

describe('GraphQL deleteRun', () => {
  const mutation = 'mutation($id: ID!) { deleteRun(id: $id) }';

  it('deletes a run as an operator, and answers NOT_FOUND and FORBIDDEN like REST', async () => {
    const run = await completedRun();
    const viewer = await createKey(api, 'gql-delete-viewer', 'viewer');
    expect(codes(await gql(api.url, mutation, { id: run.id }, viewer.key))).toEqual(['FORBIDDEN']);
    const operator = await createKey(api, 'gql-delete-operator', 'operator');
    const done = await gql<{ deleteRun: boolean }>(api.url, mutation, { id: run.id }, operator.key);
    expect(done.errors).toEqual([]);
    expect(done.data?.deleteRun).toBe(true);
    expect(await footprint(run.id)).toEqual(NOTHING);
    expect(codes(await gql(api.url, mutation, { id: run.id }, operator.key))).toEqual(['NOT_FOUND']);
  });
});

describe('deletes and readers', () => {
  let ds: DataSource;
  let reader: pg.Client;

  beforeAll(async () => {
    ds = await createDataSource({ url: stack.db.url }).initialize();
    reader = new pg.Client({ connectionString: stack.db.url });
    await reader.connect();
  });
  afterAll(async () => {
    await reader?.end();
    await ds?.destroy();
  });

  /** A transaction that has read a run's timeline and stays open, holding its locks, until `end`. */
  async function openReader(runId: string): Promise<{ end(): Promise<void> }> {
    await reader.query('BEGIN');
    await reader.query('SELECT count(*) FROM run_timeline_chunks WHERE run_id = $1', [runId]);
    return { end: async () => void (await reader.query('COMMIT')) };
  }

  it('a plan step that locks a run deleted meanwhile freezes no target', async () => {
    const run = await completedRun();
    const plans = new TypeormRunExecutionRepository(ds);
    const record = await plans.find(run.id);
    if (!record) throw new Error('run not found');
    expect((await del(`/api/v1/runs/${run.id}`)).status).toBe(204);
    expect(await plans.snapshotTargets({ ...record, routerCount: null, shardCount: null })).toBe(0);
    expect(await footprint(run.id)).toEqual(NOTHING);
  });

  it("plans, completes and deletes runs while a reader holds another run's timeline open", async () => {
    const held = await completedRun();
    const open = await openReader(held.id);
    try {
      await ds.query(`SET lock_timeout = '2s'`);
      const created = await post<RunBody>('/api/v1/runs', campaign('small', 40));
      const run = await waitForRun(api.url, created.body.id, api.adminKey, undefined, 30_000);
      expect(run.status).toBe('completed');
      expect((await footprint(run.id))['timeline']).toBe(3);
      expect((await del(`/api/v1/runs/${run.id}`)).status).toBe(204);
      expect(await footprint(run.id)).toEqual(NOTHING);
    } finally {
      await open.end();
    }
    expect((await footprint(held.id))['timeline']).toBe(3);
  });
});
