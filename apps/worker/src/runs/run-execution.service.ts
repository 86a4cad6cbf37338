import { JobProducer, SimulationCounter } from '@asr-twin/jobs';
import { RunExecutionRepository, type RunProgress, type RunRecord } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { ProgressPublisher } from './progress-publisher.js';
import { shardChunks } from './shard-simulation.js';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/**
 * The three steps of a run. Each is idempotent: a step that runs twice (a retry, a duplicate delivery after a
 * worker died, a reconciled job) changes nothing the first one did.
 */
@Injectable()
export class RunExecutionService {
  private readonly logger = new Logger('runs');

  constructor(
    private readonly runs: RunExecutionRepository,
    private readonly producer: JobProducer,
    private readonly progress: ProgressPublisher,
    private readonly simulatedEvents: SimulationCounter,
  ) {}

  /** Freezes the targets and enqueues every shard not written yet. */
  async plan(runId: string): Promise<void> {
    const started = await this.runs.start(runId);
    if (!started) return this.gone(runId, 'run.plan');
    if (FINISHED.has(started.status)) return;
    const count = await this.runs.snapshotTargets(started);
    const run = await this.runs.find(runId);
    if (!run) return this.gone(runId, 'run.plan');
    await this.progress.publishRun(run);
    if (count === 0) {
      await this.runs.fail(runId, 'no router matches the run target');
      await this.publishLatest(runId);
      return;
    }
    const pending = await this.runs.pendingShards(run);
    if (pending.length === 0) await this.producer.enqueue('run.finalize', { runId });
    else
      await this.producer.enqueueMany(
        'run.shard',
        pending.map((shard) => ({ runId, shard })),
      );
    this.logger.log({ runId, routers: count, shards: run.shardCount, pending: pending.length, msg: 'run planned' });
  }

  /**
   * Simulates one shard and writes it in one transaction, a chunk at a time as it is simulated, so memory stays
   * flat whatever the routers × iterations; a cancel stops it between chunks and nothing of it is kept. Enqueues the
   * finalize step after the last shard.
   */
  async shard(runId: string, shard: number): Promise<void> {
    const run = await this.runs.find(runId);
    if (!run) return this.gone(runId, 'run.shard');
    if (FINISHED.has(run.status)) return;
    const from = shard * run.shardSize;
    const targets = await this.runs.shardTargets(runId, from, from + run.shardSize);
    const input = {
      scenario: run.scenario,
      targets,
      seed: run.seed,
      iterations: run.iterations,
      declaredStarts: run.start === 'twin' && run.target.kind === 'scenario',
    };
    const progress = await this.runs.writeShardInChunks({ runId, shard, routers: targets.length }, async (sink) => {
      const totals = { events: 0, durationMs: 0 };
      for (const chunk of shardChunks(input)) {
        this.simulatedEvents.add(chunk.events);
        totals.events += chunk.events;
        totals.durationMs += chunk.durationMs;
        await sink.write(chunk.results, chunk.timeline);
      }
      return totals;
    });
    if (progress) await this.afterShard(runId, progress);
    else await this.finalizeIfComplete(run);
  }

  /** Aggregates and completes the run once every shard is written. */
  async finalize(runId: string): Promise<void> {
    const run = await this.runs.complete(runId);
    if (run) await this.progress.publishRun(run);
  }

  /**
   * A job of a run that does not exist: the run was deleted (its jobs are removed then, but one may have been
   * running or Redis unreachable). The job ends without writing anything, and so is removed like any completed job.
   */
  private gone(runId: string, job: string): void {
    this.logger.log({ runId, job, msg: 'run no longer exists (deleted); nothing to do' });
  }

  private async afterShard(runId: string, p: RunProgress): Promise<void> {
    await this.progress.publish({ runId, status: p.status, routersDone: p.routersDone, routerCount: p.routerCount, verdict: null });
    if (p.routerCount !== null && p.routersDone >= p.routerCount) await this.producer.enqueue('run.finalize', { runId });
  }

  private async finalizeIfComplete(run: RunRecord): Promise<void> {
    if ((await this.runs.pendingShards(run)).length === 0) await this.producer.enqueue('run.finalize', { runId: run.id });
  }

  private async publishLatest(runId: string): Promise<void> {
    const run = await this.runs.find(runId);
    if (run) await this.progress.publishRun(run);
  }
}
