import type { RouterSelector, RouterStart, Scenario, StartMode } from '@asr-twin/domain';

/** A scenario as stored: its source verbatim and the validated model parsed from it. */
export interface StoredScenario {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: string;
  readonly parsed: Scenario;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewScenario {
  readonly source: string;
  readonly parsed: Scenario;
}

/** Which routers a run simulates. */
export type RunTarget =
  /** The routers embedded in the scenario (`spec.routers`), in file order. */
  | { readonly kind: 'scenario' }
  /** Routers of the twin's fleet that match, by hostname. */
  | { readonly kind: 'selector'; readonly selector: RouterSelector }
  /** Named routers of the twin's fleet, by hostname. */
  | { readonly kind: 'routers'; readonly hostnames: readonly string[] };

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Distribution of one metric over a run's results (ms, or a count for switchovers). */
export interface MetricDistribution {
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
  /** Results without a value (redundancy never restored within the horizon). */
  readonly missing: number;
}

export interface RunAggregate {
  readonly results: number;
  readonly verdicts: { readonly pass: number; readonly fail: number; readonly error: number };
  readonly metrics: {
    readonly controlPlaneOutageMs: MetricDistribution;
    readonly dataPlaneOutageMs: MetricDistribution;
    readonly redundancyRestoredMs: MetricDistribution;
    readonly switchovers: MetricDistribution;
  };
}

export interface RunRecord {
  readonly id: string;
  readonly scenarioId: string | null;
  readonly scenarioName: string;
  readonly scenario: Scenario;
  readonly target: RunTarget;
  /** Where the routers start: their stored twin state (embedded routers: their declared state), or healthy. */
  readonly start: StartMode;
  readonly seed: number;
  readonly iterations: number;
  readonly status: RunStatus;
  readonly verdict: 'pass' | 'fail' | 'error' | null;
  readonly error: string | null;
  readonly shardSize: number;
  readonly routerCount: number | null;
  readonly shardCount: number | null;
  readonly routersDone: number;
  readonly aggregate: RunAggregate | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Set while the run's work waits through a dependency outage; null otherwise. */
  readonly waiting: CampaignWaiting | null;
}

/** A campaign's wait through a dependency outage (PostgreSQL or Redis): since when, and why. */
export interface CampaignWaiting {
  readonly since: string;
  readonly reason: string;
}

export interface NewRun {
  readonly scenarioId: string | null;
  readonly scenarioName: string;
  readonly scenarioSource: string;
  readonly scenario: Scenario;
  readonly target: RunTarget;
  readonly start: StartMode;
  readonly seed: number;
  readonly iterations: number;
  readonly shardSize: number;
  readonly createdBy: string;
  readonly idempotencyKey: string | null;
  /** Fingerprint of the request, so a reused idempotency key with another request is refused. */
  readonly requestHash: string | null;
}

/** A router a run simulates, frozen when the run is planned. */
export interface RunTargetRouter {
  readonly ordinal: number;
  readonly hostname: string;
  readonly model: string;
  readonly redundancyMode: string;
  readonly softwareVersion: string;
  /** Where it starts, frozen when the run was planned; undefined: healthy (or, embedded, as its scenario declares). */
  readonly start?: RouterStart;
}

export interface RunProgress {
  readonly status: RunStatus;
  readonly routersDone: number;
  readonly routerCount: number | null;
  readonly shardCount: number | null;
}

export const RUN_VERDICTS = ['pass', 'fail', 'error'] as const;
export type RunVerdict = (typeof RUN_VERDICTS)[number];

/** The metrics a run's results can be bucketed by (columns of `run_results`). */
export const OUTAGE_METRICS = ['controlPlaneOutageMs', 'dataPlaneOutageMs', 'redundancyRestoredMs', 'switchovers'] as const;
export type OutageMetric = (typeof OUTAGE_METRICS)[number];

/** One router's result in a run: its verdict and metrics (ms; `redundancyRestoredMs` null when never restored). */
export interface RouterResultRecord {
  readonly hostname: string;
  readonly model: string;
  readonly verdict: RunVerdict;
  readonly controlPlaneOutageMs: number;
  readonly dataPlaneOutageMs: number;
  readonly redundancyRestoredMs: number | null;
  readonly switchovers: number;
  readonly dualActiveMs: number;
}

/**
 * One bucket of a histogram: results with `lower <= value < upper` (the last bucket also holds `upper`).
 * Buckets are equally wide between the smallest and the largest value of the metric.
 */
export interface HistogramBucket {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
}
