import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import type { AuditBody } from '../support/audits.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import type { Spawned } from '../support/processes.js';
import { type PrivateRedis, startPrivateRedis } from '../support/redis-server.js';
import { startWorker } from '../support/runs.js';

/**
 * Audits through the api and two real worker processes on a Redis of the test's own: a worker killed mid-audit
 * or Redis emptied mid-audit still gives a completed audit with exactly one row per router.
 */
let db: TestDatabase;
let redis: PrivateRedis;
let api: RunningApi;
let workers: Spawned[] = [];
const FLEET = 10_000;

beforeAll(async () => {
  db = await migratedTestDatabase();
  redis = await startPrivateRedis();
  api = await startApi(db.url, { REDIS_URL: redis.url, QUEUE_PREFIX: 'audit-recovery' });
  await post('/api/v1/fleets', { name: 'audited' });
  const generated = await post<{ created: number }>('/api/v1/fleets/audited/routers', { generate: { count: FLEET } });
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

async function waitForAudit(id: string, done: (a: AuditBody) => boolean): Promise<AuditBody> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const audit = (await request<AuditBody>(api.url, 'GET', `/api/v1/audits/${id}`, undefined, bearer(api.adminKey))).body;
    if (done(audit) || Date.now() > deadline) return audit;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startAudit(): Promise<string> {
  workers = [0, 1].map(() => startWorker({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'audit-recovery' }));
  const res = await post<AuditBody>('/api/v1/audits', { selector: { fleet: 'audited' }, shardSize: 20 });
  expect(res.status).toBe(202);
  return res.body.id;
}

async function expectExactlyOnce(id: string): Promise<void> {
  const audit = await waitForAudit(id, (a) => ['completed', 'failed', 'cancelled'].includes(a.status));
  expect(audit).toMatchObject({ status: 'completed', progress: { routersDone: FLEET, routerCount: FLEET } });
  expect(audit.summary?.routers).toBe(FLEET);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const r = await client.query<{ rows: string; routers: string }>(
      `SELECT count(*) AS rows, count(DISTINCT ordinal) AS routers FROM audit_results WHERE audit_id = $1`,
      [id],
    );
    expect({ rows: Number(r.rows[0]?.rows), routers: Number(r.rows[0]?.routers) }).toEqual({ rows: FLEET, routers: FLEET });
  } finally {
    await client.end();
  }
}

describe('a 10,000-router audit', () => {
  it('survives a worker killed with SIGKILL mid-audit', async () => {
    const id = await startAudit();
    await waitForAudit(id, (a) => a.progress.routersDone >= 1000);
    workers[0]?.child.kill('SIGKILL');
    await expectExactlyOnce(id);
    expect(workers[1]?.output()).toMatch(/job stalled; taken over from a lost worker/);
  });

  it('survives FLUSHALL of Redis mid-audit', async () => {
    const id = await startAudit();
    await waitForAudit(id, (a) => a.progress.routersDone >= 1000);
    expect(await redis.client.flushall()).toBe('OK');
    await expectExactlyOnce(id);
    expect(workers.map((w) => w.output()).join('')).toMatch(/reconciled audits: re-enqueued lost jobs/);
  });
});
