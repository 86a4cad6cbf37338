import type { ForecastRecord } from '@asr-twin/persistence';
import { progressPercent } from '../common/progress.js';
import type { View } from '../common/openapi-schema.js';
import type { FORECAST } from './forecast.views.js';

/** A forecast as `GET /forecasts/:id` returns it: the request, where it is, how far, and the summary. */
export function presentForecast(f: ForecastRecord): ForecastView {
  const base = `/api/v1/forecasts/${f.id}`;
  return {
    id: f.id,
    status: f.status,
    error: f.error,
    selector: f.selector,
    periodMs: f.periodMs,
    trials: f.trials,
    seed: f.seed,
    rates: f.rates,
    whatIf: f.whatIf,
    progress: {
      routersDone: f.routersDone,
      routerCount: f.routerCount,
      shards: f.shardCount,
      percent: progressPercent(f.routersDone, f.routerCount, f.status),
    },
    summary: f.summary,
    createdBy: f.createdBy,
    createdAt: f.createdAt,
    startedAt: f.startedAt,
    finishedAt: f.finishedAt,
    waiting: f.status === 'queued' || f.status === 'running' ? f.waiting : null,
    links: { self: base, report: `${base}/report`, cancel: `${base}/cancel` },
  };
}

export type ForecastView = View<typeof FORECAST>;
