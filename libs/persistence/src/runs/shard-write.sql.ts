import type { EntityManager } from 'typeorm';
import { copyRows } from './copy-rows.js';
import { encodeTimelineChunk } from './timeline-chunks.js';
import type { ShardResultRow, ShardTimelineRow, ShardTotals } from './run-execution.repository.js';

const RESULT_COLUMNS = [
  'run_id',
  'iteration',
  'ordinal',
  'hostname',
  'model',
  'verdict',
  'control_plane_outage_ms',
  'data_plane_outage_ms',
  'redundancy_restored_ms',
  'switchovers',
  'dual_active_ms',
  'result',
  'expectations',
] as const;

/**
 * A chunk of a shard's results and timeline: the results in one `COPY` (about twice the rate of `unnest` batches),
 * the timeline as one compressed chunk row (`run_timeline_chunks`, see `timeline-chunks.ts`) over the ordinals of
 * its routers.
 * Only valid inside the transaction that has claimed the shard in `run_shards`: the claim is what makes a shard
 * that runs twice write its rows once, since a second claim finds the first and writes nothing.
 */
export async function insertShardRows(
  m: EntityManager,
  runId: string,
  results: readonly ShardResultRow[],
  timeline: readonly ShardTimelineRow[],
): Promise<void> {
  await copyRows(m, 'run_results', RESULT_COLUMNS, results, (x) => [
    runId,
    x.iteration,
    x.ordinal,
    x.hostname,
    x.model,
    x.verdict,
    x.controlPlaneOutageMs,
    x.dataPlaneOutageMs,
    x.redundancyRestoredMs,
    x.switchovers,
    x.dualActiveMs,
    x.resultJson,
    x.expectationsJson,
  ]);
  if (timeline.length === 0) return;
  let first = Infinity;
  let last = -Infinity;
  for (const x of timeline) {
    if (x.ordinal < first) first = x.ordinal;
    if (x.ordinal > last) last = x.ordinal;
  }
  await m.query(`INSERT INTO run_timeline_chunks (run_id, first_ordinal, last_ordinal, entries, data) VALUES ($1, $2, $3, $4, $5)`, [
    runId,
    first,
    last,
    timeline.length,
    encodeTimelineChunk(timeline),
  ]);
}

/** Records a shard's totals on its claim, once its rows are written (the claim is made before they are known). */
export async function recordShardTotals(m: EntityManager, runId: string, shard: number, totals: ShardTotals): Promise<void> {
  await m.query(`UPDATE run_shards SET events = $3, duration_ms = $4 WHERE run_id = $1 AND shard = $2`, [
    runId,
    shard,
    totals.events,
    Math.round(totals.durationMs),
  ]);
}
