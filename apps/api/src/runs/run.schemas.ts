import { CHASSIS_MODELS, REDUNDANCY_MODES, START_MODES } from '@asr-twin/domain';
import { RUN_STATUSES, RUN_VERDICTS } from '@asr-twin/persistence';
import { z } from 'zod';
import { PAGE_QUERY } from '../common/pagination.js';
import { LABELS } from '../common/schemas.js';
import { SCENARIO_SOURCE } from '../scenarios/scenario.schemas.js';

/** Routers of the twin's fleet, by fleet (name or id), model, labels and hostnames; all given fields must match. */
export const SELECTOR = z
  .strictObject({
    fleet: z.string().min(1).max(100).optional(),
    model: z.enum(CHASSIS_MODELS).optional(),
    labels: LABELS.optional(),
    hostnames: z.array(z.string().min(1).max(63)).min(1).max(100_000).optional(),
  })
  .refine((s) => Object.keys(s).length > 0, 'give at least one of fleet, model, labels, hostnames');

/**
 * `POST /runs`: a stored scenario (by name or id) or an inline source; the routers to simulate (a selector
 * over the twin's fleet, named routers, or — when omitted — the scenario's own `routers` or `selector`);
 * optional seed, Monte Carlo iterations and shard size; where the routers start (`twin`: stored routers from their
 * stored state and embedded ones from the state their scenario declares; `healthy`: every router healthy).
 */
export const CREATE_RUN = z
  .strictObject({
    scenario: z.string().min(1).max(100).optional(),
    source: SCENARIO_SOURCE.optional(),
    target: z.union([z.strictObject({ selector: SELECTOR }), z.strictObject({ routers: z.array(z.string().min(1).max(63)).min(1).max(100_000) })]).optional(),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
    iterations: z.number().int().min(1).max(10_000).default(1),
    shardSize: z.number().int().min(1).max(100_000).optional(),
    start: z.enum(START_MODES).default('twin'),
  })
  .refine((b) => (b.scenario === undefined) !== (b.source === undefined), {
    message: "give exactly one of scenario (a stored scenario's name or id) and source (scenario YAML)",
    path: ['scenario'],
  });

export type CreateRunRequest = z.output<typeof CREATE_RUN>;

const statusList = z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(z.enum(RUN_STATUSES)).min(1).max(5));

export const LIST_RUNS = z.strictObject({ ...PAGE_QUERY, status: statusList.optional() });

/** `GET /runs/:id/junit`: the scenario file as the client names it, for the test cases' `file` and `line`. */
export const JUNIT_QUERY = z.strictObject({ file: z.string().min(1).max(1024).optional() });

export const TIMELINE_QUERY = z.strictObject({ ...PAGE_QUERY, router: z.string().min(1).max(63).optional() });

/** `Idempotency-Key` header: a client-chosen token, at most 255 visible characters. */
export const IDEMPOTENCY_KEY = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, '1 to 255 visible ASCII characters')
  .optional();

/** Filters of a run's first-iteration results, each as a cause group names it (REST query and GraphQL arguments). */
export const RESULT_FILTER_FIELDS = {
  verdict: z.enum(RUN_VERDICTS).optional(),
  model: z.enum(CHASSIS_MODELS).optional(),
  mode: z.enum(REDUNDANCY_MODES).optional().describe('operating redundancy mode the router started in'),
  start: z.string().min(1).max(500).optional().describe('starting state in words, as a cause group of dimension start spells it'),
  expectation: z.string().min(1).max(100).optional().describe('an expectation that failed on the router'),
  q: z.string().min(1).max(63).optional().describe('part of the hostname, case-insensitive'),
};

/** `GET /runs/:id/results`: a page of the first iteration's results that pass every given filter. */
export const RESULTS_QUERY = z.strictObject({ ...PAGE_QUERY, ...RESULT_FILTER_FIELDS });

export type ResultsQuery = z.output<typeof RESULTS_QUERY>;

/** `GET /runs/:id/failures` and `/causes`: pages of a few items. */
export const DIAGNOSIS_PAGE_QUERY = z.strictObject({ ...PAGE_QUERY });
