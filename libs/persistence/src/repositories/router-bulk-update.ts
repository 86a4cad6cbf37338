import type { EntityManager } from 'typeorm';
import type { ImportUpdatedRouter, RouterImportUpdate } from './router-import.repository.js';

interface UpdatedRow {
  id: string;
  hostname: string;
  fleet_id: string;
  previous_fleet_id: string;
  health: ImportUpdatedRouter['health'];
  state_version: number;
  reset: boolean;
}

/**
 * Writes the management fields (fleet, serial, labels) of many routers, resets the twin state of those whose
 * release or redundancy mode changed, and logs one `updated` change per router: three statements whatever the
 * number of routers. Runs inside the caller's transaction, on rows the caller has locked.
 */
export async function bulkUpdateRouters(m: EntityManager, updates: readonly RouterImportUpdate[], actor: string): Promise<ImportUpdatedRouter[]> {
  if (updates.length === 0) return [];
  const result: unknown = await m.query(
    `WITH u AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::text[])
         AS u(id, fleet_id, serial, labels, version, mode, health)
     ), prev AS (
       SELECT r.id, r.fleet_id FROM routers r JOIN u ON u.id = r.id
     )
     UPDATE routers r
        SET fleet_id = u.fleet_id, serial = u.serial, labels = u.labels,
            software_version = coalesce(u.version, r.software_version),
            redundancy_mode = coalesce(u.mode, r.redundancy_mode),
            health = coalesce(u.health, r.health),
            operating_mode = CASE WHEN u.mode IS NULL THEN r.operating_mode END,
            booted_at = CASE WHEN u.mode IS NULL THEN r.booted_at ELSE now() END,
            state_version = r.state_version + CASE WHEN u.mode IS NULL THEN 0 ELSE 1 END,
            updated_at = now()
       FROM u JOIN prev ON prev.id = u.id
      WHERE r.id = u.id
      RETURNING r.id, r.hostname, r.fleet_id, prev.fleet_id AS previous_fleet_id, r.health, r.state_version, u.mode IS NOT NULL AS reset`,
    [
      updates.map((u) => u.id),
      updates.map((u) => u.fleetId),
      updates.map((u) => u.serial),
      updates.map((u) => JSON.stringify(u.labels)),
      updates.map((u) => u.reset?.softwareVersion ?? null),
      updates.map((u) => u.reset?.redundancyMode ?? null),
      updates.map((u) => u.reset?.health ?? null),
    ],
  );
  // TypeORM answers an UPDATE with [rows, affected count].
  const [rows] = result as [UpdatedRow[], number];
  const instances = updates.flatMap((u) => (u.reset ? u.reset.instances.map((i) => ({ routerId: u.id, ...i })) : []));
  if (instances.length > 0) {
    await m.query(
      `UPDATE ios_instances i
          SET rf_state = u.rf, domain_state = u.domain, software_version = u.version, state_since = now()
         FROM unnest($1::uuid[], $2::text[], $3::smallint[], $4::text[], $5::text[]) AS u(router_id, name, rf, domain, version)
        WHERE i.router_id = u.router_id AND i.name = u.name`,
      [
        instances.map((i) => i.routerId),
        instances.map((i) => i.name),
        instances.map((i) => i.rfState),
        instances.map((i) => i.domainState),
        instances.map((i) => i.softwareVersion),
      ],
    );
  }
  await m.query(
    `INSERT INTO change_log (fleet_id, router_id, hostname, entity, entity_key, action, actor, before, after)
     SELECT r.fleet_id, r.id, r.hostname, 'router', r.hostname, 'updated', $1, u.before, u.after
       FROM unnest($2::uuid[], $3::jsonb[], $4::jsonb[]) AS u(id, before, after) JOIN routers r ON r.id = u.id`,
    [actor, updates.map((u) => u.id), updates.map((u) => JSON.stringify(u.before)), updates.map((u) => JSON.stringify(u.after))],
  );
  return rows.map((r) => ({
    id: r.id,
    hostname: r.hostname,
    fleetId: r.fleet_id,
    previousFleetId: r.previous_fleet_id,
    health: r.health,
    stateVersion: r.state_version,
    reset: r.reset,
  }));
}
