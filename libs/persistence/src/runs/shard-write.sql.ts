import type { EntityManager } from 'typeorm';
import type { ShardWrite } from './run-execution.repository.js';

/** Timeline rows per statement: keeps each statement's parameter arrays to a few MB. */
const TIMELINE_CHUNK = 50_000;

/** Results and timeline of a shard, one `unnest` statement per table (and per timeline chunk). */
export async function insertShardRows(m: EntityManager, w: ShardWrite): Promise<void> {
  const r = w.results;
  await m.query(
    `INSERT INTO run_results (run_id, iteration, ordinal, hostname, model, verdict, control_plane_outage_ms,
                              data_plane_outage_ms, redundancy_restored_ms, switchovers, dual_active_ms, result, expectations)
     SELECT $1, u.* FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[],
                                $9::bigint[], $10::int[], $11::bigint[], $12::json[], $13::json[])
       AS u(iteration, ordinal, hostname, model, verdict, cp, dp, rr, sw, da, result, expectations)
     ON CONFLICT DO NOTHING`,
    [
      w.runId, r.map((x) => x.iteration), r.map((x) => x.ordinal), r.map((x) => x.hostname), r.map((x) => x.model),
      r.map((x) => x.verdict), r.map((x) => x.controlPlaneOutageMs), r.map((x) => x.dataPlaneOutageMs),
      r.map((x) => x.redundancyRestoredMs), r.map((x) => x.switchovers), r.map((x) => x.dualActiveMs),
      r.map((x) => x.resultJson), r.map((x) => x.expectationsJson),
    ],
  );
  for (let i = 0; i < w.timeline.length; i += TIMELINE_CHUNK) {
    const t = w.timeline.slice(i, i + TIMELINE_CHUNK);
    await m.query(
      `INSERT INTO run_timeline (run_id, iteration, ordinal, seq, t_ms, hostname, component, event, from_state, to_state)
       SELECT $1, 0, u.* FROM unnest($2::int[], $3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS u(ordinal, seq, t_ms, hostname, component, event, from_state, to_state)
       ON CONFLICT DO NOTHING`,
      [
        w.runId, t.map((x) => x.ordinal), t.map((x) => x.seq), t.map((x) => x.tMs), t.map((x) => x.hostname),
        t.map((x) => x.component), t.map((x) => x.event), t.map((x) => x.from), t.map((x) => x.to),
      ],
    );
  }
}
