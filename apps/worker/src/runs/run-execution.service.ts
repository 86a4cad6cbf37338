import { JobProducer, SimulationCounter } from '@asr-twin/jobs';
import { RunExecutionRepository, type RunProgress, type RunRecord } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { ProgressPublisher } from './progress-publisher.js';
import { simulateShard } from './shard-simulation.js';

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
    if (!started) throw new UnrecoverableError(`run ${runId} does not exist`);
    if (FINISHED.has(started.status)) return;
    const count = await this.runs.snapshotTargets(started);
    const run = (await this.runs.find(runId)) as RunRecord;
    await this.progress.publishRun(run);
    if (count === 0) {
      await this.runs.fail(runId, 'no router matches the run target');
      await this.publishLatest(runId);
      return;
    }
    const pending = await this.runs.pendingShards(run);
    if (pending.length === 0) await this.producer.enqueue('run.finalize', { runId });
    else await this.producer.enqueueMany('run.shard', pending.map((shard) => ({ runId, shard })));
    this.logger.log({ runId, routers: count, shards: run.shardCount, pending: pending.length, msg: 'run planned' });
  }

  /** Simulates one shard and writes it in one transaction; enqueues the finalize step after the last one. */
  async shard(runId: string, shard: number): Promise<void> {
    const run = await this.runs.find(runId);
    if (!run) throw new UnrecoverableError(`run ${runId} does not exist`);
    if (FINISHED.has(run.status)) return;
    const from = shard * run.shardSize;
    const targets = await this.runs.shardTargets(runId, from, from + run.shardSize);
    const started = performance.now();
    const declared = run.start === 'twin' && run.target.kind === 'scenario';
    const simulated = simulateShard(run.scenario, targets, run.seed, run.iterations, declared);
    this.simulatedEvents.add(simulated.events);
    const progress = await this.runs.writeShard({
      runId,
      shard,
      routers: targets.length,
      events: simulated.events,
      durationMs: performance.now() - started,
      results: simulated.results,
      timeline: simulated.timeline,
    });
    if (progress) await this.afterShard(runId, progress);
    else await this.finalizeIfComplete(run);
  }

  /** Aggregates and completes the run once every shard is written. */
  async finalize(runId: string): Promise<void> {
    const run = await this.runs.complete(runId);
    if (run) await this.progress.publishRun(run);
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
