import type { MetricDistribution, RunRecord } from '@asr-twin/persistence';
import { presentRun } from '../run.presenter.js';

const distribution = (d: MetricDistribution) => ({ p50: d.p50, p95: d.p95, max: d.max, missing: d.missing });

/** A run as the GraphQL `Run` type has it: the REST view, with the aggregate flattened (counts by verdict). */
export function presentGqlRun(run: RunRecord) {
  const a = run.aggregate;
  return {
    ...presentRun(run),
    aggregate: a && {
      results: a.results,
      pass: a.verdicts.pass,
      fail: a.verdicts.fail,
      error: a.verdicts.error,
      controlPlaneOutageMs: distribution(a.metrics.controlPlaneOutageMs),
      dataPlaneOutageMs: distribution(a.metrics.dataPlaneOutageMs),
      redundancyRestoredMs: distribution(a.metrics.redundancyRestoredMs),
      switchovers: distribution(a.metrics.switchovers),
    },
  };
}

export type GqlRunView = ReturnType<typeof presentGqlRun>;
