import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { JobProducer } from './job-producer.js';

/** The typed job producer on the process's shared Redis connection (from {@link RedisModule}). */
@Global()
@Module({})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(JobProducer) private readonly producer: JobProducer) {}

  static forRoot(queuePrefix: string): DynamicModule {
    const provider = { provide: JobProducer, useFactory: (redis: Redis) => new JobProducer(redis, queuePrefix), inject: [Redis] };
    return { module: JobsModule, providers: [provider], exports: [provider] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
  }
}
