import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions } from './data-source.js';
import { AuditExecutionRepository } from './audits/audit-execution.repository.js';
import { AuditRepository } from './audits/audit.repository.js';
import { TypeormAuditExecutionRepository } from './audits/typeorm-audit-execution.repository.js';
import { TypeormAuditRepository } from './audits/typeorm-audit.repository.js';
import { ForecastExecutionRepository, ForecastRepository } from './forecasts/forecast.repository.js';
import { TypeormForecastExecutionRepository, TypeormForecastRepository } from './forecasts/typeorm-forecast.repository.js';
import { RouterActionRepository } from './actions/router-action.repository.js';
import { TypeormRouterActionRepository } from './actions/typeorm-router-action.repository.js';
import { ApiKeyRepository } from './repositories/api-key.repository.js';
import { ChangeLogRepository } from './repositories/change-log.repository.js';
import { FleetRepository } from './repositories/fleet.repository.js';
import { RouterImportRepository } from './repositories/router-import.repository.js';
import { RouterStateRepository } from './repositories/router-state.repository.js';
import { RouterRepository } from './repositories/router.repository.js';
import { TypeormApiKeyRepository } from './repositories/typeorm-api-key.repository.js';
import { TypeormChangeLogRepository } from './repositories/typeorm-change-log.repository.js';
import { TypeormFleetRepository } from './repositories/typeorm-fleet.repository.js';
import { TypeormRouterImportRepository } from './repositories/typeorm-router-import.repository.js';
import { TypeormRouterStateRepository } from './repositories/typeorm-router-state.repository.js';
import { TypeormRouterRepository } from './repositories/typeorm-router.repository.js';
import { RunExecutionRepository } from './runs/run-execution.repository.js';
import { RunRepository } from './runs/run.repository.js';
import { RunRetentionRepository } from './runs/run-retention.repository.js';
import { TypeormRunRetentionRepository } from './runs/typeorm-run-retention.repository.js';
import { ScenarioRepository } from './runs/scenario.repository.js';
import { TypeormRunExecutionRepository } from './runs/typeorm-run-execution.repository.js';
import { TypeormRunRepository } from './runs/typeorm-run.repository.js';
import { TypeormScenarioRepository } from './runs/typeorm-scenario.repository.js';

/**
 * The data source and the repository ports, for a process's composition root. The data source is closed on
 * application shutdown by `TypeOrmModule`.
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: DataSourceOptions): DynamicModule {
    const repositories = [
      { provide: FleetRepository, useFactory: (ds: DataSource) => new TypeormFleetRepository(ds), inject: [DataSource] },
      { provide: RouterRepository, useFactory: (ds: DataSource) => new TypeormRouterRepository(ds), inject: [DataSource] },
      {
        provide: RouterImportRepository,
        useFactory: (ds: DataSource) => new TypeormRouterImportRepository(ds),
        inject: [DataSource],
      },
      {
        provide: RouterStateRepository,
        useFactory: (ds: DataSource) => new TypeormRouterStateRepository(ds),
        inject: [DataSource],
      },
      {
        provide: ChangeLogRepository,
        useFactory: (ds: DataSource) => new TypeormChangeLogRepository(ds),
        inject: [DataSource],
      },
      {
        provide: RouterActionRepository,
        useFactory: (ds: DataSource) => new TypeormRouterActionRepository(ds),
        inject: [DataSource],
      },
      { provide: ApiKeyRepository, useFactory: (ds: DataSource) => new TypeormApiKeyRepository(ds), inject: [DataSource] },
      { provide: ScenarioRepository, useFactory: (ds: DataSource) => new TypeormScenarioRepository(ds), inject: [DataSource] },
      { provide: RunRepository, useFactory: (ds: DataSource) => new TypeormRunRepository(ds), inject: [DataSource] },
      {
        provide: RunExecutionRepository,
        useFactory: (ds: DataSource) => new TypeormRunExecutionRepository(ds),
        inject: [DataSource],
      },
      { provide: RunRetentionRepository, useFactory: (ds: DataSource) => new TypeormRunRetentionRepository(ds), inject: [DataSource] },
      { provide: AuditRepository, useFactory: (ds: DataSource) => new TypeormAuditRepository(ds), inject: [DataSource] },
      {
        provide: AuditExecutionRepository,
        useFactory: (ds: DataSource) => new TypeormAuditExecutionRepository(ds),
        inject: [DataSource],
      },
      { provide: ForecastRepository, useFactory: (ds: DataSource) => new TypeormForecastRepository(ds), inject: [DataSource] },
      {
        provide: ForecastExecutionRepository,
        useFactory: (ds: DataSource) => new TypeormForecastExecutionRepository(ds),
        inject: [DataSource],
      },
    ];
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...createDataSource(options).options, retryAttempts: 0 }),
          dataSourceFactory: async () => createDataSource(options).initialize(),
        }),
      ],
      providers: repositories,
      exports: repositories.map((r) => r.provide),
    };
  }
}
