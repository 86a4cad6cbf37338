import { SCENARIO_LIMITS } from './scenario-limits.js';

/**
 * Durations in scenario files, in simulated time.
 *
 * Grammar (no spaces, units lowercase):
 * ```
 * duration  := "0" | component+
 * component := digits ("." digits)? unit
 * unit      := "h" | "m" | "s" | "ms"
 * ```
 * - Components appear in decreasing unit order, each unit at most once: `1h30m`, `2m30s`, `1s500ms`.
 * - Decimals are allowed when the component is a whole number of ms: `1.5m` (90 000 ms), `0.25s`;
 *   `1.5ms` is rejected, never rounded.
 * - A bare number is rejected (`60` could mean seconds or ms), except `0`, which means the same in every
 *   unit (as in Go's `time.ParseDuration`).
 * - Range: 0 … {@link SCENARIO_LIMITS.maxDurationMs} (30 days); fields may narrow it (a horizon is > 0).
 */
export type DurationUnit = 'h' | 'm' | 's' | 'ms';

/** Milliseconds per unit, largest first: the order components must follow. */
export const DURATION_UNITS: Readonly<Record<DurationUnit, number>> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

const UNIT_ORDER: readonly DurationUnit[] = ['h', 'm', 's', 'ms'];

/** Why a duration text was refused; the codes are also scenario error codes. */
export type DurationErrorCode = 'invalid-duration' | 'missing-duration-unit' | 'duration-out-of-range';

/** Integer milliseconds, or why the text is not a duration (the message says what was found and expected). */
export type DurationResult = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly code: DurationErrorCode; readonly message: string };

const EXPECTED = 'a duration is a number with a unit ms, s, m or h, e.g. 250ms, 60s, 1.5m, 1h30m';
const COMPONENT = /^(\d+)(?:\.(\d+))?([A-Za-zµ]*)/;

/** Parses a duration text (grammar above) to integer milliseconds. Never throws. */
export function parseDuration(text: string): DurationResult {
  const shown = quote(text);
  if (text.length === 0) return fail('invalid-duration', `empty duration; ${EXPECTED}`);
  if (text.length > SCENARIO_LIMITS.maxDurationText) {
    return fail('invalid-duration', `duration text is ${text.length} characters long; ${EXPECTED}`);
  }
  if (text === '0') return { ok: true, ms: 0 };
  if (/^\d+(\.\d+)?$/.test(text)) {
    return fail('missing-duration-unit', `duration ${shown} has no unit; units are required: ms, s, m or h (e.g. ${text}s)`);
  }
  if (/^-\d/.test(text)) return fail('duration-out-of-range', `negative duration ${shown}; durations are 0 or more`);
  if (/\s/.test(text)) return fail('invalid-duration', `duration ${shown} contains a space; write components together, e.g. 1h30m`);
  return parseComponents(text, shown);
}

function parseComponents(text: string, shown: string): DurationResult {
  let rest = text;
  let total = 0n;
  let lastUnit = -1;
  while (rest.length > 0) {
    const match = COMPONENT.exec(rest);
    if (match === null) return fail('invalid-duration', `unexpected ${quote(rest[0] ?? '')} in duration ${shown}; ${EXPECTED}`);
    const [whole, digits = '', fraction = '', unitText = ''] = match;
    const unitIndex = UNIT_ORDER.indexOf(unitText as DurationUnit);
    if (unitIndex < 0) return fail('invalid-duration', unitProblem(unitText, shown));
    if (unitIndex <= lastUnit) {
      return fail('invalid-duration', `duration ${shown} repeats or reorders units; give each unit once, largest first (e.g. 1h30m)`);
    }
    const ms = componentMs(digits, fraction, DURATION_UNITS[UNIT_ORDER[unitIndex] ?? 'ms']);
    if (ms === undefined) {
      return fail('invalid-duration', `duration ${shown} is not a whole number of milliseconds; use a smaller unit`);
    }
    total += ms;
    lastUnit = unitIndex;
    rest = rest.slice(whole.length);
  }
  if (total > BigInt(SCENARIO_LIMITS.maxDurationMs)) {
    return fail('duration-out-of-range', `duration ${shown} is longer than the maximum ${formatDuration(SCENARIO_LIMITS.maxDurationMs)} (30 days)`);
  }
  return { ok: true, ms: Number(total) };
}

/** Exact value of `digits.fraction × unitMs`, or undefined when it is not a whole number of ms. */
function componentMs(digits: string, fraction: string, unitMs: number): bigint | undefined {
  const scale = 10n ** BigInt(fraction.length);
  const scaled = (BigInt(digits) * scale + BigInt(fraction === '' ? '0' : fraction)) * BigInt(unitMs);
  return scaled % scale === 0n ? scaled / scale : undefined;
}

function unitProblem(unitText: string, shown: string): string {
  if (unitText === '') return `duration ${shown} is missing a unit after a number; ${EXPECTED}`;
  const lower = unitText.toLowerCase();
  if (lower !== unitText && (UNIT_ORDER as readonly string[]).includes(lower)) {
    return `unit "${unitText}" in duration ${shown} must be lowercase ("${lower}")`;
  }
  const long: Readonly<Record<string, string>> = { sec: 's', secs: 's', min: 'm', mins: 'm', hr: 'h', hrs: 'h', d: '24h' };
  const hint = Object.hasOwn(long, lower) ? ` (write ${long[lower]})` : '';
  return `unknown unit "${unitText}" in duration ${shown}; units are ms, s, m and h${hint}`;
}

/**
 * Formats integer milliseconds in the grammar above, largest units first: 90_000 → `1m30s`, 0 → `0s`,
 * 5_400_250 → `1h30m250ms`. `parseDuration(formatDuration(ms))` gives `ms` back for every integer in range.
 * Negative values get a leading `-` and fractions are rounded, for display only.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const whole = Math.round(ms);
  if (whole < 0) return `-${formatDuration(-whole)}`;
  if (whole === 0) return '0s';
  let rest = whole;
  let text = '';
  for (const unit of UNIT_ORDER) {
    const count = Math.floor(rest / DURATION_UNITS[unit]);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * DURATION_UNITS[unit];
  }
  return text;
}

function fail(code: DurationErrorCode, message: string): DurationResult {
  return { ok: false, code, message };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
