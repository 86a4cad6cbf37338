import { isChassisModel, isRedundancyMode, ValidationError, type Scenario, type ScenarioRouter } from '@asr-twin/domain';
import { runUntil, stepOnce } from './engine.js';
import { routerSeed } from './prng.js';
import type { RouterRun, TimelineEntry } from './report-types.js';
import { buildRun, errorRun } from './router-result.js';
import { compilePlan, type ScenarioPlan } from './scenario-plan.js';
import { blankState, resetState } from './sim-setup.js';
import type { SimState } from './sim-state.js';

/** Run seed used when neither the options nor the scenario give one. */
export const DEFAULT_SEED = 1;

export interface SimulateOptions {
  /** Run seed; overrides `spec.seed`. @defaultValue `spec.seed ?? DEFAULT_SEED` */
  readonly seed?: number;
  /** Collect the timeline (costs strings and objects per event). @defaultValue true */
  readonly timeline?: boolean;
}

/** The run seed of a scenario run: the caller's, else the scenario's, else `DEFAULT_SEED`. */
export function runSeedOf(scenario: Scenario, seed?: number): number {
  return seed ?? scenario.spec.seed ?? DEFAULT_SEED;
}

/** Why a router cannot be simulated at all (a model or mode outside the catalogue), or null. */
export function routerInputError(router: ScenarioRouter): string | null {
  if (!isChassisModel(router.model)) return `unknown chassis model "${String(router.model)}"`;
  if (!isRedundancyMode(router.redundancy)) return `unknown redundancy mode "${String(router.redundancy)}"`;
  return null;
}

/** Starts a router's run from a compiled plan (batch path; plans are shared per chassis model). */
export function createFromPlan(
  scenario: Scenario,
  plan: ScenarioPlan,
  router: ScenarioRouter,
  runSeed: number,
  timeline: boolean,
  reuse: SimState | null = null,
): SimState {
  const seed = routerSeed(runSeed, router.hostname);
  return resetState(reuse ?? blankState(), plan, router, seed, timeline, scenario.spec.expect);
}

/**
 * Creates the state of one router's run at t = 0: plain JSON data that `advance`, `step` and `finish` move
 * forward and that `JSON.parse(JSON.stringify(state))` saves and restores exactly. The router's PRNG seed is
 * derived from (run seed, hostname), so it does not depend on other routers of the run. A step that targets
 * a component this chassis lacks (or a bad timing override) does not throw: the run finishes at once with
 * verdict `error` and the reason. Throws `ValidationError` only for a model or redundancy mode outside the
 * catalogue (the `Scenario` type excludes them).
 */
export function createSimulation(scenario: Scenario, router: ScenarioRouter, options: SimulateOptions = {}): SimState {
  const bad = routerInputError(router);
  if (bad !== null) throw new ValidationError(bad, [{ field: 'router', message: bad }]);
  const plan = compilePlan(scenario, router.model);
  return createFromPlan(scenario, plan, router, runSeedOf(scenario, options.seed), options.timeline ?? true);
}

/**
 * Processes every event due at or before `untilMs` (capped at the horizon) and moves the clock there.
 * Mutates `state` in place and returns it. Advancing in several calls gives the same result as one call.
 */
export function advance(state: SimState, untilMs: number): SimState {
  if (state.error === null) runUntil(state, untilMs);
  return state;
}

export interface StepOutcome {
  readonly state: SimState;
  /** Timeline entries this event produced (empty when the timeline is off). */
  readonly effects: readonly TimelineEntry[];
  /** No event is left before the horizon. */
  readonly done: boolean;
}

/** The functional core's single step: processes the next event (if due within the horizon). Mutates `state`. */
export function step(state: SimState): StepOutcome {
  if (state.error !== null) return { state, effects: [], done: true };
  const before = state.timeline === null ? 0 : state.timeline.length;
  const moved = stepOnce(state, state.horizonMs);
  const effects = state.timeline === null ? [] : state.timeline.slice(before);
  return { state, effects, done: !moved };
}

/** Runs to the horizon and returns the router's result, expectations, timeline and event count. */
export function finish(state: SimState): RouterRun {
  if (state.error === null) runUntil(state, state.horizonMs);
  return buildRun(state, state.expect);
}

/**
 * Simulates one router through a scenario, start to horizon. Never throws for bad input: a router that
 * cannot be simulated gets verdict `error` with the reason.
 */
export function simulateRouter(scenario: Scenario, router: ScenarioRouter, options: SimulateOptions = {}): RouterRun {
  const bad = routerInputError(router);
  if (bad !== null) return errorRun(router, bad, scenario.spec.expect);
  return finish(createSimulation(scenario, router, options));
}
