import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fleets, routers and their anatomy (Linux hosts, KVM hypervisors, IOS instances, ESPs) and the append-only
 * change log. Check constraints mirror the domain's value sets so that no writer can store a state the model
 * does not know.
 */
export class InitialSchema1764190000000 implements MigrationInterface {
  readonly name = 'InitialSchema1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fleets (
        id          uuid PRIMARY KEY,
        name        text NOT NULL,
        description text NOT NULL DEFAULT '',
        labels      jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fleets_name_key UNIQUE (name)
      )`);
    await q.query(`
      CREATE TABLE routers (
        id               uuid PRIMARY KEY,
        fleet_id         uuid NOT NULL REFERENCES fleets (id) ON DELETE CASCADE,
        hostname         text NOT NULL,
        model            text NOT NULL CHECK (model IN ('ASR1001', 'ASR1001-X', 'ASR1002', 'ASR1002-X',
                           'ASR1004', 'ASR1006', 'ASR1006-X', 'ASR1009-X', 'ASR1013')),
        serial           text NOT NULL,
        software_version text NOT NULL,
        redundancy_mode  text NOT NULL CHECK (redundancy_mode IN ('sso', 'rpr', 'none')),
        health           text NOT NULL CHECK (health IN ('protected', 'degraded', 'down')),
        labels           jsonb NOT NULL DEFAULT '{}'::jsonb,
        state_version    integer NOT NULL DEFAULT 1,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT routers_hostname_key UNIQUE (hostname)
      )`);
    await q.query(`CREATE INDEX routers_fleet_hostname_idx ON routers (fleet_id, hostname)`);
    await q.query(`CREATE INDEX routers_model_hostname_idx ON routers (model, hostname)`);
    await q.query(`CREATE INDEX routers_health_hostname_idx ON routers (health, hostname)`);
    await q.query(`CREATE INDEX routers_labels_idx ON routers USING gin (labels jsonb_path_ops)`);
    await q.query(`
      CREATE TABLE linux_hosts (
        router_id      uuid NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
        slot           text NOT NULL CHECK (slot IN ('R0', 'R1')),
        state          text NOT NULL CHECK (state IN ('up', 'panicked', 'rebooting', 'down')),
        kernel_version text NOT NULL,
        cpu_cores      smallint NOT NULL CHECK (cpu_cores > 0),
        memory_mb      integer NOT NULL CHECK (memory_mb > 0),
        PRIMARY KEY (router_id, slot)
      )`);
    await q.query(`
      CREATE TABLE kvm_hypervisors (
        router_id uuid NOT NULL,
        host_slot text NOT NULL,
        state     text NOT NULL CHECK (state IN ('running', 'restarting', 'down')),
        version   text NOT NULL,
        PRIMARY KEY (router_id, host_slot),
        FOREIGN KEY (router_id, host_slot) REFERENCES linux_hosts (router_id, slot) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE ios_instances (
        router_id        uuid NOT NULL,
        name             text NOT NULL CHECK (name IN ('R0/0', 'R0/1', 'R1/0')),
        host_slot        text NOT NULL,
        unit             text NOT NULL CHECK (unit IN ('primary', 'secondary')),
        rf_state         smallint NOT NULL CHECK (rf_state BETWEEN 0 AND 15),
        domain_state     text NOT NULL CHECK (domain_state IN ('NOSTATE', 'RUNNING', 'BLOCKED', 'PAUSED',
                           'SHUTDOWN', 'SHUTOFF', 'CRASHED', 'PMSUSPENDED')),
        software_version text NOT NULL,
        config_version   integer NOT NULL,
        PRIMARY KEY (router_id, name),
        FOREIGN KEY (router_id, host_slot) REFERENCES kvm_hypervisors (router_id, host_slot) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE esps (
        router_id  uuid NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
        slot       text NOT NULL CHECK (slot IN ('F0', 'F1')),
        state      text NOT NULL CHECK (state IN ('ok', 'init', 'failed', 'unknown')),
        role       text NOT NULL CHECK (role IN ('active', 'standby')),
        forwarding boolean NOT NULL,
        PRIMARY KEY (router_id, slot)
      )`);
    await q.query(`
      CREATE TABLE change_log (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        fleet_id   uuid,
        router_id  uuid,
        hostname   text,
        entity     text NOT NULL CHECK (entity IN ('fleet', 'router', 'host', 'hypervisor', 'instance', 'esp')),
        entity_key text NOT NULL,
        action     text NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
        actor      text NOT NULL,
        at         timestamptz NOT NULL DEFAULT now(),
        before     jsonb,
        after      jsonb
      )`);
    await q.query(`CREATE INDEX change_log_router_idx ON change_log (router_id, id)`);
    await q.query(`CREATE INDEX change_log_fleet_idx ON change_log (fleet_id, id)`);
    // The log outlives what it describes (no foreign keys) and is never rewritten.
    await q.query(`
      CREATE FUNCTION change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'change_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER change_log_no_rewrite BEFORE UPDATE OR DELETE ON change_log
      FOR EACH ROW EXECUTE FUNCTION change_log_append_only()`);
    await q.query(`
      CREATE TRIGGER change_log_no_truncate BEFORE TRUNCATE ON change_log
      FOR EACH STATEMENT EXECUTE FUNCTION change_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE change_log`);
    await q.query(`DROP FUNCTION change_log_append_only()`);
    await q.query(`DROP TABLE esps`);
    await q.query(`DROP TABLE ios_instances`);
    await q.query(`DROP TABLE kvm_hypervisors`);
    await q.query(`DROP TABLE linux_hosts`);
    await q.query(`DROP TABLE routers`);
    await q.query(`DROP TABLE fleets`);
  }
}
