import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { type PrivateRedis, startPrivateRedis } from '../support/redis-server.js';
import { exampleSource, type RunBody } from '../support/runs.js';

/**
 * PostgreSQL holds the truth and Redis only work in flight: with Redis gone, a run is still accepted (its
 * row is committed; the reconciler enqueues it once Redis is back) and a cancel still cancels, promptly; and
 * the writes that announce themselves on Redis pub/sub (fleets, routers, scenarios) succeed without it.
 */
let db: TestDatabase;
let redis: PrivateRedis;
let api: RunningApi;

beforeAll(async () => {
  db = await migratedTestDatabase();
  redis = await startPrivateRedis();
  api = await startApi(db.url, { REDIS_URL: redis.url });
  await redis.stop();
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

describe('runs while Redis is down', () => {
  it('accepts POST /runs at once and keeps the run queued in PostgreSQL, and cancels it', async () => {
    const created = await timed(request<RunBody>(api.url, 'POST', '/api/v1/runs', { source: exampleSource('reload') }, bearer(api.adminKey)));
    expect(created.value.status).toBe(202);
    expect(created.ms).toBeLessThan(5_000);
    const stored = await request<RunBody>(api.url, 'GET', `/api/v1/runs/${created.value.body.id}`, undefined, bearer(api.adminKey));
    expect(stored.body.status).toBe('queued');
    const cancelled = await timed(request<RunBody>(api.url, 'POST', `/api/v1/runs/${created.value.body.id}/cancel`, undefined, bearer(api.adminKey)));
    expect(cancelled.value.body.status).toBe('cancelled');
    expect(cancelled.ms).toBeLessThan(5_000);
  });
});

describe('catalog writes while Redis is down', () => {
  it('create, rename and delete a fleet, add routers in bulk and one by one, and store a scenario, each at once', async () => {
    const admin = (method: string, path: string, body?: unknown) => timed(request(api.url, method, path, body, bearer(api.adminKey)));
    const answers = [
      await admin('POST', '/api/v1/fleets', { name: 'dark' }),
      await admin('PATCH', '/api/v1/fleets/dark', { name: 'dark-2' }),
      await admin('POST', '/api/v1/fleets/dark-2/routers', { generate: { count: 150, models: ['ASR1001-X'] } }),
      await admin('POST', '/api/v1/fleets/dark-2/routers', { hostname: 'dark-one', model: 'ASR1006' }),
      await admin('POST', '/api/v1/scenarios', { source: exampleSource('reload') }),
      await admin('DELETE', '/api/v1/scenarios/reload'),
      await admin('DELETE', '/api/v1/fleets/dark-2'),
    ];
    expect(answers.map((a) => a.value.status)).toEqual([201, 200, 201, 201, 201, 204, 204]);
    for (const answer of answers) expect(answer.ms).toBeLessThan(5_000);
  });
});
