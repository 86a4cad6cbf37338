import type { AppConfig } from '@asr-twin/config';
import { JobsModule, REDIS_CLIENT, type RedisClient, RedisModule } from '@asr-twin/jobs';
import { PersistenceModule } from '@asr-twin/persistence';
import { type DynamicModule, Module } from '@nestjs/common';
import { RouterActionExecutor } from './actions/router-action-executor.service.js';
import { RouterActionReconciler } from './actions/router-action-reconciler.service.js';
import { AuditExecutionService } from './audits/audit-execution.service.js';
import { AuditProgressPublisher } from './audits/audit-progress.publisher.js';
import { AuditReconciler } from './audits/audit-reconciler.service.js';
import { AuditsProcessor } from './audits/audits.processor.js';
import { ForecastExecutionService } from './forecasts/forecast-execution.service.js';
import { ForecastProgressPublisher } from './forecasts/forecast-progress.publisher.js';
import { ForecastReconciler } from './forecasts/forecast-reconciler.service.js';
import { ForecastsProcessor } from './forecasts/forecasts.processor.js';
import { MaintenanceProcessor } from './processors/maintenance.processor.js';
import { RouterActionsProcessor } from './processors/router-actions.processor.js';
import { RunsProcessor } from './processors/runs.processor.js';
import { ProgressPublisher } from './runs/progress-publisher.js';
import { ReconcilerService } from './runs/reconciler.service.js';
import { RetentionService } from './runs/retention.service.js';
import { RunExecutionService } from './runs/run-execution.service.js';
import { WorkerMetrics } from './http/worker-metrics.js';
import { WORKER_CONFIG } from './worker-config.js';

/**
 * Composition root of the worker process: its PostgreSQL pool, its Redis connection, the job producer and
 * the processors of the `runs`, `router-actions`, `audits`, `forecasts` and `maintenance` queues.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PersistenceModule.forRoot({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'asr-twin-worker' }),
        RedisModule.forRoot(config.redis, 'asr-twin-worker'),
        JobsModule.forRoot(config.redis.queuePrefix),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: WorkerMetrics, useValue: new WorkerMetrics() },
        { provide: ProgressPublisher, useFactory: (redis: RedisClient) => new ProgressPublisher(redis, config.redis.queuePrefix), inject: [REDIS_CLIENT] },
        RunExecutionService,
        ReconcilerService,
        RetentionService,
        RunsProcessor,
        RouterActionExecutor,
        RouterActionReconciler,
        RouterActionsProcessor,
        {
          provide: AuditProgressPublisher,
          useFactory: (redis: RedisClient) => new AuditProgressPublisher(redis, config.redis.queuePrefix),
          inject: [REDIS_CLIENT],
        },
        AuditExecutionService,
        AuditReconciler,
        AuditsProcessor,
        {
          provide: ForecastProgressPublisher,
          useFactory: (redis: RedisClient) => new ForecastProgressPublisher(redis, config.redis.queuePrefix),
          inject: [REDIS_CLIENT],
        },
        ForecastExecutionService,
        ForecastReconciler,
        ForecastsProcessor,
        MaintenanceProcessor,
      ],
    };
  }
}
