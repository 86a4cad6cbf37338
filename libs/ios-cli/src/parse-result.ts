import { ValidationError } from '@asr-twin/domain';

/** The four commands the twin renders and parses. */
export const SHOW_COMMANDS = ['show redundancy', 'show redundancy states', 'show version', 'show platform'] as const;
export type ShowCommand = (typeof SHOW_COMMANDS)[number];

export function isShowCommand(value: unknown): value is ShowCommand {
  return typeof value === 'string' && (SHOW_COMMANDS as readonly string[]).includes(value);
}

/**
 * Why a text could not be read:
 * - `EMPTY_INPUT`: nothing but whitespace;
 * - `CLI_ERROR`: the device answered with an error (`% Invalid input detected …`);
 * - `UNRECOGNISED_OUTPUT`: not the output of any of the four commands, or of several at once;
 * - `MISSING_FIELD`: the output of the command, but a line it always prints is absent (e.g. truncated);
 * - `INVALID_VALUE`: a known line whose value cannot be read (an unknown RF state, a bad uptime).
 */
export const PARSE_ERROR_CODES = ['EMPTY_INPUT', 'CLI_ERROR', 'UNRECOGNISED_OUTPUT', 'MISSING_FIELD', 'INVALID_VALUE'] as const;
export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number];

/** A parse failure: what went wrong and, when it is one line, which (1-based, in the text given). */
export interface ShowParseError {
  readonly code: ParseErrorCode;
  readonly message: string;
  readonly line?: number;
}

/** Either the whole typed observation or an error; never a partly filled observation. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ShowParseError };

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T>(code: ParseErrorCode, message: string, line?: number): ParseResult<T> {
  return { ok: false, error: line === undefined ? { code, message } : { code, message, line } };
}

/**
 * The domain error an edge (REST, GraphQL, CLI) raises for a parse failure: `VALIDATION_FAILED`, with the
 * offending field (`output` unless named) and the line in the message.
 */
export function toValidationError(error: ShowParseError, field = 'output'): ValidationError {
  const where = error.line === undefined ? '' : ` (line ${error.line})`;
  const message = `${error.message}${where}`;
  return new ValidationError(`device output could not be parsed: ${message}`, [{ field, message }]);
}
