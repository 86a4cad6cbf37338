import { describe, expect, it } from 'vitest';
import { JOB_NAMES, jobId, type JobName, type JobPayload } from './job-contracts.js';

const RUN = '6f1c2a52-9a57-4c1e-9d3b-0d6f5f7c1a10';
const AUDIT = '0b5e8f3e-2f0e-4a8c-8f64-3f2d1c9b7e21';
const ACTION = '9d2f4c1a-7b3e-4e5f-a6d7-1c2b3a4d5e6f';
const FORECAST = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';

/** One payload per job name, with the id each must get (ids of queued jobs must not change across releases). */
const CASES: { readonly [N in JobName]: readonly [JobPayload<N>, string] } = {
  'run.plan': [{ runId: RUN }, `run-${RUN}`],
  'run.shard': [{ runId: RUN, shard: 3 }, `shard-${RUN}-3`],
  'run.finalize': [{ runId: RUN }, `finalize-${RUN}`],
  'router-action.step': [{ actionId: ACTION, step: 2 }, `router-action-${ACTION}-2`],
  'audit.plan': [{ auditId: AUDIT }, `audit-${AUDIT}`],
  'audit.shard': [{ auditId: AUDIT, shard: 0 }, `audit-shard-${AUDIT}-0`],
  'audit.finalize': [{ auditId: AUDIT }, `audit-finalize-${AUDIT}`],
  'forecast.plan': [{ forecastId: FORECAST }, `forecast-${FORECAST}`],
  'forecast.shard': [{ forecastId: FORECAST, shard: 1 }, `forecast-shard-${FORECAST}-1`],
  'forecast.finalize': [{ forecastId: FORECAST }, `forecast-finalize-${FORECAST}`],
  'maintenance.reconcile': [{}, 'reconcile'],
};

describe('jobId', () => {
  it.each(JOB_NAMES)('gives %s its own deterministic id, without ":"', (name) => {
    const [payload, expected] = CASES[name] as readonly [JobPayload<typeof name>, string];
    expect(jobId(name, payload)).toBe(expected);
    expect(jobId(name, payload)).not.toContain(':');
  });

  it('never gives two job names the same id for the same work', () => {
    const ids = JOB_NAMES.map((name) => jobId(name, (CASES[name] as readonly [JobPayload<typeof name>, string])[0]));
    expect(new Set(ids).size).toBe(JOB_NAMES.length);
  });
});
