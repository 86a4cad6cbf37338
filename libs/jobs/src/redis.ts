import { redactUrl } from '@asr-twin/config';
import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/** A connection problem explained in one line, with what to do about it. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

const START_HINT =
  'start Redis (`docker compose up -d redis`, or `redis-server --daemonize yes --port 6379`) or set REDIS_URL';

/**
 * A Redis client as BullMQ wants it: `maxRetriesPerRequest: null` so blocking commands survive reconnects
 * (BullMQ docs, "Connections"). `connectionName` shows in `CLIENT LIST`.
 */
export function createRedis(url: string, connectionName: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName, lazyConnect: true, ...extra });
}

/** Connects, pings and disconnects; throws {@link RedisUnavailableError} with a one-line explanation. */
export async function checkRedis(url: string, timeoutMs = 5000): Promise<void> {
  const client = createRedis(url, 'asr-twin-preflight', {
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    throw new RedisUnavailableError(`cannot reach Redis at ${redactUrl(url)} (${reason}): ${START_HINT}`);
  } finally {
    client.disconnect();
  }
}

/**
 * Connection options for a connection that BullMQ creates and closes itself (a `Worker` does not close an
 * ioredis instance it was given, which would keep a stopping process alive).
 */
export function redisConnectionOptions(url: string, connectionName: string): BullRedisOptions {
  return { url, connectionName, maxRetriesPerRequest: null };
}
