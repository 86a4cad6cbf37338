import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A router's starting state as a run freezes it (the compact JSON of `FROZEN_START_SQL` in
 * libs/persistence/src/runs/twin-start.sql.ts, as that expression reads at this migration), over `routers r`.
 */
const START_OF_R = `jsonb_build_array(
    r.operating_mode,
    (SELECT jsonb_agg(jsonb_build_array(i.name, i.rf_state, i.domain_state, i.software_version) ORDER BY i.name)
       FROM ios_instances i WHERE i.router_id = r.id),
    (SELECT jsonb_agg(jsonb_build_array(h.slot, h.state) ORDER BY h.slot) FROM linux_hosts h WHERE h.router_id = r.id),
    (SELECT jsonb_agg(jsonb_build_array(e.slot, e.state, e.forwarding) ORDER BY e.slot) FROM esps e WHERE e.router_id = r.id),
    jsonb_build_array(r.switchovers, r.standby_failures, r.last_switchover_reason),
    r.psus)`;

/** The router's own columns in the start; an update of any other leaves it as it is. */
const ROUTER_COLUMNS = 'operating_mode, switchovers, standby_failures, last_switchover_reason, psus';

/**
 * Transaction-local setting by which a writer that inserts new routers together with their parts (the bulk insert of
 * generated, imported and observed routers) says it writes their `frozen_start` itself, in the routers' insert: the
 * parts' triggers then leave those statements alone. Recomputing three times per new router (once per part table)
 * made generating 10,000 routers take 2.6 s instead of 0.9 s.
 */
const WRITER_SETTING = 'asr_twin.frozen_start_written';

/** The tables of a router's parts, each `router_id` to its router. */
const PARTS = ['ios_instances', 'linux_hosts', 'esps'] as const;

/**
 * `routers.frozen_start`: each router's starting state as a run from the twin freezes it, kept by triggers in the
 * same statements that change it, so that freezing a campaign's targets copies a column instead of aggregating every
 * router's instances, hosts and ESPs (1.8–2.0 s for 100,000 routers on 2 cores, in the run's plan step, before any
 * shard can start; copying the column: about 0.4 s).
 *
 * - A statement that inserts, updates or deletes instances, hosts or ESPs recomputes the start of every router it
 *   touched, once per statement (transition tables), after its rows are written.
 * - An insert into `routers`, or an update of the router's own columns in the start, rebuilds it before the row is
 *   written: from the parts on insert (a new router has none yet), from the stored parts on update. An insert that
 *   brings its own value keeps it.
 * - A transaction that sets `asr_twin.frozen_start_written` to `on` writes the column itself: the parts' triggers do
 *   nothing while it is on (the bulk insert of new routers, which computes each start from the rows it inserts).
 *
 * Writers of one router's state already serialise on its row (`state_version`), so a recomputation always reads the
 * parts the last committed writer left. Existing routers are filled in.
 */
export class FrozenStartColumn1765900000000 implements MigrationInterface {
  readonly name = 'FrozenStartColumn1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE routers ADD COLUMN frozen_start jsonb`);
    await q.query(`
      CREATE FUNCTION routers_frozen_start_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NEW.frozen_start IS NOT NULL THEN
          RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' THEN
          IF OLD.frozen_start IS NOT NULL THEN
            NEW.frozen_start := jsonb_build_array(NEW.operating_mode, OLD.frozen_start -> 1, OLD.frozen_start -> 2, OLD.frozen_start -> 3,
              jsonb_build_array(NEW.switchovers, NEW.standby_failures, NEW.last_switchover_reason), NEW.psus);
            RETURN NEW;
          END IF;
        END IF;
        SELECT ${START_OF_R} INTO NEW.frozen_start FROM (SELECT NEW.*) r;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER routers_frozen_start BEFORE INSERT OR UPDATE OF ${ROUTER_COLUMNS} ON routers
        FOR EACH ROW EXECUTE FUNCTION routers_frozen_start_row()`);
    // One function per transition-table shape: inserts and deletes see one table, updates both.
    await q.query(`
      CREATE FUNCTION router_parts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('${WRITER_SETTING}', true) = 'on' THEN
          RETURN NULL;
        END IF;
        UPDATE routers r SET frozen_start = ${START_OF_R} WHERE r.id IN (SELECT router_id FROM changed_parts);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION router_parts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('${WRITER_SETTING}', true) = 'on' THEN
          RETURN NULL;
        END IF;
        UPDATE routers r SET frozen_start = ${START_OF_R}
         WHERE r.id IN (SELECT router_id FROM parts_before UNION SELECT router_id FROM parts_after);
        RETURN NULL;
      END $$`);
    for (const table of PARTS) {
      await q.query(`CREATE TRIGGER ${table}_inserted_start AFTER INSERT ON ${table}
                       REFERENCING NEW TABLE AS changed_parts FOR EACH STATEMENT EXECUTE FUNCTION router_parts_changed()`);
      await q.query(`CREATE TRIGGER ${table}_deleted_start AFTER DELETE ON ${table}
                       REFERENCING OLD TABLE AS changed_parts FOR EACH STATEMENT EXECUTE FUNCTION router_parts_changed()`);
      await q.query(`CREATE TRIGGER ${table}_updated_start AFTER UPDATE ON ${table}
                       REFERENCING OLD TABLE AS parts_before NEW TABLE AS parts_after FOR EACH STATEMENT EXECUTE FUNCTION router_parts_updated()`);
    }
    await q.query(`UPDATE routers r SET frozen_start = ${START_OF_R}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of PARTS) {
      for (const what of ['inserted', 'deleted', 'updated']) await q.query(`DROP TRIGGER ${table}_${what}_start ON ${table}`);
    }
    await q.query(`DROP TRIGGER routers_frozen_start ON routers`);
    await q.query(`DROP FUNCTION router_parts_updated(), router_parts_changed(), routers_frozen_start_row()`);
    await q.query(`ALTER TABLE routers DROP COLUMN frozen_start`);
  }
}
