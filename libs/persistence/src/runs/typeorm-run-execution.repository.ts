import type { DataSource, EntityManager } from 'typeorm';
import { RunExecutionRepository, type ShardClaim, type ShardRowSink, type ShardTotals } from './run-execution.repository.js';
import type { RunProgress, RunRecord, RunTargetRouter } from './run-models.js';
import { type RunRow, toRunRecord } from './run-row.mapper.js';
import { aggregateRun } from './run-aggregate.sql.js';
import {
  advanceOpenCampaign,
  assertCampaignOpen,
  claimShard,
  clearWaiting,
  failCampaign,
  frozenTargets,
  markStarted,
  markWaiting,
  pendingShards,
  RUN_TABLES,
  shardsWritten,
  snapshotOnce,
  unfinishedRows,
  writeOpenShard,
} from './campaign.sql.js';
import { insertRunTargets } from './run-targets.sql.js';
import { insertShardRows, recordShardTotals } from './shard-write.sql.js';
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
    await markStarted(this.ds, RUN_TABLES, id);
    return this.find(id);
  }

  snapshotTargets(run: RunRecord): Promise<number> {
    return snapshotOnce(this.ds, RUN_TABLES, run.id, (m) => insertRunTargets(m, run));
  }

  shardTargets(runId: string, fromOrdinal: number, toOrdinal: number): Promise<readonly RunTargetRouter[]> {
    return frozenTargets(this.ds, RUN_TABLES, runId, fromOrdinal, toOrdinal);
  }

  pendingShards(run: RunRecord): Promise<readonly number[]> {
    return pendingShards(this.ds, RUN_TABLES, run.id, run.shardCount);
  }

  async writeShardInChunks(claim: ShardClaim, produce: (sink: ShardRowSink) => Promise<ShardTotals>): Promise<RunProgress | null> {
    return writeOpenShard(this.ds, async (m) => {
      if (!(await claimShard(m, RUN_TABLES, { id: claim.runId, shard: claim.shard, routers: claim.routers, events: 0, durationMs: 0 }))) return null;
      const totals = await produce(openRunSink(m, claim.runId));
      await recordShardTotals(m, claim.runId, claim.shard, totals);
      return progressAfter(m, claim.runId, claim.routers);
    });
  }

  async complete(runId: string): Promise<RunRecord | null> {
    return this.ds.transaction(async (m) => {
      const rows: RunRow[] = await m.query(`SELECT * FROM runs WHERE id = $1 FOR UPDATE`, [runId]);
      const run = rows[0] ? toRunRecord(rows[0]) : null;
      if (!run || (run.status !== 'running' && run.status !== 'queued')) return run;
      if (run.shardCount === null || (await shardsWritten(m, RUN_TABLES, runId)) < run.shardCount) return null;
      const { aggregate, verdict } = await aggregateRun(m, runId);
      const updated = await updateReturning<RunRow>(
        m,
        `UPDATE runs SET status = 'completed', verdict = $2, aggregate = $3::jsonb, finished_at = now() WHERE id = $1 RETURNING *`,
        [runId, verdict, JSON.stringify(aggregate)],
      );
      return updated[0] ? toRunRecord(updated[0]) : null;
    });
  }

  fail(runId: string, error: string): Promise<void> {
    return failCampaign(this.ds, RUN_TABLES, runId, error);
  }

  markWaiting(runId: string, reason: string): Promise<void> {
    return markWaiting(this.ds, RUN_TABLES, runId, reason);
  }

  clearWaiting(runId: string): Promise<void> {
    return clearWaiting(this.ds, RUN_TABLES, runId);
  }

  async unfinished(limit: number): Promise<readonly RunRecord[]> {
    return (await unfinishedRows<RunRow>(this.ds, RUN_TABLES, limit)).map(toRunRecord);
  }
}

/** How often, at most, a shard write asks whether its run is still open, ms. */
const OPEN_CHECK_INTERVAL_MS = 250;

/** A sink that copies each chunk into the shard's transaction, first aborting it if the run has closed. */
function openRunSink(m: EntityManager, runId: string): ShardRowSink {
  let checked = performance.now();
  return {
    async write(results, timeline) {
      if (performance.now() - checked >= OPEN_CHECK_INTERVAL_MS) {
        await assertCampaignOpen(m, RUN_TABLES, runId);
        checked = performance.now();
      }
      await insertShardRows(m, runId, results, timeline);
    },
  };
}

async function progressAfter(m: EntityManager, runId: string, routers: number): Promise<RunProgress> {
  const r = await advanceOpenCampaign<{ status: RunProgress['status']; routers_done: number; router_count: number | null; shard_count: number | null }>(
    m,
    RUN_TABLES,
    runId,
    'routers_done = routers_done + $2',
    'status, routers_done, router_count, shard_count',
    [routers],
  );
  return { status: r.status, routersDone: r.routers_done, routerCount: r.router_count, shardCount: r.shard_count };
}
