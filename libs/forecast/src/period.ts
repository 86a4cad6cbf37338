import { ValidationError } from '@asr-twin/domain';
import { YEAR_MS } from './forecast-run.js';

const PERIOD_UNITS: Readonly<Record<string, number>> = { y: YEAR_MS, d: 86_400_000, h: 3_600_000 };

/** Shortest and longest forecast period. */
export const MIN_PERIOD_MS = 3_600_000;
export const MAX_PERIOD_MS = 10 * YEAR_MS;

/**
 * A forecast period, `1y`, `90d`, `720h`: a positive number and one unit (a year is 365 days), 1 h to 10 y, in ms.
 * Throws `ValidationError` at `field` (the CLI names its flag, the api the body field).
 */
export function parsePeriod(text: string, field = 'period'): number {
  const m = /^(\d+(?:\.\d+)?)(y|d|h)$/.exec(text);
  const ms = m ? Number(m[1]) * (PERIOD_UNITS[m[2] as string] as number) : NaN;
  if (!(ms >= MIN_PERIOD_MS && ms <= MAX_PERIOD_MS)) {
    const message = `${field} must be 1h to 10y, written like 1y, 90d or 720h; found "${text}"`;
    throw new ValidationError(message, [{ field, message }]);
  }
  return ms;
}
