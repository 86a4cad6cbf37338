import { ChangeEpochReader, closeRedis, createRedis, type RedisClient, type RedisTarget } from '@asr-twin/jobs';
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

const EPOCHS_REDIS = Symbol('EPOCHS_REDIS');

/** Keys a process keeps verified at most (as many as the outage fallback remembers). */
const MAX_CACHED_KEYS = 10_000;

/**
 * The api's read caches and the change epochs that keep them exact (see `ChangeEpochReader`). The epochs are read
 * on a Redis client of their own that fails fast (no offline queue, one retry, a short command timeout) and
 * pipelines the reads of concurrent requests: while Redis cannot answer, requests read PostgreSQL as if there were
 * no cache.
 */
@Global()
@Module({})
export class ReadCacheModule implements OnApplicationShutdown {
  constructor(@Inject(EPOCHS_REDIS) private readonly redis: RedisClient) {}

  static forRoot(options: {
    readonly redis: RedisTarget;
    readonly queuePrefix: string;
    readonly maxAgeMs: number;
    readonly maxRouters: number;
  }): DynamicModule {
    const providers = [
      {
        provide: EPOCHS_REDIS,
        useFactory: async (): Promise<RedisClient> => {
          const client = createRedis(options.redis, 'asr-twin-api-epochs', {
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
      { provide: ChangeEpochReader, useFactory: (redis: RedisClient) => new ChangeEpochReader(redis, options.queuePrefix), inject: [EPOCHS_REDIS] },
      { provide: RouterTreeCache, useValue: new RouterTreeCache(cacheOptions(options.maxAgeMs, options.maxRouters)) },
      { provide: VerifiedKeyCache, useValue: new VerifiedKeyCache(cacheOptions(options.maxAgeMs, MAX_CACHED_KEYS)) },
    ];
    return { module: ReadCacheModule, providers, exports: [ChangeEpochReader, RouterTreeCache, VerifiedKeyCache] };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}

function cacheOptions(maxAgeMs: number, maxEntries: number): ReadCacheOptions {
  return { maxAgeMs, maxEntries };
}
