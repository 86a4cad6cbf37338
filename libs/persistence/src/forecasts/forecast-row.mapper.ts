import type { RouterSelector } from '@asr-twin/domain';
import { orderWhatIf, parseRateOverrides, type RateOverrides, type WhatIf } from '@asr-twin/forecast';
import { waitingOf } from '../runs/run-row.mapper.js';
import type { ForecastRecord, ForecastStatus, ForecastSummary } from './forecast-models.js';

/** The columns of `forecasts` a record is made of (every column but the stored report). */
export const FORECAST_COLUMNS = `id, selector, period_ms, trials, seed, rates, what_if, status, error, shard_size, router_count, shard_count,
  routers_done, summary, created_by, created_at, started_at, finished_at, waiting_since, waiting_reason`;

/** A row of `forecasts` as node-postgres returns it. */
export interface ForecastRow {
  id: string;
  selector: RouterSelector;
  period_ms: string;
  trials: number;
  seed: string;
  rates: RateOverrides;
  what_if: WhatIf | null;
  status: ForecastStatus;
  error: string | null;
  shard_size: number;
  router_count: number | null;
  shard_count: number | null;
  routers_done: number;
  summary: ForecastSummary | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  waiting_since: Date | null;
  waiting_reason: string | null;
}

export function toForecastRecord(r: ForecastRow): ForecastRecord {
  return {
    id: r.id,
    selector: r.selector,
    periodMs: Number(r.period_ms),
    trials: r.trials,
    seed: Number(r.seed),
    // jsonb keeps keys in an order of its own: back in the order the forecast library gives them.
    rates: parseRateOverrides(r.rates),
    whatIf: r.what_if === null ? null : orderWhatIf(r.what_if),
    status: r.status,
    error: r.error,
    shardSize: r.shard_size,
    routerCount: r.router_count,
    shardCount: r.shard_count,
    routersDone: r.routers_done,
    summary:
      r.summary === null || r.summary.comparison === null
        ? r.summary
        : { ...r.summary, comparison: { ...r.summary.comparison, changes: orderWhatIf(r.summary.comparison.changes) } },
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    waiting: waitingOf(r.waiting_since, r.waiting_reason),
  };
}
