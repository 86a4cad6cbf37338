import { isChassisModel, type ChassisModel } from '@asr-twin/domain';
import type { ParseResult } from './parse-result.js';
import { abort, runParser, type SourceLine } from './text-lines.js';
import { parseInsertTime } from './uptime.format.js';

/**
 * One slot of `show platform`: a carrier (`0`), a bay (`0/1`), an RP (`R0`), an IOSd sub-slot (`R0/1`, §8.14), an
 * ESP (`F0`), a supply (`P0`).
 */
export interface ObservedPlatformSlot {
  readonly slot: string;
  /** PID; `null` when the column is empty (an unrecognised card). */
  readonly type: string | null;
  /** State as printed: `ok`, `ok, active`, `init, standby`, `ps, fail`, `unknown`, … */
  readonly state: string;
  /** `active`/`standby` when the state ends in one, as RPs and ESPs do. */
  readonly role: 'active' | 'standby' | null;
  /** Insert time as printed (`00:33:53`, `2d00h`, `never`). */
  readonly insertTime: string;
  /** The insert time as a duration; `null` for `never` or `N/A`. */
  readonly insertedAgoMs: number | null;
  readonly cpldVersion: string | null;
  readonly firmwareVersion: string | null;
}

/** What `show platform` says (ASR 1000 / ISR 4000 / C8000 layout). */
export interface ShowPlatformObservation {
  readonly command: 'show platform';
  /** `Chassis type:` value, e.g. `ASR1006`; `null` if absent. */
  readonly chassis: string | null;
  readonly model: ChassisModel | null;
  readonly slots: readonly ObservedPlatformSlot[];
}

const COMMAND = 'show platform';
const CARD_HEADER = /^\s*Slot\s+Type\s+State\s+Insert time/;
const VERSION_HEADER = /^\s*Slot\s+CPLD Version\s+Firmware Version/;
const CHASSIS = /^\s*Chassis type:\s*(\S+)/;
/** A carrier (`0`), a bay (`0/1`), a card (`R0`, `F0`, `P0`) or an IOSd sub-slot of an RP (`R0/1`, domain §8.14). */
const SLOT = /^(\d+(?:\/\d+)?|[A-Z]{1,2}\d+(?:\/\d+)?)$/;

/** Column start offsets of a table, from the positions of its header words. */
function columnsOf(header: string, words: readonly string[]): number[] {
  return words.map((word) => header.indexOf(word));
}

function cells(text: string, starts: readonly number[]): string[] {
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length).trim());
}

/** Rows of the table whose header is at `headerIndex`: the following lines that start with a slot name. */
function tableRows(lines: readonly SourceLine[], headerIndex: number): SourceLine[] {
  const rows: SourceLine[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (/^[\s-]+$/.test(line.text)) continue;
    if (!SLOT.test(line.text.trim().split(/\s+/)[0] ?? '')) break;
    rows.push(line);
  }
  return rows;
}

function roleOf(state: string): 'active' | 'standby' | null {
  const role = /,\s*(active|standby)$/.exec(state)?.[1];
  return role === 'active' || role === 'standby' ? role : null;
}

function readCardRow(line: SourceLine, starts: readonly number[]): ObservedPlatformSlot {
  const [slot = '', type = '', state = '', insertTime = ''] = cells(line.text, starts);
  if (state === '') abort('INVALID_VALUE', `slot ${slot} has no state`, line.number);
  const insertedAgoMs = parseInsertTime(insertTime);
  if (insertedAgoMs === undefined) abort('INVALID_VALUE', `"${insertTime}" is not an insert time`, line.number);
  return {
    slot,
    type: type === '' ? null : type,
    state,
    role: roleOf(state),
    insertTime,
    insertedAgoMs,
    cpldVersion: null,
    firmwareVersion: null,
  };
}

function readVersions(lines: readonly SourceLine[]): Map<string, { cpld: string; firmware: string }> {
  const versions = new Map<string, { cpld: string; firmware: string }>();
  const index = lines.findIndex((l) => VERSION_HEADER.test(l.text));
  const header = lines[index];
  if (!header) return versions;
  const starts = columnsOf(header.text, ['Slot', 'CPLD', 'Firmware']);
  for (const row of tableRows(lines, index)) {
    const [slot = '', cpld = '', firmware = ''] = cells(row.text, starts);
    versions.set(slot, { cpld, firmware });
  }
  return versions;
}

/**
 * Reads `show platform` of an ASR 1000 (or another IOS-XE router with the same layout). Columns are cut at
 * the header words, so an empty Type (an unrecognised card) and states with a space (`ok, active`) read
 * correctly. Required: the `Slot Type State Insert time` table with at least one row.
 */
export function parseShowPlatform(text: string): ParseResult<ShowPlatformObservation> {
  return runParser(text, (lines) => {
    const index = lines.findIndex((l) => CARD_HEADER.test(l.text));
    const header = lines[index];
    if (!header) abort('UNRECOGNISED_OUTPUT', 'no "Slot Type State Insert time" table: not show platform output');
    const starts = columnsOf(header.text, ['Slot', 'Type', 'State', 'Insert']);
    const rows = tableRows(lines, index);
    if (rows.length === 0) abort('MISSING_FIELD', `empty slot table: not complete ${COMMAND} output`, header.number);
    const versions = readVersions(lines);
    const chassis = lines.map((l) => CHASSIS.exec(l.text)?.[1]).find((c) => c !== undefined) ?? null;
    const slots = rows.map((row) => {
      const card = readCardRow(row, starts);
      const v = versions.get(card.slot);
      return v ? { ...card, cpldVersion: v.cpld, firmwareVersion: v.firmware } : card;
    });
    return { command: COMMAND, chassis, model: chassis !== null && isChassisModel(chassis) ? chassis : null, slots };
  });
}
