import {
  chassisAnatomy,
  derivedOperatingMode,
  DOMAIN_STATES,
  ESP_STATES,
  holdsActivity,
  HOST_STATES,
  REDUNDANCY_MODES,
  RF,
  RF_STATES,
  rfStateFromName,
  rfStateName,
  startProblems,
  SWITCHOVER_REASONS,
  type ChassisModel,
  type DomainState,
  type EspState,
  type HostState,
  type RedundancyMode,
  type RfStateCode,
  type RouterStart,
  type StartCounters,
  type StartEsp,
  type StartInstance,
  healthyPsus,
  installedEsps,
  installedRps,
  PSU_SLOTS,
  PSU_STATES,
  resolveHardware,
  type HardwareSpec,
  type PsuState,
  type StartPsu,
} from '@asr-twin/domain';
import type { Diagnostics } from './diagnostics.js';
import { at, atKey, readBoolean, readCount, readEnum, readFields, readMap, type Field, type KeyedField } from './field-reader.js';
import { readVersion } from './version.reader.js';
import { SCENARIO_FIELDS } from './scenario-fields.js';
import { quoteValue } from './source-node.js';

/** The router a `state:` belongs to, as read so far. */
export interface StateOwner {
  readonly model: ChassisModel;
  readonly redundancy: RedundancyMode;
  readonly version: string;
  /** Its population: the ESPs and supply bays a start lists (§8.9, §8.10). */
  readonly hardware?: HardwareSpec;
}

interface InstanceDecl {
  readonly rf?: RfStateCode;
  readonly domainState?: DomainState;
  readonly image?: string;
  readonly configSyncFailure?: boolean;
}
interface EspDecl {
  readonly state: EspState;
  readonly forwarding?: boolean;
}
interface Declared {
  readonly operatingMode?: RedundancyMode;
  readonly instances: ReadonlyMap<string, InstanceDecl>;
  readonly hosts: ReadonlyMap<string, HostState>;
  readonly esps: ReadonlyMap<string, EspDecl>;
  readonly psus: ReadonlyMap<string, PsuState>;
  readonly counters?: StartCounters;
  /** Where each declared part is, for placing the problems `startProblems` finds. */
  readonly where: ReadonlyMap<string, Field>;
}

const RF_NAMES = RF_STATES.map((s) => s.name);

/**
 * `routers[].state`: the state an embedded router starts from (DESIGN.md "The twin of the real fleet"). What
 * is not declared is taken from the healthy router, adjusted to what is: an instance on a host that is down is
 * not running, the peer's RF state follows the operating mode (STANDBY HOT under SSO, STANDBY COLD under RPR,
 * DISABLED in simplex), the first ready ESP forwards while an IOS instance is ACTIVE. Impossible states (two
 * ACTIVE units, STANDBY HOT under RPR, a running guest on a host that is down, …) are errors that say why.
 */
export function readStartState(f: Field, owner: StateOwner, d: Diagnostics): RouterStart | undefined {
  const declared = readDeclared(f, owner, d);
  if (declared === undefined) return undefined;
  const start = completeStart(owner, declared);
  const problems = startProblems(owner.model, owner.redundancy, start);
  for (const p of problems) {
    const field = placeOf(p.path, declared.where) ?? f;
    d.error('impossible-state', at(field), `impossible starting state of ${owner.model}: ${p.message}`);
  }
  return problems.length === 0 ? start : undefined;
}

function placeOf(path: string, where: ReadonlyMap<string, Field>): Field | undefined {
  for (let p = path; p.length > 0; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const field = where.get(p);
    if (field !== undefined) return field;
  }
  return undefined;
}

function readDeclared(f: Field, owner: StateOwner, d: Diagnostics): Declared | undefined {
  const model = owner.model;
  const fields = readFields(f, { keys: SCENARIO_FIELDS.state, what: 'a starting state' }, d);
  if (fields === undefined) return undefined;
  const where = new Map<string, Field>();
  const anatomy = chassisAnatomy(model);
  const operatingMode = fields.operatingMode && readEnum(fields.operatingMode, REDUNDANCY_MODES, 'operating mode', 'unknown-state', d);
  if (fields.operatingMode) where.set('operatingMode', fields.operatingMode);
  const instances =
    fields.instances &&
    readParts(
      fields.instances,
      anatomy.instances.map((i) => i.name),
      'instances',
      model,
      where,
      d,
      readInstance,
    );
  const hosts = fields.hosts && readParts(fields.hosts, rpsOf(owner), 'hosts', model, where, d, readHost);
  const esps = fields.esps && readParts(fields.esps, espsOf(owner), 'esps', model, where, d, readEsp);
  const psus = fields.psus && readParts(fields.psus, PSU_SLOTS, 'psus', model, where, d, readPsu);
  const counters = fields.counters && readCounters(fields.counters, d);
  const bad = (k: keyof typeof fields, v: unknown): boolean => fields[k] !== undefined && v === undefined;
  if (
    bad('operatingMode', operatingMode) ||
    bad('instances', instances) ||
    bad('hosts', hosts) ||
    bad('esps', esps) ||
    bad('psus', psus) ||
    bad('counters', counters)
  ) {
    return undefined;
  }
  return {
    ...(operatingMode === undefined ? {} : { operatingMode }),
    instances: instances ?? new Map(),
    hosts: hosts ?? new Map(),
    esps: esps ?? new Map(),
    psus: psus ?? new Map(),
    ...(counters === undefined ? {} : { counters }),
    where,
  };
}

/** A map of component name → declaration; names the chassis lacks are errors. Undefined if any part is bad. */
function readParts<T>(
  f: Field,
  names: readonly string[],
  what: string,
  model: ChassisModel,
  where: Map<string, Field>,
  d: Diagnostics,
  read: (entry: KeyedField, d: Diagnostics) => T | undefined,
): Map<string, T> | undefined {
  const entries = readMap(f, `${names.join(', ')} to their state`, d);
  if (entries === undefined) return undefined;
  const parts = new Map<string, T>();
  let valid = true;
  for (const entry of entries) {
    if (!names.includes(entry.key)) {
      d.error('target-not-on-chassis', atKey(entry), `${model} has no ${quoteValue(entry.key)} in ${what}; it has ${names.join(', ')}`);
      valid = false;
      continue;
    }
    where.set(`${what}.${entry.key}`, entry);
    const value = read(entry, d);
    if (value === undefined) valid = false;
    else parts.set(entry.key, value);
  }
  return valid ? parts : undefined;
}

/** An RF state by its CLI text (any case; space, hyphen and underscore alike) or its CLI number 0–15. */
function readRf(f: Field, d: Diagnostics): RfStateCode | undefined {
  const value = f.node.kind === 'scalar' ? f.node.value : undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 15) return value as RfStateCode;
  if (typeof value === 'string') {
    const code = rfStateFromName(value);
    if (code !== undefined) return code;
  }
  d.error('unknown-state', at(f), `unknown RF state ${quoteValue(String(value))}; expected one of ${RF_NAMES.join(', ')} or its number 0 to 15`);
  return undefined;
}

function readInstance(f: KeyedField, d: Diagnostics): InstanceDecl | undefined {
  if (f.node.kind === 'scalar') {
    const rf = readRf(f, d);
    return rf === undefined ? undefined : { rf };
  }
  const fields = readFields(f, { keys: SCENARIO_FIELDS.stateInstance, what: `instance ${f.key}` }, d);
  if (fields === undefined) return undefined;
  const rf = fields.rfState && readRf(fields.rfState, d);
  const domainState = fields.domainState && readEnum(fields.domainState, DOMAIN_STATES, 'libvirt domain state', 'unknown-state', d);
  const image = fields.image && readVersion(fields.image, d);
  const configSyncFailure = fields.configSyncFailure && readBoolean(fields.configSyncFailure, d);
  if ((fields.rfState && rf === undefined) || (fields.domainState && !domainState) || (fields.image && !image)) return undefined;
  if (fields.configSyncFailure && configSyncFailure === undefined) return undefined;
  return {
    ...(rf === undefined ? {} : { rf }),
    ...(domainState === undefined ? {} : { domainState }),
    ...(image === undefined ? {} : { image }),
    ...(configSyncFailure === undefined ? {} : { configSyncFailure }),
  };
}

function readHost(f: KeyedField, d: Diagnostics): HostState | undefined {
  const state = f.node.kind === 'map' ? readFields(f, { keys: SCENARIO_FIELDS.stateHost, required: ['state'], what: `host ${f.key}` }, d)?.state : f;
  return state && readEnum(state, HOST_STATES, 'host state', 'unknown-state', d);
}

function readEsp(f: KeyedField, d: Diagnostics): EspDecl | undefined {
  if (f.node.kind !== 'map') {
    const state = readEnum(f, ESP_STATES, 'ESP state', 'unknown-state', d);
    return state === undefined ? undefined : { state };
  }
  const fields = readFields(f, { keys: SCENARIO_FIELDS.stateEsp, required: ['state'], what: `ESP ${f.key}` }, d);
  const state = fields?.state && readEnum(fields.state, ESP_STATES, 'ESP state', 'unknown-state', d);
  const forwarding = fields?.forwarding && readBoolean(fields.forwarding, d);
  if (state === undefined || (fields?.forwarding && forwarding === undefined)) return undefined;
  return forwarding === undefined ? { state } : { state, forwarding };
}

/** A supply bay's state: `ok`, `failed` (`ps, fail`) or `empty` (§8.9). */
function readPsu(f: KeyedField, d: Diagnostics): PsuState | undefined {
  return readEnum(f, PSU_STATES, 'power-supply state', 'unknown-state', d);
}

/** The RP slots the router's population fills (R0, and R1 when a dual-RP chassis holds two, §8.10). */
function rpsOf(owner: StateOwner): readonly string[] {
  if (owner.hardware === undefined) return chassisAnatomy(owner.model).rpSlots;
  return installedRps(owner.model, resolveHardware(owner.model, owner.version, owner.hardware).rps);
}

/** The ESP slots the router's population fills (F0, and F1 when a dual-ESP chassis holds two, §8.10). */
function espsOf(owner: StateOwner): readonly string[] {
  if (owner.hardware === undefined) return chassisAnatomy(owner.model).espSlots;
  return installedEsps(owner.model, resolveHardware(owner.model, owner.version, owner.hardware).esps);
}

function readCounters(f: Field, d: Diagnostics): StartCounters | undefined {
  const fields = readFields(f, { keys: SCENARIO_FIELDS.stateCounters, what: 'the RF counters' }, d);
  if (fields === undefined) return undefined;
  const switchovers = fields.switchovers && readCount(fields.switchovers, 1_000_000, 'invalid-integer', d);
  const standbyFailures = fields.standbyFailures && readCount(fields.standbyFailures, 1_000_000, 'invalid-integer', d);
  const reason = fields.lastSwitchoverReason && readEnum(fields.lastSwitchoverReason, SWITCHOVER_REASONS, 'switchover reason', 'unknown-state', d);
  if ((fields.switchovers && switchovers === undefined) || (fields.standbyFailures && standbyFailures === undefined)) return undefined;
  if (fields.lastSwitchoverReason && reason === undefined) return undefined;
  return { switchovers: switchovers ?? 0, standbyFailures: standbyFailures ?? 0, lastSwitchoverReason: reason ?? 'none' };
}

/** Fills in what the file does not declare (see `readStartState`). */
export function completeStart(owner: StateOwner, declared: Omit<Declared, 'where'>): RouterStart {
  const anatomy = chassisAnatomy(owner.model);
  // An RP slot the population leaves empty has its host down for good (§8.10).
  const installedRp = rpsOf(owner);
  const hosts = anatomy.rpSlots.map((slot) => ({ slot, state: declared.hosts.get(slot) ?? ((installedRp.includes(slot) ? 'up' : 'down') as HostState) }));
  const images = anatomy.instances.map((p) => ({ image: declared.instances.get(p.name)?.image ?? owner.version }));
  const operatingMode = declared.operatingMode ?? derivedOperatingMode(owner.redundancy, images, hosts);
  const hostUp = (name: string): boolean => hosts.find((h) => h.slot === name.slice(0, 2))?.state === 'up';
  let activeTaken = anatomy.instances.some((p) => {
    const rf = declared.instances.get(p.name)?.rf;
    return rf !== undefined && holdsActivity(rf);
  });
  const peerRf = operatingMode === 'sso' ? RF.STANDBY_HOT : operatingMode === 'rpr' ? RF.STANDBY_COLD : RF.DISABLED;
  const instances: StartInstance[] = anatomy.instances.map((p, k) => {
    const decl = declared.instances.get(p.name) ?? {};
    let rf = decl.rf;
    if (rf === undefined) {
      if (!hostUp(p.name)) rf = RF.DISABLED;
      else if (!activeTaken) {
        rf = RF.ACTIVE;
        activeTaken = true;
      } else rf = peerRf;
    }
    const running = rf > RF.DISABLED;
    return {
      name: p.name,
      rfState: rfStateName(rf),
      domainState: decl.domainState ?? (running ? 'RUNNING' : 'SHUTOFF'),
      image: (images[k] as { image: string }).image,
      configSyncFailure: decl.configSyncFailure ?? false,
    };
  });
  const anyActive = instances.some((i) => i.rfState === 'ACTIVE');
  let forwarder = -1;
  const slots = espsOf(owner) as readonly StartEsp['slot'][];
  const esps: StartEsp[] = slots.map((slot, k) => {
    const decl = declared.esps.get(slot);
    const state = decl?.state ?? 'ok';
    let forwarding = decl?.forwarding;
    if (forwarding === undefined) forwarding = anyActive && state === 'ok' && forwarder < 0 && !slots.some((s) => declared.esps.get(s)?.forwarding === true);
    if (forwarding) forwarder = k;
    return { slot, state, forwarding };
  });
  const counters = declared.counters ?? { switchovers: 0, standbyFailures: 0, lastSwitchoverReason: 'none' };
  const installed = owner.hardware === undefined ? PSU_SLOTS.length : resolveHardware(owner.model, owner.version, owner.hardware).psus;
  const psus: StartPsu[] = healthyPsus(installed).map((p) => ({ slot: p.slot, state: declared.psus.get(p.slot) ?? p.state }));
  return { operatingMode, instances, hosts, esps, counters, ...(psus.some((p) => p.state !== 'ok') ? { psus } : {}) };
}

/** The file form of a start: every part written out, so reading it back gives the same start. */
export function startDocument(start: RouterStart): { [key: string]: string | number | boolean | { [key: string]: unknown } } {
  return {
    operatingMode: start.operatingMode,
    instances: Object.fromEntries(
      start.instances.map((i) => [i.name, { rfState: i.rfState, domainState: i.domainState, image: i.image, configSyncFailure: i.configSyncFailure }]),
    ),
    hosts: Object.fromEntries(start.hosts.map((h) => [h.slot, h.state])),
    esps: Object.fromEntries(start.esps.map((e) => [e.slot, { state: e.state, forwarding: e.forwarding }])),
    ...(start.psus === undefined ? {} : { psus: Object.fromEntries(start.psus.map((p) => [p.slot, p.state])) }),
    counters: { ...start.counters },
  };
}
