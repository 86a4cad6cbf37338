import { z } from 'zod';
import { QUEUE_NAMES, type QueueName } from './queues.js';

const uuid = z.uuid();

/**
 * Every job the system runs: its queue, its payload schema and its options. Producers are typed by job name;
 * processors validate payloads with these schemas (an invalid payload is unrecoverable) and must handle every
 * name of their queue (checked at compile time and again at start-up).
 */
export const JOBS = {
  /** Snapshot the run's targets, split them into shards and enqueue the shards. */
  'run.plan': { queue: QUEUE_NAMES.runs, payload: z.strictObject({ runId: uuid }) },
  /** Simulate one shard of a run and write its results in one transaction. */
  'run.shard': { queue: QUEUE_NAMES.runs, payload: z.strictObject({ runId: uuid, shard: z.number().int().min(0) }) },
  /** Aggregate the results once every shard is written. */
  'run.finalize': { queue: QUEUE_NAMES.runs, payload: z.strictObject({ runId: uuid }) },
  /** Freeze the audit's routers with their stored state, split them into shards and enqueue the shards. */
  'audit.plan': { queue: QUEUE_NAMES.audits, payload: z.strictObject({ auditId: uuid }) },
  /** Simulate every audited single fault on one shard of routers and write their rows in one transaction. */
  'audit.shard': { queue: QUEUE_NAMES.audits, payload: z.strictObject({ auditId: uuid, shard: z.number().int().min(0) }) },
  /** Compute the exposure summary once every shard is written. */
  'audit.finalize': { queue: QUEUE_NAMES.audits, payload: z.strictObject({ auditId: uuid }) },
  /** Freeze the forecast's routers with their stored configuration, split them into shards and enqueue the shards. */
  'forecast.plan': { queue: QUEUE_NAMES.forecasts, payload: z.strictObject({ forecastId: uuid }) },
  /** Run every trial of one shard of routers (and of their what-if) and write their distributions in one transaction. */
  'forecast.shard': { queue: QUEUE_NAMES.forecasts, payload: z.strictObject({ forecastId: uuid, shard: z.number().int().min(0) }) },
  /** Build the report and the summary from the stored distributions once every shard is written. */
  'forecast.finalize': { queue: QUEUE_NAMES.forecasts, payload: z.strictObject({ forecastId: uuid }) },
  /**
   * Apply step `step` (0-based) of an operator action on a router when it is due (a delayed job), with any
   * earlier step not applied yet; cancels the rest of the plan if the router changed since.
   */
  'router-action.step': {
    queue: QUEUE_NAMES.routerActions,
    payload: z.strictObject({ actionId: uuid, step: z.number().int().min(0).max(10_000) }),
  },
  /** Re-enqueue work that PostgreSQL holds as pending but Redis lost. */
  'maintenance.reconcile': { queue: QUEUE_NAMES.maintenance, payload: z.strictObject({}) },
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.output<(typeof JOBS)[N]['payload']>;
export type JobsOf<Q extends QueueName> = { [N in JobName]: (typeof JOBS)[N]['queue'] extends Q ? N : never }[JobName];

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** Job names of one queue, for the start-up check of a processor's handler map. */
export function jobsOfQueue(queue: QueueName): JobName[] {
  return JOB_NAMES.filter((name) => JOBS[name].queue === queue);
}

/**
 * Deterministic job ids: enqueuing the same work twice is a no-op while the first job exists, and a retried
 * or reconciled job writes the same rows. (BullMQ forbids `:` in custom ids.) One rule per job name: a job name
 * added to {@link JOBS} without its rule here is a compile error, never a shared id.
 */
const JOB_IDS: { readonly [N in JobName]: (payload: JobPayload<N>) => string } = {
  'run.plan': (p) => `run-${p.runId}`,
  'run.shard': (p) => `shard-${p.runId}-${p.shard}`,
  'run.finalize': (p) => `finalize-${p.runId}`,
  'router-action.step': (p) => `router-action-${p.actionId}-${p.step}`,
  'audit.plan': (p) => `audit-${p.auditId}`,
  'audit.shard': (p) => `audit-shard-${p.auditId}-${p.shard}`,
  'audit.finalize': (p) => `audit-finalize-${p.auditId}`,
  'forecast.plan': (p) => `forecast-${p.forecastId}`,
  'forecast.shard': (p) => `forecast-shard-${p.forecastId}-${p.shard}`,
  'forecast.finalize': (p) => `forecast-finalize-${p.forecastId}`,
  'maintenance.reconcile': () => 'reconcile',
};

/** The deterministic id of a job (see {@link JOB_IDS}). */
export function jobId<N extends JobName>(name: N, payload: JobPayload<N>): string {
  const rule: (payload: JobPayload<N>) => string = JOB_IDS[name];
  return rule(payload);
}

/** Retries and retention per job name: the one table of job options. */
export const JOB_OPTIONS: Readonly<Record<JobName, { attempts: number; backoffMs: number }>> = {
  'run.plan': { attempts: 5, backoffMs: 1000 },
  'run.shard': { attempts: 5, backoffMs: 1000 },
  'run.finalize': { attempts: 5, backoffMs: 1000 },
  'router-action.step': { attempts: 5, backoffMs: 500 },
  'audit.plan': { attempts: 5, backoffMs: 1000 },
  'audit.shard': { attempts: 5, backoffMs: 1000 },
  'audit.finalize': { attempts: 5, backoffMs: 1000 },
  'forecast.plan': { attempts: 5, backoffMs: 1000 },
  'forecast.shard': { attempts: 5, backoffMs: 1000 },
  'forecast.finalize': { attempts: 5, backoffMs: 1000 },
  'maintenance.reconcile': { attempts: 1, backoffMs: 0 },
};

/** Parses a payload; `null` when it does not fit the job's schema. */
export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> | null {
  const result = JOBS[name].payload.safeParse(data);
  return result.success ? (result.data as JobPayload<N>) : null;
}
