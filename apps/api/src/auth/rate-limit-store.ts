import { createRequire } from 'node:module';
import type { RedisClient } from '@asr-twin/jobs';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

type RedisStoreCtor = new (continueExceeding: boolean, exponentialBackoff: boolean, redis: RedisClient, key: string) => FastifyRateLimitStore;

// The plugin's own Redis store (its Lua script counts and expires a window in one round trip); not in its types.
const RedisStore = createRequire(import.meta.url)('@fastify/rate-limit/store/RedisStore.js') as RedisStoreCtor;

/** A store that hands every failure to `report` before the plugin, told to skip on error, lets the request pass. */
function reporting(store: FastifyRateLimitStore, report: (error: unknown) => void): FastifyRateLimitStore {
  return {
    incr: (key, callback, timeWindow, max) =>
      store.incr(
        key,
        (error, result) => {
          if (error) report(error);
          callback(error, result);
        },
        timeWindow,
        max,
      ),
    child: (routeOptions) => reporting(store.child(routeOptions), report),
  };
}

/**
 * The plugin's Redis store on `redis` (a single server or a cluster: one key per counter, so every call goes to
 * that key's slot), reporting each count Redis could not take: the limit is then not enforced, which must not go
 * unnoticed.
 */
export function reportingRedisStore(redis: RedisClient, nameSpace: string, report: (error: unknown) => void): FastifyRateLimitStoreCtor {
  return class {
    constructor(options: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      // A constructor may return another object: the plugin then uses the reporting store.
      return reporting(new RedisStore(options.continueExceeding ?? false, options.exponentialBackoff ?? false, redis, nameSpace), report);
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
