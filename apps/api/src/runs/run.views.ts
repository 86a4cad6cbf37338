import { CHASSIS_MODELS, DOMAIN_STATES, RF_STATES, type RfStateName, type RouterStart, START_MODES } from '@asr-twin/domain';
import type { ExpectationResult, Report, RouterResult } from '@asr-twin/simulator';
import { RUN_VERDICTS, type StoredTimelineEntry } from '@asr-twin/persistence';
import { z } from 'zod';
import { CAMPAIGN_DATES, CAMPAIGN_PROGRESS, CAMPAIGN_STATUS, CAMPAIGN_WAITING, ROUTER_SELECTOR } from '../common/campaign-schemas.js';
import { apiSchema, describes } from '../common/openapi-schema.js';
import { objectOf, pageSchema, TIMELINE_ENTRY } from '../common/response-schemas.js';

const DISTRIBUTION = z
  .object({
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    max: z.number().nullable(),
    missing: z.number().int().min(0).describe('results without a value (redundancy never restored within the horizon)'),
  })
  .describe('distribution of a metric over the results (ms; a count for switchovers)');

/** Which routers a run simulates. */
const RUN_TARGET = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scenario') }).describe('the routers embedded in the scenario (spec.routers)'),
  z.object({ kind: z.literal('selector'), selector: ROUTER_SELECTOR }).describe('routers of the twin that match'),
  z.object({ kind: z.literal('routers'), hostnames: z.array(z.string()) }).describe('named routers of the twin'),
]);

/** A run as the run routes answer it; `presentRun` returns this type. */
export const RUN = apiSchema(
  'Run',
  z
    .object({
      id: z.uuid(),
      scenario: z.string().describe('the scenario name'),
      scenarioId: z.uuid().nullable().describe('null: an inline scenario'),
      status: CAMPAIGN_STATUS,
      verdict: z.enum(RUN_VERDICTS).nullable().describe('null until completed'),
      error: z.string().nullable(),
      seed: z.number().int(),
      iterations: z.number().int().min(1),
      target: RUN_TARGET,
      start: z.enum(START_MODES).describe('twin: the stored state of each router; healthy: a fresh healthy router'),
      progress: z.object(CAMPAIGN_PROGRESS),
      aggregate: z
        .object({
          results: z.number().int().min(0),
          verdicts: z.object({ pass: z.number().int(), fail: z.number().int(), error: z.number().int() }),
          metrics: z.object({
            controlPlaneOutageMs: DISTRIBUTION,
            dataPlaneOutageMs: DISTRIBUTION,
            redundancyRestoredMs: DISTRIBUTION,
            switchovers: DISTRIBUTION,
          }),
        })
        .nullable()
        .describe('counts and p50/p95/max of each metric over the results so far; null before the first'),
      ...CAMPAIGN_DATES,
      waiting: CAMPAIGN_WAITING,
      links: z.object({ self: z.string(), report: z.string(), junit: z.string(), timeline: z.string(), cancel: z.string() }),
    })
    .meta({
      description: 'a scenario run: status, progress, verdict and aggregate',
      example: {
        id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
        scenario: 'iosd-crash-hot-standby',
        scenarioId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
        status: 'completed',
        verdict: 'pass',
        error: null,
        seed: 42,
        iterations: 1,
        target: { kind: 'selector', selector: { fleet: 'sample' } },
        start: 'twin',
        progress: { routersDone: 2, routerCount: 2, shards: 1, percent: 100 },
        aggregate: {
          results: 2,
          verdicts: { pass: 2, fail: 0, error: 0 },
          metrics: {
            controlPlaneOutageMs: { p50: 38, p95: 45, max: 45, missing: 0 },
            dataPlaneOutageMs: { p50: 0, p95: 0, max: 0, missing: 0 },
            redundancyRestoredMs: { p50: 181000, p95: 183500, max: 183500, missing: 0 },
            switchovers: { p50: 1, p95: 1, max: 1, missing: 0 },
          },
        },
        createdBy: 'key:ci',
        createdAt: '2026-01-31T12:00:00.000Z',
        startedAt: '2026-01-31T12:00:00.100Z',
        finishedAt: '2026-01-31T12:00:01.300Z',
        waiting: null,
        links: {
          self: '/api/v1/runs/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
          report: '/api/v1/runs/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d/report',
          junit: '/api/v1/runs/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d/junit',
          timeline: '/api/v1/runs/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d/timeline',
          cancel: '/api/v1/runs/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d/cancel',
        },
      },
    }),
);

/** A page of runs. */
export const RUN_PAGE = pageSchema('RunPage', RUN, 'a page of runs, newest first');

/** A page of a run's timeline. */
export const TIMELINE_PAGE = describes<{ items: readonly StoredTimelineEntry[]; total: number; limit: number; offset: number }>()(
  pageSchema('TimelinePage', TIMELINE_ENTRY, 'a page of the timeline in report order'),
);

const VERDICT = z.enum(RUN_VERDICTS);

/** A router's start state, documented as an object (DESIGN.md "The twin of the real fleet"). */
export const ROUTER_START = objectOf<RouterStart>('the state the router started from: operating mode, instances, hosts, ESPs, counters');

/** One router's entry of a run report. */
export const ROUTER_RESULT = describes<RouterResult>()(
  apiSchema(
    'RouterResult',
    z
      .object({
        hostname: z.string(),
        model: z.enum(CHASSIS_MODELS),
        verdict: VERDICT,
        error: z.string().optional().describe('present only when verdict is error'),
        start: ROUTER_START.optional(),
        metrics: z.object({
          controlPlaneOutageMs: z.number(),
          dataPlaneOutageMs: z.number(),
          redundancyRestoredMs: z.number().nullable().describe('null: not restored within the horizon; 0: never lost'),
          switchovers: z.number().int(),
          dualActiveMs: z.number(),
          protocolRecoveryMs: z.number(),
        }),
        final: z.object({
          instances: z.array(
            z.object({
              name: z.enum(['R0/0', 'R0/1', 'R1/0']),
              role: z.enum(['active', 'standby', 'none']),
              rfState: z.literal(RF_STATES.map((s) => s.name) as RfStateName[]),
              domainState: z.enum(DOMAIN_STATES),
              softwareVersion: z.string(),
            }),
          ),
        }),
      })
      .meta({ description: "a router's result in a run report" }),
  ),
);

/** One expectation evaluated on one router. */
export const EXPECTATION_RESULT = describes<ExpectationResult>()(
  apiSchema(
    'ExpectationResult',
    z
      .object({
        router: z.string(),
        expect: z.string().describe('metric (`dataPlaneOutage`) or invariant (`single-active`)'),
        verdict: VERDICT,
        observed: z.number().nullable(),
        limit: z.object({ min: z.number().nullable(), max: z.number().nullable() }).describe('inclusive bounds (ms or count)'),
      })
      .meta({ description: 'an expectation of a scenario evaluated on a router' }),
  ),
);

/** The report of a completed run (DESIGN.md "Results"), as `GET /runs/{id}/report` streams it. */
export const RUN_REPORT = apiSchema(
  'RunReport',
  z
    .object({
      scenario: z.string(),
      seed: z.number().int(),
      verdict: VERDICT,
      routers: z.array(ROUTER_RESULT),
      expectations: z.array(EXPECTATION_RESULT),
      timeline: z.array(TIMELINE_ENTRY),
      monteCarlo: z
        .object({ iterations: z.number().int(), aggregate: RUN.shape.aggregate })
        .optional()
        .describe('Monte Carlo runs (iterations > 1): the aggregate over every iteration'),
    })
    .meta({ description: 'the run report of the first iteration (docs/report-format.md)' }),
) satisfies z.ZodType<Report>;
