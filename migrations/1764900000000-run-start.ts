import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs start from the twin's stored state (DESIGN.md "The twin of the real fleet"). `runs.start` says where the
 * run's routers start: `twin` (each stored router from its stored state, embedded routers from the state their
 * scenario declares) or `healthy`. Runs made before this migration started healthy. `run_targets.start` is
 * the stored state of each target router, frozen when the run is planned (compact JSON, see
 * `libs/persistence/src/runs/twin-start.sql.ts`); NULL for a router that starts healthy or from its scenario.
 */
export class RunStart1764900000000 implements MigrationInterface {
  readonly name = 'RunStart1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE runs ADD COLUMN start text NOT NULL DEFAULT 'healthy' CHECK (start IN ('twin', 'healthy'))`);
    await q.query(`ALTER TABLE runs ALTER COLUMN start DROP DEFAULT`);
    await q.query(`ALTER TABLE run_targets ADD COLUMN start jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE run_targets DROP COLUMN start`);
    await q.query(`ALTER TABLE runs DROP COLUMN start`);
  }
}
