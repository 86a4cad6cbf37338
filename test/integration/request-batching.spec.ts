import { randomBytes, randomUUID } from 'node:crypto';
import { createRedis, JobProducer } from '@asr-twin/jobs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { exampleSource } from '../support/runs.js';

/**
 * Work of requests that arrive together is batched (one key lookup statement, one enqueue round trip); each
 * request must still get exactly its own outcome.
 */
let db: TestDatabase;
let api: RunningApi;
let redis: Redis;
let producer: JobProducer;
const prefix = `test-batch-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url, { QUEUE_PREFIX: prefix });
  redis = createRedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', 'test-batching');
  await redis.connect();
  producer = new JobProducer(redis, prefix);
});
afterAll(async () => {
  await producer?.close();
  redis?.disconnect();
  await api?.close();
  await db?.drop();
});

describe('batched key lookups', () => {
  it('give each of many simultaneous requests the answer of its own key', async () => {
    const viewer = await createKey(api, 'batch-viewer', 'viewer');
    const operator = await createKey(api, 'batch-operator', 'operator');
    const revoked = await createKey(api, 'batch-revoked', 'admin');
    await request(api.url, 'DELETE', `/api/v1/keys/${revoked.id}`, undefined, bearer(api.adminKey));
    const unknown = `atw_${'a'.repeat(12)}_${'b'.repeat(43)}`;
    const cases = [
      { key: viewer.key, path: '/api/v1/runs', method: 'GET', status: 200 },
      { key: viewer.key, path: '/api/v1/keys', method: 'GET', status: 403 },
      { key: operator.key, path: '/api/v1/keys', method: 'GET', status: 403 },
      { key: api.adminKey, path: '/api/v1/keys', method: 'GET', status: 200 },
      { key: revoked.key, path: '/api/v1/runs', method: 'GET', status: 401 },
      { key: unknown, path: '/api/v1/runs', method: 'GET', status: 401 },
    ];
    const all = Array.from({ length: 10 }, () => cases).flat();
    const answers = await Promise.all(all.map((c) => request(api.url, c.method, c.path, undefined, bearer(c.key))));
    expect(answers.map((a) => a.status)).toEqual(all.map((c) => c.status));
  });
});

describe('batched enqueues', () => {
  it('make every simultaneous POST /runs a queued run with its own plan job', async () => {
    const source = exampleSource('reload');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => request<{ id: string; status: string }>(api.url, 'POST', '/api/v1/runs', { source }, bearer(api.adminKey))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(202));
    const ids = answers.map((a) => a.body.id);
    expect(new Set(ids).size).toBe(30);
    const states = await Promise.all(ids.map((runId) => producer.state('run.plan', { runId })));
    expect(states).toEqual(Array(30).fill('waiting'));
  });

  it('resolve each caller with its own job id, twice the same id once, and reject all of a batch Redis refuses', async () => {
    const runs = Array.from({ length: 5 }, () => randomUUID());
    const ids = await Promise.all([...runs, runs[0]!].map((runId) => producer.enqueue('run.finalize', { runId })));
    expect(ids).toEqual([...runs, runs[0]!].map((runId) => `finalize-${runId}`));
    expect(await producer.queue('runs').getJobCountByTypes('waiting')).toBeGreaterThanOrEqual(5);

    const broken = new JobProducer(createRedis('redis://127.0.0.1:1', 'test-batching-down', { maxRetriesPerRequest: 0, retryStrategy: () => null }), prefix);
    try {
      const outcomes = await Promise.allSettled(runs.map((runId) => broken.enqueue('run.finalize', { runId })));
      expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('rejected'));
    } finally {
      await broken.close().catch(() => undefined);
    }
  });
});
