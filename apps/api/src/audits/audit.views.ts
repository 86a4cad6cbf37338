import { type AuditThresholds, FAULTS } from '@asr-twin/domain';
import type { AuditMatrixRow } from '@asr-twin/persistence';
import { z } from 'zod';
import { CAMPAIGN_DATES, CAMPAIGN_PROGRESS, CAMPAIGN_STATUS, CAMPAIGN_WAITING, ROUTER_SELECTOR } from '../common/campaign-schemas.js';
import { apiSchema, describes } from '../common/openapi-schema.js';
import { pageSchema } from '../common/response-schemas.js';
import { ROUTER_START } from '../runs/run.views.js';

const THRESHOLDS = z
  .object({ dataPlaneOutageMs: z.number(), controlPlaneOutageMs: z.number() })
  .describe('outage limits (ms) above which a cell exposes its router') satisfies z.ZodType<AuditThresholds>;

const SUMMARY = z
  .object({
    routers: z.number().int().min(0),
    exposedRouters: z.number().int().min(0).describe('routers exposed to at least one single fault'),
    errors: z.number().int().min(0).describe('cells that could not be simulated'),
    byCell: z.record(z.string(), z.number().int().min(0)).describe('per audited cell (`fault@target`): routers it exposes'),
    byCause: z.array(z.object({ cause: z.string(), routers: z.number().int().min(0) })).describe('per cause in words, most routers first'),
  })
  .nullable()
  .describe('the exposure summary; null until completed');

const REQUEST = {
  selector: ROUTER_SELECTOR,
  faults: z.array(z.enum(FAULTS)),
  cells: z.array(z.string()).describe('audited cells (`fault@target`) in column order'),
  thresholds: THRESHOLDS,
  horizonMs: z.number().int(),
  seed: z.number().int(),
};

/** An audit as the audit routes answer it; `presentAudit` returns this type. */
export const AUDIT = apiSchema(
  'Audit',
  z
    .object({
      id: z.uuid(),
      status: CAMPAIGN_STATUS,
      error: z.string().nullable(),
      ...REQUEST,
      progress: z.object({ ...CAMPAIGN_PROGRESS, exposedRouters: z.number().int().min(0).describe('among the routers done') }),
      summary: SUMMARY,
      ...CAMPAIGN_DATES,
      waiting: CAMPAIGN_WAITING,
      links: z.object({ self: z.string(), report: z.string(), junit: z.string(), matrix: z.string(), cancel: z.string() }),
    })
    .meta({ description: 'a risk audit: every single fault on every selected router' }),
);

/** A page of audits. */
export const AUDIT_PAGE = pageSchema('AuditPage', AUDIT, 'a page of audits, newest first');

const OK_CELL = {
  controlPlaneOutageMs: z.number(),
  dataPlaneOutageMs: z.number(),
  redundancyRestoredMs: z.number().nullable(),
  exposed: z.boolean(),
};

/** A router's row of the audit matrix. */
export const AUDIT_MATRIX_ROW = describes<AuditMatrixRow>()(
  apiSchema(
    'AuditMatrixRow',
    z
      .object({
        ordinal: z.number().int().min(0),
        hostname: z.string(),
        model: z.string(),
        cells: z
          .array(
            z.discriminatedUnion('kind', [
              z.object({ kind: z.literal('n/a') }),
              z.object({ kind: z.literal('error') }),
              z.object({ kind: z.literal('ok'), ...OK_CELL }),
            ]),
          )
          .describe("in the audit's cell order"),
        causes: z.array(z.string()).describe('why the router is exposed, in words; empty: not exposed'),
        start: ROUTER_START,
      })
      .meta({ description: "a router's row of the router × fault matrix" }),
  ),
);

/** A page of the audit matrix. */
export const AUDIT_MATRIX_PAGE = pageSchema('AuditMatrixPage', AUDIT_MATRIX_ROW, 'a page of the matrix in hostname order');

/** The report of a completed audit, as `GET /audits/{id}/report` streams it (`auditReportChunks`). */
export const AUDIT_REPORT = apiSchema(
  'AuditReport',
  z
    .object({
      audit: z.uuid(),
      selector: ROUTER_SELECTOR,
      seed: z.number().int(),
      horizonMs: z.number().int(),
      faultAtMs: z.number().int().describe('simulated time of the fault in each simulation'),
      thresholds: THRESHOLDS,
      faults: z.array(z.enum(FAULTS)),
      cells: z.array(z.string()),
      summary: SUMMARY,
      routers: z.array(
        z.object({
          hostname: z.string(),
          model: z.string(),
          exposed: z.boolean(),
          causes: z.array(z.string()),
          cells: z
            .record(z.string(), z.union([z.object({ applicable: z.literal(false) }), z.object({ error: z.string() }), z.object(OK_CELL)]))
            .describe('by cell (`fault@target`)'),
          start: ROUTER_START,
        }),
      ),
    })
    .meta({ description: 'the report of a completed audit: the request, the summary and the whole matrix' }),
);
