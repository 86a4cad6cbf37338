import { changeEpochsKey } from '@asr-twin/jobs';
import { loadConfig } from '@asr-twin/config';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { spawnNode } from '../support/processes.js';
import { testQueuePrefix } from '../support/redis-keys.js';

/**
 * The api's read caches (verified keys, router trees) against the two rules they must never bend, across two api
 * processes of one deployment: a revoked key is refused on the very next request, and a read after a committed
 * write sees the write. Process B's caches are warm before every change, which is made through process A (or the
 * CLI), and B is asked at once.
 */
let db: TestDatabase;
let a: RunningApi;
let b: RunningApi;
let prefix: string;
let redis: Redis;

const get = <T = Record<string, unknown>>(api: RunningApi, path: string, key: string) => request<T>(api.url, 'GET', path, undefined, bearer(key));

/** PostgreSQL transactions committed in the test database so far. */
async function transactions(): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(r.rows[0]?.n);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await migratedTestDatabase();
  prefix = testQueuePrefix('read-cache');
  a = await startApi(db.url, { QUEUE_PREFIX: prefix });
  b = await startApi(db.url, { QUEUE_PREFIX: prefix, ADMIN_API_KEY: a.adminKey });
  redis = new Redis(loadConfig().redis.url);
  await request(a.url, 'POST', '/api/v1/fleets', { name: 'cache' }, bearer(a.adminKey));
  await request(a.url, 'POST', '/api/v1/fleets', { name: 'cache-2' }, bearer(a.adminKey));
  const added = await request(a.url, 'POST', '/api/v1/fleets/cache/routers', { generate: { count: 4, models: ['ASR1006'] } }, bearer(a.adminKey));
  expect(added.status).toBe(201);
}, 60_000);

afterAll(async () => {
  redis?.disconnect();
  await b?.close();
  await a?.close();
  await db?.drop();
});

describe('the read caches', () => {
  it('answer warm reads without PostgreSQL', async () => {
    for (let i = 0; i < 5; i++) expect((await get(b, '/api/v1/routers/cache-00001', b.adminKey)).status).toBe(200);
    const before = await transactions();
    for (let i = 0; i < 200; i++) expect((await get(b, `/api/v1/routers/cache-0000${1 + (i % 2)}`, b.adminKey)).status).toBe(200);
    // Without the caches each read is two statements (the key, the tree): 400 at least.
    expect((await transactions()) - before).toBeLessThan(20);
  });

  it('refuse a key revoked through another api process on the very next request', async () => {
    for (let i = 0; i < 10; i++) {
      const key = await createKey(a, `cached-${i}`, 'viewer');
      for (let j = 0; j < 3; j++) expect((await get(b, '/api/v1/routers/cache-00001', key.key)).status).toBe(200);
      expect((await request(a.url, 'DELETE', `/api/v1/keys/${key.id}`, undefined, bearer(a.adminKey))).status).toBe(204);
      const next = await get<{ code: string; detail: string }>(b, '/api/v1/routers/cache-00001', key.key);
      expect(next.status).toBe(401);
      expect(next.body.detail).toBe('the API key is unknown or revoked');
    }
  });

  it('refuse a key revoked with twin keys revoke on the very next request', async () => {
    const key = await createKey(a, 'cached-cli', 'viewer');
    for (let j = 0; j < 3; j++) expect((await get(b, '/api/v1/routers/cache-00001', key.key)).status).toBe(200);
    const cli = spawnNode(['apps/cli/bin/twin.js', 'keys', 'revoke', key.id], { DATABASE_URL: db.url, QUEUE_PREFIX: prefix });
    const { code } = await cli.exited;
    expect(code).toBe(0);
    expect(cli.output()).not.toContain('Redis could not be told');
    expect((await get(b, '/api/v1/routers/cache-00001', key.key)).status).toBe(401);
  });

  it('show a write committed through another api process on the very next read', async () => {
    for (let i = 0; i < 10; i++) {
      for (let j = 0; j < 3; j++) expect((await get(b, '/api/v1/routers/cache-00002', b.adminKey)).status).toBe(200);
      const patched = await request(a.url, 'PATCH', '/api/v1/routers/cache-00002', { labels: { round: String(i) } }, bearer(a.adminKey));
      expect(patched.status).toBe(200);
      const read = await get<RouterTree>(b, '/api/v1/routers/cache-00002', b.adminKey);
      expect(read.body.labels).toEqual({ round: String(i) });
    }
  });

  it('show a router moved to another fleet and a switchover on the very next read', async () => {
    const before = (await get<RouterTree>(b, '/api/v1/routers/cache-00003', b.adminKey)).body;
    await request(a.url, 'PATCH', '/api/v1/routers/cache-00003', { fleet: 'cache-2' }, bearer(a.adminKey));
    const moved = (await get<RouterTree>(b, '/api/v1/routers/cache-00003', b.adminKey)).body;
    expect(moved.fleetId).not.toBe(before.fleetId);

    const switched = await request(a.url, 'POST', '/api/v1/routers/cache-00004/actions/force-switchover', undefined, bearer(a.adminKey));
    expect(switched.status).toBe(202);
    const after = (await get<RouterTree>(b, '/api/v1/routers/cache-00004', b.adminKey)).body;
    expect(after.redundancy).toMatchObject({ switchovers: 1 });
  });

  it('show an observation that changed nothing but its time on the very next read', async () => {
    for (let j = 0; j < 3; j++) expect((await get<RouterTree>(b, '/api/v1/routers/cache-00002', b.adminKey)).body.observedAt).toBeNull();
    const output = (await get(a, '/api/v1/routers/cache-00002/show/redundancy', a.adminKey)).text;
    const observed = await request<{ changes: unknown[] }>(a.url, 'POST', '/api/v1/routers/cache-00002/observations', output, {
      ...bearer(a.adminKey),
      'content-type': 'text/plain',
    });
    expect(observed.body.changes).toEqual([]);
    const read = (await get<RouterTree>(b, '/api/v1/routers/cache-00002', b.adminKey)).body;
    expect(read).toMatchObject({ observedCommand: 'show redundancy', freshness: 'fresh' });
  });

  it('turn a cached tree stale when its observation ages past OBSERVATION_STALE_AFTER, with nothing written', async () => {
    const c = await startApi(db.url, { QUEUE_PREFIX: prefix, ADMIN_API_KEY: a.adminKey, OBSERVATION_STALE_AFTER: '2s' });
    try {
      const output = (await get(a, '/api/v1/routers/cache-00003/show/redundancy', a.adminKey)).text;
      const observed = await request(a.url, 'POST', '/api/v1/routers/cache-00003/observations', output, {
        ...bearer(a.adminKey),
        'content-type': 'text/plain',
      });
      expect(observed.status).toBe(200);
      const first = (await get<RouterTree>(c, '/api/v1/routers/cache-00003', c.adminKey)).body;
      expect(first.freshness).toBe('fresh');
      const staleAt = Date.parse(first.observedAt as string) + 2000;
      // Warm reads while fresh, then the same cached tree read once the observation is 2 s old.
      while (Date.now() < staleAt - 300) expect((await get<RouterTree>(c, '/api/v1/routers/cache-00003', c.adminKey)).body.freshness).toBe('fresh');
      await new Promise((r) => setTimeout(r, Math.max(0, staleAt - Date.now()) + 100));
      const later = await get<RouterTree>(c, '/api/v1/routers/cache-00003', c.adminKey);
      expect(later.body).toMatchObject({ freshness: 'stale', observedAt: first.observedAt, stateVersion: first.stateVersion });
      expect(later.headers.get('content-type')).toBe('application/json; charset=utf-8');
    } finally {
      await c.close();
    }
  });

  it('stay exact when Redis loses the change epochs (a restart with nothing kept)', async () => {
    for (let j = 0; j < 3; j++) await get(b, '/api/v1/routers/cache-00001', b.adminKey);
    await redis.del(changeEpochsKey(prefix));
    for (let j = 0; j < 3; j++) await get(b, '/api/v1/routers/cache-00001', b.adminKey);
    await request(a.url, 'PATCH', '/api/v1/routers/cache-00001', { labels: { after: 'loss' } }, bearer(a.adminKey));
    expect((await get<RouterTree>(b, '/api/v1/routers/cache-00001', b.adminKey)).body.labels).toEqual({ after: 'loss' });
  });
});
