import type { TimelineEntry, Verdict } from '@asr-twin/simulator';
import type { RouterStart, Scenario } from '@asr-twin/domain';
import type { Page, PageRequest } from '../read-models.js';
import type { DeletedRun } from './run-delete.sql.js';
import type {
  CauseGroup,
  FailingExpectation,
  HistogramBucket,
  NewRun,
  OutageMetric,
  ResultFilter,
  RouterDiagnosis,
  RouterResultRecord,
  RunRecord,
  RunStatus,
  RunTarget,
} from './run-models.js';

/** One stored timeline entry: the simulator's `TimelineEntry`, read back. */
export type StoredTimelineEntry = TimelineEntry;

/** One router's stored result: the simulator's `RouterResult` and expectation results as JSON text. */
export interface StoredResult {
  readonly iteration: number;
  readonly ordinal: number;
  readonly hostname: string;
  readonly verdict: Verdict;
  readonly resultJson: string;
  readonly expectationsJson: string;
}

/** Per iteration: how many JUnit test cases, failures and errors its results make. */
export interface IterationCounts {
  readonly iteration: number;
  readonly routers: number;
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly verdict: Verdict;
}

/** Port for runs as the api sees them. */
export abstract class RunRepository {
  /** How many routers `target` names now: the scenario's embedded routers, the named routers, or those selected. */
  abstract countTargets(target: RunTarget, scenario: Scenario): Promise<number>;
  /**
   * Inserts a queued run. With an idempotency key that is already taken, inserts nothing and returns the
   * existing run with `created: false`.
   */
  abstract create(run: NewRun): Promise<{ readonly run: RunRecord; readonly created: boolean; readonly requestHash: string | null }>;
  abstract find(id: string): Promise<RunRecord | null>;
  abstract list(filter: { readonly status?: readonly RunStatus[] }, page: PageRequest): Promise<Page<RunRecord>>;
  /** Cancels a queued or running run; returns the run as it is afterwards (unchanged if it had finished). */
  abstract cancel(id: string): Promise<RunRecord | null>;
  /**
   * Deletes the run and all it left in PostgreSQL (targets, shards, results, timeline partition), cancelling it
   * first if it is queued or running; null when there is no such run.
   */
  abstract delete(id: string): Promise<DeletedRun | null>;
  /** Results of one iteration with ordinals from `afterOrdinal` (exclusive), in ordinal order. */
  abstract results(runId: string, iteration: number, afterOrdinal: number, limit: number): Promise<readonly StoredResult[]>;
  /** Where a router of the run started (`routers[].start` of the report), or null when it has no result (yet). */
  abstract routerStart(runId: string, hostname: string): Promise<RouterStart | null>;
  /** A page of the first iteration's results in router order, of those that pass every given filter. */
  abstract resultPage(runId: string, filter: ResultFilter, page: PageRequest): Promise<Page<RouterResultRecord>>;
  /** The expectations that failed on the first iteration's routers, most failures first, each with samples. */
  abstract failingExpectations(runId: string, sampleSize: number, page: PageRequest): Promise<Page<FailingExpectation>>;
  /** The first iteration's results grouped by model, mode, starting state and failed expectation (failures only). */
  abstract causeGroups(runId: string, page: PageRequest): Promise<Page<CauseGroup>>;
  /** Why one router (first iteration) got its verdict; null when the run has no result for it. */
  abstract routerDiagnosis(runId: string, hostname: string): Promise<RouterDiagnosis | null>;
  /**
   * The distribution of one metric over every result of the run (all iterations), as `buckets` equally wide
   * buckets between its smallest and largest value, computed in PostgreSQL (`width_bucket`). Results without a
   * value are left out; no values: no buckets.
   */
  abstract histogram(runId: string, metric: OutageMetric, buckets: number): Promise<readonly HistogramBucket[]>;
  /** Test-case counts of every iteration of a run, in order; with `iteration`, of that one only. */
  abstract iterationCounts(runId: string, iteration?: number): Promise<readonly IterationCounts[]>;
  /**
   * A page of the first iteration's timeline in report order (time, then router order, then event order), of one
   * router or of all. One router's page reads the one compressed chunk holding it; a page of all routers merges
   * every chunk of the run up to the page, so deep pages of a large campaign cost in proportion to their offset.
   */
  abstract timeline(runId: string, router: string | null, page: PageRequest): Promise<Page<StoredTimelineEntry>>;
  /** The whole timeline of the first iteration in report order, in batches, for streaming (memory stays flat). */
  abstract timelineInOrder(runId: string): AsyncIterable<readonly StoredTimelineEntry[]>;
  /** How many runs are in each status (every status present, 0 when none): one query. */
  abstract countByStatus(): Promise<Readonly<Record<RunStatus, number>>>;
}
