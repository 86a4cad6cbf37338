import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { exampleSource, type RunBody, type RunStack, startRunStack, waitForRun } from '../support/runs.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const QUEUES = ['runs', 'maintenance', 'router-actions', 'audits', 'forecasts'];
const STATES = ['waiting', 'prioritized', 'active', 'delayed', 'waiting-children', 'failed', 'completed'];
/** Fails the test instead of waiting forever if a scrape hangs (not a timing goal: the api answers well within it). */
const HANG = 20_000;

/** The value of one sample of a metric in Prometheus text, by name and labels, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrape(api: RunningApi, key?: string): Promise<string> {
  const res = await fetch(`${api.url}/metrics`, { headers: key ? bearer(key) : {}, signal: AbortSignal.timeout(HANG) });
  expect(res.status).toBe(200);
  return res.text();
}

describe('with a real worker', () => {
  let stack: RunStack;
  let viewer: string;
  const admin = (method: string, path: string, body?: unknown) => request(stack.api.url, method, path, body, bearer(stack.api.adminKey));

  beforeAll(async () => {
    stack = await startRunStack('metrics');
    viewer = (await createKey(stack.api, 'prometheus', 'viewer')).key;
  });
  afterAll(() => stack?.stop());

  it('reports every queue and state, runs by status and no simulated event before any run', async () => {
    const text = await scrape(stack.api, viewer);
    for (const queue of QUEUES) for (const state of STATES) expect(sample(text, 'asr_twin_queue_jobs', { queue, state })).toBeTypeOf('number');
    for (const status of ['queued', 'running', 'completed', 'failed', 'cancelled']) expect(sample(text, 'asr_twin_runs', { status })).toBe(0);
    expect(sample(text, 'asr_twin_simulated_events_total')).toBe(0);
    expect(sample(text, 'asr_twin_metrics_source_up', { source: 'redis' })).toBe(1);
    expect(sample(text, 'asr_twin_metrics_source_up', { source: 'postgres' })).toBe(1);
    expect(text).toMatch(/# TYPE asr_twin_simulated_events_total counter/);
  });

  it('counts the events the worker simulated and the completed run', async () => {
    expect((await admin('POST', '/api/v1/fleets', { name: 'm' })).status).toBe(201);
    expect((await admin('POST', '/api/v1/fleets/m/routers', { generate: { count: 300, models: ['ASR1002-X', 'ASR1006'] } })).status).toBe(201);
    const created = await admin('POST', '/api/v1/runs', { source: exampleSource('iosd-crash', true), target: { selector: { fleet: 'm' } }, shardSize: 100 });
    expect(created.status).toBe(202);
    const run = await waitForRun(stack.api.url, (created.body as unknown as RunBody).id, stack.api.adminKey);
    expect(run.status).toBe('completed');

    const sql = new pg.Client({ connectionString: stack.db.url });
    await sql.connect();
    const simulated = Number((await sql.query<{ n: string }>('SELECT sum(events) AS n FROM run_shards')).rows[0]?.n);
    await sql.end();
    expect(simulated).toBeGreaterThan(300);

    const text = await scrape(stack.api, viewer);
    expect(sample(text, 'asr_twin_simulated_events_total')).toBeGreaterThanOrEqual(simulated);
    expect(sample(text, 'asr_twin_runs', { status: 'completed' })).toBe(1);
    expect(sample(text, 'asr_twin_runs', { status: 'queued' })).toBe(0);
  });

  it('shows the later transitions of a force-switchover as delayed jobs', async () => {
    const res = await admin('POST', '/api/v1/routers/m-00001/actions/force-switchover');
    expect(res.status).toBe(202);
    const pending = (res.body as { action: { pending: unknown[] } }).action.pending.length;
    expect(pending).toBeGreaterThan(0);
    const text = await scrape(stack.api, viewer);
    expect(sample(text, 'asr_twin_queue_jobs', { queue: 'router-actions', state: 'delayed' })).toBe(pending);
  });
});

describe('with Redis hung, then gone', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let api: RunningApi;
  let viewer: string;

  beforeAll(async () => {
    db = await migratedTestDatabase();
    redis = await startPrivateRedis();
    api = await startApi(db.url, { REDIS_URL: redis.url });
    viewer = (await createKey(api, 'prometheus', 'viewer')).key;
  });
  afterAll(async () => {
    redis?.resume();
    await api?.close();
    await redis?.stop();
    await db?.drop();
  });

  it('still answers with what PostgreSQL holds, and says Redis did not answer', async () => {
    expect(sample(await scrape(api, viewer), 'asr_twin_metrics_source_up', { source: 'redis' })).toBe(1);
    redis.pause();
    const hung = await scrape(api, viewer);
    expect(sample(hung, 'asr_twin_metrics_source_up', { source: 'redis' })).toBe(0);
    expect(sample(hung, 'asr_twin_metrics_source_up', { source: 'postgres' })).toBe(1);
    expect(sample(hung, 'asr_twin_runs', { status: 'completed' })).toBe(0);
    expect(sample(hung, 'asr_twin_queue_jobs', { queue: 'runs', state: 'waiting' })).toBeUndefined();
    expect(sample(hung, 'asr_twin_simulated_events_total')).toBe(0);

    redis.resume();
    await redis.stop();
    const gone = await scrape(api, viewer);
    expect(sample(gone, 'asr_twin_metrics_source_up', { source: 'redis' })).toBe(0);
    expect(sample(gone, 'asr_twin_runs', { status: 'queued' })).toBe(0);
  });
});

describe('with PostgreSQL hung', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let api: RunningApi;

  beforeAll(async () => {
    db = await migratedTestDatabase();
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(db.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    // Public: an API key check would itself need PostgreSQL.
    api = await startApi(viaProxy.toString(), { METRICS_PUBLIC: 'true' });
  });
  afterAll(async () => {
    proxy?.thaw();
    await api?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('still answers with what Redis holds, and says PostgreSQL did not answer', async () => {
    expect(sample(await scrape(api), 'asr_twin_runs', { status: 'queued' })).toBe(0);
    proxy.freeze();
    const text = await scrape(api);
    expect(sample(text, 'asr_twin_metrics_source_up', { source: 'postgres' })).toBe(0);
    expect(sample(text, 'asr_twin_metrics_source_up', { source: 'redis' })).toBe(1);
    expect(sample(text, 'asr_twin_runs', { status: 'queued' })).toBeUndefined();
    expect(sample(text, 'asr_twin_queue_jobs', { queue: 'runs', state: 'waiting' })).toBe(0);
    proxy.thaw();
    expect(sample(await scrape(api), 'asr_twin_metrics_source_up', { source: 'postgres' })).toBe(1);
  });
});

describe('with PostgreSQL hung, scraped with a viewer key (METRICS_PUBLIC unset)', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let api: RunningApi;

  beforeAll(async () => {
    db = await migratedTestDatabase();
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(db.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    api = await startApi(viaProxy.toString());
  });
  afterAll(async () => {
    proxy?.thaw();
    await api?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('accepts a key verified before the outage, refuses one it never verified, and honours a revocation once PostgreSQL is back', async () => {
    const prometheus = await createKey(api, 'prometheus', 'viewer');
    const unseen = await createKey(api, 'never-used', 'viewer');
    expect(sample(await scrape(api, prometheus.key), 'asr_twin_metrics_source_up', { source: 'postgres' })).toBe(1);
    proxy.freeze();
    const during = await scrape(api, prometheus.key);
    expect(sample(during, 'asr_twin_metrics_source_up', { source: 'postgres' })).toBe(0);
    expect(sample(during, 'asr_twin_metrics_source_up', { source: 'redis' })).toBe(1);
    // A key never verified by this process cannot be checked: 503, not a wait without end.
    const refused = await fetch(`${api.url}/metrics`, { headers: bearer(unseen.key), signal: AbortSignal.timeout(HANG) });
    expect(refused.status).toBe(503);
    proxy.thaw();
    expect((await request(api.url, 'DELETE', `/api/v1/keys/${prometheus.id}`, undefined, bearer(api.adminKey))).status).toBe(204);
    const revoked = await fetch(`${api.url}/metrics`, { headers: bearer(prometheus.key), signal: AbortSignal.timeout(HANG) });
    expect(revoked.status).toBe(401);
    // Revoked while PostgreSQL was up: no longer accepted during the next outage either.
    proxy.freeze();
    const later = await fetch(`${api.url}/metrics`, { headers: bearer(prometheus.key), signal: AbortSignal.timeout(HANG) });
    expect(later.status).toBe(503);
    proxy.thaw();
  }, 60_000);
});
