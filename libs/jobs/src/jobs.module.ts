import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CatalogPublisher } from './catalog-publisher.js';
import { JobProducer } from './job-producer.js';
import { REDIS_CLIENT, type RedisClient } from './redis.js';
import { RouterStatePublisher } from './router-state-publisher.js';
import { RunProgressPublisher } from './run-progress-publisher.js';
import { SimulationCounter } from './simulation-counter.js';

/**
 * The typed job producer, the router-state and catalog publishers, and the simulated-events counter on the
 * process's shared Redis connection (from {@link RedisModule}).
 */
@Global()
@Module({})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(JobProducer) private readonly producer: JobProducer) {}

  static forRoot(queuePrefix: string): DynamicModule {
    const providers = [
      { provide: JobProducer, useFactory: (redis: RedisClient) => new JobProducer(redis, queuePrefix), inject: [REDIS_CLIENT] },
      { provide: RouterStatePublisher, useFactory: (redis: RedisClient) => new RouterStatePublisher(redis, queuePrefix), inject: [REDIS_CLIENT] },
      { provide: CatalogPublisher, useFactory: (redis: RedisClient) => new CatalogPublisher(redis, queuePrefix), inject: [REDIS_CLIENT] },
      { provide: RunProgressPublisher, useFactory: (redis: RedisClient) => new RunProgressPublisher(redis, queuePrefix), inject: [REDIS_CLIENT] },
      { provide: SimulationCounter, useFactory: (redis: RedisClient) => new SimulationCounter(redis, queuePrefix), inject: [REDIS_CLIENT] },
    ];
    return { module: JobsModule, providers, exports: providers.map((p) => p.provide) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
  }
}
