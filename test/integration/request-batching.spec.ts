import { randomUUID } from 'node:crypto';
import { createRedis, JobProducer } from '@asr-twin/jobs';
import { createDataSource, type NewRun, TypeormRunRepository } from '@asr-twin/persistence';
import { parseScenario } from '@asr-twin/scenario';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { exampleSource } from '../support/runs.js';
import { testQueuePrefix } from '../support/redis-keys.js';

/**
 * Work of requests that arrive together is batched (one key lookup statement, one enqueue round trip); each
 * request must still get exactly its own outcome.
 */
let db: TestDatabase;
let api: RunningApi;
let redis: Redis;
let producer: JobProducer;
const prefix = testQueuePrefix('batch');

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

describe('batched run inserts', () => {
  it('give simultaneous POSTs with one Idempotency-Key one run, created once', async () => {
    const source = exampleSource('reload');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        request<{ id: string }>(api.url, 'POST', '/api/v1/runs', { source }, { ...bearer(api.adminKey), 'idempotency-key': 'burst-1' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(202));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(11);
  });

  it('fail only the run at fault when one run of a shared statement is refused', async () => {
    const ds = await createDataSource({ url: db.url }).initialize();
    try {
      const runs = new TypeormRunRepository(ds);
      const parsed = parseScenario(exampleSource('reload'), 'reload.yaml');
      if (!parsed.ok) throw new Error('example does not parse');
      const run = (scenarioId: string | null): NewRun => ({
        scenarioId,
        scenarioName: 'reload',
        scenarioSource: 'x',
        scenario: parsed.scenario,
        target: { kind: 'scenario' },
        start: 'twin',
        seed: 1,
        iterations: 1,
        shardSize: 10,
        createdBy: 'test',
        idempotencyKey: null,
        requestHash: null,
      });
      const outcomes = await Promise.allSettled([run(null), run(randomUUID()), run(null), run(null)].map((r) => runs.create(r)));
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/foreign key/);
      const ids = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.run.id] : []));
      expect((await Promise.all(ids.map((id) => runs.find(id)))).map((r) => r?.status)).toEqual(['queued', 'queued', 'queued']);
    } finally {
      await ds.destroy();
    }
  });
});

describe('batched router reads', () => {
  it('give simultaneous GET /routers/:id by id, by hostname and for a missing router each their own answer', async () => {
    await request(api.url, 'POST', '/api/v1/fleets', { name: 'batch-reads' }, bearer(api.adminKey));
    await request(api.url, 'POST', '/api/v1/fleets/batch-reads/routers', { generate: { count: 6, models: ['ASR1002-X', 'ASR1006'] } }, bearer(api.adminKey));
    const listed = await request<{ items: { id: string; hostname: string; model: string }[] }>(
      api.url,
      'GET',
      '/api/v1/routers?fleet=batch-reads&limit=10',
      undefined,
      bearer(api.adminKey),
    );
    const routers = listed.body.items;
    expect(routers).toHaveLength(6);
    const keys = [...routers.map((r) => r.id), ...routers.map((r) => r.hostname), 'batch-reads-99999', randomUUID()];
    const answers = await Promise.all(
      keys.map((k) =>
        request<{ id: string; hostname: string; routeProcessors: unknown[] }>(api.url, 'GET', `/api/v1/routers/${k}`, undefined, bearer(api.adminKey)),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([...Array(12).fill(200), 404, 404]);
    const expected = [...routers, ...routers];
    expect(answers.slice(0, 12).map((a) => [a.body.id, a.body.hostname, a.body.routeProcessors.length])).toEqual(
      expected.map((r) => [r.id, r.hostname, r.model === 'ASR1006' ? 2 : 1]),
    );
  });
});
