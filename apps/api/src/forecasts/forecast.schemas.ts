import { ValidationError } from '@asr-twin/domain';
import { parsePeriod, parseRateOverrides, parseWhatIf, WHAT_IF_KEYS, YEAR_MS } from '@asr-twin/forecast';
import { RUN_STATUSES } from '@asr-twin/persistence';
import { z } from 'zod';
import { PAGE_QUERY } from '../common/pagination.js';
import { SELECTOR } from '../runs/run.schemas.js';

/** Trials per router of a forecast that names none, and the most a request may ask for. */
export const DEFAULT_FORECAST_TRIALS = 200;
export const MAX_FORECAST_TRIALS = 10_000;

/** Adds a library `ValidationError`'s issues to a zod context at their paths (`rates.psu.mtbfHours`). */
function addIssues(ctx: z.RefinementCtx, error: unknown, root: string): void {
  if (!(error instanceof ValidationError)) throw error;
  const issues = error.issues.length > 0 ? error.issues : [{ field: root, message: error.message }];
  for (const issue of issues) {
    const path = issue.field.split('.');
    ctx.addIssue({ code: 'custom', message: issue.message, path: path[0] === root ? path.slice(1) : path });
  }
}

const PERIOD = z
  .string()
  .max(32)
  .describe('length of each trial: a number and a unit y (365 days), d or h, e.g. 1y (default), 90d, 720h; 1h to 10y')
  .transform((text, ctx) => {
    try {
      return parsePeriod(text);
    } catch (error) {
      addIssues(ctx, error, 'period');
      return z.NEVER;
    }
  });

const RATES = z
  .record(z.string(), z.unknown())
  .describe('rate overrides of this request by failure class, e.g. { "esp-hardware": { "mtbfHours": 150000, "mttrHours": 2 } } (see twin rates)')
  .transform((raw, ctx) => {
    try {
      return parseRateOverrides(raw, 'rates');
    } catch (error) {
      addIssues(ctx, error, 'rates');
      return z.NEVER;
    }
  });

const WHAT_IF = z
  .strictObject({
    redundancy: z.enum(['sso', 'rpr', 'none']).optional(),
    rps: z.union([z.literal(1), z.literal(2)]).optional(),
    esps: z.union([z.literal(1), z.literal(2)]).optional(),
    psus: z.union([z.literal(1), z.literal(2)]).optional(),
    spares: z.boolean().optional(),
  })
  .describe('a configuration to compare with: each router takes what its chassis can, the others are listed as not changed')
  .refine((w) => Object.keys(w).length > 0, `give at least one of ${WHAT_IF_KEYS.join(', ')}`)
  .transform((w, ctx) => {
    try {
      return parseWhatIf(
        Object.entries(w).map(([k, v]) => `${k}=${String(v)}`),
        'whatIf',
      );
    } catch (error) {
      addIssues(ctx, error, 'whatIf');
      return z.NEVER;
    }
  });

/**
 * `POST /forecasts`: which routers (a selector, as for runs and audits), the period of a trial (default 1y), trials
 * per router (default 200), seed (default 1), rate overrides of the request, an optional what-if and shard size.
 */
export const CREATE_FORECAST = z.strictObject({
  selector: SELECTOR,
  period: PERIOD.optional(),
  trials: z.number().int().min(2).max(MAX_FORECAST_TRIALS).optional(),
  seed: z.number().int().min(0).max(4_294_967_295).optional(),
  rates: RATES.optional(),
  whatIf: WHAT_IF.optional(),
  shardSize: z.number().int().min(1).max(100_000).optional(),
});

export type CreateForecastRequest = z.output<typeof CREATE_FORECAST>;

/** A year, the period of a forecast that names none. */
export const DEFAULT_FORECAST_PERIOD_MS = YEAR_MS;

const statusList = z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(z.enum(RUN_STATUSES)).min(1).max(5));

export const LIST_FORECASTS = z.strictObject({ ...PAGE_QUERY, status: statusList.optional() });
