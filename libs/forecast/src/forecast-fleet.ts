import {
  CHASSIS_MODELS,
  defaultSoftwareVersion,
  hardwareProblems,
  isRedundancyMode,
  ValidationError,
  type ChassisModel,
  type FieldIssue,
  type HardwareSpec,
} from '@asr-twin/domain';
import type { ForecastRouter } from './fault-draw.js';
import { parseModelRates, parseRateOverrides, type RateLayers } from './rate-overrides.js';

/** Routers to forecast and the rate overrides of their fleet (the `fleet` and `models` layers). */
export interface ForecastFleet {
  readonly routers: readonly ForecastRouter[];
  readonly rates: Pick<RateLayers, 'fleet' | 'models'>;
}

/**
 * The built-in sample fleet of embedded forecasts: the named routers of the server's sample fleet (one of every
 * chassis model, one operating RPR, one simplex), with one difference that makes both what-ifs of issue #18 show:
 * `ams-core-01` carries a single ESP, a common ASR1006 deployment (domain §8.10).
 */
export function sampleForecastFleet(): ForecastFleet {
  const r = (hostname: string, model: ChassisModel, site: string, role: string, extra: Partial<ForecastRouter> = {}): ForecastRouter => ({
    hostname,
    model,
    redundancy: 'sso',
    version: defaultSoftwareVersion(model),
    labels: { site, role },
    ...extra,
  });
  return {
    routers: [
      r('ams-edge-01', 'ASR1002-X', 'ams', 'edge'),
      r('ams-edge-02', 'ASR1001-X', 'ams', 'edge'),
      r('ams-core-01', 'ASR1006', 'ams', 'core', { hardware: { esps: 1 } }),
      r('fra-core-01', 'ASR1009-X', 'fra', 'core'),
      r('fra-core-02', 'ASR1006-X', 'fra', 'core'),
      r('fra-bng-01', 'ASR1013', 'fra', 'bng'),
      r('lon-edge-01', 'ASR1004', 'lon', 'edge'),
      r('lon-edge-02', 'ASR1002', 'lon', 'edge', { redundancy: 'rpr' }),
      r('lon-edge-03', 'ASR1001', 'lon', 'edge', { redundancy: 'none' }),
    ],
    rates: {},
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ROUTER_FIELDS = ['hostname', 'model', 'redundancy', 'version', 'hardware', 'labels', 'spares'];
const HARDWARE_FIELDS = ['rp', 'esp', 'esps', 'rps', 'psus'];

function parseRouter(raw: unknown, at: string, issues: FieldIssue[]): ForecastRouter | null {
  const add = (field: string, message: string): null => {
    issues.push({ field, message });
    return null;
  };
  if (!isRecord(raw)) return add(at, `${at} must be an object with hostname and model`);
  for (const key of Object.keys(raw))
    if (!ROUTER_FIELDS.includes(key)) return add(`${at}.${key}`, `unknown field "${key}" in ${at}; expected ${ROUTER_FIELDS.join(', ')}`);
  const { hostname, model, redundancy = 'sso', version, hardware, labels, spares } = raw;
  if (typeof hostname !== 'string' || hostname === '') return add(`${at}.hostname`, `${at}.hostname must be a non-empty string`);
  if (!(CHASSIS_MODELS as readonly unknown[]).includes(model))
    return add(`${at}.model`, `${at}.model must be one of ${CHASSIS_MODELS.join(', ')}; found ${JSON.stringify(model)}`);
  if (!isRedundancyMode(redundancy)) return add(`${at}.redundancy`, `${at}.redundancy must be sso, rpr or none; found ${JSON.stringify(redundancy)}`);
  if (version !== undefined && typeof version !== 'string') return add(`${at}.version`, `${at}.version must be a string such as 17.3.4a`);
  if (spares !== undefined && typeof spares !== 'boolean') return add(`${at}.spares`, `${at}.spares must be true or false`);
  if (labels !== undefined && (!isRecord(labels) || Object.values(labels).some((v) => typeof v !== 'string'))) {
    return add(`${at}.labels`, `${at}.labels must map names to strings`);
  }
  if (hardware !== undefined && (!isRecord(hardware) || Object.keys(hardware).some((k) => !HARDWARE_FIELDS.includes(k)))) {
    return add(`${at}.hardware`, `${at}.hardware takes ${HARDWARE_FIELDS.join(', ')}`);
  }
  const chassis = model as ChassisModel;
  const release = (version as string | undefined) ?? defaultSoftwareVersion(chassis);
  const problem = hardwareProblems(chassis, release, hardware as HardwareSpec | undefined)[0];
  if (problem) return add(`${at}.hardware.${problem.field}`, `${at}.hardware.${problem.field}: ${problem.message}`);
  return {
    hostname,
    model: chassis,
    redundancy,
    version: release,
    ...(hardware === undefined ? {} : { hardware: hardware as HardwareSpec }),
    ...(labels === undefined ? {} : { labels: labels as Record<string, string> }),
    ...(spares === undefined ? {} : { spares }),
  };
}

/**
 * Validates a fleet file (YAML or JSON, already parsed): `routers` (hostname, model, redundancy, version,
 * hardware, labels, spares), optional `rates` (the fleet layer) and `models` (per-model layer). Throws
 * `ValidationError` naming each bad path (`routers.2.model`, `rates.psu.mtbfHours`).
 */
export function parseForecastFleet(raw: unknown): ForecastFleet {
  const issues: FieldIssue[] = [];
  if (!isRecord(raw) || !Array.isArray(raw['routers']) || raw['routers'].length === 0) {
    throw new ValidationError('a fleet file needs a non-empty "routers" list', [{ field: 'routers', message: 'a non-empty list of routers is required' }]);
  }
  for (const key of Object.keys(raw)) {
    if (!['routers', 'rates', 'models'].includes(key)) issues.push({ field: key, message: `unknown top-level key "${key}"; expected routers, rates, models` });
  }
  const routers: ForecastRouter[] = [];
  const seen = new Set<string>();
  (raw['routers'] as unknown[]).forEach((entry, k) => {
    const router = parseRouter(entry, `routers.${k}`, issues);
    if (!router) return;
    if (seen.has(router.hostname)) issues.push({ field: `routers.${k}.hostname`, message: `routers.${k}.hostname "${router.hostname}" is listed twice` });
    seen.add(router.hostname);
    routers.push(router);
  });
  if (issues.length > 0) throw new ValidationError((issues[0] as FieldIssue).message, issues);
  return {
    routers,
    rates: {
      ...(raw['rates'] === undefined ? {} : { fleet: parseRateOverrides(raw['rates'], 'rates') }),
      ...(raw['models'] === undefined ? {} : { models: parseModelRates(raw['models'], 'models') }),
    },
  };
}
