import { randomUUID } from 'node:crypto';
import { initialRouterState, routerHealth } from '@asr-twin/domain';
import type { EntityManager } from 'typeorm';
import type { NewRouter } from '../read-models.js';
import type { FrozenStart } from '../runs/twin-start.sql.js';

/** Column arrays for one `INSERT … SELECT FROM unnest(…)` per table. */
interface Columns {
  routers: {
    id: string[];
    hostname: string[];
    model: string[];
    serial: string[];
    version: string[];
    mode: string[];
    health: string[];
    labels: string[];
    hardware: (string | null)[];
    psus: (string | null)[];
    frozenStart: string[];
  };
  hosts: { routerId: string[]; slot: string[]; state: string[]; kernel: string[]; cpu: number[]; memory: number[]; hvState: string[]; hvVersion: string[] };
  instances: { routerId: string[]; name: string[]; host: string[]; unit: string[]; rf: number[]; domain: string[]; version: string[]; config: number[] };
  esps: { routerId: string[]; slot: string[]; state: string[]; role: string[]; forwarding: boolean[] };
}

function emptyColumns(): Columns {
  return {
    routers: { id: [], hostname: [], model: [], serial: [], version: [], mode: [], health: [], labels: [], hardware: [], psus: [], frozenStart: [] },
    hosts: { routerId: [], slot: [], state: [], kernel: [], cpu: [], memory: [], hvState: [], hvVersion: [] },
    instances: { routerId: [], name: [], host: [], unit: [], rf: [], domain: [], version: [], config: [] },
    esps: { routerId: [], slot: [], state: [], role: [], forwarding: [] },
  };
}

/** `[]` as SQL's `jsonb_agg` over no rows gives it: NULL. */
const aggregated = <T>(rows: T[]): T[] | null => (rows.length === 0 ? null : rows);
const bySlot = <T extends { readonly slot: string }>(a: T, b: T) => (a.slot < b.slot ? -1 : 1);

/**
 * The `frozen_start` of a new router in the state it is inserted with: `FROZEN_START_SQL` (runs/twin-start.sql.ts)
 * over the rows this insert writes — no operating mode observed yet, parts in name and slot order, counters at zero.
 * `test/integration/frozen-start-column.spec.ts` compares it with the expression over the stored rows.
 */
function frozenStartOf(state: ReturnType<typeof initialRouterState>): FrozenStart {
  return [
    null,
    aggregated([...state.instances].sort((a, b) => (a.name < b.name ? -1 : 1)).map((i) => [i.name, i.rfState, i.domainState, i.softwareVersion])),
    aggregated([...state.hosts].sort(bySlot).map((h) => [h.slot, h.state])),
    aggregated([...state.esps].sort(bySlot).map((e) => [e.slot, e.state, e.forwarding])),
    [0, 0, 'none'],
    state.psus ? [...state.psus] : null,
  ];
}

function addRouter(c: Columns, id: string, r: NewRouter): void {
  const state = initialRouterState({
    model: r.model,
    redundancyMode: r.redundancyMode,
    softwareVersion: r.softwareVersion,
    ...(r.hardware === undefined ? {} : { hardware: r.hardware }),
  });
  const R = c.routers;
  R.id.push(id);
  R.hostname.push(r.hostname);
  R.model.push(r.model);
  R.serial.push(r.serial);
  R.version.push(r.softwareVersion);
  R.mode.push(r.redundancyMode);
  R.health.push(routerHealth(state));
  R.labels.push(JSON.stringify(r.labels));
  R.hardware.push(state.hardware === undefined ? null : JSON.stringify(state.hardware));
  R.psus.push(state.psus === undefined ? null : JSON.stringify(state.psus));
  R.frozenStart.push(JSON.stringify(frozenStartOf(state)));
  for (const h of state.hosts) {
    const H = c.hosts;
    H.routerId.push(id);
    H.slot.push(h.slot);
    H.state.push(h.state);
    H.kernel.push(h.kernelVersion);
    H.cpu.push(h.cpuCores);
    H.memory.push(h.memoryMb);
    H.hvState.push(h.hypervisor.state);
    H.hvVersion.push(h.hypervisor.version);
  }
  for (const i of state.instances) {
    const I = c.instances;
    I.routerId.push(id);
    I.name.push(i.name);
    I.host.push(i.host);
    I.unit.push(i.unit);
    I.rf.push(i.rfState);
    I.domain.push(i.domainState);
    I.version.push(i.softwareVersion);
    I.config.push(i.configVersion);
  }
  for (const e of state.esps) {
    const E = c.esps;
    E.routerId.push(id);
    E.slot.push(e.slot);
    E.state.push(e.state);
    E.role.push(e.role);
    E.forwarding.push(e.forwarding);
  }
}

/**
 * Writes routers, hosts, hypervisors, instances, ESPs and one change-log row per router with six statements,
 * whatever the number of routers (no query per row). Runs inside the caller's transaction. Every router starts
 * freshly booted (`booted_at`, each instance's `state_since`: the transaction's time) with no switchover.
 */
export async function bulkInsertRouters(m: EntityManager, fleetId: string, routers: readonly NewRouter[], actor: string): Promise<string[]> {
  const c = emptyColumns();
  const ids = routers.map((r) => {
    const id = randomUUID();
    addRouter(c, id, r);
    return id;
  });
  const { routers: R, hosts: H, instances: I, esps: E } = c;
  // Each router's frozen start is written with it: the parts' triggers leave these inserts alone (see the migration
  // 1765900000000-frozen-start-column), until the setting is put back below.
  await m.query(`SELECT set_config('asr_twin.frozen_start_written', 'on', true)`);
  await m.query(
    `INSERT INTO routers (id, fleet_id, hostname, model, serial, software_version, redundancy_mode, health, labels,
                          switchovers, standby_failures, last_switchover_reason, booted_at, hardware, psus, frozen_start)
     SELECT u.id, $1, u.hostname, u.model, u.serial, u.version, u.mode, u.health, u.labels, 0, 0, 'none', now(), u.hardware, u.psus, u.frozen_start
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::jsonb[], $11::jsonb[], $12::jsonb[])
         AS u(id, hostname, model, serial, version, mode, health, labels, hardware, psus, frozen_start)`,
    [fleetId, R.id, R.hostname, R.model, R.serial, R.version, R.mode, R.health, R.labels, R.hardware, R.psus, R.frozenStart],
  );
  await m.query(
    `INSERT INTO linux_hosts (router_id, slot, state, kernel_version, cpu_cores, memory_mb)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::integer[])`,
    [H.routerId, H.slot, H.state, H.kernel, H.cpu, H.memory],
  );
  await m.query(
    `INSERT INTO kvm_hypervisors (router_id, host_slot, state, version)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
    [H.routerId, H.slot, H.hvState, H.hvVersion],
  );
  await m.query(
    `INSERT INTO ios_instances (router_id, name, host_slot, unit, rf_state, domain_state, software_version, config_version,
                                state_since)
     SELECT u.*, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[], $8::integer[]) AS u`,
    [I.routerId, I.name, I.host, I.unit, I.rf, I.domain, I.version, I.config],
  );
  await m.query(
    `INSERT INTO esps (router_id, slot, state, role, forwarding)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::boolean[])`,
    [E.routerId, E.slot, E.state, E.role, E.forwarding],
  );
  await m.query(`SELECT set_config('asr_twin.frozen_start_written', 'off', true)`);
  await m.query(
    `INSERT INTO change_log (fleet_id, router_id, hostname, entity, entity_key, action, actor, after)
     SELECT $1, u.id, u.hostname, 'router', u.hostname, 'created', $2,
            jsonb_build_object('hostname', u.hostname, 'model', u.model, 'redundancyMode', u.mode,
                               'softwareVersion', u.version, 'health', u.health)
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS u(id, hostname, model, mode, version, health)`,
    [fleetId, actor, R.id, R.hostname, R.model, R.mode, R.version, R.health],
  );
  return ids;
}
