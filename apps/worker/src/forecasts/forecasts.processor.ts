import type { AppConfig } from '@asr-twin/config';
import { type JobsOf, QUEUE_NAMES } from '@asr-twin/jobs';
import { ForecastExecutionRepository } from '@asr-twin/persistence';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { WorkerMetrics } from '../http/worker-metrics.js';
import { payload } from '../processors/job-payload.js';
import { QueueConsumer } from '../processors/queue-consumer.js';
import { WORKER_CONFIG } from '../worker-config.js';
import { ForecastExecutionService } from './forecast-execution.service.js';

type ForecastsJob = JobsOf<typeof QUEUE_NAMES.forecasts>;

/** Consumes the `forecasts` queue: validates each payload and hands it to one method of the forecast service. */
@Injectable()
export class ForecastsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers = {
    'forecast.plan': (job: Job) => this.service.plan(payload(job, 'forecast.plan').forecastId),
    'forecast.shard': (job: Job) => {
      const p = payload(job, 'forecast.shard');
      return this.service.shard(p.forecastId, p.shard);
    },
    'forecast.finalize': (job: Job) => this.service.finalize(payload(job, 'forecast.finalize').forecastId),
  } satisfies Record<ForecastsJob, (job: Job) => Promise<void>>;

  private readonly consumer: QueueConsumer;

  constructor(
    private readonly service: ForecastExecutionService,
    repository: ForecastExecutionRepository,
    @Inject(WORKER_CONFIG) config: AppConfig,
    metrics: WorkerMetrics,
  ) {
    this.consumer = new QueueConsumer(QUEUE_NAMES.forecasts, this.handlers, config, metrics, {
      idOf: (job) => {
        const id = (job.data as { forecastId?: unknown } | undefined)?.forecastId;
        return typeof id === 'string' ? id : undefined;
      },
      mark: (id, reason) => repository.markWaiting(id, reason),
      clear: (id) => repository.clearWaiting(id),
    });
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.close();
  }
}
