import { type FieldIssue, ValidationError } from '@asr-twin/domain';
import {
  detectShowCommand,
  parseShowOutputs,
  SHOW_COMMANDS,
  toValidationError,
  type ShowObservation,
  type ShowOutputPart,
  type ShowCommand,
  type ShowParseError,
  type ShowPlatformObservation,
  type ShowRedundancyObservation,
  type ShowRedundancyStatesObservation,
  type ShowVersionObservation,
} from '@asr-twin/ios-cli';

/** A parsed command output and the part of the paste it came from. */
export interface Observed<T> {
  readonly value: T;
  readonly part: ShowOutputPart;
}

/** What one paste holds: at most one output of each of the four commands, at least one of them. */
export interface ObservationSet {
  readonly redundancy: Observed<ShowRedundancyObservation> | null;
  readonly states: Observed<ShowRedundancyStatesObservation> | null;
  readonly version: Observed<ShowVersionObservation> | null;
  readonly platform: Observed<ShowPlatformObservation> | null;
}

type MutableSet = { -readonly [K in keyof ObservationSet]: ObservationSet[K] };

/** Issues listed in one answer; a paste of thousands of bad parts does not need thousands of them. */
const MAX_ISSUES = 20;

/** The `cisco ASR1001 (1RU) processor …` line of `show version`, which names the chassis. */
export const PROCESSOR_LINE = /^\s*cisco\s+\S+\s+\(/i;

/** 1-based line of the paste where the first line of `part` matching `pattern` is; its start without one. */
export function lineOf(part: ShowOutputPart, pattern: RegExp): number {
  const index = part.text.split('\n').findIndex((l) => pattern.test(l));
  return part.firstLine + Math.max(0, index);
}

function parseIssue(part: ShowOutputPart, error: ShowParseError): FieldIssue[] {
  const what = `${part.command ?? 'output'} (from line ${part.firstLine})`;
  return [...toValidationError({ ...error, message: `${what}: ${error.message}` }).issues];
}

/**
 * Why a part is not one of the four outputs: a prompted part by its command and prompt line (the line before
 * its output); text without a prompt by its first line and what it looks like (several outputs glued together
 * need their prompt lines to be told apart).
 */
function unsupportedIssue(part: ShowOutputPart): FieldIssue {
  if (part.commandText !== null) {
    const message = `"${part.commandText}" (line ${part.firstLine - 1}) is not the output of ${SHOW_COMMANDS.join(', ')}`;
    return { field: 'output', message };
  }
  const detected = detectShowCommand(part.text);
  const why = detected.ok ? `not the output of ${SHOW_COMMANDS.join(', ')}` : detected.error.message;
  const hint = /several/.test(why) ? '; keep the prompt line (router#show …) before each output' : '';
  return { field: 'output', message: `the text from line ${part.firstLine}: ${why}${hint}` };
}

function put<K extends keyof MutableSet>(set: MutableSet, key: K, entry: NonNullable<MutableSet[K]>): boolean {
  if (set[key] !== null) return false;
  set[key] = entry;
  return true;
}

/** Files an observation under its command; `false` when that command was already seen. */
function file(set: MutableSet, value: ShowObservation, part: ShowOutputPart): boolean {
  switch (value.command) {
    case 'show redundancy':
      return put(set, 'redundancy', { value, part });
    case 'show redundancy states':
      return put(set, 'states', { value, part });
    case 'show version':
      return put(set, 'version', { value, part });
    case 'show platform':
      return put(set, 'platform', { value, part });
  }
}

function fail(issues: readonly FieldIssue[]): never {
  const shown = issues.slice(0, MAX_ISSUES);
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
  throw new ValidationError(`device output could not be read: ${shown[0]?.message ?? 'invalid'}${more}`, shown);
}

/**
 * Parses a paste (one or more outputs, with or without `router#show …` prompt lines) completely before anything
 * is applied. Parts without output (`terminal length 0`) are skipped. Throws `ValidationError` naming the
 * command and line of every part that is not one of the four commands or does not parse, for a command given
 * twice, and for a paste with no output at all.
 */
export function parseObservation(text: string): ObservationSet {
  const set: MutableSet = { redundancy: null, states: null, version: null, platform: null };
  const issues: FieldIssue[] = [];
  for (const { part, result } of parseShowOutputs(text)) {
    if (result === null) {
      if (part.text.trim() !== '') issues.push(unsupportedIssue(part));
    } else if (!result.ok) {
      issues.push(...parseIssue(part, result.error));
    } else if (!file(set, result.value, part)) {
      issues.push({ field: 'output', message: `${result.value.command} (line ${part.firstLine}) appears twice; send one output per command` });
    }
  }
  if (issues.length > 0) fail(issues);
  if (Object.values(set).every((v) => v === null)) {
    const message = text.trim() === '' ? 'the text is empty' : `the text holds no output of ${SHOW_COMMANDS.join(', ')}`;
    fail([{ field: 'output', message }]);
  }
  return set;
}

/** The commands a set holds, in the order of `SHOW_COMMANDS`, joined with `, ` (as routers record them). */
export function commandsOf(set: ObservationSet): string {
  const held: Record<ShowCommand, unknown> = {
    'show redundancy': set.redundancy,
    'show redundancy states': set.states,
    'show version': set.version,
    'show platform': set.platform,
  };
  return SHOW_COMMANDS.filter((c) => held[c] !== null).join(', ');
}
