import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored scenarios and scenario runs: a run snapshots its scenario and, when the worker plans it, its target
 * routers (`run_targets`, numbered by `ordinal` so shards are stable ranges). Results are keyed by run,
 * iteration and ordinal so that a shard written twice writes each row once; a result is kept as `json`
 * (not `jsonb`) so its key order, and so the report built from it, is exactly the simulator's. The timeline (of the first
 * iteration) is partitioned by run, one partition per run created when the run is planned, so old runs drop
 * cheaply. `status` is where the run is (`completed` whatever its verdict; `failed` when it could not run).
 */
export class ScenariosAndRuns1764500000000 implements MigrationInterface {
  readonly name = 'ScenariosAndRuns1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scenarios (
        id          uuid PRIMARY KEY,
        name        text NOT NULL,
        description text NOT NULL DEFAULT '',
        source      text NOT NULL,
        parsed      jsonb NOT NULL,
        revision    integer NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT scenarios_name_key UNIQUE (name)
      )`);
    await q.query(`
      CREATE TABLE runs (
        id               uuid PRIMARY KEY,
        scenario_id      uuid REFERENCES scenarios (id) ON DELETE SET NULL,
        scenario_name    text NOT NULL,
        scenario_source  text NOT NULL,
        scenario         jsonb NOT NULL,
        target           jsonb NOT NULL,
        seed             bigint NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
        iterations       integer NOT NULL CHECK (iterations BETWEEN 1 AND 10000),
        status           text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
        verdict          text CHECK (verdict IN ('pass', 'fail', 'error')),
        error            text,
        shard_size       integer NOT NULL CHECK (shard_size > 0),
        router_count     integer,
        shard_count      integer,
        routers_done     integer NOT NULL DEFAULT 0,
        aggregate        jsonb,
        idempotency_key  text,
        request_hash     text,
        created_by       text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        started_at       timestamptz,
        finished_at      timestamptz,
        CONSTRAINT runs_idempotency_key_key UNIQUE (idempotency_key)
      )`);
    await q.query(`CREATE INDEX runs_status_created_idx ON runs (status, created_at)`);
    await q.query(`CREATE INDEX runs_created_idx ON runs (created_at DESC, id)`);
    await q.query(`
      CREATE TABLE run_targets (
        run_id          uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        ordinal         integer NOT NULL,
        router_id       uuid,
        hostname        text NOT NULL,
        model           text NOT NULL,
        redundancy_mode text NOT NULL,
        software_version text NOT NULL,
        PRIMARY KEY (run_id, ordinal)
      )`);
    await q.query(`
      CREATE TABLE run_shards (
        run_id      uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        shard       integer NOT NULL,
        routers     integer NOT NULL,
        events      bigint NOT NULL,
        duration_ms integer NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, shard)
      )`);
    await q.query(`
      CREATE TABLE run_results (
        run_id                  uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        iteration               integer NOT NULL,
        ordinal                 integer NOT NULL,
        hostname                text NOT NULL,
        model                   text NOT NULL,
        verdict                 text NOT NULL CHECK (verdict IN ('pass', 'fail', 'error')),
        control_plane_outage_ms bigint NOT NULL,
        data_plane_outage_ms    bigint NOT NULL,
        redundancy_restored_ms  bigint,
        switchovers             integer NOT NULL,
        dual_active_ms          bigint NOT NULL,
        result                  json NOT NULL,
        expectations            json NOT NULL,
        PRIMARY KEY (run_id, iteration, ordinal)
      )`);
    await q.query(`CREATE INDEX run_results_verdict_idx ON run_results (run_id, verdict)`);
    await q.query(`
      CREATE TABLE run_timeline (
        run_id    uuid NOT NULL,
        iteration integer NOT NULL,
        ordinal   integer NOT NULL,
        seq       integer NOT NULL,
        t_ms      bigint NOT NULL,
        hostname  text NOT NULL,
        component text NOT NULL,
        event     text NOT NULL,
        from_state text,
        to_state   text,
        -- Unique by (run, iteration, ordinal, seq); t_ms is in the key so that it also serves report order.
        PRIMARY KEY (run_id, iteration, t_ms, ordinal, seq)
      ) PARTITION BY LIST (run_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE run_timeline`);
    await q.query(`DROP TABLE run_results`);
    await q.query(`DROP TABLE run_shards`);
    await q.query(`DROP TABLE run_targets`);
    await q.query(`DROP TABLE runs`);
    await q.query(`DROP TABLE scenarios`);
  }
}
