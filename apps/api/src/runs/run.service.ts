import { withRedisWait } from '../common/campaign-waiting.js';
import { ConflictError, NotFoundError, PreconditionFailedError, type RouterStart, ValidationError } from '@asr-twin/domain';
import { discardRunJobs, JobProducer, RunProgressPublisher } from '@asr-twin/jobs';
import {
  type HistogramBucket,
  type OutageMetric,
  type Page,
  type PageRequest,
  RouterRepository,
  RunRepository,
  type RunRecord,
  type ResultFilter,
  type RouterResultRecord,
  type RunStatus,
  ScenarioRepository,
  type StoredTimelineEntry,
} from '@asr-twin/persistence';
import { runSeedOf } from '@asr-twin/simulator';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ENQUEUE_TIME_LIMIT_MS, settleWithin } from '../common/time-box.js';
import { ScenarioSources } from '../parsing/scenario-sources.js';
import { junitChunks, reportChunks } from './run-report.stream.js';
import { requestFingerprint, runTargetOf } from './run-request.js';
import type { CreateRunRequest } from './run.schemas.js';

/** Settings of runs: DI token of {@link RunSettings}. */
export const RUN_SETTINGS = Symbol('RUN_SETTINGS');

export interface RunSettings {
  /** Routers per shard when the request names none (`RUN_SHARD_SIZE`). */
  readonly shardSize: number;
  /** Most target routers × iterations a run may ask for (`RUN_MAX_ROUTER_ITERATIONS`). */
  readonly maxRouterIterations: number;
}

/** Most buckets a histogram may have. */
export const MAX_HISTOGRAM_BUCKETS = 100;

export interface CreatedRun {
  readonly run: RunRecord;
  /** False when an earlier request with the same idempotency key created it. */
  readonly created: boolean;
}

@Injectable()
export class RunService {
  private readonly logger = new Logger('runs');

  constructor(
    private readonly runs: RunRepository,
    private readonly scenarios: ScenarioRepository,
    private readonly routers: RouterRepository,
    private readonly producer: JobProducer,
    private readonly progress: RunProgressPublisher,
    private readonly sources: ScenarioSources,
    @Inject(RUN_SETTINGS) private readonly settings: RunSettings,
  ) {}

  /**
   * Commits the run (status `queued`) and then enqueues its plan job. If Redis is unreachable the run stays
   * queued in PostgreSQL and the worker's reconciler enqueues it later: nothing is lost.
   */
  async create(request: CreateRunRequest, actor: string, idempotencyKey: string | undefined): Promise<CreatedRun> {
    const { scenarioId, source } = await this.scenarioSource(request);
    const scenario = await this.sources.requireValid(source);
    const target = runTargetOf(request, scenario);
    if (target.kind === 'routers') await assertRoutersExist(this.routers, target.hostnames);
    assertRunSize(await this.runs.countTargets(target, scenario), request.iterations, this.settings.maxRouterIterations);
    const requestHash = idempotencyKey === undefined ? null : requestFingerprint(request);
    const outcome = await this.runs.create({
      scenarioId,
      scenarioName: scenario.metadata.name,
      scenarioSource: source,
      scenario,
      target,
      start: request.start,
      seed: runSeedOf(scenario, request.seed),
      iterations: request.iterations,
      shardSize: request.shardSize ?? this.settings.shardSize,
      createdBy: actor,
      idempotencyKey: idempotencyKey ?? null,
      requestHash,
    });
    if (!outcome.created && outcome.requestHash !== requestHash) {
      throw new ConflictError('this Idempotency-Key was used for a different request', [
        { field: 'Idempotency-Key', message: `already used by run ${outcome.run.id}` },
      ]);
    }
    if (outcome.created) await this.enqueuePlan(outcome.run.id);
    return outcome;
  }

  async get(id: string): Promise<RunRecord> {
    const run = await this.runs.find(id);
    if (!run) throw new NotFoundError('run', id);
    return withRedisWait(run, this.producer.unavailableSince);
  }

  async list(status: readonly RunStatus[] | undefined, page: PageRequest): Promise<Page<RunRecord>> {
    const found = await this.runs.list(status ? { status } : {}, page);
    const lostAt = this.producer.unavailableSince;
    return lostAt === null ? found : { ...found, items: found.items.map((item) => withRedisWait(item, lostAt)) };
  }

  async cancel(id: string): Promise<RunRecord> {
    const before = await this.get(id);
    const run = (await this.runs.cancel(before.id)) as RunRecord;
    // Shards still queued are left in place: a worker drops a cancelled run's shard without simulating it, and
    // so it does the plan job if Redis cannot be asked to remove it now.
    if (run.status === 'cancelled' && before.status !== 'cancelled' && this.producer.connected) {
      await settleWithin(this.producer.remove('run.plan', { runId: run.id }), ENQUEUE_TIME_LIMIT_MS);
    }
    return run;
  }

  /**
   * Deletes a run and everything it left. A queued or running run is cancelled first (a shard being written rolls
   * back at its next check; a later job of it finds no run and ends), then its rows and timeline partition go, then
   * its jobs in Redis (within the enqueue time limit; a job left behind ends at once when it runs, writing nothing).
   * Live views learn it from a `runProgress` message with `deleted: true`.
   */
  async delete(id: string): Promise<void> {
    const before = await this.runs.find(id);
    const deleted = before ? await this.runs.delete(before.id) : null;
    if (!before || !deleted) throw new NotFoundError('run', id);
    const status = before.status === 'queued' || before.status === 'running' ? 'cancelled' : before.status;
    this.progress.publish({
      runId: deleted.id,
      status,
      routersDone: before.routersDone,
      routerCount: before.routerCount,
      verdict: before.verdict,
      deleted: true,
    });
    const outcome = this.producer.connected
      ? await settleWithin(discardRunJobs(this.producer, deleted), ENQUEUE_TIME_LIMIT_MS)
      : { ok: false as const, error: new Error('Redis is not connected') };
    if (!outcome.ok) this.logger.warn({ runId: id, err: outcome.error, msg: 'run deleted; its jobs stay in Redis and end when they run' });
  }

  async timeline(id: string, router: string | null, page: PageRequest): Promise<Page<StoredTimelineEntry>> {
    const run = await this.get(id);
    return this.runs.timeline(run.id, router, page);
  }

  /** Where a router of a run started, or null when the run has no result for it. */
  async routerStart(runId: string, hostname: string): Promise<RouterStart | null> {
    const run = await this.get(runId);
    return this.runs.routerStart(run.id, hostname);
  }

  /** A page of the first iteration's results of a run, in router order, of those that pass every given filter. */
  results(runId: string, filter: ResultFilter, page: PageRequest): Promise<Page<RouterResultRecord>> {
    return this.runs.resultPage(runId, filter, page);
  }

  /** How one metric is distributed over every result of a run, in `buckets` equally wide buckets (1 to 100). */
  histogram(runId: string, metric: OutageMetric, buckets: number): Promise<readonly HistogramBucket[]> {
    if (!Number.isInteger(buckets) || buckets < 1 || buckets > MAX_HISTOGRAM_BUCKETS) {
      throw new ValidationError(`buckets must be an integer from 1 to ${MAX_HISTOGRAM_BUCKETS}, got ${buckets}`, [
        { field: 'buckets', message: `an integer from 1 to ${MAX_HISTOGRAM_BUCKETS}` },
      ]);
    }
    return this.runs.histogram(runId, metric, buckets);
  }

  /** The report of a completed run, as JSON text chunks (DESIGN.md format). */
  async report(id: string): Promise<AsyncIterable<string>> {
    return reportChunks(this.runs, await this.completed(id));
  }

  /**
   * JUnit XML of a completed run, as text chunks. `file`: the scenario file as the client names it (`twin run
   * --server` passes its path), written as the suites' file and on each expectation's test case with its line.
   */
  async junit(id: string, file?: string): Promise<AsyncIterable<string>> {
    const run = await this.completed(id);
    return junitChunks(this.runs, run, file ?? `run ${run.id}`, file);
  }

  /** The run, if its results are complete; reports and JUnit exist only then. */
  private async completed(id: string): Promise<RunRecord> {
    const run = await this.get(id);
    if (run.status !== 'completed') {
      throw new PreconditionFailedError(`run ${id} is ${run.status}: its report exists once it has completed`);
    }
    return run;
  }

  private async scenarioSource(request: CreateRunRequest): Promise<{ scenarioId: string | null; source: string }> {
    if (request.source !== undefined) return { scenarioId: null, source: request.source };
    const stored = await this.scenarios.find(request.scenario as string);
    if (!stored) throw new NotFoundError('scenario', request.scenario as string);
    return { scenarioId: stored.id, source: stored.source };
  }

  /** Enqueues the run's plan job; if Redis is down or slow, the answer does not wait: the reconciler enqueues it. */
  private async enqueuePlan(runId: string): Promise<void> {
    const outcome = this.producer.connected
      ? await settleWithin(this.producer.enqueue('run.plan', { runId }), ENQUEUE_TIME_LIMIT_MS)
      : { ok: false as const, error: new Error('Redis is not connected') };
    if (!outcome.ok) this.logger.warn({ runId, err: outcome.error, msg: 'could not enqueue the run; the reconciler will' });
  }
}

/**
 * Refuses a run larger than `limit` router-simulations (routers × iterations): its storage and time grow with that
 * product. The routers are counted as they are now; the run freezes them when it starts.
 */
function assertRunSize(routers: number, iterations: number, limit: number): void {
  const size = routers * iterations;
  if (size <= limit) return;
  const n = (v: number) => v.toLocaleString('en-US');
  const asked = `${n(routers)} router${routers === 1 ? '' : 's'} × ${n(iterations)} iteration${iterations === 1 ? '' : 's'}`;
  throw new ValidationError(`the run asks for ${asked} = ${n(size)} router-simulations; RUN_MAX_ROUTER_ITERATIONS allows ${n(limit)}`, [
    { field: 'iterations', code: 'run-too-large', message: `${n(size)} router-simulations (${asked}) exceed RUN_MAX_ROUTER_ITERATIONS = ${n(limit)}` },
  ]);
}

async function assertRoutersExist(routers: RouterRepository, hostnames: readonly string[]): Promise<void> {
  const found = new Set(await routers.findTakenHostnames(hostnames));
  const missing = hostnames.filter((h) => !found.has(h));
  if (missing.length > 0) {
    throw new ValidationError(
      `${missing.length} router(s) do not exist: ${missing.slice(0, 5).join(', ')}`,
      missing.slice(0, 100).map((h) => ({ field: 'target.routers', message: `no router "${h}"` })),
    );
  }
}
