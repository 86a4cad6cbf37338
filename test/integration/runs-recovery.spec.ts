import pg from 'pg';
import { decodeTimelineChunk } from '../../libs/persistence/src/runs/timeline-chunks.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { freePort, type Spawned } from '../support/processes.js';
import { type PrivateRedis, startPrivateRedis } from '../support/redis-server.js';
import { exampleSource, type RunBody, startWorker, waitForRun } from '../support/runs.js';

/**
 * Campaigns through the api and two real worker processes on a Redis of the test's own, so that a FLUSHALL
 * touches nothing else. Each test checks the invariant of the reliability model: the run completes and
 * every target router has exactly one result.
 */
let db: TestDatabase;
let redis: PrivateRedis;
let api: RunningApi;
let workers: Spawned[] = [];
/** Each worker's WORKER_HTTP_PORT (probes and metrics), by index. */
let metricsPorts: number[] = [];
const FLEET = 10_000;

beforeAll(async () => {
  db = await migratedTestDatabase();
  redis = await startPrivateRedis();
  api = await startApi(db.url, { REDIS_URL: redis.url, QUEUE_PREFIX: 'recovery' });
  await post('/api/v1/fleets', { name: 'campaign' });
  const generated = await post<{ created: number }>('/api/v1/fleets/campaign/routers', { generate: { count: FLEET } });
  expect(generated.body.created).toBe(FLEET);
});
afterEach(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  workers = [];
});
afterAll(async () => {
  await api?.close();
  await redis?.stop();
  await db?.drop();
});

function post<T>(path: string, body: unknown) {
  return request<T>(api.url, 'POST', path, body, bearer(api.adminKey));
}

async function twoWorkers(): Promise<void> {
  metricsPorts = [await freePort(), await freePort()];
  workers = metricsPorts.map((port) => startWorker({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'recovery', WORKER_HTTP_PORT: String(port) }));
}

/** Run jobs a worker has finished or holds now, from its Prometheus metrics (0 while it does not answer yet). */
async function runJobsSeen(index: number): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${metricsPorts[index]}/metrics`).then(
    (r) => r.text(),
    () => '',
  );
  return text
    .split('\n')
    .filter((l) => /^asr_twin_worker_jobs_(total|active)\{[^}]*queue="runs"/.test(l))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
}

async function startCampaign(shardSize: number): Promise<string> {
  const res = await post<RunBody>('/api/v1/runs', {
    source: exampleSource('iosd-crash', true),
    target: { selector: { fleet: 'campaign' } },
    shardSize,
  });
  expect(res.status).toBe(202);
  return res.body.id;
}

async function resultCounts(runId: string): Promise<{ rows: number; routers: number; timelineRouters: number }> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const r = await client.query<{ rows: string; routers: string }>(
      `SELECT count(*) AS rows, count(DISTINCT ordinal) AS routers FROM run_results WHERE run_id = $1`,
      [runId],
    );
    const chunks = await client.query<{ data: Buffer }>(`SELECT data FROM run_timeline_chunks WHERE run_id = $1`, [runId]);
    const timelineRouters = new Set(chunks.rows.flatMap((c) => decodeTimelineChunk(c.data).map((e) => e.ordinal))).size;
    return { rows: Number(r.rows[0]?.rows), routers: Number(r.rows[0]?.routers), timelineRouters };
  } finally {
    await client.end();
  }
}

async function expectExactlyOnce(runId: string): Promise<void> {
  const run = await waitForRun(api.url, runId, api.adminKey, undefined, 120_000);
  expect(run).toMatchObject({ status: 'completed', verdict: 'pass', progress: { routersDone: FLEET, routerCount: FLEET } });
  expect(run.aggregate?.results).toBe(FLEET);
  expect(await resultCounts(runId)).toEqual({ rows: FLEET, routers: FLEET, timelineRouters: FLEET });
}

describe('a campaign over a 10,000-router fleet', () => {
  it('completes through the api and two worker processes with one result per router, and valid report and JUnit', async () => {
    await twoWorkers();
    const runId = await startCampaign(1000);
    await expectExactlyOnce(runId);
    const report = (await fetch(`${api.url}/api/v1/runs/${runId}/report`, { headers: bearer(api.adminKey) }).then((r) => r.json())) as {
      routers: { hostname: string }[];
      expectations: unknown[];
    };
    expect(report.routers).toHaveLength(FLEET);
    expect(new Set(report.routers.map((r) => r.hostname)).size).toBe(FLEET);
    const junit = await fetch(`${api.url}/api/v1/runs/${runId}/junit`, { headers: bearer(api.adminKey) }).then((r) => r.text());
    expect(junit.match(/<testcase /g)).toHaveLength(report.expectations.length);
    expect(junit).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="asr-twin" tests="\d+" failures="0" errors="0"/);
    expect(junit.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('survives a worker killed with SIGKILL mid-campaign', async () => {
    await twoWorkers();
    const runId = await startCampaign(100);
    await waitForRun(api.url, runId, api.adminKey, (r) => r.progress.routersDone >= 500);
    // Killed only once it takes shards: on a busy machine the first worker may start after the other took the lead.
    for (const deadline = Date.now() + 30_000; (await runJobsSeen(0)) === 0; await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > deadline) throw new Error('worker 0 took no run job in 30 s');
    }
    workers[0]?.child.kill('SIGKILL');
    await expectExactlyOnce(runId);
    // The survivor took over what the killed worker held.
    expect(workers[1]?.output()).toMatch(/job stalled; taken over from a lost worker/);
  });

  it('survives FLUSHALL of Redis mid-campaign', async () => {
    await twoWorkers();
    const runId = await startCampaign(100);
    await waitForRun(api.url, runId, api.adminKey, (r) => r.progress.routersDone >= 500);
    expect(await redis.client.flushall()).toBe('OK');
    await expectExactlyOnce(runId);
    // The reconciler, not luck, finished the run: it re-enqueued what Redis lost.
    expect(workers.map((w) => w.output()).join('')).toMatch(/re-enqueued lost jobs/);
  });
});
