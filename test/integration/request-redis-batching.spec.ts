import { loadConfig } from '@asr-twin/config';
import { changeEpochsKey } from '@asr-twin/jobs';
import { Redis } from 'ioredis';
import { createConnection, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenDigest } from '../../apps/api/src/auth/verified-keys.js';
import { VerifiedKeyCache } from '../../apps/api/src/cache/read-cache.module.js';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { testQueuePrefix } from '../support/redis-keys.js';

/**
 * Requests that arrive together share their Redis commands: one `HMGET` of the change epochs and one count per
 * rate-limit key per event-loop turn, sent in one write. Sharing must change nothing a client can see: the limit
 * counts every request once across api processes, and a read after a committed write sees it even while other
 * reads keep epoch reads in flight.
 */
const LIMIT = 30;
let db: TestDatabase;
/** Two api processes of one deployment with a budget no test exhausts; b's Redis answers arrive late. */
let a: RunningApi;
let b: RunningApi;
let slowRedis: Server;
let prefix: string;
/** Two more with a small budget, under a prefix of their own. */
let c: RunningApi;
let d: RunningApi;
let limited: string;
let redis: Redis;

/** How late Redis's answers reach process b, ms: long enough for a write to commit while an epoch read waits. */
const REDIS_ANSWER_DELAY_MS = 40;

/**
 * A TCP proxy to Redis that passes commands on at once and holds every answer back for `delayMs` (in order):
 * an epoch read is then in flight for that long after Redis ran it.
 */
async function startSlowAnswers(target: URL, delayMs: number): Promise<Server> {
  const server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 6379) });
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => setTimeout(() => client.writable && client.write(chunk), delayMs));
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const get = <T = Record<string, unknown>>(api: RunningApi, path: string, key: string) => request<T>(api.url, 'GET', path, undefined, bearer(key));

beforeAll(async () => {
  db = await migratedTestDatabase();
  prefix = testQueuePrefix('turn-batch');
  a = await startApi(db.url, { QUEUE_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '1000000' });
  const redisUrl = new URL(loadConfig().redis.url);
  slowRedis = await startSlowAnswers(redisUrl, REDIS_ANSWER_DELAY_MS);
  const slowUrl = new URL(redisUrl);
  slowUrl.host = `127.0.0.1:${(slowRedis.address() as { port: number }).port}`;
  b = await startApi(db.url, { QUEUE_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '1000000', ADMIN_API_KEY: a.adminKey, REDIS_URL: slowUrl.toString() });
  limited = testQueuePrefix('turn-batch-limited');
  redis = new Redis(loadConfig().redis.url);
  c = await startApi(db.url, { QUEUE_PREFIX: limited, RATE_LIMIT_PER_MINUTE: String(LIMIT), ADMIN_API_KEY: a.adminKey });
  d = await startApi(db.url, { QUEUE_PREFIX: limited, RATE_LIMIT_PER_MINUTE: String(LIMIT), ADMIN_API_KEY: a.adminKey });
  await request(a.url, 'POST', '/api/v1/fleets', { name: 'turns' }, bearer(a.adminKey));
  const added = await request(a.url, 'POST', '/api/v1/fleets/turns/routers', { generate: { count: 2, models: ['ASR1006'] } }, bearer(a.adminKey));
  expect(added.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await Promise.all([a, b, c, d].map((api) => api?.close()));
  slowRedis?.close();
  redis?.disconnect();
  await db?.drop();
});

describe('Redis commands of concurrent requests', () => {
  it('are shared: far fewer epoch reads and counts than requests', async () => {
    const viewer = (await createKey(a, 'turn-viewer', 'viewer')).key;
    expect((await get(a, '/api/v1/routers/turns-00001', viewer)).status).toBe(200);
    const monitor = await new Redis(loadConfig().redis.url).monitor();
    const seen = { epochReads: 0, counts: 0 };
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === 'hmget' && args[1] === changeEpochsKey(prefix)) seen.epochReads++;
      if (['evalsha', 'eval'].includes(args[0]?.toLowerCase() ?? '') && args[3]?.startsWith(`${prefix}:rate-limit:key:`)) seen.counts++;
    });
    try {
      const REQUESTS = 200;
      const statuses: number[] = [];
      // 50 clients at once, each asking again as soon as it is answered, as a load generator does.
      let left = REQUESTS;
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          while (left-- > 0) statuses.push((await get(a, '/api/v1/routers/turns-00001', viewer)).status);
        }),
      );
      await new Promise((r) => setTimeout(r, 200));
      expect(statuses).toEqual(Array<number>(REQUESTS).fill(200));
      expect(seen.epochReads).toBeGreaterThan(0);
      expect(seen.counts).toBeGreaterThan(0);
      expect(seen.epochReads).toBeLessThan(REQUESTS / 2);
      expect(seen.counts).toBeLessThan(REQUESTS / 2);
    } finally {
      monitor.disconnect();
    }
  });

  it('count every request once across api processes: exactly the limit passes, each with its own remaining budget', async () => {
    const viewer = (await createKey(c, 'turn-limited', 'viewer')).key;
    const answers = await Promise.all(Array.from({ length: LIMIT + 10 }, (_, i) => get(i % 2 ? c : d, '/api/v1/routers/turns-00002', viewer)));
    const passed = answers.filter((r) => r.status === 200);
    expect(passed).toHaveLength(LIMIT);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(10);
    const remaining = passed.map((r) => Number(r.headers.get('x-ratelimit-remaining'))).sort((x, y) => x - y);
    expect(remaining).toEqual(Array.from({ length: LIMIT }, (_, i) => i));
  });

  it('take back a count started early against a key the request turned out not to present', async () => {
    const viewer = await createKey(c, 'turn-early', 'viewer');
    const counter = (keyId: string) => redis.get(`${limited}:rate-limit:key:${keyId}`).then(Number);
    // c remembers the token as another key's, verified in an epoch long gone: it starts counting that key, then
    // checks the token in PostgreSQL, finds the real key, and counts the request there instead.
    const wrongId = '00000000-0000-4000-8000-000000000000';
    c.app.get(VerifiedKeyCache).set(tokenDigest(viewer.key), 'an-epoch-long-gone', { id: wrongId, name: 'other', role: 'viewer' });
    expect((await get(c, '/api/v1/routers/turns-00001', viewer.key)).status).toBe(200);
    expect((await get(c, '/api/v1/routers/turns-00001', viewer.key)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(await counter(wrongId)).toBe(0);
    expect(await counter(viewer.id)).toBe(2);
    // Routes without a limit count nothing, even for a key counted early.
    expect((await get(c, '/health', viewer.key)).status).toBe(200);
    expect(await counter(viewer.id)).toBe(2);
  });

  it('never let a read after a committed write share an epoch read sent before the write', async () => {
    // b's epoch reads stay in flight 40 ms after Redis ran them, and 20 clients keep b reading all the time: a
    // read that joined one of those would see the epoch from before the write and answer the old tree.
    let stop = false;
    const background = Array.from({ length: 20 }, async () => {
      while (!stop) expect((await get(b, '/api/v1/routers/turns-00002', b.adminKey)).status).toBe(200);
    });
    try {
      for (let round = 0; round < 30; round++) {
        const patched = await request(a.url, 'PATCH', '/api/v1/routers/turns-00002', { labels: { round: String(round) } }, bearer(a.adminKey));
        expect(patched.status).toBe(200);
        const read = await get<RouterTree>(b, '/api/v1/routers/turns-00002', b.adminKey);
        expect(read.body.labels).toEqual({ round: String(round) });
      }
    } finally {
      stop = true;
      await Promise.all(background);
    }
  });
});
