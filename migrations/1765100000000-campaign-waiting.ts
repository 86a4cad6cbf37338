import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run or audit whose work is held up by a dependency outage (PostgreSQL or Redis unreachable, a serialization
 * failure) keeps its status and says that it is waiting, since when and why (`waiting_since`, `waiting_reason`):
 * the worker sets both when a step first meets the outage and clears them when the step goes through.
 */
export class CampaignWaiting1765100000000 implements MigrationInterface {
  readonly name = 'CampaignWaiting1765100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['runs', 'audits']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN waiting_since timestamptz, ADD COLUMN waiting_reason text`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['runs', 'audits']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN waiting_reason, DROP COLUMN waiting_since`);
    }
  }
}
