import type { CampaignWaiting, NewRun, RunAggregate, RunRecord, RunStatus, RunTarget } from './run-models.js';

/** The waiting mark of a campaign row, or null when it is not waiting. */
export function waitingOf(since: Date | null, reason: string | null): CampaignWaiting | null {
  return since === null ? null : { since: since.toISOString(), reason: reason ?? 'waiting for a dependency' };
}

/** A row of `runs` as node-postgres returns it. */
export interface RunRow {
  id: string;
  scenario_id: string | null;
  scenario_name: string;
  scenario: RunRecord['scenario'];
  target: RunTarget;
  start: RunRecord['start'];
  seed: string;
  iterations: number;
  status: RunStatus;
  verdict: RunRecord['verdict'];
  error: string | null;
  shard_size: number;
  router_count: number | null;
  shard_count: number | null;
  routers_done: number;
  aggregate: RunAggregate | null;
  request_hash: string | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  waiting_since: Date | null;
  waiting_reason: string | null;
}

export function toRunRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    scenarioId: r.scenario_id,
    scenarioName: r.scenario_name,
    scenario: r.scenario,
    target: r.target,
    start: r.start,
    seed: Number(r.seed),
    iterations: r.iterations,
    status: r.status,
    verdict: r.verdict,
    error: r.error,
    shardSize: r.shard_size,
    routerCount: r.router_count,
    shardCount: r.shard_count,
    routersDone: r.routers_done,
    aggregate: r.aggregate,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    waiting: waitingOf(r.waiting_since, r.waiting_reason),
  };
}

/** The record of a run just inserted, from what was inserted. */
export function newRunRecord(run: NewRun, id: string, createdAt: Date): RunRecord {
  return {
    id,
    scenarioId: run.scenarioId,
    scenarioName: run.scenarioName,
    scenario: run.scenario,
    target: run.target,
    start: run.start,
    seed: run.seed,
    iterations: run.iterations,
    status: 'queued',
    verdict: null,
    error: null,
    shardSize: run.shardSize,
    routerCount: null,
    shardCount: null,
    routersDone: 0,
    aggregate: null,
    createdBy: run.createdBy,
    createdAt: createdAt.toISOString(),
    startedAt: null,
    finishedAt: null,
    waiting: null,
  };
}
