import { JobProducer } from '@asr-twin/jobs';
import { RunExecutionRepository, type RunRecord } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { ProgressPublisher } from './progress-publisher.js';

/** A queued run younger than this may still be on its way into Redis (the api enqueues right after commit). */
const QUEUED_GRACE_MS = 5_000;
const BATCH = 200;
/** Pending shards of one run checked per pass; the rest are checked on later passes. */
const SHARDS_PER_PASS = 1000;

/**
 * PostgreSQL is the source of truth and Redis holds only work in flight: this finds runs that PostgreSQL holds
 * as queued or running whose next job Redis no longer has (Redis restarted empty, FLUSHALL, a job that
 * exhausted its retries) and enqueues it again, or fails the run when its job failed for good.
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger('reconciler');

  constructor(
    private readonly runs: RunExecutionRepository,
    private readonly producer: JobProducer,
    private readonly progress: ProgressPublisher,
  ) {}

  /** One pass; returns how many jobs it enqueued again. */
  async reconcile(now = Date.now()): Promise<number> {
    let enqueued = 0;
    for (const run of await this.runs.unfinished(BATCH)) {
      try {
        enqueued += await this.reconcileRun(run, now);
      } catch (error) {
        this.logger.warn({ runId: run.id, err: error, msg: 'could not reconcile run' });
      }
    }
    // Work that Redis lost and PostgreSQL still wanted: worth a warning.
    if (enqueued > 0) this.logger.warn({ enqueued, msg: 'reconciled runs: re-enqueued lost jobs' });
    return enqueued;
  }

  private async reconcileRun(run: RunRecord, now: number): Promise<number> {
    if (run.routerCount === null) {
      if (run.status === 'queued' && now - Date.parse(run.createdAt) < QUEUED_GRACE_MS) return 0;
      return this.ensure(run, 'run.plan', { runId: run.id });
    }
    const pending = await this.runs.pendingShards(run);
    if (pending.length === 0) return this.ensure(run, 'run.finalize', { runId: run.id });
    let enqueued = 0;
    for (const shard of pending.slice(0, SHARDS_PER_PASS)) enqueued += await this.ensure(run, 'run.shard', { runId: run.id, shard });
    return enqueued;
  }

  private async ensure<N extends 'run.plan' | 'run.shard' | 'run.finalize'>(
    run: RunRecord,
    name: N,
    payload: N extends 'run.shard' ? { runId: string; shard: number } : { runId: string },
  ): Promise<number> {
    const state = await this.producer.state(name, payload as never);
    if (state === 'failed') {
      const why = await this.producer.failedReason(name, payload as never);
      await this.runs.fail(run.id, `${name} failed after every retry: ${why ?? 'no reason recorded; see the worker logs'}`);
      const failed = await this.runs.find(run.id);
      if (failed) await this.progress.publishRun(failed);
      return 0;
    }
    if (state !== 'missing') return 0;
    await this.producer.enqueue(name, payload as never);
    return 1;
  }
}
