import { closeRedis, createRedis, REDIS_CLIENT, type RedisClient, type RedisTarget } from './redis.js';
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';

/** One shared Redis client (single server or cluster), injected as {@link REDIS_CLIENT}, closed on shutdown. */
@Global()
@Module({})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  static forRoot(target: RedisTarget, connectionName: string): DynamicModule {
    const provider = {
      provide: REDIS_CLIENT,
      useFactory: async () => {
        const client = createRedis(target, connectionName);
        client.on('error', () => undefined); // reported by /health; ioredis reconnects by itself
        await client.connect();
        return client;
      },
    };
    return { module: RedisModule, providers: [provider], exports: [provider] };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
