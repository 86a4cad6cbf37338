import type { AppConfig } from '@asr-twin/config';
import { type JobsOf, QUEUE_NAMES } from '@asr-twin/jobs';
import { RunExecutionRepository } from '@asr-twin/persistence';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { RunExecutionService } from '../runs/run-execution.service.js';
import { WorkerMetrics } from '../http/worker-metrics.js';
import { WORKER_CONFIG } from '../worker-config.js';
import { payload } from './job-payload.js';
import { QueueConsumer } from './queue-consumer.js';

type RunsJob = JobsOf<typeof QUEUE_NAMES.runs>;

/** Consumes the `runs` queue: validates each payload and hands it to one method of the run service. */
@Injectable()
export class RunsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers = {
    'run.plan': (job: Job) => this.service.plan(payload(job, 'run.plan').runId),
    'run.shard': (job: Job) => {
      const p = payload(job, 'run.shard');
      return this.service.shard(p.runId, p.shard);
    },
    'run.finalize': (job: Job) => this.service.finalize(payload(job, 'run.finalize').runId),
  } satisfies Record<RunsJob, (job: Job) => Promise<void>>;

  private readonly consumer: QueueConsumer;

  constructor(
    private readonly service: RunExecutionService,
    repository: RunExecutionRepository,
    @Inject(WORKER_CONFIG) config: AppConfig,
    metrics: WorkerMetrics,
  ) {
    this.consumer = new QueueConsumer(QUEUE_NAMES.runs, this.handlers, config, metrics, {
      idOf: (job) => {
        const id = (job.data as { runId?: unknown } | undefined)?.runId;
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
