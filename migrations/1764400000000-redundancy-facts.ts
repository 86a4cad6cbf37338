import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What `show redundancy` prints beyond the RF states, so the twin can print it and real device output can set
 * it: the switchover counters and last reason (CISCO-RF-MIB `RFSwactReasonType` in the CLI spelling), the
 * operating redundancy mode when it differs from the one derived from the configured mode (NULL: derived),
 * the system boot time (uptime origin) and, per IOS instance, when it entered its current RF state. Existing
 * routers read as freshly booted with no switchover.
 */
export class RedundancyFacts1764400000000 implements MigrationInterface {
  readonly name = 'RedundancyFacts1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE routers
        ADD COLUMN switchovers            integer NOT NULL DEFAULT 0 CHECK (switchovers >= 0),
        ADD COLUMN standby_failures       integer NOT NULL DEFAULT 0 CHECK (standby_failures >= 0),
        ADD COLUMN last_switchover_reason text NOT NULL DEFAULT 'none' CHECK (last_switchover_reason IN ('none',
                     'unsupported', 'not known', 'user initiated', 'user forced', 'active unit failed',
                     'active unit removed')),
        ADD COLUMN operating_mode         text CHECK (operating_mode IN ('sso', 'rpr', 'none')),
        ADD COLUMN booted_at              timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE ios_instances ADD COLUMN state_since timestamptz NOT NULL DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ios_instances DROP COLUMN state_since`);
    await q.query(`
      ALTER TABLE routers
        DROP COLUMN booted_at,
        DROP COLUMN operating_mode,
        DROP COLUMN last_switchover_reason,
        DROP COLUMN standby_failures,
        DROP COLUMN switchovers`);
  }
}
