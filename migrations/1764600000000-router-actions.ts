import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operator actions on stored routers (force-switchover): the immediate part is written with the request, the
 * later transitions (`steps`, each the twin state to write and its change-log rows, with its due time) are
 * applied by the worker one by one. `next_step` counts the steps applied; the router must still be at
 * `base_state_version + next_step` for the next one to apply, otherwise another write came in between and the
 * rest of the plan is cancelled (`cancel_reason`). Rows go with their router.
 */
export class RouterActions1764600000000 implements MigrationInterface {
  readonly name = 'RouterActions1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE router_actions (
        id                 uuid PRIMARY KEY,
        router_id          uuid NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
        kind               text NOT NULL CHECK (kind IN ('force-switchover')),
        actor              text NOT NULL,
        status             text NOT NULL CHECK (status IN ('pending', 'completed', 'cancelled')),
        base_state_version integer NOT NULL,
        next_step          integer NOT NULL DEFAULT 0,
        step_count         integer NOT NULL CHECK (step_count >= 0),
        steps              jsonb NOT NULL,
        time_scale         double precision NOT NULL CHECK (time_scale >= 0),
        cancel_reason      text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        finished_at        timestamptz,
        CHECK (next_step BETWEEN 0 AND step_count)
      )`);
    await q.query(`CREATE INDEX router_actions_pending_idx ON router_actions (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX router_actions_router_idx ON router_actions (router_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE router_actions`);
  }
}
