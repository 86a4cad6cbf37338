import {
  CHASSIS_MODELS,
  REDUNDANCY_MODES,
  defaultRedundancyMode,
  defaultSoftwareVersion,
  hardwareProblems,
  resolveHardware,
  type ChassisModel,
  type HardwareSpec,
  type RouterSelector,
  type ScenarioRouter,
} from '@asr-twin/domain';
import type { Diagnostics } from './diagnostics.js';
import { at, label, readCount, readEnum, readFields, readList, readMap, readString, type Field } from './field-reader.js';
import { SCENARIO_FIELDS } from './scenario-fields.js';
import { SCENARIO_LIMITS } from './scenario-limits.js';
import { quoteValue } from './source-node.js';
import { readStartState } from './start-state.validator.js';
import { readVersion } from './version.reader.js';

/** Cisco's rule for `hostname`: a letter first, a letter or digit last, letters, digits and hyphens between. */
const HOSTNAME = /^[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** Routers read from `spec.routers`; `complete` is false when some were invalid (and reported). */
export interface RoutersRead {
  /** The valid routers. */
  readonly routers: readonly ScenarioRouter[];
  readonly complete: boolean;
  /**
   * The model of every router that names a valid one, valid or not otherwise, so step targets are still
   * checked against it: a hostname, or the router's path when the hostname is invalid.
   */
  readonly models: readonly { readonly name: string; readonly model: ChassisModel; readonly esps?: number; readonly psus?: number; readonly rps?: number }[];
}

/** `spec.routers`: embedded targets, defaults applied, hostnames unique (case-insensitively, as DNS). */
export function readRouters(f: Field, d: Diagnostics): RoutersRead {
  const items = readList(f, 'routers (hostname, model, redundancy, version, hardware, state)', d);
  if (items === undefined) return { routers: [], complete: false, models: [] };
  if (items.length === 0) {
    d.error('empty-list', at(f), 'routers is an empty list; list at least one router, or remove routers to target routers chosen by the run');
    return { routers: [], complete: false, models: [] };
  }
  const routers: ScenarioRouter[] = [];
  const models: { name: string; model: ChassisModel; esps?: number; psus?: number; rps?: number }[] = [];
  const seen = new Map<string, Field>();
  let complete = true;
  for (const item of items) {
    const read = readRouter(item, d);
    if (read.model !== undefined) models.push({ name: read.hostname ?? item.path, model: read.model, ...(read.population ?? {}) });
    const unique = read.hostnameField !== undefined && read.hostname !== undefined && checkUnique(read.hostnameField, read.hostname, seen, d);
    if (read.router !== undefined && unique) routers.push(read.router);
    else complete = false;
  }
  return { routers, complete, models };
}

interface RouterRead {
  readonly router?: ScenarioRouter;
  readonly hostname?: string;
  readonly hostnameField?: Field;
  readonly model?: ChassisModel;
  /** ESPs and supplies installed, when the router declares hardware (for checking step targets). */
  readonly population?: { readonly esps: number; readonly psus: number; readonly rps?: number };
}

function readRouter(f: Field, d: Diagnostics): RouterRead {
  const fields = readFields(f, { keys: SCENARIO_FIELDS.router, required: ['hostname', 'model'], what: 'a router' }, d);
  if (fields === undefined) return {};
  const hostname = fields.hostname && readHostname(fields.hostname, d);
  const model = fields.model && readEnum(fields.model, CHASSIS_MODELS, 'chassis model', 'unknown-model', d);
  const redundancy = fields.redundancy && readEnum(fields.redundancy, REDUNDANCY_MODES, 'redundancy mode', 'unknown-redundancy', d);
  const version = fields.version && readVersion(fields.version, d);
  const read = { ...(hostname === undefined ? {} : { hostname, hostnameField: fields.hostname }), ...(model === undefined ? {} : { model }) };
  if (hostname === undefined || model === undefined) return read;
  if ((fields.redundancy && !redundancy) || (fields.version && !version)) return read;
  const plain = { hostname, model, redundancy: redundancy ?? defaultRedundancyMode(model), version: version ?? defaultSoftwareVersion(model) };
  const hardware = readHardware(fields.hardware, fields.version ?? fields.model ?? f, plain, d);
  if (hardware === null) return read;
  const base = hardware === undefined ? plain : { ...plain, hardware };
  const resolved = hardware === undefined ? undefined : resolveHardware(model, base.version, hardware);
  const withPopulation =
    resolved === undefined
      ? read
      : { ...read, population: { esps: resolved.esps, psus: resolved.psus, ...(resolved.rps === undefined ? {} : { rps: resolved.rps }) } };
  if (fields.state === undefined) return { ...withPopulation, router: base };
  const start = readStartState(fields.state, base, d);
  return start === undefined ? withPopulation : { ...withPopulation, router: { ...base, start } };
}

const HARDWARE_KEYS = SCENARIO_FIELDS.hardware;

/**
 * `routers[].hardware`: RP and ESP product ids, ESPs and supplies installed (domain §8.9–§8.11). Impossible
 * combinations are `impossible-hardware` errors naming the PID and the release (no 16.x/17.x on RP1-era
 * hardware, two ESPs in a single-ESP chassis, a card the chassis does not take). A model and release without
 * `hardware` are checked against the model's default population. Undefined: nothing declared; null: invalid.
 */
function readHardware(
  f: Field | undefined,
  versionField: Field,
  router: { model: ChassisModel; version: string },
  d: Diagnostics,
): HardwareSpec | undefined | null {
  if (f === undefined) {
    const problems = hardwareProblems(router.model, router.version, undefined);
    for (const p of problems) d.error('impossible-hardware', at(versionField), `impossible ${router.model} on ${router.version}: ${p.message}`);
    return problems.length === 0 ? undefined : null;
  }
  const fields = readFields(f, { keys: HARDWARE_KEYS, what: 'hardware (rp, esp, rps, esps, psus)' }, d);
  if (fields === undefined) return null;
  const rp = fields.rp && readString(fields.rp, 'an RP product id such as ASR1000-RP2', d);
  const esp = fields.esp && readString(fields.esp, 'an ESP product id such as ASR1000-ESP20', d);
  const esps = fields.esps && readCount(fields.esps, 2, 'invalid-integer', d, 'a count of ESPs (1 or 2)');
  const psus = fields.psus && readCount(fields.psus, 2, 'invalid-integer', d, 'a count of power supplies (1 or 2)');
  const rps = fields.rps && readCount(fields.rps, 2, 'invalid-integer', d, 'a count of RPs (1 or 2)');
  if ((fields.rp && rp === undefined) || (fields.esp && esp === undefined) || (fields.esps && esps === undefined) || (fields.psus && psus === undefined))
    return null;
  if (fields.rps && rps === undefined) return null;
  const spec: HardwareSpec = {
    ...(rp === undefined ? {} : { rp }),
    ...(esp === undefined ? {} : { esp }),
    ...(esps === undefined ? {} : { esps }),
    ...(psus === undefined ? {} : { psus }),
    ...(rps === undefined ? {} : { rps }),
  };
  const problems = hardwareProblems(router.model, router.version, spec);
  for (const p of problems) {
    const field = fields[p.field] ?? (p.field === 'rp' || p.field === 'esp' ? versionField : f);
    d.error('impossible-hardware', at(field), `impossible ${router.model} on ${router.version}: ${p.message}`);
  }
  return problems.length === 0 ? spec : null;
}

/** `spec.selector`: picks routers of the twin's fleet; every given criterion must match. */
export function readSelector(f: Field, d: Diagnostics): RouterSelector | undefined {
  const fields = readFields(f, { keys: SCENARIO_FIELDS.selector, what: 'the selector' }, d);
  if (fields === undefined) return undefined;
  const fleet = fields.fleet && readBounded(fields.fleet, 1, SCENARIO_LIMITS.maxLabelLength, 'a fleet name', d);
  const model = fields.model && readEnum(fields.model, CHASSIS_MODELS, 'chassis model', 'unknown-model', d);
  const labels = fields.labels && readLabels(fields.labels, d);
  const hostnames = fields.hostnames && readHostnames(fields.hostnames, d);
  if (Object.keys(fields).length === 0) {
    d.warn('empty-selector', at(f), 'the selector has no criteria, so it picks every router of the twin; add fleet, model, labels or hostnames');
  }
  if ((fields.fleet && !fleet) || (fields.model && !model) || (fields.labels && !labels) || (fields.hostnames && !hostnames)) {
    return undefined;
  }
  return {
    ...(fleet === undefined ? {} : { fleet }),
    ...(model === undefined ? {} : { model }),
    ...(labels === undefined ? {} : { labels }),
    ...(hostnames === undefined ? {} : { hostnames }),
  };
}

function readLabels(f: Field, d: Diagnostics): Readonly<Record<string, string>> | undefined {
  const entries = readMap(f, 'label names to values (site: ams)', d);
  if (entries === undefined) return undefined;
  // Built with fromEntries: assigning a "__proto__" label would silently drop it instead of storing it.
  const labels: Array<[string, string]> = [];
  let valid = true;
  for (const entry of entries) {
    const keyOk = entry.key.length > 0 && entry.key.length <= SCENARIO_LIMITS.maxLabelLength;
    if (!keyOk) d.error('invalid-string', at(entry), `label name ${quoteValue(entry.key)} must be 1 to ${SCENARIO_LIMITS.maxLabelLength} characters`);
    const value = readBounded(entry, 0, SCENARIO_LIMITS.maxLabelValueLength, 'a string (label values are text)', d);
    if (value === undefined || !keyOk) valid = false;
    else labels.push([entry.key, value]);
  }
  return valid ? Object.fromEntries(labels) : undefined;
}

function readHostnames(f: Field, d: Diagnostics): readonly string[] | undefined {
  const items = readList(f, 'hostnames', d);
  if (items === undefined) return undefined;
  const seen = new Map<string, Field>();
  const hostnames: string[] = [];
  let valid = true;
  for (const item of items) {
    const hostname = readHostname(item, d);
    if (hostname !== undefined && checkUnique(item, hostname, seen, d)) hostnames.push(hostname);
    else valid = false;
  }
  return valid ? hostnames : undefined;
}

function readHostname(f: Field, d: Diagnostics): string | undefined {
  const hostname = readString(f, 'a string such as edge-1', d);
  if (hostname === undefined) return undefined;
  if (hostname.length <= SCENARIO_LIMITS.maxNameLength && HOSTNAME.test(hostname)) return hostname;
  const rule = `an IOS hostname starts with a letter, ends with a letter or digit, has only letters, digits and hyphens, and is 1 to ${SCENARIO_LIMITS.maxNameLength} characters`;
  d.error('invalid-hostname', at(f), `invalid hostname ${quoteValue(hostname)}: ${rule}`);
  return undefined;
}

/** A string of bounded length; `invalid-string` when it is too short or too long. */
export function readBounded(f: Field, min: number, max: number, expected: string, d: Diagnostics): string | undefined {
  const text = readString(f, expected, d);
  if (text === undefined || (text.length >= min && text.length <= max)) return text;
  const found = text.length === 0 ? 'an empty string' : `${text.length} characters`;
  d.error('invalid-string', at(f), `${label(f)} must be ${min === 0 ? 'at most' : `${min} to`} ${max} characters; found ${found}`);
  return undefined;
}

function checkUnique(f: Field, hostname: string, seen: Map<string, Field>, d: Diagnostics): boolean {
  const first = seen.get(hostname.toLowerCase());
  if (first === undefined) {
    seen.set(hostname.toLowerCase(), f);
    return true;
  }
  const firstAt = at(first).pos === undefined ? first.path : `line ${at(first).pos?.line}`;
  d.error('duplicate-hostname', at(f), `duplicate hostname ${quoteValue(hostname)} (first at ${firstAt}); hostnames are unique in a file, ignoring case`);
  return false;
}
