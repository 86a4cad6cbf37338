import { VERDICTS, type Verdict } from '@asr-twin/simulator';
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
  readonly verdict: Verdict | null;
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

/** The simulator's verdicts, as runs store them. */
export const RUN_VERDICTS = VERDICTS;
export type RunVerdict = Verdict;

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
  /** Operating redundancy mode it started in. */
  readonly mode: string;
  /** Starting state in words, as {@link CauseGroup} `start` values spell it. */
  readonly startState: string;
  /** Names of the expectations that failed on it, in scenario order. */
  readonly failedExpectations: readonly string[];
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

/** Where a router of a run failed: one of its expectations, what the run observed and the bound it broke. */
export interface ExpectationSample {
  readonly router: string;
  /** ms, or a count for switchovers; null when the run observed no value (redundancy never restored). */
  readonly observed: number | null;
  readonly limit: { readonly min: number | null; readonly max: number | null };
}

/** An expectation of a run's scenario that failed on at least one router of the first iteration. */
export interface FailingExpectation {
  /** Metric (`dataPlaneOutage`) or invariant (`single-active`). */
  readonly expect: string;
  /** Routers on which it failed. */
  readonly failed: number;
  /** Routers on which it was evaluated. */
  readonly evaluated: number;
  /** Smallest and largest value observed where it failed (null when none of them has a value). */
  readonly observedMin: number | null;
  readonly observedMax: number | null;
  /** The first failing routers in router order, with what they observed and the limit. */
  readonly samples: readonly ExpectationSample[];
}

/** What a cause group groups a run's results by. */
export const CAUSE_DIMENSIONS = ['model', 'mode', 'start', 'expectation'] as const;
export type CauseDimension = (typeof CAUSE_DIMENSIONS)[number];

/**
 * Results of a run's first iteration that share a possible cause of failure: a chassis model, an operating
 * mode, a starting state (RF state of each instance, RPs not up, ESPs not ok) or a failed expectation.
 */
export interface CauseGroup {
  readonly dimension: CauseDimension;
  readonly value: string;
  /** Routers of the group whose verdict is `fail`. */
  readonly failed: number;
  /** Routers in the group (for `expectation`: routers it was evaluated on). */
  readonly routers: number;
}

/** Filters of a run's result listing; every given filter must match. */
export interface ResultFilter {
  readonly verdict?: RunVerdict;
  readonly model?: string;
  /** Operating redundancy mode the router started in (`sso`, `rpr`, `none`). */
  readonly mode?: string;
  /** Starting state as {@link CauseGroup} `start` values spell it. */
  readonly start?: string;
  /** An expectation that failed on the router. */
  readonly expectation?: string;
  /** Part of the hostname, case-insensitive. */
  readonly search?: string;
}

/** Why one router of a run got its verdict: how it started, what it measured, each expectation's outcome. */
export interface RouterDiagnosis {
  readonly hostname: string;
  readonly model: string;
  readonly verdict: RunVerdict;
  /** Present only when the verdict is `error`. */
  readonly error: string | null;
  readonly mode: string;
  /** Starting state in words, as {@link CauseGroup} `start` values spell it. */
  readonly startState: string;
  readonly start: RouterStart | null;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly expectations: readonly (ExpectationSample & { readonly expect: string; readonly verdict: RunVerdict })[];
}
