import { healthyStart, type RouterStart, type Scenario } from '@asr-twin/domain';
import { compilePlan, createFromPlan, iterationSeed, type ScenarioPlan, type SimState } from '@asr-twin/simulator';
import { degradedStart, type DegradedStart, type Hold } from './degraded-start.js';
import { collectOutages, FAULT_LEAD_MS, faultTarget, failureSteps, type Outages } from './failure-simulation.js';
import { componentsOf, drawFailures, type Component, type FailureEvent, type ForecastRouter } from './fault-draw.js';
import { attributeOutages } from './outage-union.js';
import { FAILURE_CLASSES, type FailureClass } from './rate-catalogue.js';
import type { RateTable } from './rate-overrides.js';

export interface TrialSettings {
  /** Length of the forecast period, ms. */
  readonly periodMs: number;
  /** Timing-profile overrides passed to every simulation (key → ms), as a scenario's `spec.timing`. */
  readonly timing: Readonly<Record<string, number>>;
  /** Simulate every failure, also those known quiet (same result, more work: for checking). @defaultValue false */
  readonly simulateEveryFailure?: boolean;
}

/** One trial of one router: downtime per cause over the period, and how much simulating it took. */
export interface TrialResult {
  /** Control-plane downtime per failure class (`FAILURE_CLASSES` order), ms over the period. */
  readonly controlPlaneMs: Float64Array;
  readonly dataPlaneMs: Float64Array;
  readonly controlPlaneTotalMs: number;
  readonly dataPlaneTotalMs: number;
  /** Failures that began in the period, per class. */
  readonly failures: Uint32Array;
  readonly simulations: number;
  /** Failures known to be quiet from an earlier identical simulation, not simulated again (see `RouterTrials`). */
  readonly quiet: number;
  readonly events: number;
  readonly errors: number;
  readonly firstError: string | null;
}

interface SimulationStats {
  simulations: number;
  quiet: number;
  events: number;
  errors: number;
  firstError: string | null;
}

const CLASS_INDEX = new Map<FailureClass, number>(FAILURE_CLASSES.map((c, k) => [c, k]));

function holdKind(c: Component): Hold['kind'] | null {
  if (!c.windowed) return null;
  if (c.cls === 'rp-hardware') return 'host';
  if (c.cls === 'esp-hardware') return 'esp';
  return c.cls === 'config-sync' ? 'sync' : 'psu';
}

/** Whether the failing unit exists and runs in this start (an IOSd on an RP under replacement cannot crash). */
function unitRuns(c: Component, start: RouterStart): boolean {
  const target = faultTarget(c);
  if (target.kind === 'instance') return start.instances.some((i) => i.name === target.name && i.domainState === 'RUNNING');
  if (target.kind === 'host') return start.hosts.some((h) => h.slot === target.slot && h.state === 'up');
  if (target.kind === 'standby') return start.instances.some((i) => i.domainState === 'RUNNING' && i.rfState !== 'ACTIVE');
  return true;
}

/**
 * Plays a router's trials: draws its failures over the period (`drawFailures`) and plays each one through the
 * simulator, only around the failure (never the quiet time between failures), from the router's configuration
 * with whatever is under repair at that moment missing (`degradedStart`). A simulation runs from
 * {@link FAULT_LEAD_MS} before the failure until its repairs are done and {@link SETTLE_MS} more, with a `repair`
 * step where each repair window ends, and yields the control- and data-plane outage intervals after the fault.
 * A second failure during a repair window therefore meets the missing component (the peer RP fails while the
 * first awaits replacement: the router is down until one RP returns). The intervals of all failures are united,
 * overlaps going to the failure that opened them (`attributeOutages`), and clipped to the period.
 */
export class RouterTrials {
  private readonly components: Component[];
  private readonly healthy: RouterStart;
  /** One simulation state reused for every failure (no allocation per simulation, as in the batch path). */
  private state: SimState | null = null;
  /** Compiled plans of fault-only simulations (no repair inside the horizon), which recur identically. */
  private readonly plans = new Map<string, ScenarioPlan>();
  /**
   * Failures from the healthy start whose simulation was quiet: only its own steps ran (the fault, and the repair
   * when inside the horizon), no random number was drawn and neither plane went down (a supply or its feed failing
   * while the other supply carries the router, domain §8.9). The handlers of those steps are then deterministic
   * functions of the same state that schedule nothing, so the failure is quiet at any time, with any seed and any
   * repair time: it is not simulated again. Keyed by component (class and unit) and step count.
   */
  private readonly quiet = new Set<number>();

  constructor(
    readonly router: ForecastRouter,
    readonly rates: RateTable,
    readonly settings: TrialSettings,
  ) {
    this.components = componentsOf(router, rates);
    // A forecast reads the configuration, not a stored state: every failure is played from the healthy start.
    this.healthy = healthyStart(router.model, router.redundancy, router.version, router.hardware);
  }

  run(trialSeed: number): TrialResult {
    const events = drawFailures(this.components, this.rates, this.router.spares === true, this.settings.periodMs, trialSeed);
    const out: Outages = { cp: [], dp: [] };
    const failures = new Uint32Array(FAILURE_CLASSES.length);
    let holds: Hold[] = [];
    const stats: SimulationStats = { simulations: 0, quiet: 0, events: 0, errors: 0, firstError: null };
    events.forEach((e, k) => {
      const c = this.components[e.component] as Component;
      if (e.atMs > 0) failures[CLASS_INDEX.get(c.cls) as number] += 1;
      if (holds.length > 0) holds = holds.filter((h) => h.untilMs > e.atMs);
      const kind = holdKind(c);
      const already = kind !== null && holds.find((h) => h.kind === kind && h.unit === c.unit);
      const degraded = already ? null : degradedStart(this.healthy, holds);
      if (degraded !== null && unitRuns(c, degraded.start)) {
        this.simulate(e, c, kind, holds, degraded, iterationSeed(trialSeed, k), out, stats);
      }
      if (kind !== null && e.repairMs > 0) holds = mergeHold(holds, { kind, unit: c.unit, untilMs: e.atMs + e.repairMs });
    });
    const controlPlaneMs = new Float64Array(FAILURE_CLASSES.length);
    const dataPlaneMs = new Float64Array(FAILURE_CLASSES.length);
    const controlPlaneTotalMs = attributeOutages(out.cp, controlPlaneMs);
    const dataPlaneTotalMs = attributeOutages(out.dp, dataPlaneMs);
    return { controlPlaneMs, dataPlaneMs, controlPlaneTotalMs, dataPlaneTotalMs, failures, ...stats };
  }

  private simulate(
    e: FailureEvent,
    c: Component,
    kind: Hold['kind'] | null,
    holds: readonly Hold[],
    degraded: DegradedStart,
    seed: number,
    out: Outages,
    stats: SimulationStats,
  ): void {
    const { steps, horizonMs } = failureSteps(e, c, kind, holds, degraded, this.rates[c.cls].fault, this.settings.periodMs);
    // Component and step count as one number (a component is one class on one unit; a few steps at most).
    const quietKey = holds.length === 0 && this.settings.simulateEveryFailure !== true ? e.component * 1024 + steps.length : null;
    if (quietKey !== null && this.quiet.has(quietKey)) {
      stats.quiet += 1;
      return;
    }
    const scenario: Scenario = {
      apiVersion: 'asr-twin/v1',
      kind: 'Scenario',
      metadata: { name: `forecast-${c.cls}` },
      spec: { horizonMs, timing: this.settings.timing, steps, expect: [] },
    };
    const state = createFromPlan(scenario, this.planOf(scenario, c), { ...this.router, start: degraded.start }, seed, false, this.state);
    this.state = state;
    stats.simulations += 1;
    if (state.error !== null) {
      stats.errors += 1;
      stats.firstError ??= `${c.cls}@${c.unit}: ${state.error}`;
      return;
    }
    // The generator's words before the run, kept only when the failure may prove quiet (see `quiet`).
    const rng = quietKey === null ? null : [...state.rng];
    const found = out.cp.length + out.dp.length;
    collectOutages(state, horizonMs, { offsetMs: e.atMs - FAULT_LEAD_MS, periodMs: this.settings.periodMs, cause: CLASS_INDEX.get(c.cls) as number }, out);
    stats.events += state.events;
    if (
      quietKey !== null &&
      rng !== null &&
      state.events === steps.length &&
      out.cp.length + out.dp.length === found &&
      !state.rng.some((word, k) => word !== rng[k])
    ) {
      this.quiet.add(quietKey);
    }
  }

  private planOf(scenario: Scenario, c: Component): ScenarioPlan {
    // A one-step scenario is the fault of this class on this unit, so those and the horizon name it.
    if (scenario.spec.steps.length !== 1) return compilePlan(scenario, this.router.model);
    const key = `${scenario.spec.horizonMs}|${c.cls}@${c.unit}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      plan = compilePlan(scenario, this.router.model);
      this.plans.set(key, plan);
    }
    return plan;
  }
}

/** Adds a hold, or lengthens the one already on that unit (a supply and its feed hold the same bay). */
function mergeHold(holds: readonly Hold[], hold: Hold): Hold[] {
  const same = holds.find((h) => h.kind === hold.kind && h.unit === hold.unit);
  if (!same) return [...holds, hold];
  return holds.map((h) => (h === same ? { ...h, untilMs: Math.max(h.untilMs, hold.untilMs) } : h));
}
