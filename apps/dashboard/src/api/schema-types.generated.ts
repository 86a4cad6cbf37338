// Generated from apps/api/schema.graphql by scripts/graphql-types.mjs (npm run graphql:schema); do not edit.
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** ISO 8601 date-time in UTC, e.g. 2025-01-31T12:00:00.000Z */
  DateTime: { input: string; output: string; }
  /** Any JSON value */
  JSON: { input: unknown; output: unknown; }
};

export type Audit = {
  /** Audited cells (fault@target), the matrix columns */
  readonly cells: ReadonlyArray<Scalars['String']['output']>;
  readonly createdAt: Scalars['DateTime']['output'];
  readonly createdBy: Scalars['String']['output'];
  readonly error: Maybe<Scalars['String']['output']>;
  readonly faults: ReadonlyArray<Scalars['String']['output']>;
  readonly finishedAt: Maybe<Scalars['DateTime']['output']>;
  readonly horizonMs: Scalars['Float']['output'];
  readonly id: Scalars['ID']['output'];
  /** The router × fault matrix in hostname order, paginated */
  readonly matrix: AuditRouterRowPage;
  readonly progress: AuditProgress;
  readonly seed: Scalars['Float']['output'];
  /** Which routers: fleet, model, labels, hostnames */
  readonly selector: Scalars['JSON']['output'];
  readonly startedAt: Maybe<Scalars['DateTime']['output']>;
  readonly status: RunStatus;
  /** Once completed */
  readonly summary: Maybe<AuditSummary>;
  readonly thresholds: AuditThresholds;
  /** Set while the audit waits through an outage of PostgreSQL or Redis */
  readonly waiting: Maybe<CampaignWaiting>;
};


export type AuditMatrixArgs = {
  exposedOnly?: Scalars['Boolean']['input'];
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
};

export type AuditCauseCount = {
  /** The cause in words, e.g. "peer STANDBY COLD-BULK", "simplex", "single ESP" */
  readonly cause: Scalars['String']['output'];
  readonly routers: Scalars['Int']['output'];
};

export type AuditCellCount = {
  /** fault@target, e.g. iosd-crash@active */
  readonly cell: Scalars['String']['output'];
  readonly routers: Scalars['Int']['output'];
};

/** One router under one single fault */
export type AuditCellResult = {
  /** false: the chassis has no such target (no second RP or ESP) */
  readonly applicable: Scalars['Boolean']['output'];
  readonly cell: Scalars['String']['output'];
  readonly controlPlaneOutageMs: Maybe<Scalars['Float']['output']>;
  readonly dataPlaneOutageMs: Maybe<Scalars['Float']['output']>;
  /** The router could not be simulated from its stored state */
  readonly error: Scalars['Boolean']['output'];
  readonly exposed: Scalars['Boolean']['output'];
  /** null: not restored within the horizon (or not simulated) */
  readonly redundancyRestoredMs: Maybe<Scalars['Float']['output']>;
};

export type AuditPage = {
  readonly items: ReadonlyArray<Audit>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

export type AuditProgress = {
  /** Routers found exposed so far */
  readonly exposedRouters: Scalars['Int']['output'];
  readonly percent: Scalars['Float']['output'];
  /** Known once the audit is planned */
  readonly routerCount: Maybe<Scalars['Int']['output']>;
  readonly routersDone: Scalars['Int']['output'];
  readonly shards: Maybe<Scalars['Int']['output']>;
};

/** A change of an audit’s progress, as the worker publishes it */
export type AuditProgressEvent = {
  readonly auditId: Scalars['ID']['output'];
  readonly exposedRouters: Scalars['Int']['output'];
  readonly routerCount: Maybe<Scalars['Int']['output']>;
  readonly routersDone: Scalars['Int']['output'];
  readonly status: RunStatus;
};

/** A router's row of the audit matrix */
export type AuditRouterRow = {
  /** Why it is exposed, in words */
  readonly causes: ReadonlyArray<Scalars['String']['output']>;
  readonly cells: ReadonlyArray<AuditCellResult>;
  readonly exposed: Scalars['Boolean']['output'];
  /** One character per cell in the audit’s cell order: x exposed, . survived, - not applicable, e error (compact, for heat maps) */
  readonly exposure: Scalars['String']['output'];
  readonly hostname: Scalars['String']['output'];
  readonly model: Scalars['String']['output'];
};

export type AuditRouterRowPage = {
  readonly items: ReadonlyArray<AuditRouterRow>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

/** The fleet's exposure to single faults */
export type AuditSummary = {
  /** Exposed routers per cause, most first */
  readonly byCause: ReadonlyArray<AuditCauseCount>;
  /** Exposed routers per cell, in cell order */
  readonly byCell: ReadonlyArray<AuditCellCount>;
  /** Cells that could not be simulated */
  readonly errors: Scalars['Int']['output'];
  /** Routers exposed to at least one single fault */
  readonly exposedRouters: Scalars['Int']['output'];
  readonly routers: Scalars['Int']['output'];
};

/** Outage limits above which a single fault exposes a router (ms) */
export type AuditThresholds = {
  readonly controlPlaneOutageMs: Scalars['Float']['output'];
  readonly dataPlaneOutageMs: Scalars['Float']['output'];
};

/** A run or audit whose work waits through an outage of PostgreSQL or Redis; it resumes by itself */
export type CampaignWaiting = {
  /** Which dependency is unavailable and what it answered */
  readonly reason: Scalars['String']['output'];
  /** When the wait began */
  readonly since: Scalars['DateTime']['output'];
};

/** What a cause group groups results by: chassis model, operating mode, starting state or failed expectation */
export type CauseDimension =
  | 'expectation'
  | 'mode'
  | 'model'
  | 'start';

/** Results sharing a model, operating mode, starting state or failed expectation; list them with Run.results and the same filter */
export type CauseGroup = {
  readonly dimension: CauseDimension;
  /** Routers of the group with verdict fail */
  readonly failed: Scalars['Int']['output'];
  /** Routers in the group (expectation: routers it was evaluated on) */
  readonly routers: Scalars['Int']['output'];
  /** The model, mode, starting state in words, or expectation name */
  readonly value: Scalars['String']['output'];
};

export type CauseGroupPage = {
  readonly items: ReadonlyArray<CauseGroup>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

/** One row of the append-only change log */
export type Change = {
  readonly action: Scalars['String']['output'];
  /** key:<name> of the API key that made the change */
  readonly actor: Scalars['String']['output'];
  readonly after: Maybe<Scalars['JSON']['output']>;
  readonly at: Scalars['DateTime']['output'];
  readonly before: Maybe<Scalars['JSON']['output']>;
  readonly entity: Scalars['String']['output'];
  readonly entityKey: Scalars['String']['output'];
  readonly id: Scalars['ID']['output'];
};

export type ChangePage = {
  readonly items: ReadonlyArray<Change>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

/** The anatomy of a chassis model */
export type Chassis = {
  readonly espSlots: Scalars['Int']['output'];
  readonly integrated: Scalars['Boolean']['output'];
  readonly model: Scalars['String']['output'];
  readonly notes: Maybe<Scalars['String']['output']>;
  readonly rackUnits: Scalars['Float']['output'];
  readonly redundancyType: Scalars['String']['output'];
  readonly rpSlots: Scalars['Int']['output'];
  readonly sipSlots: Scalars['Int']['output'];
};

/** As POST /api/v1/forecasts: a selector (fleet, model, labels, hostnames), period, trials, seed, rates, what-if */
export type CreateForecastInput = {
  readonly fleet: InputMaybe<Scalars['String']['input']>;
  readonly hostnames: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
  readonly labels: InputMaybe<ReadonlyArray<LabelInput>>;
  readonly model: InputMaybe<Scalars['String']['input']>;
  /** e.g. 1y (default), 90d, 720h */
  readonly period: InputMaybe<Scalars['String']['input']>;
  /** Rate overrides by failure class, e.g. {"esp-hardware": {"mtbfHours": 150000}} */
  readonly rates: InputMaybe<Scalars['JSON']['input']>;
  readonly seed: InputMaybe<Scalars['Float']['input']>;
  readonly shardSize: InputMaybe<Scalars['Int']['input']>;
  /** Trials per router (default 200) */
  readonly trials: InputMaybe<Scalars['Int']['input']>;
  readonly whatIf: InputMaybe<ForecastWhatIfInput>;
};

/** Distribution of one metric over the results (ms, or a count) */
export type Distribution = {
  readonly max: Maybe<Scalars['Float']['output']>;
  /** Results without a value (redundancy never restored) */
  readonly missing: Scalars['Int']['output'];
  readonly p50: Maybe<Scalars['Float']['output']>;
  readonly p95: Maybe<Scalars['Float']['output']>;
};

/** An embedded services processor (forwarding engine) */
export type Esp = {
  /** Packet-ready */
  readonly forwarding: Scalars['Boolean']['output'];
  readonly pid: Scalars['String']['output'];
  readonly role: Scalars['String']['output'];
  /** F0 or F1 */
  readonly slot: Scalars['String']['output'];
  readonly state: Scalars['String']['output'];
};

/** Inclusive bounds of an expectation (ms, or a count); null: unbounded */
export type ExpectationLimit = {
  readonly max: Maybe<Scalars['Float']['output']>;
  readonly min: Maybe<Scalars['Float']['output']>;
};

/** An expectation on one router: what the run observed and the limit */
export type ExpectationOutcome = {
  /** Metric (dataPlaneOutage) or invariant (single-active) */
  readonly expect: Scalars['String']['output'];
  readonly limit: ExpectationLimit;
  /** ms or a count; null: no value (never restored) */
  readonly observed: Maybe<Scalars['Float']['output']>;
  /** hostname */
  readonly router: Scalars['String']['output'];
  readonly verdict: Verdict;
};

/** A failing router of an expectation: what it observed and the limit */
export type ExpectationSample = {
  readonly limit: ExpectationLimit;
  readonly observed: Maybe<Scalars['Float']['output']>;
  readonly router: Scalars['String']['output'];
};

/** An expectation that failed on routers of the first iteration */
export type FailingExpectation = {
  /** Routers on which it was evaluated */
  readonly evaluated: Scalars['Int']['output'];
  readonly expect: Scalars['String']['output'];
  /** Routers on which it failed */
  readonly failed: Scalars['Int']['output'];
  /** Largest value observed where it failed */
  readonly observedMax: Maybe<Scalars['Float']['output']>;
  /** Smallest value observed where it failed */
  readonly observedMin: Maybe<Scalars['Float']['output']>;
  /** The first failing routers in router order */
  readonly samples: ReadonlyArray<ExpectationSample>;
};

export type FailingExpectationPage = {
  readonly items: ReadonlyArray<FailingExpectation>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

export type Fleet = {
  readonly createdAt: Scalars['DateTime']['output'];
  readonly description: Scalars['String']['output'];
  readonly health: HealthCounts;
  readonly id: Scalars['ID']['output'];
  readonly labels: ReadonlyArray<Label>;
  readonly name: Scalars['String']['output'];
  readonly routerCount: Scalars['Int']['output'];
  /** The routers of this fleet, by hostname */
  readonly routers: RouterPage;
  readonly updatedAt: Scalars['DateTime']['output'];
};


export type FleetRoutersArgs = {
  filter: InputMaybe<RouterFilter>;
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
};

/** created; updated (name, description or labels); deleted (with its routers); routersAdded (one insert of routers); routersObserved (one bulk observation of the fleet's routers) */
export type FleetChange =
  | 'created'
  | 'deleted'
  | 'routersAdded'
  | 'routersObserved'
  | 'updated';

/** A committed change of a fleet, or routers added to it */
export type FleetEvent = {
  readonly at: Scalars['DateTime']['output'];
  readonly change: FleetChange;
  /** routersAdded: how many routers the insert created; routersObserved: how many of the fleet's routers the request observed */
  readonly count: Maybe<Scalars['Int']['output']>;
  readonly fleetId: Scalars['ID']['output'];
  /** The fleet’s name after the change (deleted: its last name) */
  readonly name: Scalars['String']['output'];
  /** routersAdded: true when each new router also got its own routerStateChanged `created` event (inserts of up to 100 routers); false for larger inserts, after which a view of the fleet reloads it. routersObserved: true when each router whose state changed got its own `updated` event */
  readonly routersAnnounced: Maybe<Scalars['Boolean']['output']>;
};

export type FleetPage = {
  readonly items: ReadonlyArray<Fleet>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

/** An availability forecast: a Monte Carlo of failures and repairs over the selected routers */
export type Forecast = {
  readonly createdAt: Scalars['DateTime']['output'];
  readonly createdBy: Scalars['String']['output'];
  readonly error: Maybe<Scalars['String']['output']>;
  readonly finishedAt: Maybe<Scalars['DateTime']['output']>;
  readonly id: Scalars['ID']['output'];
  readonly periodMs: Scalars['Float']['output'];
  readonly progress: ForecastProgress;
  /** Rate overrides of the request, by failure class */
  readonly rates: Scalars['JSON']['output'];
  readonly seed: Scalars['Float']['output'];
  /** Which routers: fleet, model, labels, hostnames */
  readonly selector: Scalars['JSON']['output'];
  readonly startedAt: Maybe<Scalars['DateTime']['output']>;
  readonly status: RunStatus;
  /** Once completed */
  readonly summary: Maybe<ForecastSummary>;
  readonly trials: Scalars['Int']['output'];
  /** Set while the forecast waits through an outage of PostgreSQL or Redis */
  readonly waiting: Maybe<CampaignWaiting>;
  /** The what-if: redundancy, rps, esps, psus, spares */
  readonly whatIf: Maybe<Scalars['JSON']['output']>;
};

/** What one failure class contributes to a router’s expected annual data-plane downtime */
export type ForecastCause = {
  /** Failure class, e.g. esp-hardware, rp-hardware, iosd-crash */
  readonly cause: Scalars['String']['output'];
  /** Seconds per year */
  readonly dataPlaneS: Scalars['Float']['output'];
  /** Of the router’s expected data-plane downtime, 0–1 */
  readonly dataPlaneShare: Scalars['Float']['output'];
  readonly failuresPerYear: Scalars['Float']['output'];
};

/** The what-if configuration side by side with the fleet as it is */
export type ForecastComparison = {
  /** The changes: redundancy, rps, esps, psus, spares */
  readonly changes: Scalars['JSON']['output'];
  readonly controlPlane: ForecastDelta;
  readonly dataPlane: ForecastDelta;
  /** Router changes the chassis could not take (see the report) */
  readonly refused: Scalars['Int']['output'];
  /** Up to 20 routers the change moves, most changed first (data plane, then control plane) */
  readonly routers: ReadonlyArray<ForecastRouterComparison>;
};

/** Expected annual downtime per router (s) as it is and with the what-if; the difference with its interval (paired trials) */
export type ForecastDelta = {
  readonly baselineS: Scalars['Float']['output'];
  readonly ciHighS: Scalars['Float']['output'];
  readonly ciLowS: Scalars['Float']['output'];
  /** Negative: less downtime with the what-if */
  readonly deltaS: Scalars['Float']['output'];
  readonly whatIfS: Scalars['Float']['output'];
};

/** What a failure class adds to the fleet’s expected downtime (mean per router) */
export type ForecastFleetCause = {
  readonly cause: Scalars['String']['output'];
  readonly controlPlaneS: Scalars['Float']['output'];
  readonly dataPlaneS: Scalars['Float']['output'];
  /** Of the fleet’s expected data-plane downtime, 0–1 */
  readonly dataPlaneShare: Scalars['Float']['output'];
};

/** Routers by expected annual downtime, bucketed */
export type ForecastHistogram = {
  /** none, < 1 s, 1–10 s, 10 s–1 min, 1–10 min, 10 min–1 h, 1–10 h, ≥ 10 h */
  readonly buckets: ReadonlyArray<Scalars['String']['output']>;
  /** Routers per bucket, control plane */
  readonly controlPlane: ReadonlyArray<Scalars['Int']['output']>;
  /** Routers per bucket, data plane */
  readonly dataPlane: ReadonlyArray<Scalars['Int']['output']>;
};

export type ForecastPage = {
  readonly items: ReadonlyArray<Forecast>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

export type ForecastProgress = {
  readonly percent: Scalars['Float']['output'];
  /** Known once the forecast is planned */
  readonly routerCount: Maybe<Scalars['Int']['output']>;
  readonly routersDone: Scalars['Int']['output'];
  readonly shards: Maybe<Scalars['Int']['output']>;
};

/** A change of a forecast’s progress, as the worker publishes it */
export type ForecastProgressEvent = {
  readonly forecastId: Scalars['ID']['output'];
  readonly routerCount: Maybe<Scalars['Int']['output']>;
  readonly routersDone: Scalars['Int']['output'];
  readonly status: RunStatus;
};

/** A fleet group (by model, redundancy mode or site): mean expected downtime per router */
export type ForecastRollup = {
  readonly controlPlaneMeanS: Scalars['Float']['output'];
  readonly dataPlaneMeanS: Scalars['Float']['output'];
  readonly key: Scalars['String']['output'];
  readonly routers: Scalars['Int']['output'];
  /** The group’s router with the most expected data-plane downtime */
  readonly worst: Scalars['String']['output'];
};

export type ForecastRollups = {
  readonly byMode: ReadonlyArray<ForecastRollup>;
  readonly byModel: ReadonlyArray<ForecastRollup>;
  readonly bySite: ReadonlyArray<ForecastRollup>;
};

/** A router ranked by expected annual downtime */
export type ForecastRouter = {
  /** Largest first, at most five */
  readonly causes: ReadonlyArray<ForecastCause>;
  /** Expected annual control-plane downtime, seconds */
  readonly controlPlaneMeanS: Scalars['Float']['output'];
  /** Expected annual data-plane downtime, seconds */
  readonly dataPlaneMeanS: Scalars['Float']['output'];
  /** Data-plane availability in nines; null with no downtime */
  readonly dataPlaneNines: Maybe<Scalars['Float']['output']>;
  readonly dataPlaneP95S: Scalars['Float']['output'];
  readonly hostname: Scalars['String']['output'];
  readonly model: Scalars['String']['output'];
  /** 1: most expected data-plane downtime */
  readonly rank: Scalars['Int']['output'];
  readonly redundancy: Scalars['String']['output'];
  readonly site: Maybe<Scalars['String']['output']>;
};

export type ForecastRouterComparison = {
  readonly controlPlane: ForecastDelta;
  readonly dataPlane: ForecastDelta;
  readonly hostname: Scalars['String']['output'];
};

/** What a completed forecast found, in brief (the report has every router) */
export type ForecastSummary = {
  /** Most data-plane downtime first */
  readonly causes: ReadonlyArray<ForecastFleetCause>;
  /** With a what-if */
  readonly comparison: Maybe<ForecastComparison>;
  /** Mean expected annual control-plane downtime per router, seconds */
  readonly controlPlaneMeanS: Scalars['Float']['output'];
  /** Mean expected annual data-plane downtime per router, seconds */
  readonly dataPlaneMeanS: Scalars['Float']['output'];
  readonly errors: Scalars['Int']['output'];
  readonly histogram: ForecastHistogram;
  readonly rollups: ForecastRollups;
  readonly routers: Scalars['Int']['output'];
  readonly simulations: Scalars['Int']['output'];
  /** Up to 20 routers, most expected data-plane downtime first */
  readonly worstRouters: ReadonlyArray<ForecastRouter>;
};

/** A configuration to compare with, as POST /api/v1/forecasts takes it */
export type ForecastWhatIfInput = {
  /** 1 or 2 */
  readonly esps: InputMaybe<Scalars['Int']['input']>;
  /** 1 or 2 */
  readonly psus: InputMaybe<Scalars['Int']['input']>;
  /** sso, rpr or none */
  readonly redundancy: InputMaybe<Scalars['String']['input']>;
  /** 1 or 2 */
  readonly rps: InputMaybe<Scalars['Int']['input']>;
  readonly spares: InputMaybe<Scalars['Boolean']['input']>;
};

/** fresh; stale (last observed longer ago than OBSERVATION_STALE_AFTER); never (never observed) */
export type Freshness =
  | 'fresh'
  | 'never'
  | 'stale';

/** RP/ESP generation and population */
export type Hardware = {
  /** false: the model's default for its release */
  readonly declared: Scalars['Boolean']['output'];
  /** ESP product id, e.g. ASR1000-ESP20 */
  readonly esp: Scalars['String']['output'];
  /** ESPs installed */
  readonly esps: Scalars['Int']['output'];
  /** Power supplies installed */
  readonly psus: Scalars['Int']['output'];
  /** RP product id, e.g. ASR1000-RP2 */
  readonly rp: Scalars['String']['output'];
  /** RPs installed (1 in a dual-RP chassis makes it simplex) */
  readonly rps: Scalars['Int']['output'];
};

/** Redundancy health of a router */
export type Health =
  | 'degraded'
  | 'down'
  | 'protected';

/** Routers by redundancy health */
export type HealthCounts = {
  readonly degraded: Scalars['Int']['output'];
  readonly down: Scalars['Int']['output'];
  readonly protected: Scalars['Int']['output'];
};

/** Results with lower <= value < upper (the last bucket includes upper) */
export type HistogramBucket = {
  readonly count: Scalars['Int']['output'];
  readonly lower: Scalars['Float']['output'];
  readonly upper: Scalars['Float']['output'];
};

/** The KVM hypervisor of an RP host */
export type Hypervisor = {
  readonly guests: ReadonlyArray<IosInstance>;
  readonly kind: Scalars['String']['output'];
  readonly state: Scalars['String']['output'];
  readonly version: Scalars['String']['output'];
};

/** A fleet as an import names it */
export type ImportFleet = {
  readonly id: Scalars['ID']['output'];
  readonly name: Scalars['String']['output'];
};

/** What an inventory import did with a row */
export type ImportOutcome =
  | 'created'
  | 'refused'
  | 'unchanged'
  | 'updated';

/** What an import did with one row */
export type ImportRow = {
  /** What an update changed: fleet, serial, labels, version, redundancy */
  readonly changed: Maybe<ReadonlyArray<Scalars['String']['output']>>;
  readonly hostname: Maybe<Scalars['String']['output']>;
  readonly outcome: ImportOutcome;
  /** Why the row was refused */
  readonly reason: Maybe<Scalars['String']['output']>;
  /** CSV: the line the record starts on (the header is line 1); NetBox: the index in results */
  readonly row: Scalars['Int']['output'];
  readonly warnings: Maybe<ReadonlyArray<Scalars['String']['output']>>;
};

/** Rows of an import by outcome */
export type ImportSummary = {
  readonly created: Scalars['Int']['output'];
  readonly refused: Scalars['Int']['output'];
  readonly unchanged: Scalars['Int']['output'];
  readonly updated: Scalars['Int']['output'];
};

/** csv: header hostname,model,serial,version,redundancy,fleet,labels; netbox: the JSON of GET /api/dcim/devices/ */
export type InventoryFormat =
  | 'csv'
  | 'netbox';

/** The outcome of an inventory import */
export type InventoryImport = {
  /** Where rows that name no fleet went */
  readonly fleet: ImportFleet;
  readonly format: InventoryFormat;
  readonly rows: ReadonlyArray<ImportRow>;
  readonly summary: ImportSummary;
  /** About the file as a whole: unknown CSV columns, unmapped NetBox custom fields, a partial page */
  readonly warnings: ReadonlyArray<Scalars['String']['output']>;
};

/** An IOS instance (IOSd in a KVM guest) */
export type IosInstance = {
  readonly configVersion: Scalars['Int']['output'];
  /** libvirt domain state (RUNNING, SHUTOFF, CRASHED, …) */
  readonly domainState: Scalars['String']['output'];
  /** R0/0, R0/1 (single RP) or R1/0 (dual RP) */
  readonly name: Scalars['String']['output'];
  readonly rfState: RfState;
  /** active, standby or down, read from the RF state */
  readonly role: Scalars['String']['output'];
  readonly softwareVersion: Scalars['String']['output'];
  /** When the instance entered its RF state */
  readonly stateSince: Maybe<Scalars['DateTime']['output']>;
  readonly unit: Scalars['String']['output'];
};

export type Label = {
  readonly key: Scalars['String']['output'];
  readonly value: Scalars['String']['output'];
};

export type LabelInput = {
  readonly key: Scalars['String']['input'];
  readonly value: Scalars['String']['input'];
};

/** The Linux host of a route processor */
export type LinuxHost = {
  readonly cpuCores: Scalars['Int']['output'];
  readonly hypervisor: Hypervisor;
  readonly kernelVersion: Scalars['String']['output'];
  readonly memoryMb: Scalars['Int']['output'];
  readonly state: Scalars['String']['output'];
};

/** `redundancy force-switchover` now: accepted (Manual Swact = enabled), or why IOS refuses it */
export type ManualSwitchover = {
  readonly enabled: Scalars['Boolean']['output'];
  /** IOS's reason, e.g. Manual Swact = disabled (peer unit not yet in terminal standby state) */
  readonly reason: Maybe<Scalars['String']['output']>;
};

/** The API key that sent the request */
export type Me = {
  readonly name: Scalars['String']['output'];
  readonly role: Role;
};

export type Mutation = {
  /** Cancel a queued or running audit (a finished one is returned unchanged). Role: operator. */
  readonly cancelAudit: Audit;
  /** Cancel a queued or running forecast (a finished one is returned unchanged). Role: operator. */
  readonly cancelForecast: Forecast;
  /** Cancel a queued or running run (a finished run is returned unchanged). Role: operator. */
  readonly cancelRun: Run;
  /** Create a fleet. Role: admin. */
  readonly createFleet: Fleet;
  /** Start a forecast, as POST /api/v1/forecasts: queued, then progress by forecastProgress. Role: operator. */
  readonly createForecast: Forecast;
  /** Store a scenario (YAML or JSON source, kept verbatim). Role: operator. */
  readonly createScenario: Scenario;
  /** Delete a fleet (by id or name) and its routers. Role: admin. */
  readonly deleteFleet: Scalars['Boolean']['output'];
  /** Delete a router (by id or hostname). Role: admin. */
  readonly deleteRouter: Scalars['Boolean']['output'];
  /** Delete a run with its targets, results and timeline, as DELETE /api/v1/runs/:id; a queued or running run is cancelled first. Role: operator. */
  readonly deleteRun: Scalars['Boolean']['output'];
  /** Delete a scenario (by id or name); its runs keep their copy. Role: operator. */
  readonly deleteScenario: Scalars['Boolean']['output'];
  /** redundancy force-switchover on a router (by id or hostname), as POST /routers/:id/actions/force-switchover: the peer takes activity now, the later transitions follow (routerStateChanged). Role: operator. */
  readonly forceSwitchover: Router;
  /** Generate routers in a fleet (by id or name); answers how many were created. Role: admin. */
  readonly generateRouters: Scalars['Int']['output'];
  /** Create or update routers in bulk by hostname, as POST /fleets/:id/import: content is the CSV text or the NetBox device list as JSON text. Role: admin. */
  readonly importInventory: InventoryImport;
  /** Many routers' device output at once, as POST /observations: the items of one hostname form one atomic update of that router, a refused item refuses its router and never the others; one result per item. Role: operator. */
  readonly observe: ObservationBatch;
  /** Start a risk audit, as POST /api/v1/audits: queued, then progress by auditProgress. Role: operator. */
  readonly startAudit: Audit;
  /** Start a run, as POST /api/v1/runs: queued, then progress by runProgress. Role: operator. */
  readonly startRun: Run;
  /** Change a fleet (by id or name): give at least one of name, description, labels. Role: admin. */
  readonly updateFleet: Fleet;
  /** Move a router (by id or hostname) to another fleet, or change its serial or labels. Role: admin. */
  readonly updateRouter: Router;
  /** Replace a scenario's source (by id or name). Role: operator. */
  readonly updateScenario: Scenario;
};


export type MutationCancelAuditArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelForecastArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateFleetArgs = {
  description: InputMaybe<Scalars['String']['input']>;
  labels: InputMaybe<ReadonlyArray<LabelInput>>;
  name: Scalars['String']['input'];
};


export type MutationCreateForecastArgs = {
  input: CreateForecastInput;
};


export type MutationCreateScenarioArgs = {
  source: Scalars['String']['input'];
};


export type MutationDeleteFleetArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteRouterArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteScenarioArgs = {
  id: Scalars['ID']['input'];
};


export type MutationForceSwitchoverArgs = {
  router: Scalars['ID']['input'];
};


export type MutationGenerateRoutersArgs = {
  count: Scalars['Int']['input'];
  fleet: Scalars['ID']['input'];
  hostnamePrefix: InputMaybe<Scalars['String']['input']>;
  models: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
};


export type MutationImportInventoryArgs = {
  content: Scalars['String']['input'];
  fleet: Scalars['ID']['input'];
  format: InventoryFormat;
};


export type MutationObserveArgs = {
  items: ReadonlyArray<ObservationItemInput>;
};


export type MutationStartAuditArgs = {
  input: StartAuditInput;
};


export type MutationStartRunArgs = {
  input: StartRunInput;
};


export type MutationUpdateFleetArgs = {
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  labels: InputMaybe<ReadonlyArray<LabelInput>>;
  name: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpdateRouterArgs = {
  fleet: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  labels: InputMaybe<ReadonlyArray<LabelInput>>;
  serial: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpdateScenarioArgs = {
  id: Scalars['ID']['input'];
  source: Scalars['String']['input'];
};

/** The answer of a bulk observation */
export type ObservationBatch = {
  /** One result per item, in the order given */
  readonly items: ReadonlyArray<ObservationItemResult>;
  readonly summary: ObservationSummary;
};

/** The device output of one router, as an item of POST /observations */
export type ObservationItemInput = {
  /** The command that printed the output; when given, the output must be of that command */
  readonly command: InputMaybe<Scalars['String']['input']>;
  /** The router the output comes from (its stored hostname) */
  readonly hostname: Scalars['String']['input'];
  /** When the device printed it (ISO 8601); default: when the request arrives */
  readonly observedAt: InputMaybe<Scalars['String']['input']>;
  /** Raw output of show redundancy, show redundancy states, show version and/or show platform */
  readonly output: Scalars['String']['input'];
};

/** What a bulk observation did with one item */
export type ObservationItemResult = {
  /** applied: every stored field the router's update changed */
  readonly changes: Maybe<ReadonlyArray<ObservedChange>>;
  /** refused: VALIDATION_FAILED, CONFLICT or INVARIANT_VIOLATION */
  readonly code: Maybe<Scalars['String']['output']>;
  /** The commands found in the output; null when unreadable */
  readonly command: Maybe<Scalars['String']['output']>;
  readonly hostname: Maybe<Scalars['String']['output']>;
  /** 0-based position of the item in the request */
  readonly index: Scalars['Int']['output'];
  readonly outcome: ObservationOutcome;
  /** refused and unknown_router: why */
  readonly reason: Maybe<Scalars['String']['output']>;
};

/** applied (the router changed); unchanged; refused (see code and reason); unknown_router (no router has the hostname) */
export type ObservationOutcome =
  | 'applied'
  | 'refused'
  | 'unchanged'
  | 'unknown_router';

/** Items by outcome */
export type ObservationSummary = {
  readonly applied: Scalars['Int']['output'];
  readonly items: Scalars['Int']['output'];
  readonly refused: Scalars['Int']['output'];
  readonly unchanged: Scalars['Int']['output'];
  readonly unknownRouter: Scalars['Int']['output'];
};

/** A stored field an observation changed */
export type ObservedChange = {
  readonly after: Maybe<Scalars['JSON']['output']>;
  readonly before: Maybe<Scalars['JSON']['output']>;
  /** router, host, hypervisor, instance or esp */
  readonly entity: Scalars['String']['output'];
  readonly field: Scalars['String']['output'];
  /** hostname, slot (R0, F1) or instance (R0/1) */
  readonly key: Scalars['String']['output'];
};

/** A metric of run results (ms, or a count for switchovers) */
export type OutageMetric =
  | 'controlPlaneOutageMs'
  | 'dataPlaneOutageMs'
  | 'redundancyRestoredMs'
  | 'switchovers';

/** A power-supply bay */
export type PowerSupply = {
  /** P0 or P1 */
  readonly slot: Scalars['String']['output'];
  /** ok, failed (show platform: ps, fail) or empty */
  readonly state: Scalars['String']['output'];
};

export type Query = {
  /** A risk audit by id; null when there is none. Role: viewer. */
  readonly audit: Maybe<Audit>;
  /** Risk audits, newest first; filter by status. Role: viewer. */
  readonly audits: AuditPage;
  /** A fleet by id or name; null when there is none. Role: viewer. */
  readonly fleet: Maybe<Fleet>;
  /** Fleets by name, with router counts by health. Role: viewer. */
  readonly fleets: FleetPage;
  /** A forecast by id, with progress and (once completed) its summary; null when there is none. Role: viewer. */
  readonly forecast: Maybe<Forecast>;
  /** Availability forecasts, newest first; filter by status. Role: viewer. */
  readonly forecasts: ForecastPage;
  /** The API key that sent the request: its name and role. Role: viewer. */
  readonly me: Me;
  /** A router by id or hostname; null when there is none. Role: viewer. */
  readonly router: Maybe<Router>;
  /** Routers by hostname; limit up to 10,000. Role: viewer. */
  readonly routers: RouterPage;
  /** A run by id; null when there is none. Role: viewer. */
  readonly run: Maybe<Run>;
  /** Runs, newest first; filter by status. Role: viewer. */
  readonly runs: RunPage;
  /** A stored scenario by id or name; null when there is none. Role: viewer. */
  readonly scenario: Maybe<Scenario>;
  /** Stored scenarios by name. Role: viewer. */
  readonly scenarios: ScenarioPage;
  /** Every error of a scenario source with line and column; stores nothing. Role: viewer. */
  readonly validateScenario: ScenarioValidation;
};


export type QueryAuditArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAuditsArgs = {
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
  status: InputMaybe<ReadonlyArray<RunStatus>>;
};


export type QueryFleetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryFleetsArgs = {
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
};


export type QueryForecastArgs = {
  id: Scalars['ID']['input'];
};


export type QueryForecastsArgs = {
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
  status: InputMaybe<ReadonlyArray<RunStatus>>;
};


export type QueryRouterArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRoutersArgs = {
  filter: InputMaybe<RouterFilter>;
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
};


export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRunsArgs = {
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
  status: InputMaybe<ReadonlyArray<RunStatus>>;
};


export type QueryScenarioArgs = {
  id: Scalars['ID']['input'];
};


export type QueryScenariosArgs = {
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
};


export type QueryValidateScenarioArgs = {
  source: Scalars['String']['input'];
};

/** `show redundancy` facts beyond the RF states */
export type Redundancy = {
  readonly bootedAt: Scalars['DateTime']['output'];
  readonly lastSwitchoverReason: Scalars['String']['output'];
  readonly manualSwitchover: ManualSwitchover;
  /** null: as configured (non-redundant in simplex) */
  readonly operatingMode: Maybe<Scalars['String']['output']>;
  readonly standbyFailures: Scalars['Int']['output'];
  readonly switchovers: Scalars['Int']['output'];
};

/** RF state with the exact IOS-XE number and name (8 STANDBY HOT, 13 ACTIVE, …) */
export type RfState = {
  readonly code: Scalars['Int']['output'];
  readonly name: Scalars['String']['output'];
};

/** Role of an API key: viewer < operator < admin */
export type Role =
  | 'admin'
  | 'operator'
  | 'viewer';

export type RouteProcessor = {
  readonly host: LinuxHost;
  readonly pid: Scalars['String']['output'];
  /** R0 or R1 */
  readonly slot: Scalars['String']['output'];
};

export type Router = {
  /** The change log of the router, newest first; with entity (and entityKey, e.g. instance R0/1), only that component's rows */
  readonly changes: ChangePage;
  /** rpSlots and espSlots count the slots (REST lists their names) */
  readonly chassis: Chassis;
  readonly createdAt: Scalars['DateTime']['output'];
  readonly esps: ReadonlyArray<Esp>;
  /** Batched: one query for the fleets of a whole page */
  readonly fleet: Fleet;
  /** fresh, stale (last observed longer ago than OBSERVATION_STALE_AFTER) or never, now */
  readonly freshness: Freshness;
  /** RP/ESP generation and population */
  readonly hardware: Hardware;
  readonly health: Health;
  readonly hostname: Scalars['String']['output'];
  readonly id: Scalars['ID']['output'];
  readonly labels: ReadonlyArray<Label>;
  /** The router's most recent operator action (force-switchover) with the plan of its later transitions; null when none */
  readonly lastAction: Maybe<RouterAction>;
  readonly model: Scalars['String']['output'];
  /** When real device output of the router was last observed; null: never */
  readonly observedAt: Maybe<Scalars['DateTime']['output']>;
  /** The commands of that observation (show redundancy, show version); null: never observed */
  readonly observedCommand: Maybe<Scalars['String']['output']>;
  /** Power-supply bays */
  readonly powerSupplies: ReadonlyArray<PowerSupply>;
  readonly redundancy: Redundancy;
  /** Configured mode: sso, rpr or none */
  readonly redundancyMode: Scalars['String']['output'];
  /** Batched: one query for the trees of a whole page */
  readonly routeProcessors: ReadonlyArray<RouteProcessor>;
  readonly serial: Scalars['String']['output'];
  /** What the command prints on the router now, in IOS-XE format (as REST /show/*) */
  readonly show: Scalars['String']['output'];
  readonly softwareVersion: Scalars['String']['output'];
  /** Incremented by every change of the twin state */
  readonly stateVersion: Scalars['Int']['output'];
  readonly updatedAt: Scalars['DateTime']['output'];
};


export type RouterChangesArgs = {
  entity: InputMaybe<TwinEntity>;
  entityKey: InputMaybe<Scalars['String']['input']>;
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
};


export type RouterShowArgs = {
  command: ShowCommand;
};

/** An operator action on a router (force-switchover) and the plan of its later transitions */
export type RouterAction = {
  /** key:<name> of the API key that started it */
  readonly actor: Scalars['String']['output'];
  /** Why the rest of the plan was dropped */
  readonly cancelReason: Maybe<Scalars['String']['output']>;
  readonly finishedAt: Maybe<Scalars['DateTime']['output']>;
  readonly id: Scalars['ID']['output'];
  /** force-switchover */
  readonly kind: Scalars['String']['output'];
  /** The same in simulated ms after the action (not scaled) */
  readonly redundancyAfterMs: Maybe<Scalars['Float']['output']>;
  /** When the plan brings the router back to protected; null when no step does */
  readonly redundancyAt: Maybe<Scalars['DateTime']['output']>;
  readonly startedAt: Scalars['DateTime']['output'];
  /** pending (steps to come), completed, or cancelled (another write to the router came first) */
  readonly status: Scalars['String']['output'];
  readonly steps: ReadonlyArray<RouterActionStep>;
  /** TWIN_TIME_SCALE: factor on the wall-clock delays of the steps */
  readonly timeScale: Scalars['Float']['output'];
};

/** One later transition of an action, applied by the worker when due */
export type RouterActionStep = {
  /** Simulated ms after the action (not scaled by TWIN_TIME_SCALE) */
  readonly afterMs: Scalars['Float']['output'];
  /** Written to the stored router */
  readonly applied: Scalars['Boolean']['output'];
  /** When it is due on the wall clock */
  readonly at: Scalars['DateTime']['output'];
  /** The router's health once the step is applied */
  readonly health: Health;
  /** Index in the plan, from 0 */
  readonly step: Scalars['Int']['output'];
  /** What happens, e.g. R0/1 STANDBY HOT; health degraded → protected */
  readonly summary: Scalars['String']['output'];
};

/** Why one router of a run got its verdict */
export type RouterDiagnosis = {
  /** Set only when the verdict is error */
  readonly error: Maybe<Scalars['String']['output']>;
  /** Every expectation with its outcome, observed value and limit */
  readonly expectations: ReadonlyArray<ExpectationOutcome>;
  readonly hostname: Scalars['String']['output'];
  /** Its metrics as the report prints them (ms, or a count) */
  readonly metrics: Scalars['JSON']['output'];
  /** Operating redundancy mode it started in */
  readonly mode: Scalars['String']['output'];
  readonly model: Scalars['String']['output'];
  /** The report's routers[].start */
  readonly start: Maybe<Scalars['JSON']['output']>;
  /** Its starting state in words, as cause groups spell it */
  readonly startState: Scalars['String']['output'];
  readonly verdict: Verdict;
};

/** Every given condition must hold */
export type RouterFilter = {
  /** Fleet id or name */
  readonly fleet: InputMaybe<Scalars['String']['input']>;
  /** fresh, stale (observed longer ago than OBSERVATION_STALE_AFTER) or never observed */
  readonly freshness: InputMaybe<ReadonlyArray<Freshness>>;
  readonly health: InputMaybe<ReadonlyArray<Health>>;
  readonly labels: InputMaybe<ReadonlyArray<LabelInput>>;
  readonly models: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
  /** Hostname prefix, case-insensitive */
  readonly q: InputMaybe<Scalars['String']['input']>;
};

export type RouterPage = {
  readonly items: ReadonlyArray<Router>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

/** One router's result in the first iteration of a run */
export type RouterResult = {
  readonly controlPlaneOutageMs: Maybe<Scalars['Float']['output']>;
  readonly dataPlaneOutageMs: Maybe<Scalars['Float']['output']>;
  readonly dualActiveMs: Maybe<Scalars['Float']['output']>;
  /** Expectations that failed on it, in scenario order */
  readonly failedExpectations: ReadonlyArray<Scalars['String']['output']>;
  readonly hostname: Scalars['String']['output'];
  /** Operating redundancy mode it started in */
  readonly mode: Scalars['String']['output'];
  readonly model: Scalars['String']['output'];
  /** null: redundancy never restored within the horizon */
  readonly redundancyRestoredMs: Maybe<Scalars['Float']['output']>;
  /** Its starting state in words, as cause groups spell it */
  readonly startState: Scalars['String']['output'];
  readonly switchovers: Scalars['Int']['output'];
  readonly verdict: Verdict;
};

export type RouterResultPage = {
  readonly items: ReadonlyArray<RouterResult>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

/** A committed change of a router’s twin state */
export type RouterStateEvent = {
  readonly at: Scalars['DateTime']['output'];
  /** created, updated (twin state, health or fleet) or deleted */
  readonly change: Scalars['String']['output'];
  readonly fleetId: Scalars['ID']['output'];
  readonly health: Health;
  readonly hostname: Scalars['String']['output'];
  /** Set when the router moved to another fleet: the fleet it left */
  readonly previousFleetId: Maybe<Scalars['ID']['output']>;
  readonly routerId: Scalars['ID']['output'];
  readonly stateVersion: Scalars['Int']['output'];
};

export type Run = {
  readonly aggregate: Maybe<RunAggregate>;
  /** Results grouped by model, operating mode, starting state and failed expectation (groups with failures only): most failures first, then the purest */
  readonly causeGroups: CauseGroupPage;
  readonly createdAt: Scalars['DateTime']['output'];
  readonly createdBy: Scalars['String']['output'];
  readonly error: Maybe<Scalars['String']['output']>;
  /** Expectations that failed on routers of the first iteration, most failures first, with samples of observed value and limit */
  readonly failingExpectations: FailingExpectationPage;
  readonly finishedAt: Maybe<Scalars['DateTime']['output']>;
  /** How a metric is distributed over all results (every iteration), in equally wide buckets (1 to 100), computed in SQL */
  readonly histogram: ReadonlyArray<HistogramBucket>;
  readonly id: Scalars['ID']['output'];
  readonly iterations: Scalars['Int']['output'];
  readonly progress: RunProgress;
  /** Results of the first iteration, in router order; filter by verdict, model, mode, starting state, failed expectation and hostname part (search) */
  readonly results: RouterResultPage;
  /** Why one router got its verdict; null when the run has no result for it */
  readonly routerResult: Maybe<RouterDiagnosis>;
  /** Where a router of the run started (the report's routers[].start): operating mode, instances, hosts, ESPs, RF counters; null without a result for it */
  readonly routerStart: Maybe<Scalars['JSON']['output']>;
  /** The scenario name */
  readonly scenario: Scalars['String']['output'];
  readonly scenarioId: Maybe<Scalars['ID']['output']>;
  readonly seed: Scalars['Float']['output'];
  /** Where its routers start; each router's starting state is in the report (routers[].start) */
  readonly start: StartMode;
  readonly startedAt: Maybe<Scalars['DateTime']['output']>;
  readonly status: RunStatus;
  /** Which routers the run simulates */
  readonly target: Scalars['JSON']['output'];
  /** The timeline of the first iteration in report order */
  readonly timeline: TimelinePage;
  readonly verdict: Maybe<Verdict>;
  /** Set while the run waits through an outage of PostgreSQL or Redis */
  readonly waiting: Maybe<CampaignWaiting>;
};


export type RunCauseGroupsArgs = {
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
};


export type RunFailingExpectationsArgs = {
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
};


export type RunHistogramArgs = {
  buckets?: Scalars['Int']['input'];
  metric: OutageMetric;
};


export type RunResultsArgs = {
  expectation: InputMaybe<Scalars['String']['input']>;
  limit?: Scalars['Int']['input'];
  mode: InputMaybe<Scalars['String']['input']>;
  model: InputMaybe<Scalars['String']['input']>;
  offset?: Scalars['Int']['input'];
  search: InputMaybe<Scalars['String']['input']>;
  start: InputMaybe<Scalars['String']['input']>;
  verdict: InputMaybe<Verdict>;
};


export type RunRouterResultArgs = {
  hostname: Scalars['String']['input'];
};


export type RunRouterStartArgs = {
  hostname: Scalars['String']['input'];
};


export type RunTimelineArgs = {
  limit?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
  router: InputMaybe<Scalars['String']['input']>;
};

export type RunAggregate = {
  readonly controlPlaneOutageMs: Distribution;
  readonly dataPlaneOutageMs: Distribution;
  readonly error: Scalars['Int']['output'];
  readonly fail: Scalars['Int']['output'];
  readonly pass: Scalars['Int']['output'];
  readonly redundancyRestoredMs: Distribution;
  readonly results: Scalars['Int']['output'];
  readonly switchovers: Distribution;
};

export type RunPage = {
  readonly items: ReadonlyArray<Run>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

export type RunProgress = {
  readonly percent: Scalars['Float']['output'];
  /** Known once the run is planned */
  readonly routerCount: Maybe<Scalars['Int']['output']>;
  readonly routersDone: Scalars['Int']['output'];
  readonly shards: Maybe<Scalars['Int']['output']>;
};

/** A change of a run’s progress, as the worker publishes it */
export type RunProgressEvent = {
  /** True when the run was deleted (the last event of the run): live views drop it */
  readonly deleted: Scalars['Boolean']['output'];
  readonly routerCount: Maybe<Scalars['Int']['output']>;
  readonly routersDone: Scalars['Int']['output'];
  readonly runId: Scalars['ID']['output'];
  readonly status: RunStatus;
  readonly verdict: Maybe<Verdict>;
};

export type RunStatus =
  | 'cancelled'
  | 'completed'
  | 'failed'
  | 'queued'
  | 'running';

/** routers: explicit hostnames; the other fields form a selector over the twin */
export type RunTargetInput = {
  readonly fleet: InputMaybe<Scalars['String']['input']>;
  readonly hostnames: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
  readonly labels: InputMaybe<ReadonlyArray<LabelInput>>;
  readonly model: InputMaybe<Scalars['String']['input']>;
  readonly routers: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
};

export type Scenario = {
  readonly createdAt: Scalars['DateTime']['output'];
  readonly description: Scalars['String']['output'];
  readonly id: Scalars['ID']['output'];
  readonly name: Scalars['String']['output'];
  readonly revision: Scalars['Int']['output'];
  /** The source as stored, verbatim */
  readonly source: Scalars['String']['output'];
  readonly updatedAt: Scalars['DateTime']['output'];
};

/** created; updated (a new revision, perhaps under a new name); deleted */
export type ScenarioChange =
  | 'created'
  | 'deleted'
  | 'updated';

/** One problem of a scenario source, with its position */
export type ScenarioError = {
  /** A stable code such as unknown-fault */
  readonly code: Scalars['String']['output'];
  readonly column: Maybe<Scalars['Int']['output']>;
  readonly line: Maybe<Scalars['Int']['output']>;
  readonly message: Scalars['String']['output'];
  /** Where in the document, e.g. spec.steps[2].target */
  readonly path: Maybe<Scalars['String']['output']>;
};

/** A committed change of a stored scenario */
export type ScenarioEvent = {
  readonly at: Scalars['DateTime']['output'];
  readonly change: ScenarioChange;
  /** The scenario’s name after the change (deleted: its last name) */
  readonly name: Scalars['String']['output'];
  /** Its revision after the change (deleted: the last one) */
  readonly revision: Scalars['Int']['output'];
  readonly scenarioId: Scalars['ID']['output'];
};

export type ScenarioPage = {
  readonly items: ReadonlyArray<Scenario>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

export type ScenarioValidation = {
  readonly errors: ReadonlyArray<ScenarioError>;
  readonly valid: Scalars['Boolean']['output'];
};

/** An IOS-XE show command the twin renders */
export type ShowCommand =
  | 'platform'
  | 'redundancy'
  | 'redundancy_states'
  | 'version';

/** As POST /api/v1/audits: a selector (fleet, model, labels, hostnames), faults, thresholds, horizon, seed */
export type StartAuditInput = {
  /** Default 1000 ms */
  readonly controlPlaneOutageMs: InputMaybe<Scalars['Float']['input']>;
  /** Default 200 ms */
  readonly dataPlaneOutageMs: InputMaybe<Scalars['Float']['input']>;
  /** Default: every fault but power-loss and iosd-hang */
  readonly faults: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
  readonly fleet: InputMaybe<Scalars['String']['input']>;
  /** A duration, e.g. 1h (default) */
  readonly horizon: InputMaybe<Scalars['String']['input']>;
  readonly hostnames: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
  readonly labels: InputMaybe<ReadonlyArray<LabelInput>>;
  readonly model: InputMaybe<Scalars['String']['input']>;
  readonly seed: InputMaybe<Scalars['Float']['input']>;
  readonly shardSize: InputMaybe<Scalars['Int']['input']>;
};

/** Where a run's routers start: twin (stored routers from their stored state, embedded routers from the state their scenario declares) or healthy */
export type StartMode =
  | 'healthy'
  | 'twin';

/** As POST /api/v1/runs: exactly one of scenario (name or id) and source (YAML) */
export type StartRunInput = {
  /** As the Idempotency-Key header */
  readonly idempotencyKey: InputMaybe<Scalars['String']['input']>;
  readonly iterations: InputMaybe<Scalars['Int']['input']>;
  readonly scenario: InputMaybe<Scalars['String']['input']>;
  readonly seed: InputMaybe<Scalars['Float']['input']>;
  readonly shardSize: InputMaybe<Scalars['Int']['input']>;
  readonly source: InputMaybe<Scalars['String']['input']>;
  /** Where the routers start; default twin */
  readonly start: InputMaybe<StartMode>;
  readonly target: InputMaybe<RunTargetInput>;
};

export type Subscription = {
  /** Progress of one risk audit (auditId) or of every audit (no argument), up to its final status. Role: viewer. */
  readonly auditProgress: AuditProgressEvent;
  /** Fleets created, updated, deleted (with their routers), and routers added to a fleet (one event per insert, whatever its size): of one fleet (fleet: its id) or of every fleet. Role: viewer. */
  readonly fleetChanged: FleetEvent;
  /** Progress of one forecast (forecastId) or of every forecast (no argument), up to its final status. Role: viewer. */
  readonly forecastProgress: ForecastProgressEvent;
  /** Committed changes of twin state: of one router (routerId), of one fleet (fleet: its id; a router moving out counts too), or of every router. Role: viewer. */
  readonly routerStateChanged: RouterStateEvent;
  /** Progress of one run (runId) or of every run (no argument), up to its final status. Role: viewer. */
  readonly runProgress: RunProgressEvent;
  /** Stored scenarios created, updated or deleted: one scenario (scenario: its id) or every scenario. Role: viewer. */
  readonly scenarioChanged: ScenarioEvent;
};


export type SubscriptionAuditProgressArgs = {
  auditId: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionFleetChangedArgs = {
  fleet: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionForecastProgressArgs = {
  forecastId: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionRouterStateChangedArgs = {
  fleet: InputMaybe<Scalars['ID']['input']>;
  routerId: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionRunProgressArgs = {
  runId: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionScenarioChangedArgs = {
  scenario: InputMaybe<Scalars['ID']['input']>;
};

export type TimelineEntry = {
  readonly component: Scalars['String']['output'];
  readonly event: Scalars['String']['output'];
  readonly from: Maybe<Scalars['String']['output']>;
  readonly router: Scalars['String']['output'];
  /** Simulated time, ms */
  readonly tMs: Scalars['Float']['output'];
  readonly to: Maybe<Scalars['String']['output']>;
};

export type TimelinePage = {
  readonly items: ReadonlyArray<TimelineEntry>;
  readonly limit: Scalars['Int']['output'];
  readonly offset: Scalars['Int']['output'];
  /** How many items match, over all pages */
  readonly total: Scalars['Int']['output'];
};

/** A part of a router in its change log: the router itself, an RP host, its hypervisor, an IOS instance, an ESP */
export type TwinEntity =
  | 'esp'
  | 'host'
  | 'hypervisor'
  | 'instance'
  | 'router';

export type Verdict =
  | 'error'
  | 'fail'
  | 'pass';
