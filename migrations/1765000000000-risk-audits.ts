import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk audits (DESIGN.md "Risk audit"): every single fault on every selected router, as one queued campaign
 * with the recovery guarantees of runs. `audits` holds the request, progress and the finished summary;
 * `audit_targets` the routers with their stored state frozen when the audit is planned (the compact JSON of
 * `FROZEN_START_SQL`), numbered by `ordinal` so shards are stable ranges; `audit_shards` the claim of each
 * written shard (what makes a shard written twice write its rows once). `audit_results` is one row per router,
 * not per cell: `cells` holds three integers per audited cell in the order of `audits.cells` (control-plane
 * outage, data-plane outage, time to redundancy in ms; -1 for a redundancy never restored; a cell the chassis
 * lacks is -1,-1,-2 and a cell that could not be simulated -1,-1,-3), `exposed` a bit per cell, `causes` the
 * exposure causes in words. A 10,000-router audit of 15 cells is about 4 MB of results (measured, indexes included).
 */
export class RiskAudits1765000000000 implements MigrationInterface {
  readonly name = 'RiskAudits1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audits (
        id           uuid PRIMARY KEY,
        selector     jsonb NOT NULL,
        faults       text[] NOT NULL,
        cells        text[] NOT NULL CHECK (cardinality(cells) BETWEEN 1 AND 31),
        thresholds   jsonb NOT NULL,
        horizon_ms   integer NOT NULL CHECK (horizon_ms > 60000),
        seed         bigint NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
        status       text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
        error        text,
        shard_size   integer NOT NULL CHECK (shard_size > 0),
        router_count integer,
        shard_count  integer,
        routers_done integer NOT NULL DEFAULT 0,
        exposed_routers integer NOT NULL DEFAULT 0,
        summary      jsonb,
        created_by   text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        started_at   timestamptz,
        finished_at  timestamptz
      )`);
    await q.query(`CREATE INDEX audits_status_created_idx ON audits (status, created_at)`);
    await q.query(`CREATE INDEX audits_created_idx ON audits (created_at DESC, id)`);
    await q.query(`
      CREATE TABLE audit_targets (
        audit_id         uuid NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
        ordinal          integer NOT NULL,
        router_id        uuid,
        hostname         text NOT NULL,
        model            text NOT NULL,
        redundancy_mode  text NOT NULL,
        software_version text NOT NULL,
        start            jsonb NOT NULL,
        PRIMARY KEY (audit_id, ordinal)
      )`);
    await q.query(`
      CREATE TABLE audit_shards (
        audit_id    uuid NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
        shard       integer NOT NULL,
        routers     integer NOT NULL,
        events      bigint NOT NULL,
        duration_ms integer NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (audit_id, shard)
      )`);
    await q.query(`
      CREATE TABLE audit_results (
        audit_id uuid NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
        ordinal  integer NOT NULL,
        hostname text NOT NULL,
        model    text NOT NULL,
        exposed  integer NOT NULL,
        causes   text[] NOT NULL,
        cells    integer[] NOT NULL,
        PRIMARY KEY (audit_id, ordinal)
      )`);
    await q.query(`CREATE INDEX audit_results_exposed_idx ON audit_results (audit_id, ordinal) WHERE exposed <> 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_results`);
    await q.query(`DROP TABLE audit_shards`);
    await q.query(`DROP TABLE audit_targets`);
    await q.query(`DROP TABLE audits`);
  }
}
