import fc from 'fast-check';
import { expect } from 'vitest';
import {
  ACTIONS,
  CHASSIS_MODELS,
  chassisAnatomy,
  DEFAULT_HORIZON_MS,
  FAULTS,
  resolveTimingDefaults,
  STEP_TARGETS,
  TIMING_PROFILE,
  type ActionName,
  type ChassisModel,
  type EspSlot,
  type Expectation,
  type FaultName,
  type InstanceName,
  type IssuParams,
  type RedundancyMode,
  type RpSlot,
  type Scenario,
  type ScenarioRouter,
  type ScenarioStep,
  type StepTarget,
  type TimingKey,
  derivedOperatingMode,
  RF,
  rfStateName,
  startProblems,
  type DomainState,
  type EspState,
  type HostState,
  type RfStateCode,
  type RouterStart,
} from '@asr-twin/domain';
import type { RouterRun, TimelineEntry } from './report-types.js';

/** Test helpers: build parsed `Scenario` objects in TypeScript (no YAML parser here). */

export const SEC = 1000;
export const MIN = 60_000;

export const target = {
  active: { kind: 'active' } as StepTarget,
  standby: { kind: 'standby' } as StepTarget,
  router: { kind: 'router' } as StepTarget,
  instance: (name: InstanceName): StepTarget => ({ kind: 'instance', name }),
  host: (slot: RpSlot): StepTarget => ({ kind: 'host', slot }),
  esp: (slot: EspSlot): StepTarget => ({ kind: 'esp', slot }),
  psu: (slot: 'P0' | 'P1'): StepTarget => ({ kind: 'psu', slot }),
};

function defaultTarget(name: FaultName | ActionName): StepTarget {
  // A supply has no role to default to: tests fail P1, the bay of the §8.9 capture.
  if (STEP_TARGETS[name].defaultTarget === 'psu') return { kind: 'psu', slot: 'P1' };
  return { kind: STEP_TARGETS[name].defaultTarget } as StepTarget;
}

export function fault(atMs: number, name: FaultName, on?: StepTarget): ScenarioStep {
  return { kind: 'fault', atMs, fault: name, target: on ?? defaultTarget(name) };
}

export function action(atMs: number, name: Exclude<ActionName, 'issu'>, on?: StepTarget): ScenarioStep {
  return { kind: 'action', atMs, action: name, target: on ?? defaultTarget(name) };
}

export function issu(atMs: number, params: Partial<IssuParams> & { toVersion: string }): ScenarioStep {
  return {
    kind: 'action',
    atMs,
    action: 'issu',
    target: { kind: 'router' },
    params: { accept: true, stepDelayMs: 60_000, ...params },
  };
}

export function router(hostname: string, model: ChassisModel, redundancy: RedundancyMode = 'sso', version = '17.3.4a'): ScenarioRouter {
  return { hostname, model, redundancy, version };
}

export interface ScenarioInput {
  readonly name?: string;
  readonly seed?: number;
  readonly horizonMs?: number;
  readonly routers?: readonly ScenarioRouter[];
  readonly timing?: Readonly<Record<string, number>>;
  readonly steps?: readonly ScenarioStep[];
  readonly expect?: readonly Expectation[];
  readonly behaviour?: Scenario['spec']['behaviour'];
}

export function scenario(input: ScenarioInput = {}): Scenario {
  return {
    apiVersion: 'asr-twin/v1',
    kind: 'Scenario',
    metadata: { name: input.name ?? 'test' },
    spec: {
      ...(input.seed === undefined ? {} : { seed: input.seed }),
      horizonMs: input.horizonMs ?? DEFAULT_HORIZON_MS,
      ...(input.routers === undefined ? {} : { routers: input.routers }),
      timing: input.timing ?? {},
      steps: input.steps ?? [],
      expect: input.expect ?? [],
      ...(input.behaviour === undefined ? {} : { behaviour: input.behaviour }),
    },
  };
}

/**
 * Bounds of the sum of the draws of `keys` for a chassis model: each key drawn in
 * [base × (1 − spread), base × (1 + spread)] (rounded), base = scenario override > model default > profile.
 */
export function drawBounds(model: ChassisModel, keys: readonly TimingKey[], overrides: Record<string, number> = {}): [number, number] {
  const bases = resolveTimingDefaults(model, overrides);
  let lo = 0;
  let hi = 0;
  for (const key of keys) {
    const d = TIMING_PROFILE[key].distribution;
    const spread = d.kind === 'uniform' ? d.spread : 0;
    lo += Math.floor(bases[key] * (1 - spread));
    hi += Math.ceil(bases[key] * (1 + spread));
  }
  return [lo, hi];
}

/** Seeds used by multi-seed physics checks: a golden must hold for every one of them. */
export const SEEDS = [1, 7, 42, 1234, 99_999] as const;

/** Timeline entries of one component (and optionally one event kind), in order. */
export function entriesOf(run: RouterRun, component: string, event?: string): TimelineEntry[] {
  return run.timeline.filter((e) => e.component === component && (event === undefined || e.event === event));
}

/** RF states an instance entered, in order (from the timeline). */
export function rfPath(run: RouterRun, instance: string): string[] {
  return entriesOf(run, instance, 'rf-state').map((e) => e.to as string);
}

/** Time of the first timeline entry matching, or throws (a test expecting it then fails clearly). */
export function firstAt(run: RouterRun, match: (e: TimelineEntry) => boolean): number {
  const hit = run.timeline.find(match);
  if (hit === undefined) throw new Error('expected timeline entry not found');
  return hit.tMs;
}

export function expectWithin(value: number | null, [lo, hi]: readonly [number, number]): void {
  expect(value).not.toBeNull();
  expect(value as number).toBeGreaterThanOrEqual(lo);
  expect(value as number).toBeLessThanOrEqual(hi);
}

const VERSIONS = ['17.6.1', '17.9.4'] as const;

function stepArbitrary(model: ChassisModel, horizonMs: number): fc.Arbitrary<ScenarioStep> {
  const a = chassisAnatomy(model);
  const names = [...FAULTS, ...ACTIONS] as (FaultName | ActionName)[];
  return fc
    .record({ name: fc.constantFrom(...names), atMs: fc.integer({ min: 0, max: horizonMs }), pick: fc.nat(), issuPick: fc.nat() })
    .map(({ name, atMs, pick, issuPick }): ScenarioStep => {
      const allowed = STEP_TARGETS[name].allowed;
      let kind = allowed[pick % allowed.length] as StepTarget['kind'];
      if (name === 'esp-failure' && kind === 'standby' && a.espSlots.length < 2) kind = 'active';
      const on: StepTarget =
        kind === 'instance'
          ? { kind, name: a.instances[pick % 2]?.name as InstanceName }
          : kind === 'host'
            ? { kind, slot: a.rpSlots[pick % a.rpSlots.length] as RpSlot }
            : kind === 'esp'
              ? { kind, slot: a.espSlots[pick % a.espSlots.length] as EspSlot }
              : kind === 'psu'
                ? { kind, slot: pick % 2 === 0 ? 'P0' : 'P1' }
                : { kind };
      if (name === 'issu') {
        return {
          kind: 'action',
          atMs,
          action: 'issu',
          target: on,
          params: { toVersion: VERSIONS[issuPick % 2] as string, accept: issuPick % 3 !== 0, stepDelayMs: (issuPick % 5) * MIN },
        };
      }
      return (FAULTS as readonly string[]).includes(name)
        ? { kind: 'fault', atMs, fault: name as FaultName, target: on }
        : { kind: 'action', atMs, action: name as Exclude<ActionName, 'issu'>, target: on };
    });
}

/** A random but valid (model, mode, scenario, seed): any fault/action sequence on targets the chassis has. */
export function runArbitrary(maxSteps = 12): fc.Arbitrary<{ scenario: Scenario; router: ScenarioRouter; seed: number }> {
  return fc
    .record({
      model: fc.constantFrom(...CHASSIS_MODELS),
      mode: fc.constantFrom('sso', 'rpr', 'none') as fc.Arbitrary<RedundancyMode>,
      horizonMs: fc.integer({ min: 1, max: 3 * 60 }).map((m) => m * MIN),
      seed: fc.integer(),
      fastBoot: fc.boolean(),
    })
    .chain(({ model, mode, horizonMs, seed, fastBoot }) =>
      fc
        .record({
          steps: fc.array(stepArbitrary(model, horizonMs), { maxLength: maxSteps }),
          start: fc.option(startArbitrary(model, mode)),
          hardware: fc.option(hardwareArbitrary(model)),
        })
        .map(({ steps, start, hardware }) => ({
          scenario: scenario({ horizonMs, steps, timing: fastBoot ? { iosBoot: 5 * SEC, bulkSync: 35 * SEC, chassisReload: 90 * SEC } : {} }),
          // A declared start lists the population itself; a healthy router may hold fewer RPs, ESPs or supplies (§8.9, §8.10).
          router:
            start !== null
              ? { ...router('prop', model, mode), start }
              : hardware !== null
                ? { ...router('prop', model, mode), hardware }
                : router('prop', model, mode),
          seed,
        })),
    );
}

/** RPs, ESPs and supplies a router of `model` may hold (domain §8.9, §8.10). */
function hardwareArbitrary(model: ChassisModel): fc.Arbitrary<{ rps: number; esps: number; psus: number }> {
  const a = chassisAnatomy(model);
  return fc.record({
    rps: fc.integer({ min: 1, max: a.rpSlots.length }),
    esps: fc.integer({ min: 1, max: a.espSlots.length }),
    psus: fc.integer({ min: 1, max: 2 }),
  });
}

const START_RF: readonly RfStateCode[] = [RF.DISABLED, RF.NEGOTIATION, RF.STANDBY_COLD, RF.STANDBY_COLD_BULK, RF.STANDBY_HOT, RF.ACTIVE_FAST, RF.ACTIVE];

/** Possible starting states of a router (`startProblems` finds nothing), unhealthy ones included. */
export function startArbitrary(model: ChassisModel, mode: RedundancyMode): fc.Arbitrary<RouterStart> {
  const anatomy = chassisAnatomy(model);
  return fc
    .record({
      weaker: fc.boolean(),
      rf: fc.tuple(fc.constantFrom(...START_RF), fc.constantFrom(...START_RF)),
      images: fc.tuple(fc.constantFrom('17.3.4a', '17.6.5'), fc.constantFrom('17.3.4a', '17.6.5')),
      sync: fc.tuple(fc.boolean(), fc.boolean()),
      hosts: fc.tuple(fc.constantFrom<HostState>('up', 'up', 'down', 'panicked'), fc.constantFrom<HostState>('up', 'up', 'down')),
      esps: fc.tuple(fc.constantFrom<EspState>('ok', 'ok', 'failed', 'init'), fc.constantFrom<EspState>('ok', 'failed')),
      switchovers: fc.nat(5),
    })
    .map(({ weaker, rf, images, sync, hosts, esps, switchovers }): RouterStart => {
      const instances = anatomy.instances.map((p, k) => ({
        name: p.name,
        rfState: rfStateName(rf[k] as RfStateCode),
        domainState: ((rf[k] as number) > RF.DISABLED ? 'RUNNING' : 'SHUTOFF') as DomainState,
        image: images[k] as string,
        configSyncFailure: sync[k] as boolean,
      }));
      const hostList = anatomy.rpSlots.map((slot, k) => ({ slot, state: hosts[k] as HostState }));
      const derived = derivedOperatingMode(mode, instances, hostList);
      const forwarder = rf.some((c) => c === RF.ACTIVE) ? anatomy.espSlots.findIndex((_, k) => esps[k] === 'ok') : -1;
      return {
        operatingMode: weaker && derived === 'sso' ? 'rpr' : derived,
        instances,
        hosts: hostList,
        esps: anatomy.espSlots.map((slot, k) => ({ slot, state: esps[k] as EspState, forwarding: k === forwarder })),
        counters: { switchovers, standbyFailures: 0, lastSwitchoverReason: switchovers > 0 ? 'active unit failed' : 'none' },
      };
    })
    .filter((start) => startProblems(model, mode, start).length === 0);
}
