import type { DataSource } from 'typeorm';
import type { Page, PageRequest } from '../read-models.js';
import { FAILED_EXPECTATIONS_SQL, START_KEY_SQL, startsSql } from './run-diagnosis.sql.js';
import type { HistogramBucket, OutageMetric, ResultFilter, RouterResultRecord, RunVerdict } from './run-models.js';

const METRIC_COLUMN: Record<OutageMetric, string> = {
  controlPlaneOutageMs: 'control_plane_outage_ms',
  dataPlaneOutageMs: 'data_plane_outage_ms',
  redundancyRestoredMs: 'redundancy_restored_ms',
  switchovers: 'switchovers',
};

interface ResultRow {
  hostname: string;
  model: string;
  verdict: RunVerdict;
  control_plane_outage_ms: string;
  data_plane_outage_ms: string;
  redundancy_restored_ms: string | null;
  switchovers: number;
  dual_active_ms: string;
  mode: string;
  start_state: string;
  failed_expectations: string[];
  total: string;
}

/**
 * The first iteration's results that pass `filter`, as `f` (ordinal, columns, expectations, mode, start_state).
 * Verdict, model and hostname part narrow the rows first; each distinct start is then read once. Parameters:
 * $1 run, $2 verdict, $3 model, $4 mode, $5 start, $6 expectation, $7 hostname part.
 */
const FILTERED = `WITH b AS MATERIALIZED (
    SELECT rr.ordinal, rr.hostname, rr.model, rr.verdict, rr.control_plane_outage_ms, rr.data_plane_outage_ms, rr.redundancy_restored_ms,
           rr.switchovers, rr.dual_active_ms, rr.expectations, ${START_KEY_SQL} AS st
      FROM run_results rr
     WHERE rr.run_id = $1 AND rr.iteration = 0 AND ($2::text IS NULL OR rr.verdict = $2) AND ($3::text IS NULL OR rr.model = $3)
       AND ($7::text IS NULL OR strpos(lower(rr.hostname), lower($7)) > 0)),
  s AS MATERIALIZED (${startsSql('b')})
  SELECT b.*, s.mode, s.start_state FROM b JOIN s USING (st)
   WHERE ($4::text IS NULL OR s.mode = $4) AND ($5::text IS NULL OR s.start_state = $5)
     AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM json_array_elements(b.expectations) x WHERE x ->> 'expect' = $6 AND x ->> 'verdict' = 'fail'))`;

/** A page of the first iteration's results in router order, filtered; the total rides along (one statement). */
export async function resultPage(ds: DataSource, runId: string, filter: ResultFilter, page: PageRequest): Promise<Page<RouterResultRecord>> {
  const f = filter;
  const params = [runId, f.verdict ?? null, f.model ?? null, f.mode ?? null, f.start ?? null, f.expectation ?? null, f.search ?? null];
  // The failed expectations are read for the page's rows only.
  const rows: ResultRow[] = await ds.query(
    `SELECT p.*, ${FAILED_EXPECTATIONS_SQL} AS failed_expectations
       FROM (SELECT f.*, count(*) OVER () AS total FROM (${FILTERED}) f ORDER BY f.ordinal LIMIT $8 OFFSET $9) p ORDER BY p.ordinal`,
    [...params, page.limit, page.offset],
  );
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (!rows[0] && page.offset > 0) {
    const count: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM (${FILTERED}) f`, params);
    total = Number(count[0]?.n ?? 0);
  }
  const items = rows.map((r) => ({
    hostname: r.hostname,
    model: r.model,
    verdict: r.verdict,
    controlPlaneOutageMs: Number(r.control_plane_outage_ms),
    dataPlaneOutageMs: Number(r.data_plane_outage_ms),
    redundancyRestoredMs: r.redundancy_restored_ms === null ? null : Number(r.redundancy_restored_ms),
    switchovers: r.switchovers,
    dualActiveMs: Number(r.dual_active_ms),
    mode: r.mode,
    startState: r.start_state,
    failedExpectations: r.failed_expectations,
  }));
  return { items, total, limit: page.limit, offset: page.offset };
}

/**
 * `buckets` equally wide buckets between the smallest and largest value of a metric over all of a run's
 * results, counted with `width_bucket` in one statement. The largest value falls in the last bucket (not in
 * `width_bucket`'s overflow bucket); when every value is the same, there is one bucket of zero width.
 */
export async function histogram(ds: DataSource, runId: string, metric: OutageMetric, buckets: number): Promise<HistogramBucket[]> {
  const column = METRIC_COLUMN[metric];
  const rows: { lower: number; upper: number; count: string }[] = await ds.query(
    `WITH v AS (SELECT ${column}::float8 AS x FROM run_results WHERE run_id = $1 AND ${column} IS NOT NULL),
          b AS (SELECT min(x) AS lo, max(x) AS hi, count(*) AS n FROM v),
          c AS (SELECT CASE WHEN b.hi = b.lo THEN 1 ELSE least(width_bucket(v.x, b.lo, b.hi, $2), $2) END AS i, count(*) AS n
                  FROM v CROSS JOIN b GROUP BY 1)
     SELECT b.lo + (b.hi - b.lo) * (g.i - 1) / $2 AS lower, b.lo + (b.hi - b.lo) * g.i / $2 AS upper, coalesce(c.n, 0) AS count
       FROM b CROSS JOIN generate_series(1, CASE WHEN b.n = 0 THEN 0 WHEN b.hi = b.lo THEN 1 ELSE $2 END) AS g(i)
       LEFT JOIN c ON c.i = g.i
      ORDER BY g.i`,
    [runId, buckets],
  );
  return rows.map((r) => ({ lower: Number(r.lower), upper: Number(r.upper), count: Number(r.count) }));
}
