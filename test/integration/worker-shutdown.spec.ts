import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { freePort, type Spawned, waitForOk } from '../support/processes.js';
import { testQueuePrefix } from '../support/redis-keys.js';
import { exampleSource, type RunBody, startWorker, waitForRun } from '../support/runs.js';

const FLEET = 2000;
const prefix = testQueuePrefix('worker-shutdown');
let db: TestDatabase;
let api: RunningApi;
let workers: Spawned[] = [];

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url, { QUEUE_PREFIX: prefix });
  await request(api.url, 'POST', '/api/v1/fleets', { name: 'rolling' }, bearer(api.adminKey));
  const generated = await request<{ created: number }>(api.url, 'POST', '/api/v1/fleets/rolling/routers', { generate: { count: FLEET } }, bearer(api.adminKey));
  expect(generated.body.created).toBe(FLEET);
});
afterEach(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  workers = [];
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

async function worker(env: Record<string, string> = {}): Promise<{ spawned: Spawned; port: number }> {
  const port = await freePort();
  const spawned = startWorker({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, WORKER_HTTP_PORT: String(port), ...env });
  workers.push(spawned);
  await waitForOk(`http://127.0.0.1:${port}/health/ready`, spawned, 30_000);
  return { spawned, port };
}

describe('worker health and metrics on WORKER_HTTP_PORT', () => {
  it('serves liveness, readiness with its dependencies, Prometheus metrics, and a clear 404', async () => {
    const { port } = await worker();
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      details: { database: { status: 'up' }, redis: { status: 'up' }, queues: { status: 'up' } },
    });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^asr_twin_worker_shutting_down 0$/m);
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toMatch(/no route \/nope/);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a port that is taken with one clear line', async () => {
    const { port } = await worker();
    const second = startWorker({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, WORKER_HTTP_PORT: String(port) });
    workers.push(second);
    expect((await second.exited).code).toBe(1);
    expect(second.output()).toMatch(/cannot serve health and metrics on 127\.0\.0\.1:\d+ \(.*EADDRINUSE.*\): set WORKER_HTTP_PORT/);
  });
});

describe('a rolling restart of the worker', () => {
  it('SIGTERM mid-campaign: the worker goes unready, finishes or releases its shards and exits 0; a new worker completes the campaign, one result per router', async () => {
    const first = await worker({ WORKER_CONCURRENCY: '1' });
    const res = await request<RunBody>(
      api.url,
      'POST',
      '/api/v1/runs',
      { source: exampleSource('iosd-crash', true), target: { selector: { fleet: 'rolling' } }, shardSize: 100 },
      bearer(api.adminKey),
    );
    expect(res.status).toBe(202);
    const runId = res.body.id;
    await waitForRun(api.url, runId, api.adminKey, (r) => r.progress.routersDone >= 200);
    first.spawned.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    const ready = await fetch(`http://127.0.0.1:${first.port}/health/ready`).catch(() => null);
    if (ready) expect(ready.status).toBe(503);
    expect((await first.spawned.exited).code).toBe(0);
    const doneByFirst = (await waitForRun(api.url, runId, api.adminKey, () => true)).progress.routersDone;
    expect(doneByFirst).toBeLessThan(FLEET);

    const second = await worker();
    const run = await waitForRun(api.url, runId, api.adminKey, undefined, 90_000);
    // The last job (finalize) is counted once BullMQ has moved it to completed, a moment after the run is.
    let metrics = '';
    for (let i = 0; i < 50; i++) {
      metrics = await (await fetch(`http://127.0.0.1:${second.port}/metrics`)).text();
      if (/^asr_twin_worker_jobs_active\{queue="runs"\} 0$/m.test(metrics)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const completed = Number(/^asr_twin_worker_jobs_total\{queue="runs",outcome="completed"\} (\d+)$/m.exec(metrics)?.[1]);
    expect(completed).toBeGreaterThan(0);
    expect(metrics).toMatch(/^asr_twin_worker_jobs_active\{queue="runs"\} 0$/m);
    expect(run).toMatchObject({ status: 'completed', progress: { routersDone: FLEET, routerCount: FLEET } });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const r = await client.query<{ rows: string; routers: string }>(
        `SELECT count(*) AS rows, count(DISTINCT ordinal) AS routers FROM run_results WHERE run_id = $1`,
        [runId],
      );
      expect(r.rows[0]).toEqual({ rows: String(FLEET), routers: String(FLEET) });
    } finally {
      await client.end();
    }
  });
});
