import { createRedis, runProgressChannel } from '@asr-twin/jobs';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { subscribe, wsClient } from '../support/graphql.js';
import { testQueuePrefix } from '../support/redis-keys.js';

/**
 * A subscription is a request that lasts: it must end when its key stops being valid, as the next request of
 * that key would be refused, whoever changed the key and on whichever process the subscription lives.
 */
let db: TestDatabase;
let api: RunningApi;
let other: RunningApi;
let publisher: Redis;
let prefix: string;
const clients: ReturnType<typeof wsClient>[] = [];

beforeAll(async () => {
  db = await migratedTestDatabase();
  prefix = testQueuePrefix('gqlkey');
  api = await startApi(db.url, { QUEUE_PREFIX: prefix });
  other = await startApi(db.url, { QUEUE_PREFIX: prefix, ADMIN_API_KEY: api.adminKey });
  publisher = createRedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', 'test-gql-key-change');
  await publisher.connect();
});
afterAll(async () => {
  for (const c of clients) await c.dispose();
  publisher?.disconnect();
  await other?.close();
  await api?.close();
  await db?.drop();
});

const PROGRESS = 'subscription { runProgress { runId status routersDone } }';
const EVENT = { runId: '00000000-0000-4000-8000-000000000000', status: 'running', routersDone: 1, routerCount: 2, verdict: null };

/** A live runProgress subscription of `key` on `base`: it has received an event, so it is running. */
async function liveSubscription(base: string, key: string) {
  const client = wsClient(base, key);
  clients.push(client);
  const sub = subscribe<{ runId: string }>(client, PROGRESS, 'runProgress');
  const timer = setInterval(() => void publisher.publish(runProgressChannel(prefix), JSON.stringify(EVENT)), 100);
  try {
    await sub.waitFor(() => true, 10_000);
  } finally {
    clearInterval(timer);
  }
  return sub;
}

/** Resolves with what the subscription ended with, or fails after `ms`. */
async function endedWithin<T>(sub: { ended: Promise<void>; errors: T[] }, ms: number): Promise<T[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the subscription was still open after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([sub.ended, timeout]);
    return sub.errors;
  } finally {
    clearTimeout(timer);
  }
}

describe('a subscription whose key changes', () => {
  it('ends with UNAUTHENTICATED on every api process when the key is revoked over REST, without waiting for an event', async () => {
    const key = await createKey(api, 'sub-revoked-rest', 'viewer');
    const here = await liveSubscription(api.url, key.key);
    const there = await liveSubscription(other.url, key.key);
    expect((await request(api.url, 'DELETE', `/api/v1/keys/${key.id}`, undefined, bearer(api.adminKey))).status).toBe(204);
    for (const sub of [here, there]) {
      const errors = await endedWithin(sub, 5_000);
      expect(errors.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['UNAUTHENTICATED', 'the API key of this subscription was revoked or changed; subscribe again with a valid key'],
      ]);
    }
  });

  it('ends when the key is revoked outside the api (twin keys, or SQL), and when it is deleted', async () => {
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    try {
      const revoked = await createKey(api, 'sub-revoked-sql', 'viewer');
      const deleted = await createKey(api, 'sub-deleted-sql', 'operator');
      const a = await liveSubscription(api.url, revoked.key);
      const b = await liveSubscription(api.url, deleted.key);
      await sql.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [revoked.id]);
      await sql.query(`DELETE FROM api_keys WHERE id = $1`, [deleted.id]);
      for (const sub of [a, b]) expect((await endedWithin(sub, 5_000)).map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    } finally {
      await sql.end();
    }
  });

  it('keeps the subscriptions of other keys, and of a key whose last use is recorded, running', async () => {
    const kept = await createKey(api, 'sub-kept', 'viewer');
    const gone = await createKey(api, 'sub-gone', 'viewer');
    const sub = await liveSubscription(api.url, kept.key);
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    try {
      await sql.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [kept.id]);
    } finally {
      await sql.end();
    }
    const goneSub = await liveSubscription(api.url, gone.key);
    await request(api.url, 'DELETE', `/api/v1/keys/${gone.id}`, undefined, bearer(api.adminKey));
    await endedWithin(goneSub, 5_000);
    const before = sub.events.length;
    await publisher.publish(runProgressChannel(prefix), JSON.stringify(EVENT));
    await sub.waitFor(() => sub.events.length > before, 5_000);
    expect(sub.errors).toEqual([]);
  });
});
