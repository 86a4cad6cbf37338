import { createRedis } from './redis.js';
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';

/** One shared ioredis client, injected by its class, closed on shutdown. */
@Global()
@Module({})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(Redis) private readonly redis: Redis) {}

  static forRoot(url: string, connectionName: string): DynamicModule {
    const provider = {
      provide: Redis,
      useFactory: async () => {
        const client = createRedis(url, connectionName);
        client.on('error', () => undefined); // reported by /health; ioredis reconnects by itself
        await client.connect();
        return client;
      },
    };
    return { module: RedisModule, providers: [provider], exports: [provider] };
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for an answer, which never comes while Redis is unreachable (commands wait for a reconnect).
    if (this.redis.status !== 'ready') this.redis.disconnect();
    else await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
