import { z } from 'zod';
import { CAMPAIGN_DATES, CAMPAIGN_PROGRESS, CAMPAIGN_STATUS, CAMPAIGN_WAITING, ROUTER_SELECTOR } from '../common/campaign-schemas.js';
import { apiSchema } from '../common/openapi-schema.js';
import { pageSchema } from '../common/response-schemas.js';

const WHAT_IF = z
  .object({
    redundancy: z.enum(['sso', 'rpr', 'none']).optional(),
    rps: z.number().int().optional(),
    esps: z.number().int().optional(),
    psus: z.number().int().optional(),
    spares: z.boolean().optional(),
  })
  .describe('the configuration compared with the fleet as it is');

const DELTA = z
  .object({ baselineS: z.number(), whatIfS: z.number(), deltaS: z.number(), ciLowS: z.number(), ciHighS: z.number() })
  .describe('expected annual downtime per router (s) as it is, with the what-if, the difference and its interval (paired trials)');

const ROLLUP = z.object({ key: z.string(), routers: z.number().int(), controlPlaneMeanS: z.number(), dataPlaneMeanS: z.number(), worst: z.string() });

const SUMMARY = z
  .object({
    routers: z.number().int().min(0),
    simulations: z.number().int().min(0),
    errors: z.number().int().min(0).describe('simulations that ended in error'),
    controlPlaneMeanS: z.number().describe('mean expected annual control-plane downtime per router, seconds'),
    dataPlaneMeanS: z.number().describe('mean expected annual data-plane downtime per router, seconds'),
    histogram: z
      .object({
        buckets: z.array(z.string()).describe('expected annual downtime per router: none, < 1 s, 1–10 s, …, ≥ 10 h'),
        controlPlane: z.array(z.number().int()).describe('routers per bucket, control plane'),
        dataPlane: z.array(z.number().int()).describe('routers per bucket, data plane'),
      })
      .describe('the distribution of expected downtime over the routers'),
    causes: z
      .array(z.object({ cause: z.string(), controlPlaneS: z.number(), dataPlaneS: z.number(), dataPlaneShare: z.number() }))
      .describe("what each failure class adds to the fleet's expected downtime (mean per router, s), most data-plane first"),
    worstRouters: z
      .array(
        z.object({
          rank: z.number().int(),
          hostname: z.string(),
          model: z.string(),
          redundancy: z.string(),
          site: z.string().nullable(),
          controlPlaneMeanS: z.number(),
          dataPlaneMeanS: z.number(),
          dataPlaneP95S: z.number(),
          dataPlaneNines: z.number().nullable().describe('availability in nines; null with no downtime'),
          causes: z.array(z.object({ cause: z.string(), dataPlaneS: z.number(), dataPlaneShare: z.number(), failuresPerYear: z.number() })),
        }),
      )
      .describe('up to 20 routers, most expected data-plane downtime first, with their main causes'),
    rollups: z.object({ byModel: z.array(ROLLUP), byMode: z.array(ROLLUP), bySite: z.array(ROLLUP) }),
    comparison: z
      .object({
        changes: WHAT_IF,
        refused: z.number().int().describe('router changes the chassis could not take'),
        controlPlane: DELTA,
        dataPlane: DELTA,
        routers: z
          .array(z.object({ hostname: z.string(), controlPlane: DELTA, dataPlane: DELTA }))
          .describe('up to 20 routers the change moves, most changed first (data plane, then control plane)'),
      })
      .nullable()
      .describe('with a what-if: both configurations side by side'),
  })
  .nullable()
  .describe('what the forecast found, in brief; null until completed (the report has every router)');

/** A forecast as the forecast routes answer it; `presentForecast` returns this type. */
export const FORECAST = apiSchema(
  'Forecast',
  z
    .object({
      id: z.uuid(),
      status: CAMPAIGN_STATUS,
      error: z.string().nullable(),
      selector: ROUTER_SELECTOR,
      periodMs: z.number().int(),
      trials: z.number().int(),
      seed: z.number().int(),
      rates: z.record(z.string(), z.unknown()).describe('rate overrides of the request, by failure class'),
      whatIf: WHAT_IF.nullable(),
      progress: z.object(CAMPAIGN_PROGRESS),
      summary: SUMMARY,
      ...CAMPAIGN_DATES,
      waiting: CAMPAIGN_WAITING,
      links: z.object({ self: z.string(), report: z.string(), cancel: z.string() }),
    })
    .meta({ description: 'an availability forecast: a Monte Carlo of failures and repairs over the selected routers' }),
);

export const FORECAST_PAGE = pageSchema('ForecastPage', FORECAST, 'a page of forecasts, newest first');

/** The report of a completed forecast (schema `asr-twin/forecast-report/v1`), as `twin forecast --json` prints it. */
export const FORECAST_REPORT = apiSchema(
  'ForecastReport',
  z
    .object({
      schema: z.literal('asr-twin/forecast-report/v1'),
      seed: z.number().int(),
      trials: z.number().int(),
      periodMs: z.number(),
      confidenceLevel: z.number(),
      timing: z.record(z.string(), z.number()),
      rateOverrides: z.record(z.string(), z.unknown()),
      baseline: z.record(z.string(), z.unknown()).describe('routers ranked by expected downtime with causes, roll-ups by model, mode and site, totals'),
      whatIf: z.record(z.string(), z.unknown()).optional().describe('the same for the what-if configuration'),
      comparison: z.record(z.string(), z.unknown()).optional().describe('what-if minus baseline, fleet and per router'),
    })
    .meta({ description: 'the report of a completed forecast; the same bytes as the embedded forecast of the same routers and options' }),
);
