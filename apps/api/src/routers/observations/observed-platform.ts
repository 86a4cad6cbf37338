import { chassisAnatomy, ValidationError, type ChassisModel, type EspSlot, type EspStatus, type HostState, type RpSlot } from '@asr-twin/domain';
import { hardwareFromShowPlatform, type ObservedHardware, type ObservedPlatformSlot, type ShowPlatformObservation } from '@asr-twin/ios-cli';
import { lineOf, type Observed } from './observation-parse.js';

/** An RP row of `show platform`: the host state it means, and the state text for the role check. */
export interface ObservedRp {
  readonly host: HostState;
  /** The state as printed, spaces collapsed, lower case: `ok, active`, `init, standby`, `ok`, … */
  readonly stateText: string;
  readonly line: number;
}

/** What `show platform` says about the parts the twin models: the RPs' hosts and the ESPs. */
export interface PlatformObservation {
  /** Every RP slot of the chassis; a slot without a row is an absent RP (host `down`). */
  readonly rps: ReadonlyMap<RpSlot, ObservedRp>;
  /**
   * The ESPs with a row: a dual-ESP chassis listing only F0 holds one ESP (domain §8.10, the ASR1006 capture).
   * Without any ESP row, every ESP slot of the chassis as `unknown`, not forwarding.
   */
  readonly esps: readonly EspStatus[];
  /** RP/ESP PIDs, ESP slots and supply bays as printed (domain §8.9–§8.11). */
  readonly hardware: ObservedHardware;
  /**
   * IOSd sub-slot rows of a single RP running two IOSd (`R0/0`, `R0/1`, domain §8.14), by instance name: the HA
   * role each instance holds. Empty when the output has none (dual-RP chassis, older captures).
   */
  readonly subSlots: ReadonlyMap<string, ObservedRp>;
}

/**
 * RP state words → Linux host state, the inverse of the library's `rpStateText`: `ok…`/`init…` (running,
 * whatever IOS does) → up, `booting` → rebooting, `fail…` → panicked, `unknown` (and words for an empty or
 * disabled slot) → down.
 */
const RP_STATES: readonly (readonly [RegExp, HostState])[] = [
  [/^(ok|init)\b/, 'up'],
  [/^booting\b/, 'rebooting'],
  [/\bfail/, 'panicked'],
  [/^(unknown|empty|removed|disabled|out of service)\b/, 'down'],
];

function normalised(state: string): string {
  return state.trim().toLowerCase().replace(/\s+/g, ' ');
}

function invalid(message: string): never {
  throw new ValidationError(`device output does not fit the twin: ${message}`, [{ field: 'output', message }]);
}

function rowLine(part: Observed<ShowPlatformObservation>['part'], slot: string): number {
  return lineOf(part, new RegExp(`^\\s*${slot}\\s`));
}

function espStatus(slot: EspSlot, row: ObservedPlatformSlot | undefined, line: number): EspStatus {
  const text = row ? normalised(row.state) : 'unknown';
  const role = row?.role ?? 'standby';
  if (text === 'ok, active') return { slot, state: 'ok', role: 'active', forwarding: true };
  if (/^ok\b/.test(text)) return { slot, state: 'ok', role, forwarding: false };
  if (/^init\b/.test(text)) return { slot, state: 'init', role, forwarding: false };
  if (/\bfail/.test(text)) return { slot, state: 'failed', role: 'standby', forwarding: false };
  if (/^(unknown|empty|removed|disabled|out of service)\b/.test(text)) return { slot, state: 'unknown', role: 'standby', forwarding: false };
  return invalid(`show platform (line ${line}): ${slot} state "${row?.state ?? ''}" is not one the twin can map`);
}

function rpOf(slot: RpSlot, row: ObservedPlatformSlot | undefined, line: number): ObservedRp {
  const stateText = row ? normalised(row.state) : 'unknown';
  const host = RP_STATES.find(([re]) => re.test(stateText))?.[1];
  if (!host) invalid(`show platform (line ${line}): ${slot} state "${row?.state ?? ''}" is not one the twin can map`);
  return { host, stateText, line };
}

/**
 * The RP, ESP and power-supply rows of `show platform` for a router of `model`. Rows of carriers and bays are
 * not modelled and ignored. ESP states follow the library's renderer in reverse: `ok, active` forwards,
 * `ok, standby` and `init, …` do not, `fail` is `failed`, `unknown` is `unknown`; an ESP slot without a row is
 * not installed (F1 of the captured ASR1006, §8.10). Throws `ValidationError` for an RP or ESP slot the chassis does not have, two active ESPs, or
 * a state word the twin cannot map.
 */
export function platformObservation({ value, part }: Observed<ShowPlatformObservation>, model: ChassisModel): PlatformObservation {
  const anatomy = chassisAnatomy(model);
  const rows = new Map(value.slots.map((s) => [s.slot, s]));
  for (const slot of rows.keys()) {
    const modelled = /^[RF]\d+$/.test(slot);
    if (modelled && ![...anatomy.rpSlots, ...anatomy.espSlots].some((s) => s === slot)) {
      invalid(`show platform (line ${rowLine(part, slot)}): an ${model} has no slot ${slot}`);
    }
  }
  const rps = new Map(anatomy.rpSlots.map((slot) => [slot, rpOf(slot, rows.get(slot), rowLine(part, slot))] as const));
  const listed = anatomy.espSlots.filter((slot) => rows.has(slot));
  const esps = (listed.length > 0 ? listed : anatomy.espSlots).map((slot) => espStatus(slot, rows.get(slot), rowLine(part, slot)));
  if (esps.filter((e) => e.role === 'active' && e.state === 'ok').length > 1) {
    invalid(`show platform (line ${part.firstLine}): both ESPs are active`);
  }
  const subSlots = new Map(
    value.slots
      .filter((row) => /^R\d+\/\d+$/.test(row.slot))
      .map((row) => [row.slot, { host: 'up' as const, stateText: normalised(row.state), line: lineOf(part, new RegExp(`^\\s*${row.slot}\\s`)) }] as const),
  );
  return { rps, esps, hardware: hardwareFromShowPlatform(value, model), subSlots };
}
