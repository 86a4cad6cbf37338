import type { AppConfig } from '@asr-twin/config';
import { RedisModule } from '@asr-twin/jobs';
import { PersistenceModule } from '@asr-twin/persistence';
import { type DynamicModule, Module } from '@nestjs/common';

/**
 * Composition root of the worker process: its PostgreSQL pool and its Redis connection. Queue processors
 * register here as they are added.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PersistenceModule.forRoot({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'asr-twin-worker' }),
        RedisModule.forRoot(config.redis.url, 'asr-twin-worker'),
      ],
    };
  }
}
