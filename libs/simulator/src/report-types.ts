import type { ChassisModel, DomainState, InstanceName, RfStateName, RouterStart } from '@asr-twin/domain';
import type { TimelineEntry } from './sim-state.js';

export type { TimelineEntry } from './sim-state.js';

/** Verdicts of a router, an expectation or a whole run, from best to worst: the one list every layer uses. */
export const VERDICTS = ['pass', 'fail', 'error'] as const;
/** Verdict of a router, an expectation or a whole run. */
export type Verdict = (typeof VERDICTS)[number];

/** Metrics of one router over one run, exactly as DESIGN.md "Results" defines them. Durations in ms. */
export interface RouterMetrics {
  /** Simulated time with no IOS instance in RF state ACTIVE (a hung ACTIVE counts as none), after t = 0. */
  readonly controlPlaneOutageMs: number;
  /** Simulated time with no ESP forwarding (ESP down, not packet-ready, not reprogrammed after a reset). */
  readonly dataPlaneOutageMs: number;
  /**
   * From the first fault step (or the first action step when there is no fault; t = 0 without steps) until
   * the first moment after redundancy was lost that a working ACTIVE has a STANDBY HOT peer again. `0` if it
   * was never lost, `null` if not restored within the horizon. A later loss does not move it.
   */
  readonly redundancyRestoredMs: number | null;
  /** Switchovers performed (SSO and non-SSO); refused force-switchovers do not count. */
  readonly switchovers: number;
  /** Simulated time with two instances in the ACTIVE family at once: always 0 (the invariant), measured. */
  readonly dualActiveMs: number;
  /**
   * Added to DESIGN.md's metrics (domain §8.20): simulated time after SSO switchovers during which the new ACTIVE
   * is up but its routing sessions are still re-syncing with NSF/GR neighbours' help, `protocolRecovery` (GR
   * restart-time, 120 s) from the moment it reaches ACTIVE, cut short by the next loss of activity, switchover
   * or reload, or by the horizon. The RF takeover itself is in `controlPlaneOutageMs`; non-SSO switchovers and
   * reloads restart the protocols without NSF and add nothing here. `0` without an SSO switchover.
   */
  readonly protocolRecoveryMs: number;
}

/** Role of an instance at the end of a run: holds activity, is a standby (COLD…HOT), or neither. */
export type InstanceRole = 'active' | 'standby' | 'none';

export interface FinalInstance {
  readonly name: InstanceName;
  readonly role: InstanceRole;
  readonly rfState: RfStateName;
  readonly domainState: DomainState;
  /**
   * The release the instance runs at the end (or last ran, if it is down), so that an ISSU rehearsal can assert
   * that both units run the new image (issue: `final.instances[].softwareVersion`).
   */
  readonly softwareVersion: string;
}

/** One router's entry in a report. `error` is present only when `verdict` is `error`. */
export interface RouterResult {
  readonly hostname: string;
  readonly model: ChassisModel;
  readonly verdict: Verdict;
  readonly error?: string;
  /**
   * The state the router started the run from (DESIGN.md "The twin of the real fleet"); absent only for a
   * router that could not be placed in the simulator at all (an unknown model).
   */
  readonly start?: RouterStart;
  readonly metrics: RouterMetrics;
  readonly final: { readonly instances: readonly FinalInstance[] };
}

/** One expectation evaluated on one router. `observed` is null when the metric has no value (never restored). */
export interface ExpectationResult {
  readonly router: string;
  /** Metric name (`dataPlaneOutage`, …) or invariant name (`single-active`). */
  readonly expect: string;
  readonly verdict: Verdict;
  readonly observed: number | null;
  /** Inclusive bounds (ms or count); `single-active` is `dualActiveMs` with max 0. */
  readonly limit: { readonly min: number | null; readonly max: number | null };
}

/** A run report (DESIGN.md "Results"); key order is fixed, so `JSON.stringify` is byte-stable. */
export interface Report {
  readonly scenario: string;
  readonly seed: number;
  readonly verdict: Verdict;
  readonly routers: readonly RouterResult[];
  readonly expectations: readonly ExpectationResult[];
  readonly timeline: readonly TimelineEntry[];
}

/** Everything one router's run produced. */
export interface RouterRun {
  readonly result: RouterResult;
  readonly expectations: readonly ExpectationResult[];
  /** Empty when the timeline was not requested. */
  readonly timeline: readonly TimelineEntry[];
  /** Events the engine popped (including stale ones it dropped). */
  readonly events: number;
}
