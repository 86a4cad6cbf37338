import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When and from which command each router was last observed (real device output posted to the twin), so lists
 * can tell fresh, stale and never-observed routers apart. Both NULL until a first observation. The index serves
 * the freshness filter (`observed_at IS NULL`, `observed_at < cut-off`, `>= cut-off`) on large fleets.
 */
export class ObservationFreshness1764800000000 implements MigrationInterface {
  readonly name = 'ObservationFreshness1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE routers ADD COLUMN observed_at timestamptz NULL, ADD COLUMN observed_command text NULL`);
    await q.query(`CREATE INDEX routers_observed_at_idx ON routers (observed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX routers_observed_at_idx`);
    await q.query(`ALTER TABLE routers DROP COLUMN observed_command, DROP COLUMN observed_at`);
  }
}
