import { fail, type ParseResult, type ShowCommand, type ShowParseError } from './parse-result.js';
import { parseShowPlatform, type ShowPlatformObservation } from './show-platform.parser.js';
import { parseShowRedundancyStates, type ShowRedundancyStatesObservation } from './show-redundancy-states.parser.js';
import { parseShowRedundancy, type ShowRedundancyObservation } from './show-redundancy.parser.js';
import { parseShowVersion, type ShowVersionObservation } from './show-version.parser.js';
import { splitShowOutput, type ShowOutputPart } from './split-show-output.parser.js';

/** Any observation; `command` tells which. */
export type ShowObservation = ShowRedundancyObservation | ShowRedundancyStatesObservation | ShowVersionObservation | ShowPlatformObservation;

/** The parser of each command, for callers that know the command. */
export const SHOW_PARSERS: {
  readonly [C in ShowCommand]: (text: string) => ParseResult<Extract<ShowObservation, { command: C }>>;
} = {
  'show redundancy': parseShowRedundancy,
  'show redundancy states': parseShowRedundancyStates,
  'show version': parseShowVersion,
  'show platform': parseShowPlatform,
};

function parsePart(part: ShowOutputPart, command: ShowCommand): ParseResult<ShowObservation> {
  const result: ParseResult<ShowObservation> = SHOW_PARSERS[command](part.text);
  if (result.ok || result.error.line === undefined) return result;
  const error: ShowParseError = { ...result.error, line: result.error.line + part.firstLine - 1 };
  return { ok: false, error };
}

/**
 * Parses the output of one command. With `command`, that parser reads the text (prompts are ignored);
 * without, the command comes from an echoed prompt line or from the content (`detectShowCommand` rules).
 * Error lines count from the start of `text`.
 */
export function parseShowOutput(text: string, command?: ShowCommand): ParseResult<ShowObservation> {
  if (command) return SHOW_PARSERS[command](text);
  const parts = splitShowOutput(text).filter((p) => p.text.trim() !== '' || p.commandText !== null);
  const [part] = parts;
  if (!part) return fail('EMPTY_INPUT', 'the text is empty');
  if (parts.length > 1) {
    return fail('UNRECOGNISED_OUTPUT', `the text holds ${parts.length} command outputs; use parseShowOutputs`);
  }
  if (!part.command) {
    const what = part.commandText === null ? 'the text' : `"${part.commandText}"`;
    return fail('UNRECOGNISED_OUTPUT', `${what} is not the output of a supported show command`, part.firstLine);
  }
  return parsePart(part, part.command);
}

/** One part of a multi-command paste with its parse result (`null` for commands the library does not read). */
export interface ParsedShowPart {
  readonly part: ShowOutputPart;
  readonly result: ParseResult<ShowObservation> | null;
}

/**
 * Splits a paste at its prompts and parses every part that is one of the four commands; other commands
 * (`terminal length 0`, `show clock`) are returned with a `null` result. Error lines count from the start
 * of the paste.
 */
export function parseShowOutputs(text: string): ParsedShowPart[] {
  return splitShowOutput(text).map((part) => ({
    part,
    result: part.command ? parsePart(part, part.command) : null,
  }));
}
