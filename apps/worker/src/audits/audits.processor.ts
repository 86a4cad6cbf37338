import type { AppConfig } from '@asr-twin/config';
import { type JobsOf, QUEUE_NAMES } from '@asr-twin/jobs';
import { AuditExecutionRepository } from '@asr-twin/persistence';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AuditExecutionService } from './audit-execution.service.js';
import { WorkerMetrics } from '../http/worker-metrics.js';
import { WORKER_CONFIG } from '../worker-config.js';
import { payload } from '../processors/job-payload.js';
import { QueueConsumer } from '../processors/queue-consumer.js';

type AuditsJob = JobsOf<typeof QUEUE_NAMES.audits>;

/** Consumes the `audits` queue: validates each payload and hands it to one method of the audit service. */
@Injectable()
export class AuditsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers = {
    'audit.plan': (job: Job) => this.service.plan(payload(job, 'audit.plan').auditId),
    'audit.shard': (job: Job) => {
      const p = payload(job, 'audit.shard');
      return this.service.shard(p.auditId, p.shard);
    },
    'audit.finalize': (job: Job) => this.service.finalize(payload(job, 'audit.finalize').auditId),
  } satisfies Record<AuditsJob, (job: Job) => Promise<void>>;

  private readonly consumer: QueueConsumer;

  constructor(
    private readonly service: AuditExecutionService,
    repository: AuditExecutionRepository,
    @Inject(WORKER_CONFIG) config: AppConfig,
    metrics: WorkerMetrics,
  ) {
    this.consumer = new QueueConsumer(QUEUE_NAMES.audits, this.handlers, config, metrics, {
      idOf: (job) => {
        const id = (job.data as { auditId?: unknown } | undefined)?.auditId;
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
