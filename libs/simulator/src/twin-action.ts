import type { Scenario, ScenarioRouter } from '@asr-twin/domain';
import { switchoverRefusal } from './action-handlers.js';
import { refresh } from './engine.js';
import { routerSeed } from './prng.js';
import type { TimelineEntry } from './report-types.js';
import { compilePlan } from './scenario-plan.js';
import { blankState, resetState } from './sim-setup.js';
import type { SimState } from './sim-state.js';
import { step } from './simulation.js';
import { snapshotRouter, type RouterSnapshot } from './snapshot.js';
import { twinStart, type TwinRouterInput } from './twin-start.js';

/** Operator actions that can be played on a stored router. */
export type TwinActionName = 'force-switchover';

/** The router's state once every event of one simulated instant has been handled. */
export interface ActionPhase {
  /** Simulated time after the action, ms. */
  readonly tMs: number;
  readonly snapshot: RouterSnapshot;
  /** What happened at this instant, in order. */
  readonly timeline: readonly TimelineEntry[];
}

export interface TwinActionOutcome {
  /** Why the router refused the action, in the words of its CLI, or null when it was accepted. */
  readonly refused: string | null;
  /** The state after each instant at which something happened, in time order; the first is at 0. Empty when refused. */
  readonly phases: readonly ActionPhase[];
  /** The whole timeline, refusal included. */
  readonly timeline: readonly TimelineEntry[];
}

export interface TwinActionOptions {
  /** Seed of the durations drawn from the timing profile (the router's own PRNG derives from it and the hostname). */
  readonly seed: number;
  /** Simulated-time bound. @defaultValue 24 h: every consequence of one action settles long before. */
  readonly horizonMs?: number;
}

const DEFAULT_HORIZON_MS = 24 * 3_600_000;
const REFUSED = 'refused: ';
/** Bound on the phases of one action: a switchover settles in a few dozen events; this only stops a runaway. */
const MAX_PHASES = 1000;

function actionScenario(action: TwinActionName, horizonMs: number): Scenario {
  return {
    apiVersion: 'asr-twin/v1',
    kind: 'Scenario',
    metadata: { name: `twin-${action}` },
    spec: { horizonMs, timing: {}, steps: [{ kind: 'action', atMs: 0, action, target: { kind: 'router' } }], expect: [] },
  };
}

/** Compiled plans of the action scenarios per chassis model, and one state reused by the refusal check. */
const REFUSAL_PLANS = new Map<string, ReturnType<typeof compilePlan>>();
let refusalState: SimState | null = null;

/**
 * Why a stored router would refuse `redundancy force-switchover` now, in the words of its CLI (`Manual Swact =
 * disabled (…)`, domain §8.3), or null when it would accept it: the check `playTwinAction` makes first, without
 * playing anything. Cheap enough for every row of a list.
 */
export function manualSwitchoverRefusal(router: TwinRouterInput): string | null {
  const model = router.state.model;
  let plan = REFUSAL_PLANS.get(model);
  if (plan === undefined) {
    plan = compilePlan(actionScenario('force-switchover', DEFAULT_HORIZON_MS), model);
    REFUSAL_PLANS.set(model, plan);
  }
  const start = twinStart(router);
  const input: ScenarioRouter = {
    hostname: router.hostname,
    model,
    redundancy: router.state.redundancyMode,
    version: start.instances[0]?.image ?? '',
    start,
    ...(router.state.hardware === undefined ? {} : { hardware: router.state.hardware }),
  };
  refusalState = resetState(refusalState ?? blankState(), plan, input, 0, false, []);
  return switchoverRefusal(refusalState);
}

function nextEventAt(s: SimState): number {
  return s.queueLength === 0 ? Number.POSITIVE_INFINITY : (s.queue[0] as number);
}

/**
 * Plays an operator action on a stored router with the engine the scenario runs use (same handlers, same timing
 * profile and model defaults, same seeded draws): the action fires at t = 0 on the router loaded from its stored
 * state (`loadStart`), then every consequence runs until nothing is left to happen. The outcome is the refusal,
 * or the router's state after each instant at which something happened.
 *
 * Played on a stored router that is in the healthy initial state, it is exactly a scenario run of that router
 * with the action at t = 0 and the same seed: same events, same times (the simulator's tests check this).
 */
export function playTwinAction(router: TwinRouterInput, action: TwinActionName, options: TwinActionOptions): TwinActionOutcome {
  const horizonMs = options.horizonMs ?? DEFAULT_HORIZON_MS;
  const model = router.state.model;
  const scenario = actionScenario(action, horizonMs);
  const plan = compilePlan(scenario, model);
  const start = twinStart(router);
  const input: ScenarioRouter = {
    hostname: router.hostname,
    model,
    redundancy: router.state.redundancyMode,
    version: start.instances[0]?.image ?? '',
    start,
    ...(router.state.hardware === undefined ? {} : { hardware: router.state.hardware }),
  };
  const s = resetState(blankState(), plan, input, routerSeed(options.seed, router.hostname), true, []);
  if (s.error !== null) throw new Error(`cannot play ${action} on ${router.hostname}: ${s.error}`);
  refresh(s);
  const phases = runPhases(s);
  const timeline = s.timeline ?? [];
  const first = timeline[0];
  if (first?.to?.startsWith(REFUSED)) return { refused: first.to.slice(REFUSED.length), phases: [], timeline };
  return { refused: null, phases, timeline };
}

function runPhases(s: SimState): ActionPhase[] {
  const phases: ActionPhase[] = [];
  let from = 0;
  while (phases.length < MAX_PHASES) {
    const outcome = step(s);
    if (outcome.done) break;
    if (nextEventAt(s) === s.now) continue;
    const timeline = (s.timeline ?? []).slice(from);
    from += timeline.length;
    if (timeline.length > 0) phases.push({ tMs: s.now, snapshot: snapshotRouter(s), timeline });
  }
  return phases;
}
