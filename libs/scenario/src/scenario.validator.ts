import {
  DEFAULT_HORIZON_MS,
  TIMING_KEYS,
  DEPRECATED_TIMING_KEYS,
  isTimingKey,
  timingOverrideConflict,
  type ChassisModel,
  type RouterSelector,
  type Scenario,
  type ScenarioRouter,
  type ScenarioSpec,
  DEFAULT_BEHAVIOUR,
  SPLIT_BRAIN_RULES,
  SINGLE_RP_IMAGE_ISSU_RULES,
  type ScenarioBehaviour,
  CHASSIS_MODELS,
  chassisAnatomy,
  INTEGRATED_ESP_FAILURE_ACTIONS,
  ESP_COLD_START_ROLES,
  type IntegratedEspFailureAction,
  CONFIG_SYNC_FAILURE_ACTIONS,
} from '@asr-twin/domain';
import type { Diagnostics } from './diagnostics.js';
import { suggestion } from './did-you-mean.js';
import { readExpectations } from './expect.validator.js';
import { at, atKey, readCount, readDuration, readEnum, readFields, readMap, readString, rootField, type Field } from './field-reader.js';
import { readBounded, readRouters, readSelector, type RoutersRead } from './routers.validator.js';
import { SCENARIO_FIELDS } from './scenario-fields.js';
import { SCENARIO_LIMITS } from './scenario-limits.js';
import { quoteValue, type SourceNode } from './source-node.js';
import { readSteps, type KnownChassis } from './steps.validator.js';

const API_VERSION = 'asr-twin/v1';
const KIND = 'Scenario';
/** `metadata.name`: lowercase letters, digits and hyphens, a letter or digit at both ends. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Validates a whole document; every problem goes to `d`, the model comes back only when there are none. */
export function validateScenarioSource(root: SourceNode, d: Diagnostics): Scenario | undefined {
  const keys = SCENARIO_FIELDS.root;
  const fields = readFields(rootField(root), { keys, required: keys, what: 'a Scenario document' }, d);
  if (fields === undefined) return undefined;
  const apiVersion = fields.apiVersion && readConstant(fields.apiVersion, API_VERSION, 'invalid-api-version', d);
  const kind = fields.kind && readConstant(fields.kind, KIND, 'invalid-kind', d);
  const metadata = fields.metadata && readMetadata(fields.metadata, d);
  const spec = fields.spec && readSpec(fields.spec, d);
  if (apiVersion === undefined || kind === undefined || metadata === undefined || spec === undefined) return undefined;
  return { apiVersion: API_VERSION, kind: KIND, metadata, spec };
}

function readConstant(f: Field, expected: string, code: 'invalid-api-version' | 'invalid-kind', d: Diagnostics): string | undefined {
  const value = readString(f, `the string ${quoteValue(expected)}`, d);
  if (value === undefined || value === expected) return value;
  const noun = code === 'invalid-kind' ? 'kind' : 'apiVersion';
  d.error(code, at(f), `unsupported ${noun} ${quoteValue(value)}; expected ${quoteValue(expected)}`);
  return undefined;
}

function readMetadata(f: Field, d: Diagnostics): Scenario['metadata'] | undefined {
  const fields = readFields(f, { keys: SCENARIO_FIELDS.metadata, required: ['name'], what: 'metadata' }, d);
  if (fields === undefined) return undefined;
  const name = fields.name && readName(fields.name, d);
  const description = fields.description && readBounded(fields.description, 0, SCENARIO_LIMITS.maxDescriptionLength, 'a description (a string)', d);
  if (name === undefined || (fields.description !== undefined && description === undefined)) return undefined;
  return description === undefined ? { name } : { name, description };
}

function readName(f: Field, d: Diagnostics): string | undefined {
  const name = readString(f, 'a slug such as iosd-crash-hot-standby', d);
  if (name === undefined || (name.length <= SCENARIO_LIMITS.maxNameLength && SLUG.test(name))) return name;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SCENARIO_LIMITS.maxNameLength);
  const hint = SLUG.test(slug) && slug !== name ? ` (did you mean "${slug}"?)` : '';
  const rule = `a name is a slug: lowercase letters, digits and hyphens, starting and ending with a letter or digit, at most ${SCENARIO_LIMITS.maxNameLength} characters`;
  d.error('invalid-name', at(f), `invalid name ${quoteValue(name)}; ${rule}${hint}`);
  return undefined;
}

const SPEC_KEYS = SCENARIO_FIELDS.spec;
type SpecFields = Partial<Record<(typeof SPEC_KEYS)[number], Field>>;

function readSpec(f: Field, d: Diagnostics): ScenarioSpec | undefined {
  const fields = readFields(f, { keys: SPEC_KEYS, what: 'spec' }, d);
  if (fields === undefined) return undefined;
  const seed = fields.seed && readCount(fields.seed, SCENARIO_LIMITS.maxSeed, 'invalid-integer', d);
  const horizonMs = fields.horizon === undefined ? DEFAULT_HORIZON_MS : readHorizon(fields.horizon, d);
  const targets = readTargets(fields, d);
  const timing = fields.timing === undefined ? {} : readTiming(fields.timing, d);
  const steps = fields.steps === undefined ? [] : readSteps(fields.steps, { horizonMs, chassis: targets.chassis }, d);
  const expect = fields.expect === undefined ? [] : readExpectations(fields.expect, d);
  const behaviour = fields.behaviour && readBehaviour(fields.behaviour, d);
  if (fields.behaviour && behaviour === undefined) return undefined;
  if (steps?.length === 0) d.warn('no-steps', atKey(fields.steps ?? f), 'the scenario has no steps, so the run only watches routers without faults');
  if ((fields.seed && seed === undefined) || horizonMs === undefined || targets.valid !== true) return undefined;
  if (timing === undefined || steps === undefined || expect === undefined) return undefined;
  return {
    ...(seed === undefined ? {} : { seed }),
    horizonMs,
    ...(targets.routers === undefined ? {} : { routers: targets.routers }),
    ...(targets.selector === undefined ? {} : { selector: targets.selector }),
    timing,
    steps,
    expect,
    ...(behaviour === undefined ? {} : { behaviour }),
  };
}

/** `spec.behaviour`: modelling choices where the sources leave room; what is not given takes its default. */
function readBehaviour(f: Field, d: Diagnostics): ScenarioBehaviour | undefined {
  const fields = readFields(f, { keys: SCENARIO_FIELDS.behaviour, what: 'behaviour' }, d);
  if (fields === undefined) return undefined;
  const splitBrain = fields.splitBrain && readEnum(fields.splitBrain, SPLIT_BRAIN_RULES, 'split-brain rule', 'unknown-behaviour', d);
  const esp = fields.integratedEspFailure && readIntegratedEspFailure(fields.integratedEspFailure, d);
  const singleRp =
    fields.singleRpImageIssu && readEnum(fields.singleRpImageIssu, SINGLE_RP_IMAGE_ISSU_RULES, 'single-RP image ISSU rule', 'unknown-behaviour', d);
  const sync =
    fields.configSyncFailure && readEnum(fields.configSyncFailure, CONFIG_SYNC_FAILURE_ACTIONS, 'config-sync failure action', 'unknown-behaviour', d);
  if ((fields.splitBrain && splitBrain === undefined) || (fields.integratedEspFailure && esp === undefined)) return undefined;
  const espRole = fields.espColdStartRole && readEnum(fields.espColdStartRole, ESP_COLD_START_ROLES, 'ESP cold-start role rule', 'unknown-behaviour', d);
  if ((fields.singleRpImageIssu && singleRp === undefined) || (fields.configSyncFailure && sync === undefined)) return undefined;
  if (fields.espColdStartRole && espRole === undefined) return undefined;
  return {
    splitBrain: splitBrain ?? DEFAULT_BEHAVIOUR.splitBrain,
    integratedEspFailure: esp ?? DEFAULT_BEHAVIOUR.integratedEspFailure,
    ...(singleRp === undefined ? {} : { singleRpImageIssu: singleRp }),
    ...(sync === undefined ? {} : { configSyncFailure: sync }),
    ...(espRole === undefined ? {} : { espColdStartRole: espRole }),
  };
}

/** `behaviour.integratedEspFailure`: chassis model (one with an integrated ESP) → `reload-chassis` | `reload-esp-only`. */
function readIntegratedEspFailure(f: Field, d: Diagnostics): ScenarioBehaviour['integratedEspFailure'] | undefined {
  const entries = readMap(f, 'chassis models with an integrated ESP to reload-chassis or reload-esp-only', d);
  if (entries === undefined) return undefined;
  const integrated = CHASSIS_MODELS.filter((m) => chassisAnatomy(m).reloadOnEspFailure);
  const out: Partial<Record<ChassisModel, IntegratedEspFailureAction>> = {};
  let valid = true;
  for (const entry of entries) {
    if (!(integrated as readonly string[]).includes(entry.key)) {
      d.error('unknown-behaviour', atKey(entry), `${quoteValue(entry.key)} is not a model with an integrated ESP; expected one of ${integrated.join(', ')}`);
      valid = false;
      continue;
    }
    const action = readEnum(entry, INTEGRATED_ESP_FAILURE_ACTIONS, 'integrated ESP failure action', 'unknown-behaviour', d);
    if (action === undefined) valid = false;
    else out[entry.key as ChassisModel] = action;
  }
  return valid ? out : undefined;
}

function readHorizon(f: Field, d: Diagnostics): number | undefined {
  const horizonMs = readDuration(f, d);
  if (horizonMs !== 0) return horizonMs;
  d.error('duration-out-of-range', at(f), 'horizon must be longer than 0; it bounds the simulated time of a run (default 1h)');
  return undefined;
}

interface Targets {
  readonly routers?: readonly ScenarioRouter[];
  readonly selector?: RouterSelector;
  /** Chassis models known now, for checking step targets. */
  readonly chassis: readonly KnownChassis[];
  /** False when routers or selector had errors (already reported). */
  readonly valid?: true;
}

/** `routers` xor `selector`, or neither (the run then names its targets). */
function readTargets(fields: SpecFields, d: Diagnostics): Targets {
  const routers = fields.routers && readRouters(fields.routers, d);
  const selector = fields.selector && readSelector(fields.selector, d);
  if (fields.routers !== undefined && fields.selector !== undefined) {
    d.error(
      'conflicting-fields',
      atKey(fields.selector),
      'spec has both routers and selector; give routers (embedded targets) or selector (routers of the twin), not both',
    );
  }
  const chassis = routers !== undefined ? chassisOfRouters(routers.models) : selectorChassis(selector);
  const valid = (routers === undefined || routers.complete) && (fields.selector === undefined || selector !== undefined);
  if (!valid || (routers !== undefined && selector !== undefined)) return { chassis };
  return {
    ...(routers === undefined ? {} : { routers: routers.routers }),
    ...(selector === undefined ? {} : { selector }),
    chassis,
    valid: true,
  };
}

function selectorChassis(selector: RouterSelector | undefined): readonly KnownChassis[] {
  return selector?.model === undefined ? [] : [{ model: selector.model, source: 'the routers the selector picks' }];
}

/** Routers grouped by model and population (ESPs and supplies installed, §8.9, §8.10). */
function chassisOfRouters(routers: RoutersRead['models']): readonly KnownChassis[] {
  const groups = new Map<string, { model: ChassisModel; esps?: number; psus?: number; rps?: number; hostnames: string[] }>();
  for (const router of routers) {
    const key = `${router.model}/${router.esps ?? ''}/${router.psus ?? ''}/${router.rps ?? ''}`;
    const group = groups.get(key) ?? { model: router.model, ...pick(router), hostnames: [] };
    group.hostnames.push(router.name);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ hostnames, ...chassis }) => {
    const shown = hostnames.length > 3 ? `${hostnames.slice(0, 3).join(', ')} and ${hostnames.length - 3} more` : hostnames.join(', ');
    return { ...chassis, source: `${hostnames.length === 1 ? 'router' : 'routers'} ${shown}` };
  });
}

function pick(router: RoutersRead['models'][number]): { esps?: number; psus?: number; rps?: number } {
  return {
    ...(router.esps === undefined ? {} : { esps: router.esps }),
    ...(router.psus === undefined ? {} : { psus: router.psus }),
    ...(router.rps === undefined ? {} : { rps: router.rps }),
  };
}

function readTiming(f: Field, d: Diagnostics): Readonly<Record<string, number>> | undefined {
  const entries = readMap(f, 'timing keys to durations (bulkSync: 5m)', d);
  if (entries === undefined) return undefined;
  const timing: Array<[string, number]> = [];
  let valid = true;
  for (const entry of entries) {
    const ms = readDuration(entry, d);
    const alias = Object.hasOwn(DEPRECATED_TIMING_KEYS, entry.key) ? DEPRECATED_TIMING_KEYS[entry.key] : undefined;
    if (!isTimingKey(entry.key) && alias === undefined) {
      d.error(
        'unknown-timing-key',
        atKey(entry),
        `unknown timing key ${quoteValue(entry.key)}; expected one of ${TIMING_KEYS.join(', ')}${suggestion(entry.key, TIMING_KEYS)}`,
      );
      valid = false;
    } else if (ms === undefined) {
      valid = false;
    } else {
      if (alias !== undefined)
        d.warn(
          'deprecated-timing-key',
          atKey(entry),
          `${entry.key} is deprecated: it is split over ${alias.join(' and ')} in the proportion of their defaults; give ${alias.join(' and ')} instead`,
        );
      timing.push([entry.key, ms]);
    }
  }
  const conflict = valid ? timingOverrideConflict(Object.fromEntries(timing)) : null;
  if (conflict !== null) {
    d.error('conflicting-fields', atKey(f), conflict);
    valid = false;
  }
  return valid ? Object.fromEntries(timing) : undefined;
}
