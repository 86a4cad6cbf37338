import type { AppConfig } from '@asr-twin/config';
import { jobsOfQueue, type QueueName } from '@asr-twin/jobs';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import type { WorkerMetrics } from '../http/worker-metrics.js';
import { type BullWorker, startBullWorker } from './bull-worker.js';
import { throughOutages } from './outage-wait.js';

/** One handler per job name of a queue. */
export type JobHandlers = Readonly<Record<string, (job: Job) => Promise<void>>>;

/** Where a queue's campaigns record that their work waits through an outage (runs, audits). */
export interface WaitingMarks {
  /** The campaign a job works for, from its payload; undefined when the payload names none. */
  idOf(job: Job): string | undefined;
  mark(id: string, reason: string): Promise<void>;
  clear(id: string): Promise<void>;
}

/**
 * The BullMQ worker of one sharded-campaign queue (runs, audits): checks at construction that every job name of
 * the queue has a handler, consumes with the campaign settings (concurrency, lock, stalled-job takeover), logs
 * failures and takeovers, and dispatches each job to its handler through {@link throughOutages}, so that an
 * outage of PostgreSQL or Redis delays the campaign (marked waiting) instead of failing it; an unknown job name is
 * unrecoverable.
 */
export class QueueConsumer {
  private readonly logger: Logger;
  private running: BullWorker | null = null;

  constructor(
    private readonly queue: QueueName,
    private readonly handlers: JobHandlers,
    private readonly config: AppConfig,
    private readonly metrics: WorkerMetrics,
    private readonly waiting?: WaitingMarks,
  ) {
    this.logger = new Logger(`${queue}-processor`);
    const missing = jobsOfQueue(queue).filter((name) => !(name in handlers));
    if (missing.length > 0) throw new Error(`${queue} processor has no handler for ${missing.join(', ')}`);
  }

  start(): void {
    this.running = startBullWorker(this.queue, (job) => this.process(job), this.config, this.logger, {
      concurrency: this.config.runs.workerConcurrency,
      lockDuration: this.config.runs.jobLockMs,
      stalledInterval: Math.max(1000, Math.floor(this.config.runs.jobLockMs / 2)),
      maxStalledCount: 5,
    });
    const worker = this.running.worker;
    this.metrics.observe(worker, this.queue);
    worker.on('failed', (job, error) => this.logger.warn({ job: job?.id, attempt: job?.attemptsMade, err: error, msg: 'job failed' }));
    // A job whose worker died (its lock expired) is taken over here: worth knowing in production.
    worker.on('stalled', (jobId) => this.logger.warn({ job: jobId, msg: 'job stalled; taken over from a lost worker' }));
  }

  /** Waits for the jobs in hand to finish; the lock of anything left expires and another worker takes it. */
  async close(): Promise<void> {
    await this.running?.close();
  }

  private async process(job: Job): Promise<void> {
    const handler = this.handlers[job.name];
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name} on the ${this.queue} queue`);
    const id = this.waiting?.idOf(job);
    const marks = this.waiting;
    await throughOutages(() => handler(job), {
      label: `${job.name} ${job.id ?? ''}`.trim(),
      giveUpMs: this.config.runs.outageGiveUpMs,
      logger: this.logger,
      ...(marks && id !== undefined ? { markWaiting: (reason: string) => marks.mark(id, reason), clearWaiting: () => marks.clear(id) } : {}),
    });
  }
}
