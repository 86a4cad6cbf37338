import {
  ACTIONS,
  chassisAnatomy,
  FAULTS,
  resolveTimingDefaults,
  STEP_TARGETS,
  TIMING_KEYS,
  TIMING_PROFILE,
  isTimingOverrideKey,
  timingOverrideConflict,
  type ActionName,
  type ChassisModel,
  type FaultName,
  type Scenario,
  type ScenarioStep,
  type StepTarget,
  DEFAULT_BEHAVIOUR,
  PSU_SLOTS,
} from '@asr-twin/domain';
import type { IssuRequest } from './issu-driver.js';

/** Every fault and action, numbered: faults first, in catalogue order. */
export const OP_NAMES = [...FAULTS, ...ACTIONS] as const;
export type OpName = FaultName | ActionName;
export const OP = Object.fromEntries(OP_NAMES.map((n, i) => [n, i])) as Readonly<Record<OpName, number>>;

/** Step target kinds, numbered. */
export const TGT = { ACTIVE: 0, STANDBY: 1, ROUTER: 2, INSTANCE: 3, HOST: 4, ESP: 5, PSU: 6 } as const;
const TGT_BY_KIND: Readonly<Record<StepTarget['kind'], number>> = {
  active: TGT.ACTIVE,
  standby: TGT.STANDBY,
  router: TGT.ROUTER,
  instance: TGT.INSTANCE,
  host: TGT.HOST,
  esp: TGT.ESP,
  psu: TGT.PSU,
};

/** Which kind of component a step acts on (decides how its target resolves). */
export type StepLevel = 'instance' | 'host' | 'esp' | 'psu' | 'router';

/** A scenario step resolved against one chassis model: plain data, kept in the simulation state. */
export interface CompiledStep {
  readonly atMs: number;
  readonly op: number;
  readonly level: StepLevel;
  readonly target: number;
  /** Instance, host or ESP index for fixed targets; -1 otherwise. */
  readonly index: number;
  readonly issu: IssuRequest | null;
  /** `image-mismatch`: the release the step names, or null (the twin picks `mismatchRelease`). */
  readonly version: string | null;
}

/** A scenario compiled for one chassis model; shared by every router of that model in a batch. */
export interface ScenarioPlan {
  readonly model: ChassisModel;
  /** Anatomy facts the engine needs, looked up once per model. */
  readonly dualRp: boolean;
  readonly espCount: number;
  readonly reloadOnEspFailure: boolean;
  /** An integrated ESP's failure reloads only the ESP (`spec.behaviour.integratedEspFailure`). */
  readonly espReloadOnly: boolean;
  /** Split-brain rule (`spec.behaviour.splitBrain`): the Primary takes activity from a Secondary active. */
  readonly primaryWins: boolean;
  /** `spec.behaviour.singleRpImageIssu: refuse` (§8.6). */
  readonly singleRpIssuRefuse: boolean;
  /** A standby failing config sync is reloaded at COLD-BULK over and over (`spec.behaviour.configSyncFailure`, §8.21). */
  readonly mclReloadLoop: boolean;
  /** After a cold start F0 takes the ESP role by slot precedence (`spec.behaviour.espColdStartRole`, §8.18). */
  readonly espSlotPrecedence: boolean;
  readonly horizonMs: number;
  readonly steps: readonly CompiledStep[];
  readonly timing: readonly number[];
  readonly spread: readonly number[];
  readonly refStep: number;
  /** Why routers of this model cannot run the scenario, or null. */
  readonly error: string | null;
}

function levelOf(name: OpName, target: StepTarget['kind']): StepLevel {
  switch (name) {
    case 'host-kernel-panic':
    case 'host-oom':
    case 'rp-failure':
      return 'host';
    case 'esp-failure':
      return 'esp';
    case 'psu-failure':
      return 'psu';
    case 'power-loss':
    case 'ipc-loss':
    case 'force-switchover':
    case 'issu':
      return 'router';
    case 'reload':
      return target === 'router' ? 'router' : 'instance';
    case 'repair':
      return target === 'router' || target === 'host' || target === 'esp' || target === 'psu' ? target : 'instance';
    default:
      return 'instance';
  }
}

function describeStep(step: ScenarioStep, n: number): string {
  const name = step.kind === 'fault' ? step.fault : step.action;
  const at = step.position ? `, line ${step.position.line}:${step.position.column}` : '';
  return `step ${n} (${name} at ${step.atMs} ms${at})`;
}

function targetIndex(step: ScenarioStep, model: ChassisModel): number | string {
  const a = chassisAnatomy(model);
  const t = step.target;
  if (t.kind === 'instance') {
    const i = a.instances.findIndex((p) => p.name === t.name);
    return i >= 0 ? i : `instance ${t.name} does not exist on an ${model} (instances: ${a.instances.map((p) => p.name).join(', ')})`;
  }
  if (t.kind === 'host') {
    const i = a.rpSlots.indexOf(t.slot);
    return i >= 0 ? i : `RP/host ${t.slot} does not exist on an ${model} (RPs: ${a.rpSlots.join(', ')})`;
  }
  if (t.kind === 'esp') {
    const i = a.espSlots.indexOf(t.slot);
    return i >= 0 ? i : `ESP ${t.slot} does not exist on an ${model} (ESPs: ${a.espSlots.join(', ')})`;
  }
  if (t.kind === 'psu') {
    const i = PSU_SLOTS.indexOf(t.slot);
    return i >= 0 ? i : `power supply ${String(t.slot)} does not exist (supplies: ${PSU_SLOTS.join(', ')})`;
  }
  if (t.kind === 'standby' && step.kind === 'fault' && step.fault === 'esp-failure' && a.espSlots.length < 2) {
    return `an ${model} has no standby ESP (ESPs: ${a.espSlots.join(', ')})`;
  }
  return -1;
}

function compileStep(step: ScenarioStep, n: number, model: ChassisModel): CompiledStep | string {
  const name: OpName = step.kind === 'fault' ? step.fault : step.action;
  const rule = STEP_TARGETS[name];
  if (rule === undefined) return `${describeStep(step, n)}: unknown ${step.kind}`;
  if (!Number.isFinite(step.atMs) || step.atMs < 0) return `${describeStep(step, n)}: time must be ≥ 0 ms`;
  if (typeof step.target?.kind !== 'string') return `${describeStep(step, n)}: missing target`;
  if (!rule.allowed.includes(step.target.kind)) {
    return `${describeStep(step, n)}: target "${step.target.kind}" not allowed (allowed: ${rule.allowed.join(', ')})`;
  }
  const index = targetIndex(step, model);
  if (typeof index === 'string') return `${describeStep(step, n)}: ${index}`;
  let issu: CompiledStep['issu'] = null;
  if (step.kind === 'action' && step.action === 'issu') {
    const p = step.params;
    if (!p || typeof p.toVersion !== 'string' || p.toVersion.length === 0 || !(p.stepDelayMs >= 0)) {
      return `${describeStep(step, n)}: issu needs params.toVersion and a stepDelayMs ≥ 0`;
    }
    issu = {
      toVersion: p.toVersion,
      accept: p.accept !== false,
      stepDelayMs: p.stepDelayMs,
      method: p.method === undefined ? null : p.method,
      rpiosOnly: p.package === 'rpios',
    };
  }
  const level = levelOf(name, step.target.kind);
  const version = step.kind === 'fault' && step.params !== undefined ? step.params.version : null;
  return { atMs: step.atMs, op: OP[name], level, target: TGT_BY_KIND[step.target.kind], index, issu, version };
}

function timingError(timing: Readonly<Record<string, number>>): string | null {
  for (const [key, value] of Object.entries(timing)) {
    if (!isTimingOverrideKey(key)) return `unknown timing key "${String(key)}" (known: ${TIMING_KEYS.join(', ')})`;
    if (!Number.isFinite(value) || value < 0) return `timing ${key} must be a duration ≥ 0 ms, got ${value}`;
  }
  return timingOverrideConflict(timing);
}

/**
 * Compiles a scenario for a chassis model: steps sorted by time (then file order) with targets resolved to
 * component indices, timing bases with scenario > model > profile precedence. A problem (unknown timing key,
 * target absent on this chassis, …) is returned in `error`; it never throws for bad input.
 */
export function compilePlan(scenario: Scenario, model: ChassisModel): ScenarioPlan {
  const spec = scenario.spec;
  const bases = resolveTimingDefaults(model, spec.timing ?? {});
  const timing = TIMING_KEYS.map((k) => bases[k]);
  const spread = TIMING_KEYS.map((k) => {
    const d = TIMING_PROFILE[k].distribution;
    return d.kind === 'uniform' ? d.spread : 0;
  });
  const a = chassisAnatomy(model);
  const facts = {
    dualRp: a.rpSlots.length === 2,
    espCount: a.espSlots.length,
    reloadOnEspFailure: a.reloadOnEspFailure && (spec.behaviour?.integratedEspFailure[model] ?? 'reload-chassis') === 'reload-chassis',
    espReloadOnly: a.reloadOnEspFailure && spec.behaviour?.integratedEspFailure[model] === 'reload-esp-only',
    primaryWins: (spec.behaviour ?? DEFAULT_BEHAVIOUR).splitBrain === 'primary-wins',
    singleRpIssuRefuse: spec.behaviour?.singleRpImageIssu === 'refuse',
    mclReloadLoop: (spec.behaviour?.configSyncFailure ?? 'reload-loop') === 'reload-loop',
    espSlotPrecedence: (spec.behaviour?.espColdStartRole ?? 'F0') === 'F0',
  };
  const fail = (error: string): ScenarioPlan => ({ model, ...facts, horizonMs: 0, steps: [], timing, spread, refStep: -1, error });
  if (!Number.isFinite(spec.horizonMs) || spec.horizonMs <= 0) return fail(`horizon must be > 0 ms, got ${spec.horizonMs}`);
  const tErr = timingError(spec.timing ?? {});
  if (tErr !== null) return fail(tErr);
  const ordered = spec.steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.atMs - b.step.atMs || a.i - b.i);
  const steps: CompiledStep[] = [];
  for (const { step, i } of ordered) {
    const compiled = compileStep(step, i + 1, model);
    if (typeof compiled === 'string') return fail(compiled);
    steps.push(compiled);
  }
  const firstFault = steps.findIndex((s) => s.op < FAULTS.length);
  const refStep = firstFault >= 0 ? firstFault : steps.length > 0 ? 0 : -1;
  return { model, ...facts, horizonMs: spec.horizonMs, steps, timing, spread, refStep, error: null };
}
