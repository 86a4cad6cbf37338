import { type JobsOptions, type JobType, Queue } from 'bullmq';
import { JOB_OPTIONS, JOBS, jobId, type JobName, type JobPayload } from './job-contracts.js';
import { bullPrefix, QUEUE_NAMES, type QueueName } from './queues.js';
import { isCluster, type RedisClient } from './redis.js';

/** Completed jobs are removed at once (PostgreSQL holds the outcome); failed ones are kept a day for diagnosis. */
const RETENTION = { removeOnComplete: true, removeOnFail: { age: 24 * 3600, count: 10_000 } } as const;

function optionsFor(name: JobName, payload: object, delayMs = 0): JobsOptions {
  const o = JOB_OPTIONS[name];
  return {
    jobId: jobId(name, payload as JobPayload<typeof name>),
    ...(delayMs > 0 ? { delay: Math.round(delayMs) } : {}),
    attempts: o.attempts,
    backoff: o.backoffMs > 0 ? { type: 'exponential', delay: o.backoffMs } : undefined,
    ...RETENTION,
  };
}

interface PendingJob {
  readonly name: JobName;
  readonly data: object;
  readonly opts: JobsOptions;
  readonly resolve: (id: string) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Enqueues jobs by name with their payload type, id and options from the job table. Jobs enqueued in the same
 * turn of the event loop (concurrent requests each adding a run) go to Redis together, in one `addBulk` round
 * trip per queue: each command is still its own job with its own deterministic id, and each caller learns the
 * outcome of its own job.
 */
export class JobProducer {
  private readonly queues: ReadonlyMap<QueueName, Queue>;
  private readonly pending = new Map<QueueName, PendingJob[]>();
  private lostAt: Date | null = null;

  constructor(
    private readonly connection: RedisClient,
    queuePrefix: string,
  ) {
    const cluster = isCluster(connection);
    connection.on('ready', () => (this.lostAt = null));
    for (const event of ['close', 'reconnecting', 'end']) connection.on(event, () => (this.lostAt ??= new Date()));
    this.queues = new Map(
      Object.values(QUEUE_NAMES).map((name) => {
        const queue = new Queue(name, { connection, prefix: bullPrefix(queuePrefix, name, cluster) });
        // Connection errors are the shared client's (reported by /health); unheard, BullMQ would print them.
        queue.on('error', () => undefined);
        return [name, queue] as const;
      }),
    );
  }

  /** Whether the Redis connection is up now; callers that must not wait for a reconnect check this first. */
  get connected(): boolean {
    return this.connection.status === 'ready';
  }

  /** Since when the Redis connection has been lost (null while it is up or still being opened first). */
  get unavailableSince(): Date | null {
    return this.connection.status === 'ready' ? null : this.lostAt;
  }

  queue(name: QueueName): Queue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`no queue ${name}`);
    return q;
  }

  enqueue<N extends JobName>(name: N, payload: JobPayload<N>): Promise<string> {
    const queue = JOBS[name].queue;
    return new Promise((resolve, reject) => {
      let batch = this.pending.get(queue);
      if (!batch) {
        batch = [];
        this.pending.set(queue, batch);
        setImmediate(() => void this.flush(queue));
      }
      batch.push({ name, data: payload, opts: optionsFor(name, payload), resolve, reject });
    });
  }

  private async flush(queue: QueueName): Promise<void> {
    const batch = this.pending.get(queue) ?? [];
    this.pending.delete(queue);
    try {
      const jobs =
        batch.length === 1
          ? [await this.queue(queue).add(batch[0]!.name, batch[0]!.data, batch[0]!.opts)]
          : await this.queue(queue).addBulk(batch.map(({ name, data, opts }) => ({ name, data, opts })));
      batch.forEach((entry, i) => entry.resolve(jobs[i]?.id ?? (entry.opts.jobId as string)));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }

  async enqueueMany<N extends JobName>(name: N, payloads: readonly JobPayload<N>[]): Promise<void> {
    if (payloads.length === 0) return;
    await this.queue(JOBS[name].queue).addBulk(payloads.map((data) => ({ name, data, opts: optionsFor(name, data) })));
  }

  /**
   * Enqueues jobs that become due after their own delay (ms; 0 or less: at once), in one round trip. A job whose
   * id exists already is left as it is.
   */
  async enqueueDelayed<N extends JobName>(name: N, jobs: readonly { readonly payload: JobPayload<N>; readonly delayMs: number }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(JOBS[name].queue).addBulk(jobs.map((j) => ({ name, data: j.payload, opts: optionsFor(name, j.payload, j.delayMs) })));
  }

  /** Job counts of every queue by state (`waiting`, `active`, `delayed`, `failed`, …), read from Redis. */
  async counts(states: readonly JobType[]): Promise<Readonly<Record<QueueName, Readonly<Record<string, number>>>>> {
    const entries = await Promise.all([...this.queues].map(async ([name, q]) => [name, await q.getJobCounts(...states)] as const));
    return Object.fromEntries(entries) as Record<QueueName, Record<string, number>>;
  }

  /** Removes a waiting or delayed job (a running one finishes); false when there was none to remove. */
  async remove<N extends JobName>(name: N, payload: JobPayload<N>): Promise<boolean> {
    const job = await this.queue(JOBS[name].queue).getJob(jobId(name, payload));
    if (!job) return false;
    const state = await job.getState();
    if (state !== 'waiting' && state !== 'delayed' && state !== 'prioritized') return false;
    await job.remove().catch(() => undefined);
    return true;
  }

  /**
   * Removes jobs by payload in every state but active (waiting, delayed, completed, failed): what a deleted
   * campaign left in Redis. A job running now is left to end on its own. Answers how many were removed.
   */
  async discard<N extends JobName>(name: N, payloads: readonly JobPayload<N>[]): Promise<number> {
    const queue = this.queue(JOBS[name].queue);
    let removed = 0;
    for (let i = 0; i < payloads.length; i += 200) {
      const outcomes = await Promise.all(payloads.slice(i, i + 200).map((p) => queue.remove(jobId(name, p))));
      removed += outcomes.filter((n) => n > 0).length;
    }
    return removed;
  }

  /** The state of a job in Redis, or `missing`. */
  async state<N extends JobName>(name: N, payload: JobPayload<N>): Promise<string> {
    const job = await this.queue(JOBS[name].queue).getJob(jobId(name, payload));
    return job ? await job.getState() : 'missing';
  }

  /** Why a job failed for good (BullMQ's `failedReason` of its last attempt), or null when unknown. */
  async failedReason<N extends JobName>(name: N, payload: JobPayload<N>): Promise<string | null> {
    const job = await this.queue(JOBS[name].queue).getJob(jobId(name, payload));
    return job?.failedReason ? job.failedReason.slice(0, 1000) : null;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
