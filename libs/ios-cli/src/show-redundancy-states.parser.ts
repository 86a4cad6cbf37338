import type { RfStateCode } from '@asr-twin/domain';
import type { ParseResult } from './parse-result.js';
import { parseModeText, type ObservedRedundancyMode } from './redundancy-labels.js';
import { readCommunications, readCount, readEnabled, readHardwareMode, readRfState, type ObservedCommunications } from './show-redundancy.parser.js';
import { abort, fieldMap, readField, required, runParser, type FieldMap } from './text-lines.js';

/** `Manual Swact = enabled` / `disabled (system is simplex (no peer unit))` / `cannot be initiated from …`. */
export interface ObservedManualSwact {
  readonly enabled: boolean;
  readonly reason: string | null;
}

/** What `show redundancy states` says. */
export interface ShowRedundancyStatesObservation {
  readonly command: 'show redundancy states';
  readonly myState: RfStateCode;
  readonly peerState: RfStateCode;
  readonly hardwareMode: 'Duplex' | 'Simplex';
  readonly unit: 'primary' | 'secondary' | null;
  readonly unitId: number | null;
  readonly operatingMode: ObservedRedundancyMode;
  readonly configuredMode: ObservedRedundancyMode;
  /** `Redundancy State` as printed (`sso`, `Non Redundant`). */
  readonly redundancyState: string;
  readonly maintenanceMode: boolean | null;
  readonly manualSwact: ObservedManualSwact | null;
  readonly communications: ObservedCommunications;
  readonly clientCount: number | null;
  readonly clientNotificationTimerMs: number | null;
  readonly rfDebugMask: string | null;
}

const COMMAND = 'show redundancy states';

/**
 * `13 -ACTIVE`, `8  -STANDBY HOT`, ` 8 -STANDBY HOT` (Catalyst 4500): number and name must agree.
 */
export function readStateField(text: string): RfStateCode | undefined {
  const m = /^(\d+)\s*-\s*(.+?)\s*$/.exec(text);
  const code = readRfState(m?.[2] ?? '');
  if (code === undefined || Number(m?.[1]) !== code) return undefined;
  return code;
}

function readUnit(text: string): 'primary' | 'secondary' | undefined {
  if (/^primary$/i.test(text)) return 'primary';
  return /^secondary$/i.test(text) ? 'secondary' : undefined;
}

function readManualSwact(text: string): ObservedManualSwact | undefined {
  if (/^enabled$/i.test(text)) return { enabled: true, reason: null };
  const disabled = /^disabled(?:\s*\((.*)\))?$/i.exec(text);
  if (disabled) return { enabled: false, reason: disabled[1] ?? null };
  return /^cannot be initiated/i.test(text) ? { enabled: false, reason: text } : undefined;
}

function readTimer(text: string): number | undefined {
  const m = /^(\d+)\s*milliseconds$/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

function optional<T>(fields: FieldMap, label: string, read: (v: string) => T | undefined, what: string): T | null {
  const field = fields.get(label.toLowerCase());
  return field ? readField(field, read, what) : null;
}

function readMode(fields: FieldMap, label: string): ObservedRedundancyMode {
  return readField(required(fields, label, COMMAND), parseModeText, 'a redundancy mode');
}

/**
 * Reads `show redundancy states` output (ASR 1000 and other IOS/IOS-XE layouts, indented or not). Required:
 * `my state`, `peer state`, `Mode`, both `Redundancy Mode` lines, `Redundancy State` and `Communications`;
 * the state numbers must match their names (`13 -ACTIVE`).
 */
export function parseShowRedundancyStates(text: string): ParseResult<ShowRedundancyStatesObservation> {
  return runParser(text, (lines) => {
    const fields = fieldMap(lines);
    if (!fields.has('my state')) abort('UNRECOGNISED_OUTPUT', 'no "my state" line: not show redundancy states output');
    const state = (label: string): RfStateCode => readField(required(fields, label, COMMAND), readStateField, 'an RF state such as "13 -ACTIVE"');
    return {
      command: COMMAND,
      myState: state('my state'),
      peerState: state('peer state'),
      hardwareMode: readField(required(fields, 'Mode', COMMAND), readHardwareMode, 'Duplex or Simplex'),
      unit: optional(fields, 'Unit', readUnit, 'Primary or Secondary'),
      unitId: optional(fields, 'Unit ID', readCount, 'a number'),
      operatingMode: readMode(fields, 'Redundancy Mode (Operational)'),
      configuredMode: readMode(fields, 'Redundancy Mode (Configured)'),
      redundancyState: required(fields, 'Redundancy State', COMMAND).value,
      maintenanceMode: optional(fields, 'Maintenance Mode', readEnabled, 'Enabled or Disabled'),
      manualSwact: optional(fields, 'Manual Swact', readManualSwact, 'a manual swact status'),
      communications: readField(required(fields, 'Communications', COMMAND), readCommunications, 'Up or Down'),
      clientCount: optional(fields, 'client count', readCount, 'a number'),
      clientNotificationTimerMs: optional(fields, 'client_notification_TMR', readTimer, 'a timer in milliseconds'),
      rfDebugMask: fields.get('rf debug mask')?.value ?? null,
    };
  });
}
