import { ConflictError } from '@asr-twin/domain';
import type { EntityManager } from 'typeorm';
import { RouterEntity } from '../entities/router.entity.js';
import { toRouterDetail } from '../mappers.js';
import type { FieldChange, ObservationStamp, RouterDetail, TwinStateRecord } from '../read-models.js';
import { ROUTER_TREE } from './typeorm-router.repository.js';

/** One change-log row per changed entity: the changed fields before and after. */
export interface ChangeRows {
  readonly entity: string[];
  readonly key: string[];
  readonly before: string[];
  readonly after: string[];
}

export function changeRows(changes: readonly FieldChange[]): ChangeRows {
  const byEntity = new Map<string, { entity: string; key: string; before: Record<string, unknown>; after: Record<string, unknown> }>();
  for (const c of changes) {
    const id = `${c.entity}\u0000${c.key}`;
    const row = byEntity.get(id) ?? { entity: c.entity, key: c.key, before: {}, after: {} };
    row.before[c.field] = c.before;
    row.after[c.field] = c.after;
    byEntity.set(id, row);
  }
  const rows = [...byEntity.values()];
  return {
    entity: rows.map((r) => r.entity),
    key: rows.map((r) => r.key),
    before: rows.map((r) => JSON.stringify(r.before)),
    after: rows.map((r) => JSON.stringify(r.after)),
  };
}

/**
 * `SET` assignments recording an observation stamp (`at`, `command`: SQL expressions) on routers aliased `r`,
 * unless the stored one is newer: an observation posted late never makes a router look older than it is.
 */
export function stampAssignments(at: string, command: string): string {
  const newer = `(r.observed_at IS NULL OR r.observed_at <= ${at})`;
  return `observed_at = CASE WHEN ${newer} THEN ${at} ELSE r.observed_at END,
          observed_command = CASE WHEN ${newer} THEN ${command} ELSE r.observed_command END`;
}

/** The router row, only if it is still at `expectedVersion`; `false` when it changed or vanished meanwhile. */
async function updateRouterRow(
  m: EntityManager,
  routerId: string,
  expectedVersion: number,
  next: TwinStateRecord,
  observed: ObservationStamp | undefined,
): Promise<boolean> {
  const r = next.redundancy;
  const stamp = observed ? `, ${stampAssignments('$13::timestamptz', '$14::text')}` : '';
  const result: unknown = await m.query(
    `UPDATE routers r
        SET software_version = $3, redundancy_mode = $4, health = $5, switchovers = $6, standby_failures = $7,
            last_switchover_reason = $8, operating_mode = $9, booted_at = $10::timestamptz,
            hardware = $11::jsonb, psus = $12::jsonb,
            state_version = state_version + 1, updated_at = now()${stamp}
      WHERE id = $1 AND state_version = $2
      RETURNING id`,
    [
      routerId,
      expectedVersion,
      next.softwareVersion,
      next.redundancyMode,
      next.health,
      r.switchovers,
      r.standbyFailures,
      r.lastSwitchoverReason,
      r.operatingMode,
      r.bootedAt,
      ...populationColumns(next.state),
      ...(observed ? [observed.at, observed.command] : []),
    ],
  );
  // TypeORM answers an UPDATE with [rows, affected count].
  const [rows] = result as [unknown[], number];
  return rows.length === 1;
}

/** The `hardware` and `psus` columns of a state (JSON text, or NULL for the model's default population). */
export function populationColumns(state: TwinStateRecord['state']): [string | null, string | null] {
  return [state.hardware === undefined ? null : JSON.stringify(state.hardware), state.psus === undefined ? null : JSON.stringify(state.psus)];
}

/**
 * ESP rows follow the population (domain §8.10): a slot the state no longer lists is removed (an observed
 * ASR1006 without F1), a slot it lists that has no row is added; `routerIds[k]` owns `slots[k]`.
 */
export async function syncEspRows(
  m: EntityManager,
  routerIds: readonly string[],
  esps: readonly { readonly routerId: string; readonly slot: string; readonly state: string; readonly role: string; readonly forwarding: boolean }[],
): Promise<void> {
  await m.query(
    `DELETE FROM esps e WHERE e.router_id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::text[]) AS u(router_id, slot) WHERE u.router_id = e.router_id AND u.slot = e.slot)`,
    [routerIds, esps.map((e) => e.routerId), esps.map((e) => e.slot)],
  );
  await m.query(
    `INSERT INTO esps (router_id, slot, state, role, forwarding)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::boolean[])
     ON CONFLICT DO NOTHING`,
    [esps.map((e) => e.routerId), esps.map((e) => e.slot), esps.map((e) => e.state), esps.map((e) => e.role), esps.map((e) => e.forwarding)],
  );
}

async function updateAnatomy(m: EntityManager, routerId: string, next: TwinStateRecord): Promise<void> {
  const { hosts, instances, esps } = next.state;
  await syncEspRows(
    m,
    [routerId],
    esps.map((e) => ({ routerId, ...e })),
  );
  await m.query(
    `UPDATE linux_hosts h SET state = u.state
       FROM unnest($2::text[], $3::text[]) AS u(slot, state) WHERE h.router_id = $1 AND h.slot = u.slot`,
    [routerId, hosts.map((h) => h.slot), hosts.map((h) => h.state)],
  );
  await m.query(
    `UPDATE kvm_hypervisors k SET state = u.state
       FROM unnest($2::text[], $3::text[]) AS u(slot, state) WHERE k.router_id = $1 AND k.host_slot = u.slot`,
    [routerId, hosts.map((h) => h.slot), hosts.map((h) => h.hypervisor.state)],
  );
  await m.query(
    `UPDATE ios_instances i
        SET rf_state = u.rf, domain_state = u.domain, software_version = u.version, state_since = u.since
       FROM unnest($2::text[], $3::smallint[], $4::text[], $5::text[], $6::timestamptz[]) AS u(name, rf, domain, version, since)
      WHERE i.router_id = $1 AND i.name = u.name`,
    [
      routerId,
      instances.map((i) => i.name),
      instances.map((i) => i.rfState),
      instances.map((i) => i.domainState),
      instances.map((i) => i.softwareVersion),
      instances.map((i) => next.redundancy.stateSince[i.name] ?? null),
    ],
  );
  await m.query(
    `UPDATE esps e SET state = u.state, role = u.role, forwarding = u.forwarding
       FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[]) AS u(slot, state, role, forwarding)
      WHERE e.router_id = $1 AND e.slot = u.slot`,
    [routerId, esps.map((e) => e.slot), esps.map((e) => e.state), esps.map((e) => e.role), esps.map((e) => e.forwarding)],
  );
}

/**
 * Writes `next` over a router's stored twin state inside the caller's transaction, with one statement per table
 * whatever the number of changes, and one `updated` change-log row per changed entity (written in bulk).
 * Throws `ConflictError` when the router is no longer at `expectedVersion`: another writer changed it since
 * `next` was computed, so `next` may rest on stale facts. Returns the router as stored afterwards.
 */
export async function writeTwinState(
  m: EntityManager,
  write: {
    readonly routerId: string;
    readonly expectedStateVersion: number;
    readonly next: TwinStateRecord;
    readonly changes: readonly FieldChange[];
    readonly observed?: ObservationStamp;
  },
  actor: string,
): Promise<RouterDetail> {
  const { routerId, next } = write;
  if (!(await updateRouterRow(m, routerId, write.expectedStateVersion, next, write.observed))) {
    throw new ConflictError('the router changed (or was deleted) while this change was prepared; send the request again', [
      { field: 'router', message: 'concurrent change' },
    ]);
  }
  await updateAnatomy(m, routerId, next);
  const rows = changeRows(write.changes);
  await m.query(
    `INSERT INTO change_log (fleet_id, router_id, hostname, entity, entity_key, action, actor, before, after)
     SELECT r.fleet_id, r.id, r.hostname, u.entity, u.key, 'updated', $2, u.before, u.after
       FROM routers r, unnest($3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) AS u(entity, key, before, after)
      WHERE r.id = $1`,
    [routerId, actor, rows.entity, rows.key, rows.before, rows.after],
  );
  return toRouterDetail(await m.findOneOrFail(RouterEntity, { where: { id: routerId }, relations: ROUTER_TREE }));
}
