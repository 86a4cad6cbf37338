import type { DataSource, EntityManager } from 'typeorm';
import { timelinePartition } from './run-targets.sql.js';

/** How a run's timeline partition is named: `run_timeline_` and the run id's 32 hex digits. */
const PARTITION_NAME = '^run_timeline_[0-9a-f]{32}$';

/**
 * Creates the run's timeline partition without blocking readers of `run_timeline`: `CREATE TABLE … PARTITION
 * OF` takes ACCESS EXCLUSIVE on the parent and so waits for every open reader, while `ATTACH PARTITION` takes
 * only SHARE UPDATE EXCLUSIVE (PostgreSQL 12+), which readers and writers of other partitions do not conflict
 * with. The standalone table carries a CHECK constraint equal to the partition bound, so ATTACH skips its
 * validation scan. Runs inside the caller's transaction: both steps commit or roll back together. A partition
 * already attached (a plan step run twice) is left as it is.
 */
export async function createTimelinePartition(m: EntityManager, runId: string): Promise<void> {
  const name = timelinePartition(runId);
  await m.query(
    `CREATE TABLE IF NOT EXISTS ${name} (
       LIKE run_timeline INCLUDING DEFAULTS,
       CONSTRAINT ${name}_run CHECK (run_id IS NOT NULL AND run_id = '${runId}'::uuid),
       PRIMARY KEY (run_id, iteration, t_ms, ordinal, seq))`,
  );
  const attached: unknown[] = await m.query(`SELECT 1 FROM pg_inherits WHERE inhrelid = $1::regclass AND inhparent = 'run_timeline'::regclass`, [name]);
  if (attached.length === 0) await m.query(`ALTER TABLE run_timeline ATTACH PARTITION ${name} FOR VALUES IN ('${runId}')`);
}

interface PartitionState {
  readonly attached: boolean;
  readonly detachPending: boolean;
}

async function partitionState(ds: DataSource, name: string): Promise<PartitionState | null> {
  const rows: { attached: boolean; detach_pending: boolean | null }[] = await ds.query(
    `SELECT i.inhrelid IS NOT NULL AS attached, i.inhdetachpending AS detach_pending
       FROM pg_class c
       LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhparent = 'run_timeline'::regclass
      WHERE c.oid = to_regclass($1)`,
    [name],
  );
  const r = rows[0];
  return r ? { attached: r.attached, detachPending: r.detach_pending === true } : null;
}

/**
 * Drops a timeline partition without blocking readers: `DETACH PARTITION … CONCURRENTLY` (outside any
 * transaction; it waits for the transactions that may still see the partition, blocking no one), then `DROP
 * TABLE` of the now standalone table. A detach left pending by an interrupted earlier attempt is finished with
 * `FINALIZE`. Never drops a table still attached: that would take ACCESS EXCLUSIVE on `run_timeline`. Answers
 * whether a table was dropped.
 */
export async function dropTimelinePartitionTable(ds: DataSource, name: string): Promise<boolean> {
  if (!new RegExp(PARTITION_NAME).test(name)) throw new Error(`not a timeline partition: ${name}`);
  const state = await partitionState(ds, name);
  if (!state) return false;
  if (state.attached) {
    try {
      await ds.query(`ALTER TABLE run_timeline DETACH PARTITION ${name} ${state.detachPending ? 'FINALIZE' : 'CONCURRENTLY'}`);
    } catch (error) {
      // Another session (a delete and the sweep at once) may have detached it meanwhile: only a partition still
      // attached is a failure.
      if ((await partitionState(ds, name))?.attached !== false) throw error;
    }
  }
  await ds.query(`DROP TABLE IF EXISTS ${name}`);
  return true;
}

/** Drops the run's timeline partition (see {@link dropTimelinePartitionTable}); false when it had none. */
export function dropTimelinePartition(ds: DataSource, runId: string): Promise<boolean> {
  return dropTimelinePartitionTable(ds, timelinePartition(runId));
}

/**
 * Timeline partitions (attached or not) whose run no longer exists: left behind by versions that deleted run
 * rows without their partition, or by a delete interrupted between the row and the partition.
 */
export async function orphanTimelinePartitions(ds: DataSource, limit: number): Promise<readonly string[]> {
  const rows: { name: string }[] = await ds.query(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND c.relname ~ '${PARTITION_NAME}'
        AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = substring(c.relname FROM 14)::uuid)
      ORDER BY c.relname LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.name);
}
