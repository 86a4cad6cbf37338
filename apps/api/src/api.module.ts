import type { AppConfig } from '@asr-twin/config';
import { PersistenceModule } from '@asr-twin/persistence';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ProblemFilter } from './common/problem.filter.js';
import { RedisModule } from '@asr-twin/jobs';
import { FleetModule } from './fleets/fleet.module.js';
import { HealthModule } from './health/health.module.js';
import { RouterModule } from './routers/router.module.js';

/** Composition root of the api process. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PersistenceModule.forRoot({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'asr-twin-api' }),
        RedisModule.forRoot(config.redis.url, 'asr-twin-api'),
        HealthModule,
        FleetModule,
        RouterModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
