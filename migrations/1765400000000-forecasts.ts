import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Availability forecasts (DESIGN.md "Availability forecast") as queued campaigns with the recovery guarantees of
 * runs and audits. `forecasts` holds the request (selector, period, trials, seed, request rate overrides, what-if),
 * progress, and once completed the summary (jsonb) and the whole report, gzip-compressed JSON (`report`), built
 * once by the worker that finalizes it so that the api only streams stored bytes. `forecast_targets` the routers
 * with their configuration frozen when the forecast is planned (the forecast's router as JSON: model, redundancy
 * mode, release, hardware, labels), numbered by `ordinal` so shards are stable ranges; `forecast_shards` the claim of
 * each written shard. `forecast_results` is one row per router and configuration (`variant` 0 as it is, 1 the
 * what-if): `stats` holds the float64 values of the per-trial control- and data-plane downtimes and the per-class
 * means and failure counts, little-endian — a distribution, never a timeline (about 1.9 KB per router at 100 trials).
 */
export class Forecasts1765400000000 implements MigrationInterface {
  readonly name = 'Forecasts1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE forecasts (
        id             uuid PRIMARY KEY,
        selector       jsonb NOT NULL,
        period_ms      bigint NOT NULL CHECK (period_ms > 0),
        trials         integer NOT NULL CHECK (trials > 0),
        seed           bigint NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
        rates          jsonb NOT NULL,
        what_if        jsonb,
        status         text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
        error          text,
        shard_size     integer NOT NULL CHECK (shard_size > 0),
        router_count   integer,
        shard_count    integer,
        routers_done   integer NOT NULL DEFAULT 0,
        summary        jsonb,
        report         bytea,
        created_by     text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        started_at     timestamptz,
        finished_at    timestamptz,
        waiting_since  timestamptz,
        waiting_reason text
      )`);
    await q.query(`CREATE INDEX forecasts_status_created_idx ON forecasts (status, created_at)`);
    await q.query(`CREATE INDEX forecasts_created_idx ON forecasts (created_at DESC, id)`);
    await q.query(`
      CREATE TABLE forecast_targets (
        forecast_id uuid NOT NULL REFERENCES forecasts (id) ON DELETE CASCADE,
        ordinal     integer NOT NULL,
        router_id   uuid,
        hostname    text NOT NULL,
        router      jsonb NOT NULL,
        PRIMARY KEY (forecast_id, ordinal)
      )`);
    await q.query(`
      CREATE TABLE forecast_shards (
        forecast_id uuid NOT NULL REFERENCES forecasts (id) ON DELETE CASCADE,
        shard       integer NOT NULL,
        routers     integer NOT NULL,
        events      bigint NOT NULL,
        duration_ms integer NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (forecast_id, shard)
      )`);
    await q.query(`
      CREATE TABLE forecast_results (
        forecast_id uuid NOT NULL REFERENCES forecasts (id) ON DELETE CASCADE,
        ordinal     integer NOT NULL,
        variant     smallint NOT NULL CHECK (variant IN (0, 1)),
        stats       bytea NOT NULL,
        simulations integer NOT NULL,
        quiet       integer NOT NULL,
        events      bigint NOT NULL,
        errors      integer NOT NULL,
        first_error text,
        PRIMARY KEY (forecast_id, ordinal, variant)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE forecast_results`);
    await q.query(`DROP TABLE forecast_shards`);
    await q.query(`DROP TABLE forecast_targets`);
    await q.query(`DROP TABLE forecasts`);
  }
}
