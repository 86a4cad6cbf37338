import { ChangeEpochReader, closeRedis, createRedis, type RedisClient, RedisTurnBatch, type RedisTarget } from '@asr-twin/jobs';
import type { Freshness } from '@asr-twin/domain';
import type { AuthenticatedKey } from '@asr-twin/persistence';
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EpochCache, type ReadCacheOptions } from './epoch-cache.js';

/**
 * A router tree's answer as sent (`GET /routers/:id`), serialised once: the tree depends on the twin epoch, under
 * which it is cached, and on the clock through its freshness alone, so the bytes are used while the freshness
 * they carry is still the router's freshness now.
 */
export interface CachedRouterTree {
  readonly observedAt: string | null;
  readonly freshness: Freshness;
  /** The JSON of the tree, UTF-8. */
  readonly body: Buffer;
}

/** Router trees by the id or hostname they were asked by (`GET /routers/:id`). */
export class RouterTreeCache extends EpochCache<CachedRouterTree> {}

/** Keys verified against PostgreSQL, by the SHA-256 of their token. */
export class VerifiedKeyCache extends EpochCache<AuthenticatedKey> {}

const REQUESTS_REDIS = Symbol('REQUESTS_REDIS');

/** Keys a process keeps verified at most (as many as the outage fallback remembers). */
const MAX_CACHED_KEYS = 10_000;

/**
 * The api's read caches and the change epochs that keep them exact (see `ChangeEpochReader`), and the Redis
 * commands requests make before their route runs (the change epochs, the rate limit counts), sent a turn at a
 * time in one write (`RedisTurnBatch`) on a client of their own that fails fast (no offline queue, one retry, a
 * short command timeout): while Redis cannot answer, requests read PostgreSQL as if there were no cache, and pass
 * uncounted.
 */
@Global()
@Module({})
export class ReadCacheModule implements OnApplicationShutdown {
  constructor(@Inject(REQUESTS_REDIS) private readonly redis: RedisClient) {}

  static forRoot(options: {
    readonly redis: RedisTarget;
    readonly queuePrefix: string;
    readonly maxAgeMs: number;
    readonly maxRouters: number;
  }): DynamicModule {
    const providers = [
      {
        provide: REQUESTS_REDIS,
        useFactory: async (): Promise<RedisClient> => {
          // Auto-pipelining groups a turn's commands per master on a cluster; on one server the batch pipelines them.
          const client = createRedis(options.redis, 'asr-twin-api-requests', {
            enableAutoPipelining: true,
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            commandTimeout: 500,
          });
          client.on('error', () => undefined); // reported by /health; ioredis reconnects by itself
          await client.connect().catch(() => undefined);
          return client;
        },
      },
      { provide: RedisTurnBatch, useFactory: (redis: RedisClient) => new RedisTurnBatch(redis), inject: [REQUESTS_REDIS] },
      { provide: ChangeEpochReader, useFactory: (batch: RedisTurnBatch) => new ChangeEpochReader(batch, options.queuePrefix), inject: [RedisTurnBatch] },
      { provide: RouterTreeCache, useValue: new RouterTreeCache(cacheOptions(options.maxAgeMs, options.maxRouters)) },
      { provide: VerifiedKeyCache, useValue: new VerifiedKeyCache(cacheOptions(options.maxAgeMs, MAX_CACHED_KEYS)) },
    ];
    return { module: ReadCacheModule, providers, exports: [RedisTurnBatch, ChangeEpochReader, RouterTreeCache, VerifiedKeyCache] };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}

function cacheOptions(maxAgeMs: number, maxEntries: number): ReadCacheOptions {
  return { maxAgeMs, maxEntries };
}
