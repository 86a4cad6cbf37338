import {
  isSwitchoverReason,
  rfStateName,
  SWITCHOVER_REASONS,
  ValidationError,
  type ChassisModel,
  type InstanceName,
  type RedundancyMode,
  type RfStateCode,
  type SwitchoverReason,
} from '@asr-twin/domain';
import {
  formatXeVersion,
  normalizeXeVersion,
  parseXeVersion,
  redundancyFactsFromShowRedundancy,
  redundancyFactsFromShowRedundancyStates,
  toValidationError,
  xeVersionFromIosd,
  type ObservedRedundancyFacts,
  type ObservedRedundancyMode,
  type ParseResult,
  type ShowRedundancyObservation,
  type ShowRedundancyStatesObservation,
} from '@asr-twin/ios-cli';
import { lineOf, type Observed, type ObservationSet } from './observation-parse.js';

/** What a paste says about one IOS instance. */
export interface ObservedInstance {
  readonly name: InstanceName;
  readonly rfState: RfStateCode;
  /** `Uptime in current state`, ms; `null` where not printed (`show redundancy states`, an unavailable peer). */
  readonly inStateMs: number | null;
  /** Release in the twin's form (`17.3.4a`, `3.9.1S`, an engineering label as is); `null` where not printed. */
  readonly version: string | null;
}

/** The switchover counters of `show redundancy`. */
export interface ObservedCounters {
  readonly switchovers: number;
  /** `null`: not printed (older releases). */
  readonly standbyFailures: number | null;
  readonly lastSwitchoverReason: SwitchoverReason | null;
}

/** What `show redundancy` and/or `show redundancy states` say, in the twin's terms. */
export interface RedundancyObservation {
  readonly configuredMode: RedundancyMode;
  readonly operatingMode: RedundancyMode;
  readonly hardwareMode: 'Duplex' | 'Simplex';
  /** Both instances: the answering one first. */
  readonly instances: readonly ObservedInstance[];
  /** Only from `show redundancy`. */
  readonly counters: ObservedCounters | null;
  readonly systemUptimeMs: number | null;
  /** Paste line to point at when the RF states contradict something else. */
  readonly line: number;
}

/** Longest uptime believed (50 years): larger values are typos or junk, and would not fit a timestamp. */
export const MAX_UPTIME_MS = 50 * 365 * 86_400_000;
/** Largest counter PostgreSQL's `integer` holds. */
const MAX_COUNT = 2_147_483_647;

function invalid(message: string): never {
  throw new ValidationError(`device output does not fit the twin: ${message}`, [{ field: 'output', message }]);
}

/** Twin form of a release printed in an image line: XE short form, the XE release of a 3.x IOSd version. */
export function twinVersion(text: string): string {
  if (parseXeVersion(text)) return normalizeXeVersion(text);
  const legacy = xeVersionFromIosd(text);
  return legacy ? formatXeVersion(legacy) : text.trim();
}

/** An uptime, if believable. */
export function checkedUptime(ms: number, where: string): number {
  return ms <= MAX_UPTIME_MS ? ms : invalid(`${where}: an uptime of more than 50 years`);
}

function checkedCount(n: number, where: string): number {
  return n <= MAX_COUNT ? n : invalid(`${where}: ${n} is too large a count`);
}

function twinMode(mode: ObservedRedundancyMode, where: string): RedundancyMode {
  return mode === 'rpr-plus' ? invalid(`${where}: RPR+ does not exist on the ASR 1000 (sso, rpr or Non-redundant)`) : mode;
}

function facts(result: ParseResult<ObservedRedundancyFacts>, command: string, line: number): ObservedRedundancyFacts {
  if (result.ok) return result.value;
  throw toValidationError({ ...result.error, message: `${command}: ${result.error.message}`, line });
}

function reasonOf(text: string | null, line: number): SwitchoverReason | null {
  if (text === null) return null;
  const reason = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (isSwitchoverReason(reason)) return reason;
  return invalid(`show redundancy (line ${line}): last switchover reason "${text}" is none of ${SWITCHOVER_REASONS.join(', ')}`);
}

function fromShowRedundancy({ value: obs, part }: Observed<ShowRedundancyObservation>, model: ChassisModel): RedundancyObservation {
  const line = lineOf(part, /Location\s*=/);
  const f = facts(redundancyFactsFromShowRedundancy(obs, model), 'show redundancy', line);
  const blocks = [obs.current, obs.peer];
  const at = (l: RegExp) => `show redundancy (line ${lineOf(part, l)})`;
  return {
    configuredMode: twinMode(f.configuredMode, at(/Configured Redundancy Mode/)),
    operatingMode: twinMode(f.operatingMode, at(/Operating Redundancy Mode/)),
    hardwareMode: obs.hardwareMode,
    instances: f.instances.map((i, n) => ({
      name: i.name,
      rfState: i.rfState,
      inStateMs: blocks[n] ? checkedUptime(blocks[n].uptimeInStateMs, at(/Uptime in current state/)) : null,
      version: blocks[n]?.imageVersion ? twinVersion(blocks[n].imageVersion) : null,
    })),
    counters: {
      switchovers: checkedCount(obs.switchovers, at(/Switchovers system experienced/)),
      standbyFailures: obs.standbyFailures === null ? null : checkedCount(obs.standbyFailures, at(/Standby failures/)),
      lastSwitchoverReason: reasonOf(obs.lastSwitchoverReason, lineOf(part, /Last switchover reason/)),
    },
    systemUptimeMs: checkedUptime(obs.systemUptimeMs, at(/Available system uptime/)),
    line,
  };
}

function fromShowRedundancyStates({ value: obs, part }: Observed<ShowRedundancyStatesObservation>, model: ChassisModel): RedundancyObservation {
  const line = lineOf(part, /my state\s*=/);
  const f = facts(redundancyFactsFromShowRedundancyStates(obs, model), 'show redundancy states', line);
  const at = (l: RegExp) => `show redundancy states (line ${lineOf(part, l)})`;
  return {
    configuredMode: twinMode(f.configuredMode, at(/Redundancy Mode \(Configured\)/)),
    operatingMode: twinMode(f.operatingMode, at(/Redundancy Mode \(Operational\)/)),
    hardwareMode: obs.hardwareMode,
    instances: f.instances.map((i) => ({ name: i.name, rfState: i.rfState, inStateMs: null, version: null })),
    counters: null,
    systemUptimeMs: null,
    line,
  };
}

/** Both commands in one paste must tell the same RF states and modes. */
function assertAgree(full: RedundancyObservation, states: RedundancyObservation): void {
  for (const i of states.instances) {
    const other = full.instances.find((f) => f.name === i.name);
    if (other && other.rfState !== i.rfState) {
      invalid(
        `show redundancy (line ${full.line}) puts ${i.name} in ${rfStateName(other.rfState)}, show redundancy states (line ${states.line}) in ${rfStateName(i.rfState)}`,
      );
    }
  }
  if (full.configuredMode !== states.configuredMode || full.operatingMode !== states.operatingMode) {
    invalid(`show redundancy (line ${full.line}) and show redundancy states (line ${states.line}) name different redundancy modes`);
  }
}

/**
 * The redundancy facts of a paste for a router of `model`, mapped onto its instances by the library's rules:
 * `slot 6`/`slot 7` are the instances with that redundancy slot, `Unit = Primary` is the primary instance
 * (on a single-RP chassis slot 6 is `R0/0` and slot 7 `R0/1`; on a dual-RP chassis `R0/0` and `R1/0`).
 * `show redundancy` is preferred (it has uptimes, images and counters); when both commands are given they
 * must agree. `null` when the paste has neither. Throws `ValidationError` for locations that are not ASR
 * 1000 slots (a Catalyst's `slot 1/5`), RPR+, unknown switchover reasons, and implausible numbers.
 */
export function redundancyObservation(set: ObservationSet, model: ChassisModel): RedundancyObservation | null {
  const full = set.redundancy ? fromShowRedundancy(set.redundancy, model) : null;
  const states = set.states ? fromShowRedundancyStates(set.states, model) : null;
  if (full && states) assertAgree(full, states);
  return full ?? states;
}
