import type { AppConfig } from '@asr-twin/config';
import { jobsOfQueue, type JobsOf, QUEUE_NAMES } from '@asr-twin/jobs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { RouterActionExecutor } from '../actions/router-action-executor.service.js';
import { WorkerMetrics } from '../http/worker-metrics.js';
import { WORKER_CONFIG } from '../worker-config.js';
import { type BullWorker, startBullWorker } from './bull-worker.js';
import { payload } from './job-payload.js';
import { throughOutages } from './outage-wait.js';

type RouterActionsJob = JobsOf<typeof QUEUE_NAMES.routerActions>;

/**
 * Jobs of one step are short database writes, so several run at once; they never wait behind the CPU-bound
 * shards of the `runs` queue.
 */
const CONCURRENCY = 4;

/** Consumes the `router-actions` queue: the later transitions of operator actions, as their delays expire. */
@Injectable()
export class RouterActionsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('router-actions-processor');
  private running: BullWorker | null = null;

  private readonly handlers = {
    'router-action.step': (job: Job) => {
      const p = payload(job, 'router-action.step');
      return this.executor.step(p.actionId, p.step);
    },
  } satisfies Record<RouterActionsJob, (job: Job) => Promise<void>>;

  constructor(
    private readonly executor: RouterActionExecutor,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    private readonly metrics: WorkerMetrics,
  ) {
    const missing = jobsOfQueue(QUEUE_NAMES.routerActions).filter((name) => !(name in this.handlers));
    if (missing.length > 0) throw new Error(`router-actions processor has no handler for ${missing.join(', ')}`);
  }

  onApplicationBootstrap(): void {
    this.running = startBullWorker(QUEUE_NAMES.routerActions, (job) => this.process(job), this.config, this.logger, {
      concurrency: CONCURRENCY,
      lockDuration: this.config.runs.jobLockMs,
    });
    this.metrics.observe(this.running.worker, QUEUE_NAMES.routerActions);
    this.running.worker.on('failed', (job, error) => this.logger.warn({ job: job?.id, attempt: job?.attemptsMade, err: error, msg: 'job failed' }));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running?.close();
  }

  private async process(job: Job): Promise<void> {
    const handler = (this.handlers as Record<string, (job: Job) => Promise<void>>)[job.name];
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name} on the router-actions queue`);
    // An outage of PostgreSQL or Redis delays the action's next step; it never fails the action.
    await throughOutages(() => handler(job), { label: `${job.name} ${job.id ?? ''}`.trim(), giveUpMs: this.config.runs.outageGiveUpMs, logger: this.logger });
  }
}
