import type { ChassisModel, RedundancyMode } from '@asr-twin/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { RunExecutionRepository, type ShardWrite } from './run-execution.repository.js';
import type { RunProgress, RunRecord, RunTargetRouter } from './run-models.js';
import { type RunRow, toRunRecord } from './run-row.mapper.js';
import { aggregateRun } from './run-aggregate.sql.js';
import { insertRunTargets, timelinePartition } from './run-targets.sql.js';
import { insertShardRows } from './shard-write.sql.js';
import { type FrozenStart, startOfFrozen } from './twin-start.sql.js';
import { updateReturning } from './update-returning.js';

export class TypeormRunExecutionRepository extends RunExecutionRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async find(id: string): Promise<RunRecord | null> {
    const rows: RunRow[] = await this.ds.query(`SELECT * FROM runs WHERE id = $1`, [id]);
    return rows[0] ? toRunRecord(rows[0]) : null;
  }

  async start(id: string): Promise<RunRecord | null> {
    await this.ds.query(`UPDATE runs SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued'`, [id]);
    return this.find(id);
  }

  async snapshotTargets(run: RunRecord): Promise<number> {
    return this.ds.transaction(async (m) => {
      const locked: { router_count: number | null }[] = await m.query(`SELECT router_count FROM runs WHERE id = $1 FOR UPDATE`, [run.id]);
      const known = locked[0]?.router_count;
      if (known !== null && known !== undefined) return known;
      const count = await insertRunTargets(m, run);
      await m.query(`UPDATE runs SET router_count = $2::int, shard_count = ceil($2::int::numeric / shard_size)::int WHERE id = $1`, [run.id, count]);
      await m.query(`CREATE TABLE IF NOT EXISTS ${timelinePartition(run.id)} PARTITION OF run_timeline FOR VALUES IN ('${run.id}')`);
      return count;
    });
  }

  async shardTargets(runId: string, fromOrdinal: number, toOrdinal: number): Promise<readonly RunTargetRouter[]> {
    const rows: { ordinal: number; hostname: string; model: string; redundancy_mode: string; software_version: string; start: FrozenStart | null }[] =
      await this.ds.query(
        `SELECT ordinal, hostname, model, redundancy_mode, software_version, start FROM run_targets
          WHERE run_id = $1 AND ordinal >= $2 AND ordinal < $3 ORDER BY ordinal`,
        [runId, fromOrdinal, toOrdinal],
      );
    return rows.map((r) => ({
      ordinal: r.ordinal,
      hostname: r.hostname,
      model: r.model,
      redundancyMode: r.redundancy_mode,
      softwareVersion: r.software_version,
      ...(r.start === null ? {} : { start: startOfFrozen(r.model as ChassisModel, r.redundancy_mode as RedundancyMode, r.start) }),
    }));
  }

  async pendingShards(run: RunRecord): Promise<readonly number[]> {
    if (run.shardCount === null) return [];
    const rows: { shard: number }[] = await this.ds.query(
      `SELECT s AS shard FROM generate_series(0, $2::int - 1) AS s
        WHERE NOT EXISTS (SELECT 1 FROM run_shards WHERE run_id = $1 AND shard = s) ORDER BY s`,
      [run.id, run.shardCount],
    );
    return rows.map((r) => r.shard);
  }

  async writeShard(write: ShardWrite): Promise<RunProgress | null> {
    return this.ds.transaction(async (m) => {
      const claimed: unknown[] = await m.query(
        `INSERT INTO run_shards (run_id, shard, routers, events, duration_ms) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING shard`,
        [write.runId, write.shard, write.routers, write.events, Math.round(write.durationMs)],
      );
      if (claimed.length === 0) return null;
      await insertShardRows(m, write);
      return progressAfter(m, write.runId, write.routers);
    });
  }

  async complete(runId: string): Promise<RunRecord | null> {
    return this.ds.transaction(async (m) => {
      const rows: RunRow[] = await m.query(`SELECT * FROM runs WHERE id = $1 FOR UPDATE`, [runId]);
      const run = rows[0] ? toRunRecord(rows[0]) : null;
      if (!run || (run.status !== 'running' && run.status !== 'queued')) return run;
      const done: { n: string }[] = await m.query(`SELECT count(*) AS n FROM run_shards WHERE run_id = $1`, [runId]);
      if (run.shardCount === null || Number(done[0]?.n) < run.shardCount) return null;
      const { aggregate, verdict } = await aggregateRun(m, runId);
      const updated = await updateReturning<RunRow>(
        m,
        `UPDATE runs SET status = 'completed', verdict = $2, aggregate = $3::jsonb, finished_at = now() WHERE id = $1 RETURNING *`,
        [runId, verdict, JSON.stringify(aggregate)],
      );
      return updated[0] ? toRunRecord(updated[0]) : null;
    });
  }

  async fail(runId: string, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`,
      [runId, error.slice(0, 2000)],
    );
  }

  async unfinished(limit: number): Promise<readonly RunRecord[]> {
    const rows: RunRow[] = await this.ds.query(
      `SELECT * FROM runs WHERE status IN ('queued', 'running') ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map(toRunRecord);
  }
}

async function progressAfter(m: EntityManager, runId: string, routers: number): Promise<RunProgress> {
  const rows = await updateReturning<{ status: RunProgress['status']; routers_done: number; router_count: number | null; shard_count: number | null }>(
    m,
    `UPDATE runs SET routers_done = routers_done + $2 WHERE id = $1 RETURNING status, routers_done, router_count, shard_count`,
    [runId, routers],
  );
  const r = rows[0];
  if (!r) throw new Error(`run ${runId} vanished while its shard was written`);
  return { status: r.status, routersDone: r.routers_done, routerCount: r.router_count, shardCount: r.shard_count };
}
