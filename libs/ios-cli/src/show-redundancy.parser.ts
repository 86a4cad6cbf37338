import { rfStateFromName, type RfStateCode } from '@asr-twin/domain';
import type { ParseResult } from './parse-result.js';
import { parseModeText, type ObservedRedundancyMode } from './redundancy-labels.js';
import { abort, fieldMap, readField, required, runParser, type FieldMap, type SourceLine } from './text-lines.js';
import { parseUptime } from './uptime.format.js';

/** `Communications = Up` or `Down      Reason: Failure`. */
export interface ObservedCommunications {
  readonly up: boolean;
  readonly reason: string | null;
}

/** A processor block of `show redundancy` (`Current Processor Information` or `Peer Processor Information`). */
export interface ObservedProcessor {
  /** From the label `Active Location` / `Standby Location`. */
  readonly role: 'active' | 'standby';
  /** Location after `slot `: `6` on an ASR 1000, `1/5` on a Catalyst 6500; the raw text for `Switch 1`. */
  readonly slot: string;
  readonly rfState: RfStateCode;
  readonly uptimeInStateMs: number;
  /** First line of the image version, e.g. `Cisco IOS Software [Everest], ASR1000 Software (…), …`. */
  readonly image: string;
  /** Release in the image line (`16.4.20170425:070036`, `15.3(2)S1`, `17.3.4a`), or `null`. */
  readonly imageVersion: string | null;
  readonly boot: string | null;
  readonly configFile: string | null;
  readonly configRegister: string | null;
}

/** The peer line `Peer (slot: 7) information is not available because it is in 'DISABLED' state`. */
export interface ObservedUnavailablePeer {
  readonly slot: string;
  readonly rfState: RfStateCode;
}

/** What `show redundancy` says. Uptimes have minute precision, as printed. */
export interface ShowRedundancyObservation {
  readonly command: 'show redundancy';
  readonly systemUptimeMs: number;
  readonly switchovers: number;
  /** `null` when the line is absent (older releases). */
  readonly standbyFailures: number | null;
  readonly lastSwitchoverReason: string | null;
  readonly hardwareMode: 'Duplex' | 'Simplex';
  readonly configuredMode: ObservedRedundancyMode;
  readonly operatingMode: ObservedRedundancyMode;
  readonly maintenanceMode: boolean | null;
  readonly communications: ObservedCommunications;
  readonly current: ObservedProcessor;
  /** The peer block; `null` when the device says the peer is not available (see `unavailablePeer`). */
  readonly peer: ObservedProcessor | null;
  readonly unavailablePeer: ObservedUnavailablePeer | null;
}

const COMMAND = 'show redundancy';
const UNAVAILABLE = /^\s*Peer \(slot: ([^)]*)\) information is not available because it is in '([^']*)' state\s*$/;

type Section = 'system' | 'current' | 'peer';

const SECTION_TITLES: readonly [RegExp, Section][] = [
  [/^\s*Redundant System Information\s*:?\s*$/, 'system'],
  [/^\s*Current Processor Information\s*:?\s*$/, 'current'],
  [/^\s*Peer Processor Information\s*:?\s*$/, 'peer'],
];

interface Sections {
  readonly system: SourceLine[];
  readonly current: SourceLine[];
  readonly peer: SourceLine[];
  unavailable: SourceLine | null;
}

/** Splits the output into its sections; lines before the first title count as system information. */
function splitSections(lines: readonly SourceLine[]): Sections {
  const sections: Sections = { system: [], current: [], peer: [], unavailable: null };
  let section: Section = 'system';
  for (const line of lines) {
    const title = SECTION_TITLES.find(([re]) => re.test(line.text));
    if (title) section = title[1];
    else if (UNAVAILABLE.test(line.text)) sections.unavailable = line;
    else if (!/^\s*-+\s*$/.test(line.text)) sections[section].push(line);
  }
  if (sections.current.length > 0) return sections;
  const system = fieldMap(sections.system);
  if (system.has('hardware mode') || system.has('configured redundancy mode') || sections.unavailable) {
    abort('MISSING_FIELD', `no "Current Processor Information" section: not complete ${COMMAND} output`);
  }
  return abort('UNRECOGNISED_OUTPUT', `no "Current Processor Information" section: not ${COMMAND} output`);
}

/** RF state of a CLI name (`STANDBY HOT`, any case or spacing). Shared with the states parser. */
export function readRfState(text: string): RfStateCode | undefined {
  return rfStateFromName(text.replace(/\s+/g, ' '));
}

/** A non-negative integer written in digits only. */
export function readCount(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** `Up`, or `Down` with an optional `Reason: …`. */
export function readCommunications(text: string): ObservedCommunications | undefined {
  const m = /^(Up|Down)(?:\s+Reason:\s*(.+))?$/i.exec(text);
  if (!m) return undefined;
  return { up: (m[1] ?? '').toLowerCase() === 'up', reason: m[2]?.trim() ?? null };
}

/** `Enabled` / `Disabled`. */
export function readEnabled(text: string): boolean | undefined {
  if (/^enabled$/i.test(text)) return true;
  return /^disabled$/i.test(text) ? false : undefined;
}

/** `Duplex` / `Simplex`. */
export function readHardwareMode(text: string): 'Duplex' | 'Simplex' | undefined {
  if (/^duplex$/i.test(text)) return 'Duplex';
  return /^simplex$/i.test(text) ? 'Simplex' : undefined;
}

function optionalField<T>(fields: FieldMap, label: string, read: (v: string) => T | undefined, what: string): T | null {
  const field = fields.get(label.toLowerCase());
  return field ? readField(field, read, what) : null;
}

/** The release named in an image line: the word after `Version` (with or without `Experimental`). */
function imageVersionOf(image: string): string | null {
  return /\bVersion\s+([^\s,]+)/.exec(image)?.[1] ?? null;
}

function readProcessor(lines: readonly SourceLine[], which: string): ObservedProcessor {
  const fields = fieldMap(lines);
  const locationLine = lines.find((l) => /^\s*(Active|Standby) Location\s*=/.test(l.text));
  if (!locationLine) abort('MISSING_FIELD', `no "Active/Standby Location" line in the ${which} processor block`);
  const role = /^\s*Active/.test(locationLine.text) ? 'active' : 'standby';
  const location = (locationLine.text.split('=')[1] ?? '').trim();
  const image = required(fields, 'Image Version', COMMAND).value;
  return {
    role,
    slot: location.replace(/^slot\s+/i, ''),
    rfState: readField(required(fields, 'Current Software state', COMMAND), readRfState, 'an RF state'),
    uptimeInStateMs: readField(required(fields, 'Uptime in current state', COMMAND), parseUptime, 'an uptime'),
    image,
    imageVersion: imageVersionOf(image),
    boot: fields.get('boot')?.value ?? null,
    configFile: fields.get('config_file')?.value ?? null,
    configRegister: fields.get('configuration register')?.value ?? null,
  };
}

function readUnavailable(line: SourceLine | null): ObservedUnavailablePeer | null {
  if (!line) return null;
  const m = UNAVAILABLE.exec(line.text);
  const rfState = readRfState(m?.[2] ?? '');
  if (rfState === undefined) abort('INVALID_VALUE', `"${m?.[2] ?? ''}" is not an RF state`, line.number);
  return { slot: m?.[1] ?? '', rfState };
}

function readMode(fields: FieldMap, label: string): ObservedRedundancyMode {
  return readField(required(fields, label, COMMAND), parseModeText, 'a redundancy mode');
}

type SystemFields = Omit<ShowRedundancyObservation, 'command' | 'current' | 'peer' | 'unavailablePeer'>;

function readSystem(fields: FieldMap): SystemFields {
  return {
    systemUptimeMs: readField(required(fields, 'Available system uptime', COMMAND), parseUptime, 'an uptime'),
    switchovers: readField(required(fields, 'Switchovers system experienced', COMMAND), readCount, 'a count'),
    standbyFailures: optionalField(fields, 'Standby failures', readCount, 'a count'),
    lastSwitchoverReason: fields.get('last switchover reason')?.value ?? null,
    hardwareMode: readField(required(fields, 'Hardware Mode', COMMAND), readHardwareMode, 'Duplex or Simplex'),
    configuredMode: readMode(fields, 'Configured Redundancy Mode'),
    operatingMode: readMode(fields, 'Operating Redundancy Mode'),
    maintenanceMode: optionalField(fields, 'Maintenance Mode', readEnabled, 'Enabled or Disabled'),
    communications: readField(required(fields, 'Communications', COMMAND), readCommunications, 'Up or Down'),
  };
}

/**
 * Reads `show redundancy` output of an ASR 1000 or another IOS/IOS-XE device (Catalyst layouts with
 * `slot 1/5` or `Switch 1` locations, double-spaced pastes, prompts and time-stamp lines are accepted).
 * Lines are matched by label, not position. Required: every system line but `Standby failures`,
 * `Last switchover reason` and `Maintenance Mode`, and a complete current-processor block.
 */
export function parseShowRedundancy(text: string): ParseResult<ShowRedundancyObservation> {
  return runParser(text, (lines) => {
    const sections = splitSections(lines);
    const system = readSystem(fieldMap(sections.system));
    const peer = sections.peer.length > 0 ? readProcessor(sections.peer, 'peer') : null;
    return {
      command: COMMAND,
      ...system,
      current: readProcessor(sections.current, 'current'),
      peer,
      unavailablePeer: peer ? null : readUnavailable(sections.unavailable),
    };
  });
}
