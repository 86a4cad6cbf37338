import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/**
 * A `QUEUE_PREFIX` of the calling test's own, under the prefix of this test run, so that the run's teardown
 * removes every key its tests left in Redis (queues, counters) and parallel runs never meet.
 */
export function testQueuePrefix(name: string): string {
  return `${inject('redisTestPrefix')}-${name}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under a queue prefix: BullMQ's `{prefix…}:…` and the services' `prefix…:…`. */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    for (const match of [`{${prefix}*`, `${prefix}*`]) {
      for await (const keys of redis.scanStream({ match, count: 1000 }) as AsyncIterable<string[]>) {
        if (keys.length > 0) await redis.unlink(...keys);
      }
    }
  } finally {
    redis.disconnect();
  }
}
