import type { DataSource } from 'typeorm';
import { type DeletedRun, deleteRun } from './run-delete.sql.js';
import { type RetentionPolicy, RunRetentionRepository } from './run-retention.repository.js';

export class TypeormRunRetentionRepository extends RunRetentionRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async expired(policy: RetentionPolicy, limit: number): Promise<readonly string[]> {
    if (policy.maxAgeDays === 0 && policy.maxRuns === 0) return [];
    const rows: { id: string }[] = await this.ds.query(
      `WITH finished AS (
         SELECT id, coalesce(finished_at, created_at) AS ended,
                row_number() OVER (ORDER BY coalesce(finished_at, created_at) DESC, id DESC) AS newest
           FROM runs WHERE status IN ('completed', 'failed', 'cancelled'))
       SELECT id FROM finished
        WHERE ($1::int > 0 AND ended < now() - make_interval(days => $1::int)) OR ($2::int > 0 AND newest > $2::int)
        ORDER BY ended, id LIMIT $3`,
      [policy.maxAgeDays, policy.maxRuns, limit],
    );
    return rows.map((r) => r.id);
  }

  delete(id: string): Promise<DeletedRun | null> {
    return deleteRun(this.ds, id);
  }
}
