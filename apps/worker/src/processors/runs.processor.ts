import type { AppConfig } from '@asr-twin/config';
import { bullPrefix, redisConnectionOptions, jobsOfQueue, type JobsOf, QUEUE_NAMES } from '@asr-twin/jobs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { RunExecutionService } from '../runs/run-execution.service.js';
import { WORKER_CONFIG } from '../worker-config.js';
import { payload } from './job-payload.js';

type RunsJob = JobsOf<typeof QUEUE_NAMES.runs>;

/** Consumes the `runs` queue: validates each payload and hands it to one method of the run service. */
@Injectable()
export class RunsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('runs-processor');
  private worker: Worker | null = null;

  private readonly handlers = {
    'run.plan': (job: Job) => this.service.plan(payload(job, 'run.plan').runId),
    'run.shard': (job: Job) => {
      const p = payload(job, 'run.shard');
      return this.service.shard(p.runId, p.shard);
    },
    'run.finalize': (job: Job) => this.service.finalize(payload(job, 'run.finalize').runId),
  } satisfies Record<RunsJob, (job: Job) => Promise<void>>;

  constructor(
    private readonly service: RunExecutionService,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
  ) {
    const missing = jobsOfQueue(QUEUE_NAMES.runs).filter((name) => !(name in this.handlers));
    if (missing.length > 0) throw new Error(`runs processor has no handler for ${missing.join(', ')}`);
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker(QUEUE_NAMES.runs, (job) => this.process(job), {
      connection: redisConnectionOptions(this.config.redis.url, 'asr-twin-worker-runs'),
      prefix: bullPrefix(this.config.redis.queuePrefix),
      concurrency: this.config.runs.workerConcurrency,
      lockDuration: this.config.runs.jobLockMs,
      stalledInterval: Math.max(1000, Math.floor(this.config.runs.jobLockMs / 2)),
      maxStalledCount: 5,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ job: job?.id, attempt: job?.attemptsMade, err: error, msg: 'job failed' }),
    );
    this.worker.on('error', (error) => this.logger.error({ err: error, msg: 'runs worker error' }));
    // A job whose worker died (its lock expired) is taken over here: worth knowing in production.
    this.worker.on('stalled', (jobId) => this.logger.warn({ job: jobId, msg: 'job stalled; taken over from a lost worker' }));
  }

  async onApplicationShutdown(): Promise<void> {
    // Waits for the jobs in hand to finish; the lock of anything left expires and another worker takes it.
    await this.worker?.close();
  }

  private async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, (job: Job) => Promise<void>>)[job.name];
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name} on the runs queue`);
    await handler(job);
  }
}
