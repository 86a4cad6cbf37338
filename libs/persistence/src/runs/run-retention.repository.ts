import type { DeletedRun } from './run-delete.sql.js';

/** Which finished runs are kept: 0 in either field means no limit of that kind. */
export interface RetentionPolicy {
  /** Finished runs older than this many days (by when they finished) go. */
  readonly maxAgeDays: number;
  /** Only the newest this many finished runs stay. */
  readonly maxRuns: number;
}

/** Port for the worker's retention pass: expired runs and their deletion. */
export abstract class RunRetentionRepository {
  /**
   * Ids of finished runs (completed, failed, cancelled) the policy no longer keeps, oldest first, at most `limit`.
   * Runs still queued or running are never among them.
   */
  abstract expired(policy: RetentionPolicy, limit: number): Promise<readonly string[]>;
  /** Deletes a run and everything of it (see `RunRepository.delete`); null when it is gone already. */
  abstract delete(id: string): Promise<DeletedRun | null>;
}
