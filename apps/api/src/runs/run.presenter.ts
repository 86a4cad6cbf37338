import type { RunRecord } from '@asr-twin/persistence';
import { progressPercent } from '../common/progress.js';
import type { View } from '../common/openapi-schema.js';
import type { RUN } from './run.views.js';

/** A run as `GET /runs/:id` returns it: where it is, how far, and what it found. */
export function presentRun(run: RunRecord): RunView {
  const percent = progressPercent(run.routersDone, run.routerCount, run.status);
  const base = `/api/v1/runs/${run.id}`;
  return {
    id: run.id,
    scenario: run.scenarioName,
    scenarioId: run.scenarioId,
    status: run.status,
    verdict: run.verdict,
    error: run.error,
    seed: run.seed,
    iterations: run.iterations,
    target: run.target,
    start: run.start,
    progress: { routersDone: run.routersDone, routerCount: run.routerCount, shards: run.shardCount, percent },
    aggregate: run.aggregate,
    createdBy: run.createdBy,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    /** Set while a queued or running run's work waits through an outage of PostgreSQL or Redis. */
    waiting: run.status === 'queued' || run.status === 'running' ? run.waiting : null,
    links: { self: base, report: `${base}/report`, junit: `${base}/junit`, timeline: `${base}/timeline`, cancel: `${base}/cancel` },
  };
}

/** A run as its schema (`RUN`, named `Run` in the OpenAPI document) defines it. */
export type RunView = View<typeof RUN>;
