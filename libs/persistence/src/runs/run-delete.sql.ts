import type { DataSource } from 'typeorm';
import { isUuid } from '../repositories/pg-errors.js';
import { updateReturning } from './update-returning.js';

/** A run that was deleted: what its jobs in Redis were named after. */
export interface DeletedRun {
  readonly id: string;
  /** Shards the run was split into (null when it was never planned): its `run.shard` jobs are 0 … shardCount − 1. */
  readonly shardCount: number | null;
}

/**
 * Deletes a run and everything of it in PostgreSQL: the row, and by cascade its targets, shards, results and timeline
 * chunks, in one statement that blocks no reader of other runs. A queued or running run is
 * cancelled first, in its own statement: a shard being written sees the cancel at its next check and rolls back,
 * so the delete waits at most for that roll-back, and a shard job that comes later finds no run and writes nothing
 * (its rows would reference a missing run). Answers null when there was no such run.
 */
export async function deleteRun(ds: DataSource, id: string): Promise<DeletedRun | null> {
  if (!isUuid(id)) return null;
  await ds.query(`UPDATE runs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [id]);
  const rows = await updateReturning<{ shard_count: number | null }>(ds, `DELETE FROM runs WHERE id = $1 RETURNING shard_count`, [id]);
  if (!rows[0]) return null;
  return { id, shardCount: rows[0].shard_count };
}
