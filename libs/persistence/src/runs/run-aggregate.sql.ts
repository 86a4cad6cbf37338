import type { Verdict } from '@asr-twin/simulator';
import type { EntityManager } from 'typeorm';
import type { MetricDistribution, RunAggregate } from './run-models.js';

const METRIC_COLUMNS = {
  controlPlaneOutageMs: 'control_plane_outage_ms',
  dataPlaneOutageMs: 'data_plane_outage_ms',
  redundancyRestoredMs: 'redundancy_restored_ms',
  switchovers: 'switchovers',
} as const;

const distributionSql = (c: string) =>
  `percentile_disc(0.5) WITHIN GROUP (ORDER BY ${c}) AS ${c}_p50,
   percentile_disc(0.95) WITHIN GROUP (ORDER BY ${c}) AS ${c}_p95,
   max(${c}) AS ${c}_max, count(*) FILTER (WHERE ${c} IS NULL) AS ${c}_missing`;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Counts by verdict and the p50/p95/max of each outage metric over every result of the run (all iterations),
 * computed in PostgreSQL. `percentile_disc` returns observed values, so the aggregate is deterministic.
 */
export async function aggregateRun(m: EntityManager, runId: string): Promise<{ aggregate: RunAggregate; verdict: Verdict }> {
  const columns = Object.values(METRIC_COLUMNS);
  const rows: Record<string, unknown>[] = await m.query(
    `SELECT count(*) AS results,
            count(*) FILTER (WHERE verdict = 'pass') AS pass,
            count(*) FILTER (WHERE verdict = 'fail') AS fail,
            count(*) FILTER (WHERE verdict = 'error') AS error,
            ${columns.map(distributionSql).join(',\n')}
       FROM run_results WHERE run_id = $1`,
    [runId],
  );
  const r = rows[0] ?? {};
  const dist = (c: string): MetricDistribution => ({
    p50: num(r[`${c}_p50`]),
    p95: num(r[`${c}_p95`]),
    max: num(r[`${c}_max`]),
    missing: Number(r[`${c}_missing`] ?? 0),
  });
  const aggregate: RunAggregate = {
    results: Number(r['results'] ?? 0),
    verdicts: { pass: Number(r['pass'] ?? 0), fail: Number(r['fail'] ?? 0), error: Number(r['error'] ?? 0) },
    metrics: {
      controlPlaneOutageMs: dist(METRIC_COLUMNS.controlPlaneOutageMs),
      dataPlaneOutageMs: dist(METRIC_COLUMNS.dataPlaneOutageMs),
      redundancyRestoredMs: dist(METRIC_COLUMNS.redundancyRestoredMs),
      switchovers: dist(METRIC_COLUMNS.switchovers),
    },
  };
  const verdict = aggregate.results === 0 || aggregate.verdicts.error > 0 ? 'error' : aggregate.verdicts.fail > 0 ? 'fail' : 'pass';
  return { aggregate, verdict };
}
