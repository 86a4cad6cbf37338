import { fail, ok, type ParseErrorCode, type ParseResult } from './parse-result.js';

/** A line of device output with its 1-based number in the text given. */
export interface SourceLine {
  readonly number: number;
  /** The line without its line break; trailing spaces are kept. */
  readonly text: string;
}

/**
 * A prompt that echoes a command, `router#show version` or `router(config)#do show ver`: host name, optional
 * mode, `#` or `>`, at most one space, then the command. Lines such as `Switch#   Role  Priority` (a
 * table header of a Catalyst `show platform`) have more spaces and are not prompts.
 */
const PROMPT = /^([A-Za-z0-9][\w.-]*)(?:\([\w-]+\))?[#>] ?(\S.*)?$/;

export interface PromptLine {
  readonly hostname: string;
  /** The command typed after the prompt, trimmed; empty for a bare prompt. */
  readonly command: string;
}

export function promptOf(text: string): PromptLine | undefined {
  const m = PROMPT.exec(text.trimEnd());
  if (!m) return undefined;
  return { hostname: m[1] ?? '', command: (m[2] ?? '').trim() };
}

/**
 * Lines a terminal session adds around command output and that no parser needs: command time-stamps
 * (`Load for five secs: …`, `Time source is NTP, …`) and a pager prompt.
 */
const NOISE = [/^\s*Load for five secs:/, /^\s*Time source is /, /^\s*--More--\s*$/];

/** Splits text into numbered lines (CRLF, CR or LF). */
export function splitLines(text: string): SourceLine[] {
  return text.split(/\r\n|\r|\n/).map((line, index) => ({ number: index + 1, text: line }));
}

/** The lines of a command's output: prompts, echoed commands, session noise and blank lines removed. */
export function outputLines(text: string): SourceLine[] {
  return splitLines(text).filter((line) => line.text.trim() !== '' && !promptOf(line.text) && !NOISE.some((re) => re.test(line.text)));
}

/** A `label = value` line: the label with inner spaces collapsed, the value trimmed. */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/** Splits a line at its first `=`; `undefined` when there is none or the label is empty. */
export function keyValue(text: string): KeyValue | undefined {
  const at = text.indexOf('=');
  if (at <= 0) return undefined;
  const key = text.slice(0, at).trim().replace(/\s+/g, ' ');
  return key === '' ? undefined : { key, value: text.slice(at + 1).trim() };
}

/** The device refused the command (`% Invalid input detected at '^' marker.`). */
export function cliErrorLine(lines: readonly SourceLine[]): SourceLine | undefined {
  return lines.find((l) => /^\s*% ?(Invalid input|Incomplete command|Ambiguous command|Unknown command)/.test(l.text));
}

/**
 * Raised inside a parser to abandon it; {@link runParser} turns it into a failed result, so it never leaves
 * the library.
 */
class ParseAbort extends Error {
  constructor(
    readonly code: ParseErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

export function abort(code: ParseErrorCode, message: string, line?: number): never {
  throw new ParseAbort(code, message, line);
}

/**
 * Runs a parser body over the output lines of `text`: empty input, device errors and any `abort` become a
 * failed result; the body's return value becomes the observation.
 */
export function runParser<T>(text: string, body: (lines: SourceLine[]) => T): ParseResult<T> {
  const lines = outputLines(text);
  if (lines.length === 0) return fail('EMPTY_INPUT', 'the text is empty');
  const refused = cliErrorLine(lines);
  if (refused) return fail('CLI_ERROR', `the device answered with an error: ${refused.text.trim()}`, refused.number);
  try {
    return ok(body(lines));
  } catch (error) {
    if (error instanceof ParseAbort) return fail(error.code, error.message, error.line);
    throw error;
  }
}

/** `label = value` lines of a section, by lower-cased label; the first occurrence wins. */
export type FieldMap = ReadonlyMap<string, { readonly value: string; readonly line: number }>;

export function fieldMap(lines: readonly SourceLine[]): FieldMap {
  const fields = new Map<string, { value: string; line: number }>();
  for (const line of lines) {
    const kv = keyValue(line.text);
    const key = kv?.key.toLowerCase();
    if (kv && key !== undefined && !fields.has(key)) fields.set(key, { value: kv.value, line: line.number });
  }
  return fields;
}

/** The value of a label that the command always prints; aborts with `MISSING_FIELD` naming it. */
export function required(fields: FieldMap, label: string, command: string): { value: string; line: number } {
  const field = fields.get(label.toLowerCase());
  return field ?? abort('MISSING_FIELD', `no "${label}" line: not complete ${command} output`);
}

/** Reads a field's value with `read`; aborts with `INVALID_VALUE` on the field's line when it returns undefined. */
export function readField<T>(field: { readonly value: string; readonly line: number }, read: (value: string) => T | undefined, what: string): T {
  const result = read(field.value);
  return result === undefined ? abort('INVALID_VALUE', `"${field.value}" is not ${what}`, field.line) : result;
}
