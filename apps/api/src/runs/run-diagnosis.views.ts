import { CAUSE_DIMENSIONS, type CauseGroup, type FailingExpectation, type RouterDiagnosis, type RouterResultRecord, RUN_VERDICTS } from '@asr-twin/persistence';
import { z } from 'zod';
import { apiSchema, describes } from '../common/openapi-schema.js';
import { objectOf, pageSchema } from '../common/response-schemas.js';
import { ROUTER_START } from './run.views.js';

const LIMIT = z
  .object({ min: z.number().nullable(), max: z.number().nullable() })
  .describe('inclusive bounds of the expectation (ms, or a count for switchovers); null: unbounded');

const SAMPLE = z.object({
  router: z.string().describe('hostname'),
  observed: z.number().nullable().describe('what the run observed (ms or a count); null: no value (never restored)'),
  limit: LIMIT,
});

/** An expectation that failed on routers of a run. */
export const FAILING_EXPECTATION = describes<FailingExpectation>()(
  apiSchema(
    'FailingExpectation',
    z
      .object({
        expect: z.string().describe('metric (`dataPlaneOutage`) or invariant (`single-active`)'),
        failed: z.number().int().min(0).describe('routers on which it failed'),
        evaluated: z.number().int().min(0).describe('routers on which it was evaluated'),
        observedMin: z.number().nullable().describe('smallest value observed where it failed'),
        observedMax: z.number().nullable().describe('largest value observed where it failed'),
        samples: z.array(SAMPLE).describe('the first failing routers in router order'),
      })
      .meta({
        description: 'an expectation of the scenario that failed on routers of the first iteration',
        example: {
          expect: 'controlPlaneOutage',
          failed: 5000,
          evaluated: 10000,
          observedMin: 341200,
          observedMax: 402900,
          samples: [{ router: 'edge-00001', observed: 361800, limit: { min: null, max: 1000 } }],
        },
      }),
  ),
);

export const FAILING_EXPECTATION_PAGE = pageSchema('FailingExpectationPage', FAILING_EXPECTATION, 'failing expectations, most failures first');

/** Routers of a run sharing a possible cause of failure. */
export const CAUSE_GROUP = describes<CauseGroup>()(
  apiSchema(
    'CauseGroup',
    z
      .object({
        dimension: z.enum(CAUSE_DIMENSIONS).describe('model, operating mode, starting state or failed expectation'),
        value: z.string().describe('the model, mode, starting state in words, or expectation name'),
        failed: z.number().int().min(0).describe('routers of the group with verdict fail'),
        routers: z.number().int().min(0).describe('routers in the group (expectation: routers it was evaluated on)'),
      })
      .meta({
        description:
          'results of the first iteration that share a model, mode, starting state or failed expectation; list its routers with GET /runs/{id}/results and the same filter',
        example: { dimension: 'model', value: 'ASR1002-X', failed: 5000, routers: 5000 },
      }),
  ),
);

export const CAUSE_GROUP_PAGE = pageSchema('CauseGroupPage', CAUSE_GROUP, 'cause groups holding failures: most failures first, then the purest');

/** One router's row of a run's result listing. */
export const RUN_RESULT_ROW = describes<RouterResultRecord>()(
  apiSchema(
    'RunResultRow',
    z
      .object({
        hostname: z.string(),
        model: z.string().describe('chassis model'),
        verdict: z.enum(RUN_VERDICTS),
        controlPlaneOutageMs: z.number(),
        dataPlaneOutageMs: z.number(),
        redundancyRestoredMs: z.number().nullable().describe('null: not restored within the horizon'),
        switchovers: z.number().int(),
        dualActiveMs: z.number(),
        mode: z.string().describe('operating redundancy mode it started in'),
        startState: z.string().describe('its starting state in words, as cause groups spell it'),
        failedExpectations: z.array(z.string()).describe('expectations that failed on it, in scenario order'),
      })
      .meta({ description: "a router's result in the first iteration of a run" }),
  ),
);

export const RUN_RESULT_PAGE = pageSchema('RunResultPage', RUN_RESULT_ROW, 'results of the first iteration in router order');

/** Why one router of a run got its verdict. */
export const ROUTER_DIAGNOSIS = describes<RouterDiagnosis>()(
  apiSchema(
    'RouterDiagnosis',
    z
      .object({
        hostname: z.string(),
        model: z.string(),
        verdict: z.enum(RUN_VERDICTS),
        error: z.string().nullable().describe('set only when the verdict is error'),
        mode: z.string().describe('operating redundancy mode it started in'),
        startState: z.string().describe('its starting state in words'),
        start: ROUTER_START.nullable(),
        metrics: objectOf<Readonly<Record<string, number | null>>>('its metrics as the report prints them (ms, or a count)'),
        expectations: z.array(SAMPLE.extend({ expect: z.string(), verdict: z.enum(RUN_VERDICTS) })).describe('every expectation with its outcome'),
      })
      .meta({ description: 'why one router of a run got its verdict: its start, metrics and each expectation with observed value and limit' }),
  ),
);
