// Helpers shared by the service benchmarks.
import { Redis } from 'ioredis';
import pg from 'pg';

/** Runs one statement on the `postgres` maintenance database next to `base`. */
export async function admin(base, sql) {
  const url = new URL(base);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Polls `<url>/health` until it answers 200; throws after `timeoutMs`. */
export async function waitForHealth(url, timeoutMs = 30_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('api did not become healthy');
}

/** Deletes every Redis key of a queue prefix: BullMQ's `{prefix}:…` and the api's `prefix:…`. */
export async function dropRedisPrefix(url, prefix) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    for (const pattern of [`{${prefix}}:*`, `${prefix}:*`]) {
      for await (const keys of redis.scanStream({ match: pattern, count: 1000 })) if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
