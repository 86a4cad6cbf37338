import { healthyStart, type RouterStart, type Scenario, type ScenarioStep, type StepTarget } from '@asr-twin/domain';
import { compilePlan, createFromPlan, iterationSeed, stepOnce, type ScenarioPlan, type SimState } from '@asr-twin/simulator';
import { degradedStart, type Hold } from './degraded-start.js';
import { componentsOf, drawFailures, type Component, type FailureEvent, type ForecastRouter } from './fault-draw.js';
import { attributeOutages, type Outage } from './outage-union.js';
import { FAILURE_CLASSES, type FailureClass } from './rate-catalogue.js';
import type { RateTable } from './rate-overrides.js';

/** Simulated time before the fault in each failure's simulation (as in audits): the start settles first. */
export const FAULT_LEAD_MS = 60_000;
/**
 * Simulated time after the last repair a failure's simulation still runs: room for a chassis reload, an RP boot
 * and bulk sync (minutes, domain §3), so every outage the failure causes ends inside it.
 */
export const SETTLE_MS = 3_600_000;

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

function faultTarget(c: Component): StepTarget {
  switch (c.cls) {
    case 'iosd-crash':
    case 'iosd-hang':
    case 'guest-crash':
      return { kind: 'instance', name: c.unit as 'R0/0' | 'R0/1' | 'R1/0' };
    case 'host-panic':
    case 'host-oom':
    case 'rp-hardware':
      return { kind: 'host', slot: c.unit as 'R0' | 'R1' };
    case 'esp-hardware':
      return { kind: 'esp', slot: c.unit as 'F0' | 'F1' };
    case 'psu':
    case 'power-feed':
      return { kind: 'psu', slot: c.unit as 'P0' | 'P1' };
    case 'config-sync':
      return { kind: 'standby' };
  }
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
   * repair time: it is not simulated again. Keyed by class, unit and step count.
   */
  private readonly quiet = new Set<string>();

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
    const cp: Outage[] = [];
    const dp: Outage[] = [];
    const failures = new Uint32Array(FAILURE_CLASSES.length);
    let holds: Hold[] = [];
    const stats: SimulationStats = { simulations: 0, quiet: 0, events: 0, errors: 0, firstError: null };
    events.forEach((e, k) => {
      const c = this.components[e.component] as Component;
      if (e.atMs > 0) failures[CLASS_INDEX.get(c.cls) as number] += 1;
      holds = holds.filter((h) => h.untilMs > e.atMs);
      const kind = holdKind(c);
      const already = kind !== null && holds.find((h) => h.kind === kind && h.unit === c.unit);
      const degraded = already ? null : degradedStart(this.healthy, holds);
      if (degraded !== null && unitRuns(c, degraded.start)) {
        this.simulate(e, c, kind, holds, degraded.start, degraded.repairTargets, iterationSeed(trialSeed, k), cp, dp, stats);
      }
      if (kind !== null && e.repairMs > 0) holds = mergeHold(holds, { kind, unit: c.unit, untilMs: e.atMs + e.repairMs });
    });
    const controlPlaneMs = new Float64Array(FAILURE_CLASSES.length);
    const dataPlaneMs = new Float64Array(FAILURE_CLASSES.length);
    const controlPlaneTotalMs = attributeOutages(cp, controlPlaneMs);
    const dataPlaneTotalMs = attributeOutages(dp, dataPlaneMs);
    return { controlPlaneMs, dataPlaneMs, controlPlaneTotalMs, dataPlaneTotalMs, failures, ...stats };
  }

  private simulate(
    e: FailureEvent,
    c: Component,
    kind: Hold['kind'] | null,
    holds: readonly Hold[],
    start: RouterStart,
    repairTargets: readonly (StepTarget | null)[],
    seed: number,
    cp: Outage[],
    dp: Outage[],
    stats: SimulationStats,
  ): void {
    const left = this.settings.periodMs - e.atMs;
    const steps: ScenarioStep[] = [{ kind: 'fault', atMs: FAULT_LEAD_MS, fault: this.rates[c.cls].fault, target: faultTarget(c) }];
    // A standby that cannot sync costs no outage by itself; its window matters when another failure meets it,
    // and that failure's simulation carries it. So its own simulation stops after the settling time.
    let last = kind !== null && kind !== 'sync' ? e.repairMs : 0;
    holds.forEach((h, k) => {
      const target = repairTargets[k];
      if (target) steps.push({ kind: 'action', action: 'repair', atMs: FAULT_LEAD_MS + (h.untilMs - e.atMs), target });
      last = Math.max(last, h.untilMs - e.atMs);
    });
    if (kind !== null && e.repairMs > 0) {
      const target = kind === 'sync' ? standbyOf(start) : faultTarget(c);
      if (target) steps.push({ kind: 'action', action: 'repair', atMs: FAULT_LEAD_MS + e.repairMs, target });
    }
    const horizonMs = FAULT_LEAD_MS + Math.min(left, (c.cls === 'config-sync' ? 0 : last) + SETTLE_MS);
    const inHorizon = steps.filter((s) => s.atMs < horizonMs);
    const quietKey = holds.length === 0 && this.settings.simulateEveryFailure !== true ? `${c.cls}@${c.unit}#${inHorizon.length}` : null;
    if (quietKey !== null && this.quiet.has(quietKey)) {
      stats.quiet += 1;
      return;
    }
    const scenario: Scenario = {
      apiVersion: 'asr-twin/v1',
      kind: 'Scenario',
      metadata: { name: `forecast-${c.cls}` },
      spec: { horizonMs, timing: this.settings.timing, steps: inHorizon, expect: [] },
    };
    const state = createFromPlan(scenario, this.planOf(scenario, c), { ...this.router, start }, seed, false, this.state);
    this.state = state;
    stats.simulations += 1;
    const rng = [...state.rng];
    const found = cp.length + dp.length;
    if (state.error !== null) {
      stats.errors += 1;
      stats.firstError ??= `${c.cls}@${c.unit}: ${state.error}`;
      return;
    }
    const cause = CLASS_INDEX.get(c.cls) as number;
    const offset = e.atMs - FAULT_LEAD_MS;
    const end = this.settings.periodMs;
    const add = (list: Outage[], fromSim: number, toSim: number): void => {
      const startMs = fromSim + offset;
      const endMs = Math.min(end, toSim + offset);
      if (endMs > startMs) list.push({ startMs, endMs, cause });
    };
    let cpUp = 1;
    let dpUp = 1;
    let cpFrom = 0;
    let dpFrom = 0;
    for (;;) {
      // The engine's allocation-free step: false when no event is due before the horizon.
      const done = !stepOnce(state, horizonMs);
      const t = done ? horizonMs : Math.max(state.now, FAULT_LEAD_MS);
      const cpNow = done ? 1 : state.cpUp;
      const dpNow = done ? 1 : state.dpUp;
      if (cpNow !== cpUp) {
        if (cpNow === 0) cpFrom = t;
        else add(cp, cpFrom, t);
        cpUp = cpNow;
      }
      if (dpNow !== dpUp) {
        if (dpNow === 0) dpFrom = t;
        else add(dp, dpFrom, t);
        dpUp = dpNow;
      }
      if (done) break;
    }
    stats.events += state.events;
    const drew = state.rng.some((word, k) => word !== rng[k]);
    if (quietKey !== null && !drew && state.events === inHorizon.length && cp.length + dp.length === found) this.quiet.add(quietKey);
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

function standbyOf(start: RouterStart): StepTarget | null {
  const standby = start.instances.find((i) => i.domainState === 'RUNNING' && i.rfState !== 'ACTIVE');
  return standby ? { kind: 'instance', name: standby.name } : null;
}

/** Adds a hold, or lengthens the one already on that unit (a supply and its feed hold the same bay). */
function mergeHold(holds: readonly Hold[], hold: Hold): Hold[] {
  const same = holds.find((h) => h.kind === hold.kind && h.unit === hold.unit);
  if (!same) return [...holds, hold];
  return holds.map((h) => (h === same ? { ...h, untilMs: Math.max(h.untilMs, hold.untilMs) } : h));
}
