import type { ChassisModel, RedundancyMode } from '@asr-twin/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { RunTargetRouter } from './run-models.js';
import { updateReturning } from './update-returning.js';
import { type FrozenStart, startOfFrozen } from './twin-start.sql.js';

/**
 * The tables of one kind of sharded campaign (runs, audits, forecasts): the campaign rows, their frozen targets and their
 * written shards, keyed by `<idColumn>`. Both kinds share the steps below, so that a plan, a shard claim or a
 * completion works the same way for each. Names are constants of the code, never input.
 */
export interface CampaignTables {
  readonly table: 'runs' | 'audits' | 'forecasts';
  readonly targets: 'run_targets' | 'audit_targets' | 'forecast_targets';
  readonly shards: 'run_shards' | 'audit_shards' | 'forecast_shards';
  readonly idColumn: 'run_id' | 'audit_id' | 'forecast_id';
}

export const RUN_TABLES: CampaignTables = { table: 'runs', targets: 'run_targets', shards: 'run_shards', idColumn: 'run_id' };
export const AUDIT_TABLES: CampaignTables = { table: 'audits', targets: 'audit_targets', shards: 'audit_shards', idColumn: 'audit_id' };
export const FORECAST_TABLES: CampaignTables = { table: 'forecasts', targets: 'forecast_targets', shards: 'forecast_shards', idColumn: 'forecast_id' };

/** Moves a queued campaign to `running` (a no-op for any other status). */
export async function markStarted(ds: DataSource, t: CampaignTables, id: string): Promise<void> {
  await ds.query(`UPDATE ${t.table} SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued'`, [id]);
}

/**
 * Freezes the targets once: under a row lock, returns the router count already recorded, or inserts the targets
 * (`insert`), records the count and shard count, runs `after` in the same transaction, and returns the count. A
 * campaign deleted meanwhile freezes nothing and answers 0 (so no partition or target of it is made again).
 */
export function snapshotOnce(
  ds: DataSource,
  t: CampaignTables,
  id: string,
  insert: (m: EntityManager) => Promise<number>,
  after: (m: EntityManager) => Promise<void> = () => Promise.resolve(),
): Promise<number> {
  return ds.transaction(async (m) => {
    const locked: { router_count: number | null }[] = await m.query(`SELECT router_count FROM ${t.table} WHERE id = $1 FOR UPDATE`, [id]);
    if (locked.length === 0) return 0;
    const known = locked[0]?.router_count;
    if (known !== null && known !== undefined) return known;
    const count = await insert(m);
    await m.query(`UPDATE ${t.table} SET router_count = $2::int, shard_count = ceil($2::int::numeric / shard_size)::int WHERE id = $1`, [id, count]);
    await after(m);
    return count;
  });
}

/** The frozen targets with ordinals in [from, to), in order; a target frozen without a start has none. */
export async function frozenTargets(ds: DataSource, t: CampaignTables, id: string, from: number, to: number): Promise<RunTargetRouter[]> {
  const rows: { ordinal: number; hostname: string; model: string; redundancy_mode: string; software_version: string; start: FrozenStart | null }[] =
    await ds.query(
      t.targets === 'run_targets'
        ? // A run's targets are chunks of consecutive ordinals (see run-targets.sql.ts): read the chunks over the range.
          `SELECT u.ordinal, u.hostname, u.model, u.redundancy_mode, u.software_version, u.start
             FROM run_target_chunks c
             CROSS JOIN LATERAL unnest(c.ordinals, c.hostnames, c.models, c.redundancy_modes, c.software_versions, c.starts)
                   AS u(ordinal, hostname, model, redundancy_mode, software_version, start)
            WHERE c.run_id = $1 AND c.last_ordinal >= $2 AND c.first_ordinal < $3 AND u.ordinal >= $2 AND u.ordinal < $3 ORDER BY u.ordinal`
        : `SELECT ordinal, hostname, model, redundancy_mode, software_version, start FROM ${t.targets}
            WHERE ${t.idColumn} = $1 AND ordinal >= $2 AND ordinal < $3 ORDER BY ordinal`,
      [id, from, to],
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

/** Shards of the campaign not written yet, in order. */
export async function pendingShards(ds: DataSource, t: CampaignTables, id: string, shardCount: number | null): Promise<number[]> {
  if (shardCount === null) return [];
  const rows: { shard: number }[] = await ds.query(
    `SELECT s AS shard FROM generate_series(0, $2::int - 1) AS s
      WHERE NOT EXISTS (SELECT 1 FROM ${t.shards} WHERE ${t.idColumn} = $1 AND shard = s) ORDER BY s`,
    [id, shardCount],
  );
  return rows.map((r) => r.shard);
}

/** Claims a shard for writing: false when it was written already (a retried or duplicated job). */
export async function claimShard(
  m: EntityManager,
  t: CampaignTables,
  claim: { readonly id: string; readonly shard: number; readonly routers: number; readonly events: number; readonly durationMs: number },
): Promise<boolean> {
  const claimed: unknown[] = await m.query(
    `INSERT INTO ${t.shards} (${t.idColumn}, shard, routers, events, duration_ms) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING shard`,
    [claim.id, claim.shard, claim.routers, claim.events, Math.round(claim.durationMs)],
  );
  return claimed.length > 0;
}

/** Thrown inside a shard's transaction when the campaign is no longer queued or running: the write rolls back. */
class CampaignClosed extends Error {}

/**
 * Runs a shard write in one transaction and answers null when the write found the shard claimed already (`write`
 * answers null) or found the campaign closed (cancelled or failed) at its final progress update: then the whole
 * write — claim, rows and progress — rolls back, so nothing is kept and progress never advances after a cancel. The
 * campaign row is locked only by that final update, so shards of one campaign still write in parallel; a cancel
 * committed first makes the update match nothing, and a cancel arriving later waits for the shard's commit.
 */
export async function writeOpenShard<T>(ds: DataSource, write: (m: EntityManager) => Promise<T | null>): Promise<T | null> {
  try {
    return await ds.transaction(write);
  } catch (e) {
    if (e instanceof CampaignClosed) return null;
    throw e;
  }
}

/**
 * The progress update that ends a shard write: `set` adds to the campaign's counters, only while it is queued or
 * running. Inside {@link writeOpenShard}; a closed (or deleted) campaign aborts the write.
 */
export async function advanceOpenCampaign<R>(
  m: EntityManager,
  t: CampaignTables,
  id: string,
  set: string,
  returning: string,
  params: readonly unknown[],
): Promise<R> {
  const rows = await updateReturning<R>(m, `UPDATE ${t.table} SET ${set} WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${returning}`, [
    id,
    ...params,
  ]);
  const r = rows[0];
  if (!r) throw new CampaignClosed(`${t.table} ${id} is no longer queued or running`);
  return r;
}

/** Inside {@link writeOpenShard}: aborts the write (it rolls back) unless the campaign is still queued or running. */
export async function assertCampaignOpen(m: EntityManager, t: CampaignTables, id: string): Promise<void> {
  const open: unknown[] = await m.query(`SELECT 1 FROM ${t.table} WHERE id = $1 AND status IN ('queued', 'running')`, [id]);
  if (open.length === 0) throw new CampaignClosed(`${t.table} ${id} is no longer queued or running`);
}

/** How many shards of the campaign are written. */
export async function shardsWritten(m: EntityManager, t: CampaignTables, id: string): Promise<number> {
  const done: { n: string }[] = await m.query(`SELECT count(*) AS n FROM ${t.shards} WHERE ${t.idColumn} = $1`, [id]);
  return Number(done[0]?.n ?? 0);
}

/** Fails a queued or running campaign with the reason (at most 2,000 characters); a finished one is left alone. */
export async function failCampaign(ds: DataSource, t: CampaignTables, id: string, error: string): Promise<void> {
  await ds.query(`UPDATE ${t.table} SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [
    id,
    error.slice(0, 2000),
  ]);
}

/** Queued or running campaigns, oldest first. */
export function unfinishedRows<R>(ds: DataSource, t: CampaignTables, limit: number): Promise<R[]> {
  return ds.query(`SELECT * FROM ${t.table} WHERE status IN ('queued', 'running') ORDER BY created_at LIMIT $1`, [limit]);
}

/**
 * Records that a queued or running campaign's work is held up by a dependency outage, and why; `waiting_since`
 * keeps the moment the wait began. A finished campaign is left alone.
 */
export async function markWaiting(ds: DataSource, t: CampaignTables, id: string, reason: string): Promise<void> {
  await ds.query(
    `UPDATE ${t.table} SET waiting_since = coalesce(waiting_since, now()), waiting_reason = $2
      WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, reason.slice(0, 500)],
  );
}

/** Clears the waiting mark of a campaign whose work went through again. */
export async function clearWaiting(ds: DataSource, t: CampaignTables, id: string): Promise<void> {
  await ds.query(`UPDATE ${t.table} SET waiting_since = NULL, waiting_reason = NULL WHERE id = $1 AND waiting_since IS NOT NULL`, [id]);
}
