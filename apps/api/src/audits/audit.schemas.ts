import { FAULTS } from '@asr-twin/domain';
import { RUN_STATUSES } from '@asr-twin/persistence';
import { parseDuration } from '@asr-twin/scenario';
import { z } from 'zod';
import { PAGE_QUERY } from '../common/pagination.js';
import { SELECTOR } from '../runs/run.schemas.js';

const DAY_MS = 86_400_000;
const OUTAGE_LIMIT = z.number().int().min(0).max(DAY_MS);

/** A simulated horizon: a duration text (`30m`, `1h`) or integer ms; after the fault at 60 s, at most 24 h. */
const HORIZON = z.union([z.number().int(), z.string().max(32)]).transform((value, ctx) => {
  const parsed = typeof value === 'number' ? { ok: true as const, ms: value } : parseDuration(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  if (parsed.ms <= 60_000 || parsed.ms > DAY_MS) {
    ctx.addIssue({ code: 'custom', message: 'the horizon must be longer than 1m (the fault strikes at 60s) and at most 24h' });
    return z.NEVER;
  }
  return parsed.ms;
});

/**
 * `POST /audits`: which routers (a selector, as for runs), which faults (default: every fault but
 * `power-loss` and `iosd-hang`, see `DEFAULT_AUDIT_FAULTS`), exposure thresholds (ms; default data plane 200,
 * control plane 1000), simulated horizon (default 1h), seed and shard size.
 */
export const CREATE_AUDIT = z.strictObject({
  selector: SELECTOR,
  faults: z
    .array(z.enum(FAULTS))
    .min(1)
    .max(FAULTS.length)
    .refine((f) => new Set(f).size === f.length, 'each fault at most once')
    .optional(),
  thresholds: z.strictObject({ dataPlaneOutageMs: OUTAGE_LIMIT.optional(), controlPlaneOutageMs: OUTAGE_LIMIT.optional() }).optional(),
  horizon: HORIZON.optional(),
  seed: z.number().int().min(0).max(4_294_967_295).optional(),
  shardSize: z.number().int().min(1).max(100_000).optional(),
});

export type CreateAuditRequest = z.output<typeof CREATE_AUDIT>;

const statusList = z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(z.enum(RUN_STATUSES)).min(1).max(5));

export const LIST_AUDITS = z.strictObject({ ...PAGE_QUERY, status: statusList.optional() });

/** `GET /audits/:id/matrix`: a page of router rows, optionally exposed routers only. */
export const MATRIX_QUERY = z.strictObject({
  ...PAGE_QUERY,
  exposed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
