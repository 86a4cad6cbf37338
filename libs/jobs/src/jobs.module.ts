import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { CatalogPublisher } from './catalog-publisher.js';
import { JobProducer } from './job-producer.js';
import { RouterStatePublisher } from './router-state-publisher.js';
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
      { provide: JobProducer, useFactory: (redis: Redis) => new JobProducer(redis, queuePrefix), inject: [Redis] },
      { provide: RouterStatePublisher, useFactory: (redis: Redis) => new RouterStatePublisher(redis, queuePrefix), inject: [Redis] },
      { provide: CatalogPublisher, useFactory: (redis: Redis) => new CatalogPublisher(redis, queuePrefix), inject: [Redis] },
      { provide: SimulationCounter, useFactory: (redis: Redis) => new SimulationCounter(redis, queuePrefix), inject: [Redis] },
    ];
    return { module: JobsModule, providers, exports: providers.map((p) => p.provide) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
  }
}
