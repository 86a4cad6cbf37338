import type { DataSource } from 'typeorm';
import { isUuid } from '../repositories/pg-errors.js';
import { dropTimelinePartition } from './timeline-partitions.sql.js';
import { updateReturning } from './update-returning.js';

/** A run that was deleted: what its jobs in Redis were named after. */
export interface DeletedRun {
  readonly id: string;
  /** False when its timeline partition could not be dropped now: the maintenance pass's sweep drops it later. */
  readonly partitionDropped: boolean;
  /** Shards the run was split into (null when it was never planned): its `run.shard` jobs are 0 … shardCount − 1. */
  readonly shardCount: number | null;
}

/**
 * Deletes a run and everything of it in PostgreSQL: the row, its targets, shards and results (by cascade), then its
 * timeline partition (detached concurrently and dropped, never blocking readers). A queued or running run is
 * cancelled first, in its own statement: a shard being written sees the cancel at its next check and rolls back,
 * so the delete waits at most for that roll-back, and a shard job that comes later finds no run and writes nothing
 * (its rows would reference a missing run). Answers null when there was no such run. The row goes first, so a
 * partition whose drop fails or is interrupted is an orphan, which the maintenance pass's sweep drops.
 */
export async function deleteRun(ds: DataSource, id: string): Promise<DeletedRun | null> {
  if (!isUuid(id)) return null;
  await ds.query(`UPDATE runs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [id]);
  const rows = await updateReturning<{ shard_count: number | null }>(ds, `DELETE FROM runs WHERE id = $1 RETURNING shard_count`, [id]);
  if (!rows[0]) return null;
  const partitionDropped = await dropTimelinePartition(ds, id).then(
    () => true,
    () => false,
  );
  return { id, shardCount: rows[0].shard_count, partitionDropped };
}
