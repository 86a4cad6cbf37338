import type { AppConfig } from '@asr-twin/config';
import { JobsModule, RedisModule } from '@asr-twin/jobs';
import { PersistenceModule } from '@asr-twin/persistence';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuditModule } from './audits/audit.module.js';
import { ForecastModule } from './forecasts/forecast.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ReadCacheModule } from './cache/read-cache.module.js';
import { RoleGuard } from './auth/role.guard.js';
import { ProblemFilter } from './common/problem.filter.js';
import { FleetModule } from './fleets/fleet.module.js';
import { GraphqlApiModule } from './graphql/graphql-api.module.js';
import { InventoryModule } from './inventory/inventory.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ParsingModule } from './parsing/parsing.module.js';
import { RouterModule } from './routers/router.module.js';
import { RunModule } from './runs/run.module.js';
import { ScenarioModule } from './scenarios/scenario.module.js';

/** Composition root of the api process. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    const auth = AuthModule.forRoot({
      adminApiKey: config.auth.adminApiKey,
      databaseUrl: config.database.listenUrl,
      outageGraceMs: config.auth.outageGraceMs,
      queuePrefix: config.redis.queuePrefix,
    });
    const runs = RunModule.forRoot({ shardSize: config.runs.shardSize, maxRouterIterations: config.runs.maxRouterIterations });
    const routers = RouterModule.forRoot({ timeScale: config.twin.timeScale, staleAfterMs: config.observations.staleAfterMs });
    return {
      module: ApiModule,
      imports: [
        PersistenceModule.forRoot({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'asr-twin-api' }),
        RedisModule.forRoot(config.redis, 'asr-twin-api'),
        JobsModule.forRoot(config.redis.queuePrefix),
        ReadCacheModule.forRoot({ redis: config.redis, queuePrefix: config.redis.queuePrefix, ...config.readCache }),
        MetricsModule.forRoot({ public: config.metrics.public }),
        ParsingModule.forRoot(config),
        auth,
        HealthModule.forRoot(config.redis.queuePrefix),
        FleetModule,
        InventoryModule,
        routers,
        ScenarioModule,
        runs,
        AuditModule,
        ForecastModule,
        // GraphQL is another edge on the same services: it imports the feature modules that export them.
        GraphqlApiModule.forRoot(config, [auth, FleetModule, InventoryModule, routers, ScenarioModule, runs, AuditModule, ForecastModule]),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        // Every route is checked against its @RequireRole / @Public rule; none means admin only.
        { provide: APP_GUARD, useClass: RoleGuard },
      ],
    };
  }
}
