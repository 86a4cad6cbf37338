import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { type PrivateRedis, startPrivateRedis } from '../support/redis-server.js';
import { exampleSource, type RunBody } from '../support/runs.js';

/**
 * PostgreSQL holds the truth and Redis only work in flight: with Redis gone, a run is still accepted (its
 * row is committed; the reconciler enqueues it once Redis is back) and a cancel still cancels, promptly.
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
