import type { RouterSelector } from '@asr-twin/domain';
import type { ForecastRouter, RateOverrides, RouterForecastRecord, WhatIf } from '@asr-twin/forecast';
import type { CampaignWaiting, RunStatus } from '../runs/run-models.js';

/** Where a forecast is: the statuses of runs. */
export type ForecastStatus = RunStatus;

/** A router as the summary of a completed forecast lists it (the report has every router in full). */
export interface ForecastSummaryRouter {
  readonly rank: number;
  readonly hostname: string;
  readonly model: string;
  readonly redundancy: string;
  readonly site: string | null;
  readonly controlPlaneMeanS: number;
  readonly dataPlaneMeanS: number;
  readonly dataPlaneP95S: number;
  readonly dataPlaneNines: number | null;
  /** Failure classes by data-plane downtime, largest first (at most five). */
  readonly causes: readonly { readonly cause: string; readonly dataPlaneS: number; readonly dataPlaneShare: number; readonly failuresPerYear: number }[];
}

export interface ForecastSummaryRollup {
  readonly key: string;
  readonly routers: number;
  readonly controlPlaneMeanS: number;
  readonly dataPlaneMeanS: number;
  readonly worst: string;
}

export interface ForecastSummaryDelta {
  readonly baselineS: number;
  readonly whatIfS: number;
  readonly deltaS: number;
  readonly ciLowS: number;
  readonly ciHighS: number;
}

/** What a completed forecast found, in brief: the worst routers, the roll-ups and the what-if comparison. */
export interface ForecastSummary {
  readonly routers: number;
  readonly simulations: number;
  readonly errors: number;
  /** Fleet mean expected annual downtime per router, seconds. */
  readonly controlPlaneMeanS: number;
  readonly dataPlaneMeanS: number;
  /** Routers by expected annual downtime, bucketed (`FORECAST_HISTOGRAM_BUCKETS`): the distribution over the fleet. */
  readonly histogram: { readonly buckets: readonly string[]; readonly controlPlane: readonly number[]; readonly dataPlane: readonly number[] };
  /** What each failure class contributes to the fleet's expected downtime (mean per router, s), most data-plane first. */
  readonly causes: readonly { readonly cause: string; readonly controlPlaneS: number; readonly dataPlaneS: number; readonly dataPlaneShare: number }[];
  /** Up to 20 routers, most expected data-plane downtime first. */
  readonly worstRouters: readonly ForecastSummaryRouter[];
  readonly rollups: {
    readonly byModel: readonly ForecastSummaryRollup[];
    readonly byMode: readonly ForecastSummaryRollup[];
    readonly bySite: readonly ForecastSummaryRollup[];
  };
  readonly comparison: {
    readonly changes: WhatIf;
    readonly refused: number;
    readonly controlPlane: ForecastSummaryDelta;
    readonly dataPlane: ForecastSummaryDelta;
    /** Up to 20 routers the change moves, most changed first (data plane, then control plane). */
    readonly routers: readonly { readonly hostname: string; readonly controlPlane: ForecastSummaryDelta; readonly dataPlane: ForecastSummaryDelta }[];
  } | null;
}

export interface ForecastRecord {
  readonly id: string;
  readonly selector: RouterSelector;
  readonly periodMs: number;
  readonly trials: number;
  readonly seed: number;
  /** Rate overrides of the request (the strongest layer). */
  readonly rates: RateOverrides;
  readonly whatIf: WhatIf | null;
  readonly status: ForecastStatus;
  readonly error: string | null;
  readonly shardSize: number;
  readonly routerCount: number | null;
  readonly shardCount: number | null;
  readonly routersDone: number;
  readonly summary: ForecastSummary | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly waiting: CampaignWaiting | null;
}

export interface NewForecast {
  readonly selector: RouterSelector;
  readonly periodMs: number;
  readonly trials: number;
  readonly seed: number;
  readonly rates: RateOverrides;
  readonly whatIf: WhatIf | null;
  readonly shardSize: number;
  readonly createdBy: string;
}

/** A router a forecast covers, with its configuration frozen when the forecast was planned. */
export interface ForecastTarget {
  readonly ordinal: number;
  readonly router: ForecastRouter;
}

/** One router's forecast in one configuration (0: as it is, 1: the what-if). */
export interface ForecastResultRow {
  readonly ordinal: number;
  readonly variant: 0 | 1;
  readonly record: RouterForecastRecord;
}

export interface ForecastProgress {
  readonly status: ForecastStatus;
  readonly routersDone: number;
  readonly routerCount: number | null;
}
