import type { EntityManager } from 'typeorm';
import type { ObservedRouterOutcome, ObservedRouterWrite } from '../read-models.js';
import { updateReturning } from '../runs/update-returning.js';
import { changeRows, populationColumns, stampAssignments, syncEspRows } from './twin-state-write.js';

/** Column arrays of the routers whose state changes, for one `UPDATE … FROM unnest(…)` per table. */
function stateColumns(writes: readonly ObservedRouterWrite[]) {
  const routers = writes.map((w) => ({ w, r: w.next.redundancy }));
  const hosts = writes.flatMap((w) => w.next.state.hosts.map((h) => ({ id: w.routerId, h })));
  const instances = writes.flatMap((w) => w.next.state.instances.map((i) => ({ id: w.routerId, i, since: w.next.redundancy.stateSince[i.name] ?? null })));
  const esps = writes.flatMap((w) => w.next.state.esps.map((e) => ({ id: w.routerId, e })));
  return { routers, hosts, instances, esps };
}

/** The routers still at their expected version get their new state; the ids written. */
async function updateRouterRows(m: EntityManager, writes: readonly ObservedRouterWrite[]): Promise<Set<string>> {
  const { routers } = stateColumns(writes);
  const rows = await updateReturning<{ id: string }>(
    m,
    `UPDATE routers r
        SET software_version = u.version, redundancy_mode = u.mode, health = u.health, switchovers = u.switchovers,
            standby_failures = u.failures, last_switchover_reason = u.reason, operating_mode = u.operating,
            booted_at = u.booted, hardware = u.hardware, psus = u.psus, state_version = r.state_version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::integer[], $8::text[],
                   $9::text[], $10::timestamptz[], $11::jsonb[], $12::jsonb[])
         AS u(id, expected, version, mode, health, switchovers, failures, reason, operating, booted, hardware, psus)
      WHERE r.id = u.id AND r.state_version = u.expected
      RETURNING r.id`,
    [
      routers.map(({ w }) => w.routerId),
      routers.map(({ w }) => w.expectedStateVersion),
      routers.map(({ w }) => w.next.softwareVersion),
      routers.map(({ w }) => w.next.redundancyMode),
      routers.map(({ w }) => w.next.health),
      routers.map(({ r }) => r.switchovers),
      routers.map(({ r }) => r.standbyFailures),
      routers.map(({ r }) => r.lastSwitchoverReason),
      routers.map(({ r }) => r.operatingMode),
      routers.map(({ r }) => r.bootedAt),
      routers.map(({ w }) => populationColumns(w.next.state)[0]),
      routers.map(({ w }) => populationColumns(w.next.state)[1]),
    ],
  );
  return new Set(rows.map((r) => r.id));
}

/** Hosts, hypervisors, IOS instances and ESPs of the written routers: one statement per table. */
async function updateAnatomies(m: EntityManager, writes: readonly ObservedRouterWrite[]): Promise<void> {
  const { hosts, instances, esps } = stateColumns(writes);
  // ESP rows are added or removed only for routers whose population changed (an observed F1 gone, §8.10).
  const repopulated = writes.filter((w) => w.changes.some((c) => c.entity === 'router' && c.field === 'espSlots'));
  if (repopulated.length > 0) {
    await syncEspRows(
      m,
      repopulated.map((w) => w.routerId),
      repopulated.flatMap((w) => w.next.state.esps.map((e) => ({ routerId: w.routerId, ...e }))),
    );
  }
  await m.query(
    `UPDATE linux_hosts h SET state = u.state
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(router_id, slot, state)
      WHERE h.router_id = u.router_id AND h.slot = u.slot AND h.state IS DISTINCT FROM u.state`,
    [hosts.map((x) => x.id), hosts.map((x) => x.h.slot), hosts.map((x) => x.h.state)],
  );
  await m.query(
    `UPDATE kvm_hypervisors k SET state = u.state
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(router_id, slot, state)
      WHERE k.router_id = u.router_id AND k.host_slot = u.slot AND k.state IS DISTINCT FROM u.state`,
    [hosts.map((x) => x.id), hosts.map((x) => x.h.slot), hosts.map((x) => x.h.hypervisor.state)],
  );
  await m.query(
    `UPDATE ios_instances i
        SET rf_state = u.rf, domain_state = u.domain, software_version = u.version, state_since = u.since
       FROM unnest($1::uuid[], $2::text[], $3::smallint[], $4::text[], $5::text[], $6::timestamptz[])
         AS u(router_id, name, rf, domain, version, since)
      WHERE i.router_id = u.router_id AND i.name = u.name
        AND (i.rf_state, i.domain_state, i.software_version, i.state_since) IS DISTINCT FROM (u.rf, u.domain, u.version, u.since)`,
    [
      instances.map((x) => x.id),
      instances.map((x) => x.i.name),
      instances.map((x) => x.i.rfState),
      instances.map((x) => x.i.domainState),
      instances.map((x) => x.i.softwareVersion),
      instances.map((x) => x.since),
    ],
  );
  await m.query(
    `UPDATE esps e SET state = u.state, role = u.role, forwarding = u.forwarding
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::boolean[]) AS u(router_id, slot, state, role, forwarding)
      WHERE e.router_id = u.router_id AND e.slot = u.slot
        AND (e.state, e.role, e.forwarding) IS DISTINCT FROM (u.state, u.role, u.forwarding)`,
    [esps.map((x) => x.id), esps.map((x) => x.e.slot), esps.map((x) => x.e.state), esps.map((x) => x.e.role), esps.map((x) => x.e.forwarding)],
  );
}

/** One `updated` change-log row per changed entity of every written router, in one statement. */
async function insertChangeRows(m: EntityManager, writes: readonly ObservedRouterWrite[], actor: string): Promise<void> {
  const ids: string[] = [];
  const all = { entity: [] as string[], key: [] as string[], before: [] as string[], after: [] as string[] };
  for (const w of writes) {
    const rows = changeRows(w.changes);
    ids.push(...rows.entity.map(() => w.routerId));
    all.entity.push(...rows.entity);
    all.key.push(...rows.key);
    all.before.push(...rows.before);
    all.after.push(...rows.after);
  }
  await m.query(
    `INSERT INTO change_log (fleet_id, router_id, hostname, entity, entity_key, action, actor, before, after)
     SELECT r.fleet_id, r.id, r.hostname, u.entity, u.key, 'updated', $1, u.before, u.after
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) AS u(router_id, entity, key, before, after)
       JOIN routers r ON r.id = u.router_id`,
    [actor, ids, all.entity, all.key, all.before, all.after],
  );
}

/** Records the observation stamps of routers still at the given versions; the ids stamped. */
async function stampRouters(m: EntityManager, stamps: readonly { w: ObservedRouterWrite; version: number }[]): Promise<Set<string>> {
  const rows = await updateReturning<{ id: string }>(
    m,
    `UPDATE routers r SET ${stampAssignments('u.at', 'u.command')}
       FROM unnest($1::uuid[], $2::integer[], $3::timestamptz[], $4::text[]) AS u(id, version, at, command)
      WHERE r.id = u.id AND r.state_version = u.version
      RETURNING r.id`,
    [stamps.map((s) => s.w.routerId), stamps.map((s) => s.version), stamps.map((s) => s.w.observed.at), stamps.map((s) => s.w.observed.command)],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Writes many routers' observations inside the caller's transaction with a fixed number of statements whatever
 * their count (seven, and two more when an ESP population changed): the new states of the routers with changes
 * (router rows guarded by their expected `stateVersion` and bumped by one, ESP rows added or removed to follow
 * the population, then only the anatomy rows that differ), their change-log rows, and every
 * router's observation stamp (guarded by the version it is then expected at). A router that another writer
 * changed meanwhile is left untouched and reported `written: false`; the others are written.
 */
export async function writeObservedRouters(m: EntityManager, writes: readonly ObservedRouterWrite[], actor: string): Promise<ObservedRouterOutcome[]> {
  const changed = writes.filter((w) => w.changes.length > 0);
  const updated = changed.length > 0 ? await updateRouterRows(m, changed) : new Set<string>();
  const written = changed.filter((w) => updated.has(w.routerId));
  if (written.length > 0) {
    await updateAnatomies(m, written);
    await insertChangeRows(m, written, actor);
  }
  const versionOf = (w: ObservedRouterWrite) => (w.changes.length > 0 ? w.expectedStateVersion + 1 : w.expectedStateVersion);
  const stampable = writes.filter((w) => w.changes.length === 0 || updated.has(w.routerId));
  const stamped =
    stampable.length > 0
      ? await stampRouters(
          m,
          stampable.map((w) => ({ w, version: versionOf(w) })),
        )
      : new Set<string>();
  return writes.map((w) =>
    stamped.has(w.routerId) ? { routerId: w.routerId, written: true, stateVersion: versionOf(w) } : { routerId: w.routerId, written: false },
  );
}
