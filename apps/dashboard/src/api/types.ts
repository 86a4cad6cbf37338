// The parts of the GraphQL schema (docs: the GraphQL contract) the dashboard reads, as TypeScript types.

export type Role = 'viewer' | 'operator' | 'admin';
export type Health = 'protected' | 'degraded' | 'down';
/** How current a router is from its last observation of real device output (`OBSERVATION_STALE_AFTER`). */
export type Freshness = 'fresh' | 'stale' | 'never';
export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type Verdict = 'pass' | 'fail' | 'error';
export type OutageMetric = 'controlPlaneOutageMs' | 'dataPlaneOutageMs' | 'redundancyRestoredMs' | 'switchovers';
export type ShowCommand = 'redundancy' | 'redundancy_states' | 'version' | 'platform';

export const HEALTHS: readonly Health[] = ['protected', 'degraded', 'down'];
export const FRESHNESSES: readonly Freshness[] = ['fresh', 'stale', 'never'];
export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

export interface Me {
  readonly name: string;
  readonly role: Role;
}

export interface Label {
  readonly key: string;
  readonly value: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface RfState {
  readonly code: number;
  readonly name: string;
}

export interface IosInstance {
  readonly name: string;
  readonly role: string;
  readonly unit: string;
  readonly rfState: RfState;
  readonly stateSince: string | null;
  readonly domainState: string;
  readonly softwareVersion: string;
  readonly configVersion: number;
}

export interface RouteProcessor {
  readonly slot: string;
  readonly pid: string;
  readonly host: {
    readonly state: string;
    readonly kernelVersion: string;
    readonly cpuCores: number;
    readonly memoryMb: number;
    readonly hypervisor: { readonly kind: string; readonly state: string; readonly version: string; readonly guests: readonly IosInstance[] };
  };
}

export interface Esp {
  readonly slot: string;
  readonly pid: string;
  readonly state: string;
  readonly role: string;
  readonly forwarding: boolean;
}

export interface Change {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly entity: string;
  readonly entityKey: string;
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface RouterDetail {
  readonly id: string;
  readonly hostname: string;
  readonly model: string;
  readonly serial: string;
  readonly softwareVersion: string;
  readonly redundancyMode: string;
  readonly health: Health;
  readonly stateVersion: number;
  readonly labels: readonly Label[];
  readonly fleet: { readonly id: string; readonly name: string };
  readonly chassis: { readonly model: string; readonly redundancyType: string; readonly notes: string | null };
  readonly redundancy: {
    readonly operatingMode: string | null;
    readonly switchovers: number;
    readonly standbyFailures: number;
    readonly lastSwitchoverReason: string;
    readonly bootedAt: string;
    /** Whether `redundancy force-switchover` would be accepted now, else IOS's reason. */
    readonly manualSwitchover: { readonly enabled: boolean; readonly reason: string | null };
  };
  readonly routeProcessors: readonly RouteProcessor[];
  readonly esps: readonly Esp[];
  /** Power-supply bays (domain §8.9): `ok`, `failed` (`ps, fail`) or `empty`. */
  readonly powerSupplies: readonly { readonly slot: string; readonly state: string }[];
}

/**
 * What the fleet overview needs of each router, and no more. The fleet comes from the query's grouping, and
 * `stateVersion` from events: both cost the api a lookup per router.
 */
export interface RouterSummary {
  readonly id: string;
  readonly hostname: string;
  readonly model: string;
  readonly health: Health;
  readonly redundancyMode: string;
  readonly softwareVersion: string;
  readonly labels: readonly Label[];
  /** Judged by the api when the row was read. */
  readonly freshness: Freshness;
  readonly observedAt: string | null;
}

export interface FleetSummary {
  readonly id: string;
  readonly name: string;
  readonly routerCount: number;
}

export interface ScenarioError {
  readonly line: number | null;
  readonly column: number | null;
  readonly path: string | null;
  readonly code: string;
  readonly message: string;
}

export interface Scenario {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: string;
  readonly revision: number;
  readonly updatedAt: string;
}

export interface RunProgress {
  readonly routersDone: number;
  readonly routerCount: number | null;
  readonly shards: number | null;
  readonly percent: number;
}

export interface Distribution {
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
  readonly missing: number;
}

export interface RunSummary {
  readonly id: string;
  readonly scenario: string;
  readonly status: RunStatus;
  readonly verdict: Verdict | null;
  readonly iterations: number;
  readonly target: unknown;
  /** Where the routers start: `twin` (stored state) or `healthy`. */
  readonly start: 'twin' | 'healthy';
  readonly progress: RunProgress;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export interface RunAggregate {
  readonly results: number;
  readonly pass: number;
  readonly fail: number;
  readonly error: number;
  readonly controlPlaneOutageMs: Distribution;
  readonly dataPlaneOutageMs: Distribution;
  readonly redundancyRestoredMs: Distribution;
  readonly switchovers: Distribution;
}

export interface RouterResult {
  readonly hostname: string;
  readonly model: string;
  readonly verdict: Verdict;
  readonly controlPlaneOutageMs: number | null;
  readonly dataPlaneOutageMs: number | null;
  readonly redundancyRestoredMs: number | null;
  readonly switchovers: number;
  readonly dualActiveMs: number | null;
  /** Operating redundancy mode it started in. */
  readonly mode: string;
  /** Its starting state in words, as cause groups spell it. */
  readonly startState: string;
  readonly failedExpectations: readonly string[];
}

/** Inclusive bounds of an expectation (ms, or a count); null: unbounded. */
export interface ExpectationLimit {
  readonly min: number | null;
  readonly max: number | null;
}

/** An expectation that failed on routers of a run (`Run.failingExpectations`). */
export interface FailingExpectation {
  readonly expect: string;
  readonly failed: number;
  readonly evaluated: number;
  readonly observedMin: number | null;
  readonly observedMax: number | null;
  readonly samples: readonly { readonly router: string; readonly observed: number | null; readonly limit: ExpectationLimit }[];
}

export type CauseDimension = 'model' | 'mode' | 'start' | 'expectation';

/** Results sharing a possible cause of failure (`Run.causeGroups`). */
export interface CauseGroup {
  readonly dimension: CauseDimension;
  readonly value: string;
  readonly failed: number;
  readonly routers: number;
}

/** Why one router of a run got its verdict (`Run.routerResult`). */
export interface RouterDiagnosis {
  readonly hostname: string;
  readonly model: string;
  readonly verdict: Verdict;
  readonly error: string | null;
  readonly mode: string;
  readonly startState: string;
  readonly start: RouterStart | null;
  readonly expectations: readonly { readonly expect: string; readonly verdict: Verdict; readonly observed: number | null; readonly limit: ExpectationLimit }[];
}

export interface RunDetail extends RunSummary {
  readonly scenarioId: string | null;
  readonly error: string | null;
  /** Set while the run's work waits through an outage of PostgreSQL or Redis. */
  readonly waiting: { readonly since: string; readonly reason: string } | null;
  readonly seed: number;
  readonly startedAt: string | null;
  readonly aggregate: RunAggregate | null;
  readonly results: Page<RouterResult>;
}

export interface HistogramBucket {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
}

export interface TimelineEntry {
  readonly tMs: number;
  readonly router: string;
  readonly component: string;
  readonly event: string;
  readonly from: string | null;
  readonly to: string | null;
}

export interface RunProgressEvent {
  readonly runId: string;
  readonly status: RunStatus;
  readonly routersDone: number;
  readonly routerCount: number | null;
  readonly verdict: Verdict | null;
  /** True on the last event of a run that was deleted. */
  readonly deleted: boolean;
}

export interface RouterStateEvent {
  /** `created`, `updated` or `deleted` (beyond the agreed contract; absent: `updated`). */
  readonly change?: 'created' | 'updated' | 'deleted';
  readonly routerId: string;
  readonly hostname: string;
  readonly fleetId: string;
  readonly health: Health;
  readonly stateVersion: number;
  readonly at: string;
}

/**
 * A fleet created, updated, deleted (with its routers), routers added to it (one event per insert), or its
 * routers observed in bulk (one event per request).
 */
export interface FleetEvent {
  readonly change: 'created' | 'updated' | 'deleted' | 'routersAdded' | 'routersObserved';
  readonly fleetId: string;
  readonly name: string;
  /** routersAdded: how many routers the insert created. */
  readonly count: number | null;
  /** routersAdded: each new router also got a `created` router state event (small inserts), so no reload is needed. */
  readonly routersAnnounced: boolean | null;
}

/** A stored scenario created, updated (a new revision) or deleted. */
export interface ScenarioEvent {
  readonly change: 'created' | 'updated' | 'deleted';
  readonly scenarioId: string;
  readonly name: string;
  readonly revision: number;
}

/** Where a router started a run (the report's `routers[].start`). */
export interface RouterStart {
  readonly operatingMode: 'sso' | 'rpr' | 'none';
  readonly instances: readonly { readonly name: string; readonly rfState: string; readonly domainState: string; readonly image: string; readonly configSyncFailure: boolean }[];
  readonly hosts: readonly { readonly slot: string; readonly state: string }[];
  readonly esps: readonly { readonly slot: string; readonly state: string; readonly forwarding: boolean }[];
  readonly counters: { readonly switchovers: number; readonly standbyFailures: number; readonly lastSwitchoverReason: string };
}
