import {
  ACTIONS,
  FAULTS,
  ISSU_METHODS,
  ISSU_PACKAGES,
  STEP_TARGETS,
  chassisAnatomy,
  type ActionName,
  type ChassisModel,
  type FaultName,
  type ImageMismatchParams,
  type IssuParams,
  type ScenarioStep,
  type StepTarget,
} from '@asr-twin/domain';
import { childPath, type Diagnostics } from './diagnostics.js';
import { suggestion } from './did-you-mean.js';
import { formatDuration } from './duration.js';
import { at, atKey, readBoolean, readDuration, readEnum, readFields, readList, readString, type Field } from './field-reader.js';
import { readVersion } from './version.reader.js';
import { SCENARIO_DEFAULTS, SCENARIO_FIELDS } from './scenario-fields.js';
import { quoteValue } from './source-node.js';
import { componentsOf, describeKinds, describeTarget, existsOn, parseTarget, TARGET_NAMES, targetOfKind } from './step-target.js';

/** A chassis model the steps will run on, known at parse time, and who brings it (for messages). */
export interface KnownChassis {
  readonly model: ChassisModel;
  /** `router edge-1`, `routers edge-1, edge-2`, `the selector's model`. */
  readonly source: string;
  /** ESPs and power supplies the routers have installed (§8.9, §8.10); absent: every slot of the chassis. */
  readonly esps?: number;
  readonly psus?: number;
  readonly rps?: number;
}

export interface StepContext {
  /** The horizon, when valid: every step fires before it. */
  readonly horizonMs: number | undefined;
  /** Targets naming an instance, host or ESP are checked against each of these. */
  readonly chassis: readonly KnownChassis[];
}

type StepWhat = { readonly kind: 'fault'; readonly fault: FaultName } | { readonly kind: 'action'; readonly action: ActionName };

const PARAM_HINT = '; it belongs under params: (for action issu)';

/** `spec.steps`, in file order, with default targets applied. */
export function readSteps(f: Field, ctx: StepContext, d: Diagnostics): readonly ScenarioStep[] | undefined {
  const items = readList(f, 'steps (at, fault or action, target)', d);
  if (items === undefined) return undefined;
  const steps = items.map((item) => readStep(item, ctx, d));
  return steps.every((s) => s !== undefined) ? (steps as ScenarioStep[]) : undefined;
}

function readStep(f: Field, ctx: StepContext, d: Diagnostics): ScenarioStep | undefined {
  const keys = SCENARIO_FIELDS.step;
  const hints = { toVersion: PARAM_HINT, accept: PARAM_HINT, stepDelay: PARAM_HINT };
  const fields = readFields(f, { keys, required: ['at'], hints, what: 'a step' }, d);
  if (fields === undefined) return undefined;
  const atMs = fields.at && readAt(fields.at, ctx, d);
  const what = readWhat(f, fields.fault, fields.action, d);
  const target = readStepTarget(f, fields.target, what, ctx, d);
  const params = readParams(f, fields.params, what, d);
  if (atMs === undefined || what === undefined || target === undefined || params === undefined) return undefined;
  const base = { atMs, target, ...(f.node.pos === undefined ? {} : { position: f.node.pos }) };
  if (what.kind === 'fault') {
    return params === 'none' || 'toVersion' in params ? { kind: 'fault', fault: what.fault, ...base } : { kind: 'fault', fault: what.fault, params, ...base };
  }
  if (what.action === 'issu') return params === 'none' || !('toVersion' in params) ? undefined : { kind: 'action', action: 'issu', params, ...base };
  return { kind: 'action', action: what.action, ...base };
}

function readAt(f: Field, ctx: StepContext, d: Diagnostics): number | undefined {
  const atMs = readDuration(f, d);
  if (atMs === undefined || ctx.horizonMs === undefined || atMs < ctx.horizonMs) return atMs;
  const message = `step at ${formatDuration(atMs)} is not before the horizon ${formatDuration(ctx.horizonMs)}; steps fire at 0 ≤ at < horizon (raise spec.horizon or move the step)`;
  d.error('step-beyond-horizon', at(f), message);
  return undefined;
}

/** Exactly one of `fault` and `action`. */
function readWhat(step: Field, fault: Field | undefined, action: Field | undefined, d: Diagnostics): StepWhat | undefined {
  const faultName = fault && readEnum(fault, FAULTS, 'fault', 'unknown-fault', d);
  const actionName = action && readEnum(action, ACTIONS, 'action', 'unknown-action', d);
  if (fault !== undefined && action !== undefined) {
    d.error('conflicting-fields', atKey(action), 'a step has a fault or an action, not both; split it into two steps');
    return undefined;
  }
  if (fault === undefined && action === undefined) {
    const where = { ...atKey(step), path: childPath(step.path, 'fault') };
    d.error('missing-field', where, `a step needs fault (what breaks: ${FAULTS[0]}, …) or action (what an operator does: ${ACTIONS[0]}, …); found neither`);
    return undefined;
  }
  if (faultName !== undefined) return { kind: 'fault', fault: faultName };
  return actionName === undefined ? undefined : { kind: 'action', action: actionName };
}

function nameOf(what: StepWhat): FaultName | ActionName {
  return what.kind === 'fault' ? what.fault : what.action;
}

function readStepTarget(step: Field, f: Field | undefined, what: StepWhat | undefined, ctx: StepContext, d: Diagnostics): StepTarget | undefined {
  const rule = what && STEP_TARGETS[nameOf(what)];
  if (f === undefined) {
    const target = rule && targetOfKind(rule.defaultTarget);
    if (rule !== undefined && target === undefined && what !== undefined) {
      d.error(
        'missing-field',
        { ...atKey(step), path: childPath(step.path, 'target') },
        `${what.kind} ${nameOf(what)} needs a target: ${describeKinds(rule.allowed)}`,
      );
    }
    return target;
  }
  const text = readString(f, `a target: ${describeKinds(['active', 'standby', 'router', 'instance', 'host', 'esp', 'psu'])}`, d);
  if (text === undefined) return undefined;
  const target = parseTarget(text);
  if (target === undefined) {
    d.error(
      'invalid-target',
      at(f),
      `unknown target ${quoteValue(text)}; expected ${describeKinds(['active', 'standby', 'router', 'instance', 'host', 'esp', 'psu'])}${suggestion(text, TARGET_NAMES)}`,
    );
    return undefined;
  }
  if (rule === undefined || what === undefined) return undefined;
  if (!rule.allowed.includes(target.kind)) {
    d.error('target-not-allowed', at(f), `${what.kind} ${nameOf(what)} cannot target ${describeTarget(target)}; it targets ${describeKinds(rule.allowed)}`);
    return undefined;
  }
  return existsOnAll(target, f, ctx, d) ? target : undefined;
}

/** Reports each known chassis the named component is missing from. */
function existsOnAll(target: StepTarget, f: Field, ctx: StepContext, d: Diagnostics): boolean {
  let ok = true;
  for (const chassis of ctx.chassis) {
    const anatomy = chassisAnatomy(chassis.model);
    if (existsOn(target, anatomy, chassis)) continue;
    ok = false;
    d.error(
      'target-not-on-chassis',
      at(f),
      `${describeTarget(target)} does not exist on ${chassis.source} (${chassis.model} has ${componentsOf(target, anatomy, chassis)})`,
    );
  }
  return ok;
}

/**
 * Parameters: ISSU's for `issu`, the release for `image-mismatch` (optional); `'none'` for every other step, which
 * must not have any.
 */
function readParams(step: Field, f: Field | undefined, what: StepWhat | undefined, d: Diagnostics): IssuParams | ImageMismatchParams | 'none' | undefined {
  if (what === undefined) return undefined;
  const isIssu = what.kind === 'action' && what.action === 'issu';
  if (what.kind === 'fault' && what.fault === 'image-mismatch' && f !== undefined) return readMismatchParams(f, d);
  if (!isIssu) {
    if (f === undefined) return 'none';
    d.error('field-not-allowed', atKey(f), `params are only for action issu and fault image-mismatch; ${what.kind} ${nameOf(what)} takes none`);
    return undefined;
  }
  if (f === undefined) {
    d.error(
      'missing-field',
      { ...atKey(step), path: childPath(step.path, 'params') },
      'action issu needs params with toVersion, the IOS-XE version to upgrade to (e.g. params: { toVersion: 17.6.5 })',
    );
    return undefined;
  }
  const fields = readFields(f, { keys: SCENARIO_FIELDS.issuParams, required: ['toVersion'], what: 'issu params' }, d);
  if (fields === undefined) return undefined;
  const toVersion = fields.toVersion && readVersion(fields.toVersion, d);
  const accept = fields.accept === undefined ? true : readBoolean(fields.accept, d);
  const stepDelayMs = fields.stepDelay === undefined ? SCENARIO_DEFAULTS.issuStepDelayMs : readDuration(fields.stepDelay, d);
  const method = fields.method && readEnum(fields.method, ISSU_METHODS, 'ISSU command set', 'unknown-issu-option', d);
  const pkg = fields.package && readEnum(fields.package, ISSU_PACKAGES, 'ISSU package', 'unknown-issu-option', d);
  if (toVersion === undefined || accept === undefined || stepDelayMs === undefined) return undefined;
  if ((fields.method && method === undefined) || (fields.package && pkg === undefined)) return undefined;
  return { toVersion, accept, stepDelayMs, ...(method === undefined ? {} : { method }), ...(pkg === undefined ? {} : { package: pkg }) };
}

/** `image-mismatch` params: `version`, the real release the unit is given (domain §8.12). */
function readMismatchParams(f: Field, d: Diagnostics): ImageMismatchParams | undefined {
  const fields = readFields(f, { keys: SCENARIO_FIELDS.imageMismatchParams, required: ['version'], what: 'image-mismatch params' }, d);
  const version = fields?.version && readVersion(fields.version, d);
  return version === undefined ? undefined : { version };
}
