import type { RouterStart } from '@asr-twin/domain';
import type { DataSource } from 'typeorm';
import type { Page, PageRequest } from '../read-models.js';
import { decodeResultTexts } from './result-chunks.js';
import type { CauseDimension, CauseGroup, ExpectationSample, FailingExpectation, RouterDiagnosis, RunVerdict } from './run-models.js';

/**
 * A result's start (`run_results rr`) as text, '' when it has none: results are keyed by it and each distinct
 * start is read once ({@link STARTS_SQL}), rather than the stored JSON being parsed again for every row.
 */
export const START_KEY_SQL = `coalesce(rr.start::text, '')`;

/**
 * Each distinct start key of the rows of `source` (a CTE with column `st`), with its operating mode and its
 * starting state in words: each instance's RF state, then RPs not up and ESPs not ok — what decides how a
 * router meets a fault. Results share a state exactly when they started alike.
 */
export function startsSql(source: string): string {
  return `SELECT d.st, coalesce(j ->> 'operatingMode', 'unknown') AS mode,
      coalesce(nullif(concat_ws(', ',
        (SELECT string_agg((i ->> 'name') || ' ' || (i ->> 'rfState'), ', ' ORDER BY i ->> 'name') FROM jsonb_array_elements(j -> 'instances') i),
        (SELECT string_agg('RP ' || (h ->> 'slot') || ' ' || (h ->> 'state'), ', ' ORDER BY h ->> 'slot')
           FROM jsonb_array_elements(j -> 'hosts') h WHERE h ->> 'state' <> 'up'),
        (SELECT string_agg('ESP ' || (e ->> 'slot') || ' ' || (e ->> 'state'), ', ' ORDER BY e ->> 'slot')
           FROM jsonb_array_elements(j -> 'esps') e WHERE e ->> 'state' <> 'ok')), ''), 'not recorded') AS start_state
    FROM (SELECT DISTINCT st FROM ${source}) d CROSS JOIN LATERAL (SELECT nullif(d.st, '')::jsonb AS j) x`;
}

/** Names of the expectations that failed on a result (`expectations` of the row), in scenario order. */
export const FAILED_EXPECTATIONS_SQL = `ARRAY(SELECT x.v ->> 'expect' FROM json_array_elements(expectations) WITH ORDINALITY AS x(v, n)
    WHERE x.v ->> 'verdict' = 'fail' ORDER BY x.n)`;

const DIMENSION_ORDER = `array_position(ARRAY['expectation', 'model', 'mode', 'start'], dimension)`;

interface LimitJson {
  min: number | null;
  max: number | null;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/**
 * The expectations that failed on at least one router of the first iteration, most failures first: how many
 * routers failed and were evaluated, the range observed where it failed, and the first `sampleSize` failing
 * routers with their observed value and limit. One statement; the page's total rides along.
 */
export async function failingExpectations(ds: DataSource, runId: string, sampleSize: number, page: PageRequest): Promise<Page<FailingExpectation>> {
  const rows: {
    expect: string;
    failed: string;
    evaluated: string;
    lo: number | null;
    hi: number | null;
    samples: { router: string; observed: number | null; limit: LimitJson }[];
    total: string;
  }[] = await ds.query(
    `WITH e AS MATERIALIZED (
       SELECT rr.ordinal, rr.hostname, x ->> 'expect' AS expect, x ->> 'verdict' AS verdict,
              (x ->> 'observed')::float8 AS observed, x -> 'limit' AS lim
         FROM run_results rr CROSS JOIN LATERAL json_array_elements(rr.expectations) x
        WHERE rr.run_id = $1 AND rr.iteration = 0),
     g AS (
       SELECT expect, count(DISTINCT ordinal) FILTER (WHERE verdict = 'fail') AS failed, count(DISTINCT ordinal) AS evaluated,
              min(observed) FILTER (WHERE verdict = 'fail') AS lo, max(observed) FILTER (WHERE verdict = 'fail') AS hi
         FROM e GROUP BY expect)
     SELECT g.expect, g.failed, g.evaluated, g.lo, g.hi, count(*) OVER () AS total,
            (SELECT json_agg(json_build_object('router', s.hostname, 'observed', s.observed, 'limit', s.lim) ORDER BY s.ordinal)
               FROM (SELECT ordinal, hostname, observed, lim FROM e WHERE e.expect = g.expect AND e.verdict = 'fail'
                      ORDER BY ordinal LIMIT $2) s) AS samples
       FROM g WHERE g.failed > 0
      ORDER BY g.failed DESC, g.expect LIMIT $3 OFFSET $4`,
    [runId, sampleSize, page.limit, page.offset],
  );
  const items = rows.map((r) => ({
    expect: r.expect,
    failed: Number(r.failed),
    evaluated: Number(r.evaluated),
    observedMin: num(r.lo),
    observedMax: num(r.hi),
    samples: (r.samples ?? []).map((s): ExpectationSample => ({ router: s.router, observed: num(s.observed), limit: { min: s.limit.min, max: s.limit.max } })),
  }));
  return { items, total: rows[0] ? Number(rows[0].total) : await countFailing(ds, runId), limit: page.limit, offset: page.offset };
}

async function countFailing(ds: DataSource, runId: string): Promise<number> {
  const rows: { n: string }[] = await ds.query(
    `SELECT count(DISTINCT x ->> 'expect') AS n FROM run_results rr CROSS JOIN LATERAL json_array_elements(rr.expectations) x
      WHERE rr.run_id = $1 AND rr.iteration = 0 AND x ->> 'verdict' = 'fail'`,
    [runId],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * The first iteration's results grouped by model, operating mode, starting state and failed expectation, the
 * groups holding at least one failure only: most failures first, then the purest (fewest passing routers), so
 * a group that explains every failure and nothing else comes first. One statement over the run's rows.
 */
export async function causeGroups(ds: DataSource, runId: string, page: PageRequest): Promise<Page<CauseGroup>> {
  const rows: { dimension: CauseDimension; value: string; failed: string; routers: string; total: string }[] = await ds.query(
    `WITH b AS MATERIALIZED (
       SELECT rr.ordinal, rr.model, rr.verdict, ${START_KEY_SQL} AS st, rr.expectations FROM run_results rr WHERE rr.run_id = $1 AND rr.iteration = 0),
     s AS MATERIALIZED (${startsSql('b')}),
     r AS (SELECT b.ordinal, b.model, b.verdict, s.mode, s.start_state, b.expectations FROM b JOIN s USING (st)),
     g AS (
       SELECT 'model' AS dimension, model AS value, count(*) FILTER (WHERE verdict = 'fail') AS failed, count(*) AS routers FROM r GROUP BY model
       UNION ALL
       SELECT 'mode', mode, count(*) FILTER (WHERE verdict = 'fail'), count(*) FROM r GROUP BY mode
       UNION ALL
       SELECT 'start', start_state, count(*) FILTER (WHERE verdict = 'fail'), count(*) FROM r GROUP BY start_state
       UNION ALL
       SELECT 'expectation', x ->> 'expect', count(DISTINCT r.ordinal) FILTER (WHERE x ->> 'verdict' = 'fail'), count(DISTINCT r.ordinal)
         FROM r CROSS JOIN LATERAL json_array_elements(r.expectations) x GROUP BY 2)
     SELECT dimension, value, failed, routers, count(*) OVER () AS total FROM g WHERE failed > 0
      ORDER BY failed DESC, routers - failed, ${DIMENSION_ORDER}, value LIMIT $2 OFFSET $3`,
    [runId, page.limit, page.offset],
  );
  const items = rows.map((r) => ({ dimension: r.dimension, value: r.value, failed: Number(r.failed), routers: Number(r.routers) }));
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (!rows[0] && page.offset > 0) total = (await causeGroups(ds, runId, { limit: 1_000, offset: 0 })).total;
  return { items, total, limit: page.limit, offset: page.offset };
}

/** Why one router of the run (first iteration) got its verdict; null when the run has no result for it. */
export async function routerDiagnosis(ds: DataSource, runId: string, hostname: string): Promise<RouterDiagnosis | null> {
  const rows: { hostname: string; model: string; verdict: RunVerdict; ordinal: number; expectations: string; mode: string; start_state: string }[] =
    await ds.query(
      `WITH b AS (SELECT rr.hostname, rr.model, rr.verdict, rr.ordinal, rr.expectations::text AS expectations, ${START_KEY_SQL} AS st
                   FROM run_results rr WHERE rr.run_id = $1 AND rr.iteration = 0 AND rr.hostname = $2)
       SELECT b.hostname, b.model, b.verdict, b.ordinal, b.expectations, s.mode, s.start_state FROM b JOIN (${startsSql('b')}) s USING (st)`,
      [runId, hostname],
    );
  const row = rows[0];
  if (!row) return null;
  // The result's whole JSON (its error, every metric) is in its chunk's compressed results.
  const chunks: { ordinals: number[]; results: Buffer }[] = await ds.query(
    `SELECT ordinals, results FROM run_result_chunks WHERE run_id = $1 AND iteration = 0 AND first_ordinal <= $2 AND last_ordinal >= $2`,
    [runId, row.ordinal],
  );
  const chunk = chunks[0];
  const text = chunk ? decodeResultTexts(chunk.results)[chunk.ordinals.indexOf(row.ordinal)] : undefined;
  if (text === undefined) return null;
  const result = JSON.parse(text) as { error?: string; start?: RouterStart; metrics: Record<string, number | null> };
  const expectations = JSON.parse(row.expectations) as { expect: string; verdict: RunVerdict; observed: number | null; limit: LimitJson }[];
  return {
    hostname: row.hostname,
    model: row.model,
    verdict: row.verdict,
    error: result.error ?? null,
    mode: row.mode,
    startState: row.start_state,
    start: result.start ?? null,
    metrics: result.metrics,
    expectations: expectations.map((x) => ({
      router: row.hostname,
      expect: x.expect,
      verdict: x.verdict,
      observed: x.observed,
      limit: { min: x.limit.min, max: x.limit.max },
    })),
  };
}
