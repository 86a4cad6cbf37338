import type { EntityManager } from 'typeorm';
import { encodeResultTexts } from './result-chunks.js';
import { TimelineChunk } from './timeline-chunks.js';
import type { ShardResultRow, ShardTimelineRow, ShardTotals } from './run-execution.repository.js';

/**
 * JSON texts as one parameter for `string_to_array($n::text, E'\x1e', '-')::json[]`: joined by the record separator,
 * which JSON text never holds raw (it escapes every control character), a missing one as `-`, which is never JSON.
 * Sent this way, the driver writes one string instead of quoting and escaping each element of an array literal
 * (about a tenth of a worker's CPU in a 100,000-router campaign).
 */
function jsonArray(texts: readonly (string | null)[]): string {
  return texts.map((t) => t ?? '-').join('\x1e');
}

/**
 * A chunk of a shard's results and timeline, each as compressed chunk rows over the ordinals of its routers: the
 * results of each iteration as one `run_result_chunks` row (array columns for what queries read, the result JSON
 * compressed; the view `run_results` unnests them), the timeline as one `run_timeline_chunks` row (see
 * `timeline-chunks.ts`). Only valid inside the transaction that has claimed the shard in `run_shards`: the claim is
 * what makes a shard that runs twice write its rows once, since a second claim finds the first and writes nothing.
 */
export async function insertShardRows(
  m: EntityManager,
  runId: string,
  results: readonly ShardResultRow[],
  timeline: TimelineChunk | readonly ShardTimelineRow[],
): Promise<void> {
  const byIteration = new Map<number, ShardResultRow[]>();
  for (const r of results) {
    const rows = byIteration.get(r.iteration);
    if (rows) rows.push(r);
    else byIteration.set(r.iteration, [r]);
  }
  for (const [iteration, unordered] of byIteration) {
    const rows = [...unordered].sort((a, b) => a.ordinal - b.ordinal);
    const column = <T>(f: (r: ShardResultRow) => T) => rows.map(f);
    await m.query(
      `INSERT INTO run_result_chunks (run_id, iteration, first_ordinal, last_ordinal, ordinals, hostnames, models, verdicts,
         control_plane_outage_ms, data_plane_outage_ms, redundancy_restored_ms, switchovers, dual_active_ms, starts, expectations, results)
       VALUES ($1, $2, $3, $4, $5::int[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::bigint[], $12::int[], $13::bigint[],
               string_to_array($14::text, E'\\x1e', '-')::json[], string_to_array($15::text, E'\\x1e', '-')::json[], $16)`,
      [
        runId,
        iteration,
        rows[0]?.ordinal,
        rows[rows.length - 1]?.ordinal,
        column((r) => r.ordinal),
        column((r) => r.hostname),
        column((r) => r.model),
        column((r) => r.verdict),
        column((r) => r.controlPlaneOutageMs),
        column((r) => r.dataPlaneOutageMs),
        column((r) => r.redundancyRestoredMs),
        column((r) => r.switchovers),
        column((r) => r.dualActiveMs),
        jsonArray(column((r) => r.startJson)),
        jsonArray(column((r) => r.expectationsJson)),
        encodeResultTexts(column((r) => r.resultJson)),
      ],
    );
  }
  const chunk = timeline instanceof TimelineChunk ? timeline : TimelineChunk.of(timeline);
  if (chunk.first === undefined) return;
  await m.query(`INSERT INTO run_timeline_chunks (run_id, first_ordinal, last_ordinal, entries, data) VALUES ($1, $2, $3, $4, $5)`, [
    runId,
    chunk.first,
    chunk.last,
    chunk.size,
    chunk.encode(),
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
