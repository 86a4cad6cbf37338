import type { ChassisModel, Scenario, ScenarioRouter } from '@asr-twin/domain';
import type { ExpectationResult, RouterResult, RouterRun, TimelineEntry } from './report-types.js';
import { errorRun } from './router-result.js';
import { compilePlan, type ScenarioPlan } from './scenario-plan.js';
import type { SimState } from './sim-state.js';
import { createFromPlan, finish, routerInputError, runSeedOf } from './simulation.js';

export interface BatchOptions {
  /** Run seed; overrides `spec.seed`. Each router's PRNG seed is derived from it and the hostname. */
  readonly seed?: number;
  /** Build timelines (implied by `onTimeline`). @defaultValue false: no timeline strings are built at all. */
  readonly timeline?: boolean;
  /** Receives each router's timeline as soon as that router finishes; nothing is kept afterwards. */
  readonly onTimeline?: (hostname: string, entries: readonly TimelineEntry[]) => void;
  /**
   * Receives each router's result and expectation results as it finishes. When given, the outcome's
   * `results` and `expectations` stay empty, so memory does not grow with the batch.
   */
  readonly onRun?: (run: RouterRun) => void;
}

export interface BatchOutcome {
  /** Router results in input order (empty when `onRun` is given). */
  readonly results: RouterResult[];
  /** Expectation results, router by router in input order (empty when `onRun` is given). */
  readonly expectations: ExpectationResult[];
  /** Engine events processed over the whole batch. */
  readonly events: number;
}

/**
 * Simulates many routers through one scenario: a campaign shard. The scenario is compiled once per chassis
 * model and one simulation state is reused across routers, so there is no per-router set-up beyond
 * resetting it. Each router's result depends only on (scenario, run seed, that router): a router gives the
 * same metrics whatever batch or shard it is simulated in.
 */
export function simulateBatch(scenario: Scenario, routers: readonly ScenarioRouter[], options: BatchOptions = {}): BatchOutcome {
  const runSeed = runSeedOf(scenario, options.seed);
  const wantTimeline = options.timeline === true || options.onTimeline !== undefined;
  const plans = new Map<ChassisModel, ScenarioPlan>();
  const results: RouterResult[] = [];
  const expectations: ExpectationResult[] = [];
  let state: SimState | null = null;
  let events = 0;
  for (const router of routers) {
    let run: RouterRun;
    // A cached plan proves the model valid; the mode is checked inline (hot path).
    let plan = plans.get(router.model);
    const mode = router.redundancy;
    const bad = plan !== undefined && (mode === 'sso' || mode === 'rpr' || mode === 'none') ? null : routerInputError(router);
    if (bad !== null) {
      run = errorRun(router, bad, scenario.spec.expect);
    } else {
      if (plan === undefined) {
        plan = compilePlan(scenario, router.model);
        plans.set(router.model, plan);
      }
      state = createFromPlan(scenario, plan, router, runSeed, wantTimeline, state);
      run = finish(state);
    }
    events += run.events;
    if (options.onTimeline !== undefined && wantTimeline) options.onTimeline(router.hostname, run.timeline);
    if (options.onRun !== undefined) {
      options.onRun(run);
    } else {
      results.push(run.result);
      for (const e of run.expectations) expectations.push(e);
    }
  }
  return { results, expectations, events };
}
