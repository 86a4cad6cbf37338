import type { AppConfig } from '@asr-twin/config';
import { bullPrefix, type QueueName, RepeatedErrorLog, workerConnection } from '@asr-twin/jobs';
import type { Logger } from '@nestjs/common';
import { type Job, Worker, type WorkerOptions } from 'bullmq';

/** How often one kind of worker error is written at most (the rest are counted into the next line), ms. */
export const WORKER_ERROR_LOG_INTERVAL_MS = 10_000;

/** Longest pause between polls that Redis answered with an error reply, ms. */
export const REFUSED_POLL_BACKOFF_MAX_MS = 2000;

/**
 * A BullMQ worker that backs off while Redis answers its polls with an error reply (MOVED from a cluster node that
 * does not own the queue, CLUSTERDOWN, OOM, READONLY): BullMQ waits before retrying after a lost connection, but
 * polls again at once after an error reply, thousands of times a second. The pause doubles from 50 ms up to
 * {@link REFUSED_POLL_BACKOFF_MAX_MS}, ends at once when the worker closes, and resets on the first good poll.
 */
class BackingOffWorker extends Worker {
  private refusals = 0;

  protected override async moveToActive(token: string, name?: string): Promise<Job> {
    try {
      const job = await super.moveToActive(token, name);
      this.refusals = 0;
      return job;
    } catch (error) {
      if (error instanceof Error && error.name === 'ReplyError') {
        this.refusals = Math.min(this.refusals + 1, 10);
        await this.backOff(Math.min(REFUSED_POLL_BACKOFF_MAX_MS, 25 * 2 ** this.refusals));
      }
      throw error;
    }
  }

  private backOff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.off('closing', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.once('closing', done);
    });
  }
}

/** A running BullMQ worker of one queue and how to stop it. */
export interface BullWorker {
  readonly worker: Worker;
  /** Waits for the jobs in hand, then closes the worker's connections. */
  close(): Promise<void>;
}

/**
 * Starts a BullMQ worker on `queue` with the queue's key prefix and a connection to the configured Redis (single
 * server or cluster). Its errors are logged through a {@link RepeatedErrorLog}: a Redis that refuses every poll
 * (a cluster node that does not own the queue's slot, a full or read-only Redis) writes one line per kind of error
 * and interval, with the count of those held back and without the failed command's arguments; and it polls such a
 * Redis a few times a second, not thousands (see {@link BackingOffWorker}).
 */
export function startBullWorker(
  queue: QueueName,
  process: (job: Job) => Promise<void>,
  config: AppConfig,
  logger: Logger,
  options: Omit<WorkerOptions, 'connection' | 'prefix'>,
): BullWorker {
  const connection = workerConnection(config.redis, `asr-twin-worker-${queue}`);
  const worker = new BackingOffWorker(queue, process, {
    ...options,
    connection: connection.connection,
    prefix: bullPrefix(config.redis.queuePrefix, queue, config.redis.clusterNodes !== null),
  });
  const errors = new RepeatedErrorLog(
    (source, text, repeated) => logger.error({ msg: `${source}: ${text}`, ...(repeated > 0 ? { repeated, intervalMs: WORKER_ERROR_LOG_INTERVAL_MS } : {}) }),
    WORKER_ERROR_LOG_INTERVAL_MS,
  );
  worker.on('error', (error) => errors.report(`${queue} worker error`, error));
  return {
    worker,
    close: async () => {
      await worker.close();
      await connection.close();
    },
  };
}
