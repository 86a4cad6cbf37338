import type { AppConfig } from '@asr-twin/config';
import { bullPrefix, redisConnectionOptions, jobsOfQueue, type JobsOf, QUEUE_NAMES } from '@asr-twin/jobs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { AuditExecutionService } from './audit-execution.service.js';
import { WORKER_CONFIG } from '../worker-config.js';
import { payload } from '../processors/job-payload.js';

type AuditsJob = JobsOf<typeof QUEUE_NAMES.audits>;

/** Consumes the `audits` queue: validates each payload and hands it to one method of the audit service. */
@Injectable()
export class AuditsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('audits-processor');
  private worker: Worker | null = null;

  private readonly handlers = {
    'audit.plan': (job: Job) => this.service.plan(payload(job, 'audit.plan').auditId),
    'audit.shard': (job: Job) => {
      const p = payload(job, 'audit.shard');
      return this.service.shard(p.auditId, p.shard);
    },
    'audit.finalize': (job: Job) => this.service.finalize(payload(job, 'audit.finalize').auditId),
  } satisfies Record<AuditsJob, (job: Job) => Promise<void>>;

  constructor(
    private readonly service: AuditExecutionService,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
  ) {
    const missing = jobsOfQueue(QUEUE_NAMES.audits).filter((name) => !(name in this.handlers));
    if (missing.length > 0) throw new Error(`audits processor has no handler for ${missing.join(', ')}`);
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker(QUEUE_NAMES.audits, (job) => this.process(job), {
      connection: redisConnectionOptions(this.config.redis.url, 'asr-twin-worker-audits'),
      prefix: bullPrefix(this.config.redis.queuePrefix),
      concurrency: this.config.runs.workerConcurrency,
      lockDuration: this.config.runs.jobLockMs,
      stalledInterval: Math.max(1000, Math.floor(this.config.runs.jobLockMs / 2)),
      maxStalledCount: 5,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ job: job?.id, attempt: job?.attemptsMade, err: error, msg: 'job failed' }),
    );
    this.worker.on('error', (error) => this.logger.error({ err: error, msg: 'audits worker error' }));
    // A job whose worker died (its lock expired) is taken over here: worth knowing in production.
    this.worker.on('stalled', (jobId) => this.logger.warn({ job: jobId, msg: 'job stalled; taken over from a lost worker' }));
  }

  async onApplicationShutdown(): Promise<void> {
    // Waits for the jobs in hand to finish; the lock of anything left expires and another worker takes it.
    await this.worker?.close();
  }

  private async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, (job: Job) => Promise<void>>)[job.name];
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name} on the audits queue`);
    await handler(job);
  }
}
