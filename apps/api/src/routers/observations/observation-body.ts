import { ValidationError } from '@asr-twin/domain';
import { z } from 'zod';
import { EdgeError } from '../../common/problem.js';
import { parseInput } from '../../common/validation.js';

/**
 * Most characters of device output one observation may carry. A paste of all four commands is under 20,000;
 * the cap bounds the work of a parse worker (`PARSE_TIME_LIMIT_MS` stops any parse that still runs too long).
 */
export const MAX_OBSERVATION_CHARS = 262_144;

/**
 * Longest line accepted. Device output lines are under 300 characters; the cap bounds the parsers' regular
 * expressions, some of which backtrack quadratically on a long line.
 */
export const MAX_LINE_CHARS = 2_048;

/** The JSON form of an observation body. */
export const OBSERVATION_JSON_BODY = z.strictObject({
  output: z.string().describe('raw output of show redundancy, show redundancy states, show version and/or show platform'),
});

/** C0 control characters other than tab, line feed and carriage return, and DEL: never in CLI output. */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * The text without the byte-order mark some editors put first. Throws `EdgeError` 413 when it is longer than
 * {@link MAX_OBSERVATION_CHARS}, and `ValidationError` for over-long lines and control characters.
 */
export function checkText(raw: string): string {
  const text = raw.replace(/^\uFEFF/, '');
  if (text.length > MAX_OBSERVATION_CHARS) {
    throw new EdgeError('PAYLOAD_TOO_LARGE', 413, `device output is limited to ${MAX_OBSERVATION_CHARS} characters per observation; got ${text.length}`);
  }
  const lines = text.split(/\r\n|\r|\n/);
  const long = lines.findIndex((l) => l.length > MAX_LINE_CHARS);
  if (long >= 0) {
    throw new ValidationError(`line ${long + 1} of the device output is ${lines[long]?.length} characters long`, [
      { field: 'output', message: `line ${long + 1}: longer than ${MAX_LINE_CHARS} characters; device output lines are far shorter` },
    ]);
  }
  const control = lines.findIndex((l) => CONTROL.test(l));
  if (control >= 0) {
    throw new ValidationError(`line ${control + 1} of the device output holds control characters`, [
      { field: 'output', message: `line ${control + 1}: control characters (NUL, ESC, …) are not device output` },
    ]);
  }
  return text;
}

/**
 * The device output of an observation request: the body itself when it is text (`text/plain`), or the
 * `output` field of a JSON object. Refuses other shapes, over-long text or lines, and control characters.
 */
export function observationTextOf(body: unknown): string {
  if (typeof body === 'string') return checkText(body);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return checkText(parseInput(OBSERVATION_JSON_BODY, body, 'body').output);
  }
  const got = body === undefined ? 'no body' : body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body;
  throw new ValidationError('send the device output as text/plain, or as JSON { "output": "…" }', [
    { field: 'body', message: `expected text or an object with "output", got ${got}` },
  ]);
}
