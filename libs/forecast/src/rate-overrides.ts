import { CHASSIS_MODELS, ValidationError, type ChassisModel, type FieldIssue } from '@asr-twin/domain';
import {
  DEFAULT_RATES,
  FAILURE_CLASSES,
  FIT_HOURS,
  isFailureClass,
  REPAIR_DISTRIBUTIONS,
  type FailureClass,
  type RateSpec,
  type RepairDistribution,
} from './rate-catalogue.js';

/**
 * A change to one class's figures. `mtbfHours` and `fit` say the same thing (MTBF = 10^9 / FIT); give one.
 * `fit: 0` switches the class off (it never fails).
 */
export interface RateOverride {
  readonly mtbfHours?: number;
  readonly fit?: number;
  readonly mttrHours?: number;
  /** `replace` classes only. */
  readonly mttrNoSparesHours?: number;
  readonly repairDistribution?: RepairDistribution;
}

export type RateOverrides = Readonly<Partial<Record<FailureClass, RateOverride>>>;

/** Every class resolved for one router. */
export type RateTable = Readonly<Record<FailureClass, RateSpec>>;

/**
 * Where overrides come from. Precedence, strongest first: request > fleet > model > default (issue #18): a figure
 * the request gives wins over the fleet's, which wins over a per-model figure, which wins over the catalogue.
 */
export interface RateLayers {
  readonly models?: Readonly<Partial<Record<ChassisModel, RateOverrides>>>;
  readonly fleet?: RateOverrides;
  readonly request?: RateOverrides;
}

const FIELDS = ['mtbfHours', 'fit', 'mttrHours', 'mttrNoSparesHours', 'repairDistribution'] as const;

/**
 * The object with its keys in `order` (classes in catalogue order, fields in `FIELDS` order) whatever the input's
 * order: the same overrides give the same report bytes, also when a stored request comes back with its keys moved.
 */
function ordered<T extends object>(value: T, order: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const key of order) if ((value as Record<string, unknown>)[key] !== undefined) out[key] = (value as Record<string, unknown>)[key];
  return out as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkOverride(key: FailureClass, raw: unknown, at: string, issues: FieldIssue[]): RateOverride | null {
  if (!isRecord(raw)) {
    issues.push({ field: at, message: `${at} must be an object of ${FIELDS.join(', ')}` });
    return null;
  }
  const spec = DEFAULT_RATES[key];
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(raw)) {
    const path = `${at}.${field}`;
    if (!(FIELDS as readonly string[]).includes(field)) {
      issues.push({ field: path, message: `unknown field "${field}" in ${at}; expected ${FIELDS.join(', ')}` });
    } else if (field === 'repairDistribution') {
      if ((REPAIR_DISTRIBUTIONS as readonly unknown[]).includes(value)) out[field] = value;
      else issues.push({ field: path, message: `${path} must be ${REPAIR_DISTRIBUTIONS.join(' or ')}; found ${JSON.stringify(value)}` });
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (value === 0 && field !== 'fit')) {
      const bound = field === 'fit' ? '0 or more' : 'greater than 0';
      issues.push({ field: path, message: `${path} must be a number ${bound}; found ${JSON.stringify(value)}` });
    } else if ((field === 'mttrHours' || field === 'mttrNoSparesHours') && spec.repair === 'automatic') {
      issues.push({ field: path, message: `${path} does not apply: ${key} is recovered automatically by the simulator` });
    } else if (field === 'mttrNoSparesHours' && spec.repair !== 'replace') {
      issues.push({ field: path, message: `${path} does not apply: ${key} is not repaired by replacing hardware` });
    } else {
      out[field] = value;
    }
  }
  if (out['mtbfHours'] !== undefined && out['fit'] !== undefined) {
    issues.push({ field: at, message: `${at} gives both mtbfHours and fit; give one (MTBF hours = 10^9 / FIT)` });
  }
  return ordered(out, FIELDS) as RateOverride;
}

function collect(raw: unknown, at: string, issues: FieldIssue[]): RateOverrides {
  if (!isRecord(raw)) {
    issues.push({ field: at, message: `${at} must be an object keyed by failure class (${FAILURE_CLASSES.join(', ')})` });
    return {};
  }
  const out: Partial<Record<FailureClass, RateOverride>> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isFailureClass(key)) {
      issues.push({ field: `${at}.${key}`, message: `unknown failure class "${key}" in ${at}; expected one of ${FAILURE_CLASSES.join(', ')}` });
      continue;
    }
    const override = checkOverride(key, value, `${at}.${key}`, issues);
    if (override) out[key] = override;
  }
  return ordered(out, FAILURE_CLASSES);
}

function fail(issues: readonly FieldIssue[]): never {
  const first = issues[0] as FieldIssue;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new ValidationError(`${first.message}${more}`, issues);
}

/**
 * Validates rate overrides (`{ "esp-hardware": { "mtbfHours": 150000 } }`); `at` prefixes every error path.
 * Throws `ValidationError` naming each bad key: unknown classes or fields, non-positive figures, both MTBF and
 * FIT, repair times for a class the simulator recovers by itself.
 */
export function parseRateOverrides(raw: unknown, at = 'rates'): RateOverrides {
  const issues: FieldIssue[] = [];
  const out = collect(raw, at, issues);
  if (issues.length > 0) fail(issues);
  return out;
}

/** Validates per-model overrides (`{ ASR1006: { psu: { mtbfHours: 250000 } } }`). */
export function parseModelRates(raw: unknown, at = 'models'): Readonly<Partial<Record<ChassisModel, RateOverrides>>> {
  const issues: FieldIssue[] = [];
  const out: Partial<Record<ChassisModel, RateOverrides>> = {};
  if (!isRecord(raw)) {
    issues.push({ field: at, message: `${at} must be an object keyed by chassis model` });
  } else {
    for (const [model, value] of Object.entries(raw)) {
      if (!(CHASSIS_MODELS as readonly string[]).includes(model)) {
        issues.push({ field: `${at}.${model}`, message: `unknown chassis model "${model}" in ${at}; expected one of ${CHASSIS_MODELS.join(', ')}` });
      } else {
        out[model as ChassisModel] = collect(value, `${at}.${model}`, issues);
      }
    }
  }
  if (issues.length > 0) fail(issues);
  return out;
}

function applyOne(spec: RateSpec, o: RateOverride, origin: string): RateSpec {
  const mtbfHours = o.fit !== undefined ? (o.fit === 0 ? Infinity : FIT_HOURS / o.fit) : (o.mtbfHours ?? spec.mtbfHours);
  const mttrHours = o.mttrHours ?? spec.mttrHours;
  const noSpares = spec.repair === 'replace' ? (o.mttrNoSparesHours ?? spec.mttrNoSparesHours) : mttrHours;
  const changed = FIELDS.filter((f) => o[f] !== undefined);
  return {
    ...spec,
    mtbfHours,
    mttrHours,
    mttrNoSparesHours: noSpares,
    repairDistribution: o.repairDistribution ?? spec.repairDistribution,
    source: `${origin} override (${changed.join(', ')}); catalogue: ${spec.source}`,
    // Only the figures the override gives stop being illustrative; the others keep the catalogue's flag.
    illustrative: spec.illustrative && !(changed.includes('mtbfHours') || changed.includes('fit')),
  };
}

/** The table with `overrides` applied; `origin` names the layer in each changed class's `source`. */
export function applyRateOverrides(base: RateTable, overrides: RateOverrides | undefined, origin: string): RateTable {
  if (overrides === undefined) return base;
  const out = { ...base } as Record<FailureClass, RateSpec>;
  for (const key of FAILURE_CLASSES) {
    const o = overrides[key];
    if (o !== undefined && Object.keys(o).length > 0) out[key] = applyOne(out[key], o, origin);
  }
  return out;
}

/** The rates of one router of `model`: catalogue, then model, fleet and request overrides (request wins). */
export function resolveRates(model: ChassisModel, layers: RateLayers): RateTable {
  const withModel = applyRateOverrides(DEFAULT_RATES, layers.models?.[model], `model ${model}`);
  return applyRateOverrides(applyRateOverrides(withModel, layers.fleet, 'fleet'), layers.request, 'request');
}
