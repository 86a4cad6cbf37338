/**
 * Durations as IOS-XE prints them.
 *
 * Uptime phrases (`show redundancy`, `show version`): years, weeks, days and hours appear only when non-zero,
 * minutes always, each with a singular form: `15 hours, 1 minute`, `1 day, 15 hours, 32 minutes`,
 * `4 weeks, 14 hours, 49 minutes`, `1 year, 13 weeks, 6 days, 58 minutes`, `11 weeks, 2 days, 3 hours,
 * 0 minutes` (domain reference §5.2 and public captures of the same format). Seconds are dropped.
 *
 * Insert times (`show platform`, column "Insert time (ago)"): `00:33:53` under a day, `2d00h` under a week,
 * `22w5d` under a year, `2y30w` beyond.
 *
 * A year is taken as 365 days: the captures never show where IOS rolls weeks over into a year
 * [uncertain]; parsing and formatting use the same constant, so the twin's own output round-trips.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
export const YEAR_MS = 365 * DAY_MS;

const UNIT_MS = {
  year: YEAR_MS,
  week: WEEK_MS,
  day: DAY_MS,
  hour: HOUR_MS,
  minute: MINUTE_MS,
  second: 1000,
} as const;

type UptimeUnit = keyof typeof UNIT_MS;

function plural(count: number, unit: UptimeUnit): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** Whole units of `unitMs` in `ms`, and the remainder. */
function split(ms: number, unitMs: number): [number, number] {
  const count = Math.floor(ms / unitMs);
  return [count, ms - count * unitMs];
}

/**
 * IOS uptime phrase for a duration in ms (negative or non-finite values print as `0 minutes`).
 * @example formatUptime(54_240_000) === '15 hours, 4 minutes'
 */
export function formatUptime(ms: number): string {
  let rest = Number.isFinite(ms) && ms > 0 ? Math.floor(ms) : 0;
  const parts: string[] = [];
  for (const unit of ['year', 'week', 'day', 'hour'] as const) {
    const [count, remainder] = split(rest, UNIT_MS[unit]);
    rest = remainder;
    if (count > 0) parts.push(plural(count, unit));
  }
  parts.push(plural(Math.floor(rest / MINUTE_MS), 'minute'));
  return parts.join(', ');
}

const UPTIME_PART = /^(\d+)\s+(year|week|day|hour|minute|second)s?$/i;

/**
 * Duration in ms of an IOS uptime phrase, or `undefined` when the text is not one. Accepts any subset of
 * units in decreasing order, e.g. `1 day, 15 hours, 32 minutes` or `58 minutes`.
 */
export function parseUptime(text: string): number | undefined {
  const parts = text.trim().split(/\s*,\s*/);
  let total = 0;
  let lastUnitMs = Number.POSITIVE_INFINITY;
  for (const part of parts) {
    const match = UPTIME_PART.exec(part);
    if (!match) return undefined;
    const unitMs = UNIT_MS[(match[2] ?? '').toLowerCase() as UptimeUnit];
    if (unitMs >= lastUnitMs) return undefined;
    lastUnitMs = unitMs;
    total += Number(match[1]) * unitMs;
  }
  return total;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * `show platform` insert time for a duration in ms.
 * @example formatInsertTime(2 * DAY_MS) === '2d00h'
 */
export function formatInsertTime(ms: number): string {
  const t = Number.isFinite(ms) && ms > 0 ? Math.floor(ms) : 0;
  if (t < DAY_MS) {
    const [h, afterHours] = split(t, HOUR_MS);
    const [m, afterMinutes] = split(afterHours, MINUTE_MS);
    return `${pad2(h)}:${pad2(m)}:${pad2(Math.floor(afterMinutes / 1000))}`;
  }
  if (t < WEEK_MS) {
    const [d, rest] = split(t, DAY_MS);
    return `${d}d${pad2(Math.floor(rest / HOUR_MS))}h`;
  }
  if (t < YEAR_MS) {
    const [w, rest] = split(t, WEEK_MS);
    return `${w}w${Math.floor(rest / DAY_MS)}d`;
  }
  const [y, rest] = split(t, YEAR_MS);
  return `${y}y${Math.floor(rest / WEEK_MS)}w`;
}

const INSERT_TIME_FORMS: readonly [RegExp, number, number][] = [
  [/^(\d+)d(\d+)h$/, DAY_MS, HOUR_MS],
  [/^(\d+)w(\d+)d$/, WEEK_MS, DAY_MS],
  [/^(\d+)y(\d+)w$/, YEAR_MS, WEEK_MS],
];

/**
 * Duration in ms of a `show platform` insert time; `null` for `never`/`N/A`; `undefined` when the text is
 * none of these forms.
 */
export function parseInsertTime(text: string): number | null | undefined {
  const t = text.trim();
  if (/^(never|N\/A)$/i.test(t)) return null;
  const clock = /^(\d+):(\d{2}):(\d{2})$/.exec(t);
  if (clock) return Number(clock[1]) * HOUR_MS + Number(clock[2]) * MINUTE_MS + Number(clock[3]) * 1000;
  for (const [pattern, bigMs, smallMs] of INSERT_TIME_FORMS) {
    const m = pattern.exec(t);
    if (m) return Number(m[1]) * bigMs + Number(m[2]) * smallMs;
  }
  return undefined;
}

/** The precision a rendered uptime keeps: whole minutes. */
export function truncateToMinute(ms: number): number {
  return Math.floor(Math.max(0, ms) / MINUTE_MS) * MINUTE_MS;
}
