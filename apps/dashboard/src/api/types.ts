// The parts of the GraphQL schema the dashboard reads: each type is the generated schema type
// (schema-types.generated.ts, from apps/api/schema.graphql), narrowed to the fields the dashboard's documents select.
// A field renamed or retyped in the schema fails to compile here.
import type * as S from './schema-types.generated.js';

export type Role = S.Role;
export type Health = S.Health;
/** How current a router is from its last observation of real device output (`OBSERVATION_STALE_AFTER`). */
export type Freshness = S.Freshness;
export type RunStatus = S.RunStatus;
export type Verdict = S.Verdict;
export type OutageMetric = S.OutageMetric;
export type ShowCommand = S.ShowCommand;

export const HEALTHS: readonly Health[] = ['protected', 'degraded', 'down'];
export const FRESHNESSES: readonly Freshness[] = ['fresh', 'stale', 'never'];
export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

export type Me = S.Me;
export type Label = S.Label;

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export type RfState = S.RfState;
export type IosInstance = S.IosInstance;
export type RouteProcessor = S.RouteProcessor;
export type Esp = S.Esp;
export type Change = S.Change;

export type RouterDetail = Pick<
  S.Router,
  'id' | 'hostname' | 'model' | 'serial' | 'softwareVersion' | 'redundancyMode' | 'health' | 'stateVersion' | 'labels' | 'routeProcessors' | 'esps'
> & {
  readonly fleet: Pick<S.Fleet, 'id' | 'name'>;
  readonly chassis: Pick<S.Chassis, 'model' | 'redundancyType' | 'notes'>;
  /** `manualSwitchover`: whether `redundancy force-switchover` would be accepted now, else IOS's reason. */
  readonly redundancy: Pick<S.Redundancy, 'operatingMode' | 'switchovers' | 'standbyFailures' | 'lastSwitchoverReason' | 'bootedAt' | 'manualSwitchover'>;
  /** Power-supply bays: `ok`, `failed` (`ps, fail`) or `empty`. */
  readonly powerSupplies: readonly Pick<S.PowerSupply, 'slot' | 'state'>[];
};

/**
 * What the fleet overview needs of each router, and no more. The fleet comes from the query's grouping, and
 * `stateVersion` from events: both cost the api a lookup per router.
 */
export type RouterSummary = Pick<
  S.Router,
  'id' | 'hostname' | 'model' | 'health' | 'redundancyMode' | 'softwareVersion' | 'labels' | 'freshness' | 'observedAt'
>;

export type FleetSummary = Pick<S.Fleet, 'id' | 'name' | 'routerCount'>;
export type ScenarioError = Pick<S.ScenarioError, 'line' | 'column' | 'path' | 'code' | 'message'>;
export type Scenario = Pick<S.Scenario, 'id' | 'name' | 'description' | 'source' | 'revision' | 'updatedAt'>;
export type RunProgress = S.RunProgress;
export type Distribution = S.Distribution;

/** `start`: where the routers start, `twin` (stored state) or `healthy`. */
export type RunSummary = Pick<
  S.Run,
  'id' | 'scenario' | 'status' | 'verdict' | 'iterations' | 'target' | 'start' | 'progress' | 'createdBy' | 'createdAt' | 'finishedAt'
>;
export type RunAggregate = S.RunAggregate;
/** One router's result row: `mode` is the operating mode it started in, `startState` its starting state in words. */
export type RouterResult = S.RouterResult;
/** Inclusive bounds of an expectation (ms, or a count); null: unbounded. */
export type ExpectationLimit = S.ExpectationLimit;
/** An expectation that failed on routers of a run (`Run.failingExpectations`). */
export type FailingExpectation = S.FailingExpectation;
export type CauseDimension = S.CauseDimension;
/** Results sharing a possible cause of failure (`Run.causeGroups`). */
export type CauseGroup = S.CauseGroup;

/** Why one router of a run got its verdict (`Run.routerResult`); `start` is the JSON of the report's `routers[].start`. */
export type RouterDiagnosis = Pick<S.RouterDiagnosis, 'hostname' | 'model' | 'verdict' | 'error' | 'mode' | 'startState'> & {
  readonly start: RouterStart | null;
  readonly expectations: readonly Pick<S.ExpectationOutcome, 'expect' | 'verdict' | 'observed' | 'limit'>[];
};

/** `waiting`: set while the run's work waits through an outage of PostgreSQL or Redis. */
export type RunDetail = RunSummary &
  Pick<S.Run, 'scenarioId' | 'error' | 'waiting' | 'seed' | 'startedAt' | 'aggregate'> & {
    readonly results: Page<RouterResult>;
  };

export type HistogramBucket = S.HistogramBucket;
export type TimelineEntry = S.TimelineEntry;
/** `deleted`: true on the last event of a run that was deleted. */
export type RunProgressEvent = S.RunProgressEvent;

/** `change`: `created`, `updated` or `deleted` (absent in older events: `updated`). */
export type RouterStateEvent = Pick<S.RouterStateEvent, 'routerId' | 'hostname' | 'fleetId' | 'health' | 'stateVersion' | 'at'> & {
  readonly change?: 'created' | 'updated' | 'deleted';
};

/**
 * A fleet created, updated, deleted (with its routers), routers added to it (one event per insert), or its
 * routers observed in bulk (one event per request). `routersAnnounced`: each new router also got a `created`
 * router state event (small inserts), so no reload is needed.
 */
export type FleetEvent = Pick<S.FleetEvent, 'change' | 'fleetId' | 'name' | 'count' | 'routersAnnounced'>;

/** A stored scenario created, updated (a new revision) or deleted. */
export type ScenarioEvent = Pick<S.ScenarioEvent, 'change' | 'scenarioId' | 'name' | 'revision'>;

/** Where a router started a run (the report's `routers[].start`). */
export interface RouterStart {
  readonly operatingMode: 'sso' | 'rpr' | 'none';
  readonly instances: readonly {
    readonly name: string;
    readonly rfState: string;
    readonly domainState: string;
    readonly image: string;
    readonly configSyncFailure: boolean;
  }[];
  readonly hosts: readonly { readonly slot: string; readonly state: string }[];
  readonly esps: readonly { readonly slot: string; readonly state: string; readonly forwarding: boolean }[];
  readonly counters: { readonly switchovers: number; readonly standbyFailures: number; readonly lastSwitchoverReason: string };
}
