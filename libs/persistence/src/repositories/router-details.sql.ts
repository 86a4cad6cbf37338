import type { EntityManager } from 'typeorm';
import type { EspEntity } from '../entities/esp.entity.js';
import type { IosInstanceEntity } from '../entities/ios-instance.entity.js';
import type { LinuxHostEntity } from '../entities/linux-host.entity.js';
import type { RouterEntity } from '../entities/router.entity.js';
import { toRouterDetail } from '../mappers.js';
import { isUuid } from './pg-errors.js';
import type { RouterDetail } from '../read-models.js';

/**
 * Routers with their whole tree in one statement: each router row carries its hosts (with the hypervisor),
 * IOS instances and ESPs as JSON arrays, so a page of routers costs one round trip and no row multiplication
 * (a join of the four tables would return hosts × instances × ESPs rows per router).
 */
const DETAILS_SELECT = `
  SELECT r.*,
         coalesce((SELECT json_agg(json_build_object(
                    'slot', h.slot, 'state', h.state, 'kernelVersion', h.kernel_version, 'cpuCores', h.cpu_cores,
                    'memoryMb', h.memory_mb, 'hvState', k.state, 'hvVersion', k.version))
                     FROM linux_hosts h
                     LEFT JOIN kvm_hypervisors k ON k.router_id = h.router_id AND k.host_slot = h.slot
                    WHERE h.router_id = r.id), '[]') AS tree_hosts,
         coalesce((SELECT json_agg(json_build_object(
                    'name', i.name, 'hostSlot', i.host_slot, 'unit', i.unit, 'rfState', i.rf_state,
                    'domainState', i.domain_state, 'softwareVersion', i.software_version,
                    'configVersion', i.config_version, 'stateSince', i.state_since))
                     FROM ios_instances i WHERE i.router_id = r.id), '[]') AS tree_instances,
         coalesce((SELECT json_agg(json_build_object('slot', e.slot, 'state', e.state, 'role', e.role, 'forwarding', e.forwarding))
                     FROM esps e WHERE e.router_id = r.id), '[]') AS tree_esps
    FROM routers r`;

interface HostJson {
  slot: LinuxHostEntity['slot'];
  state: LinuxHostEntity['state'];
  kernelVersion: string;
  cpuCores: number;
  memoryMb: number;
  hvState: NonNullable<LinuxHostEntity['hypervisor']>['state'] | null;
  hvVersion: string | null;
}

type InstanceJson = Omit<IosInstanceEntity, 'routerId' | 'router' | 'stateSince'> & { stateSince: string };
type EspJson = Omit<EspEntity, 'routerId' | 'router'>;

interface DetailRow {
  id: string;
  fleet_id: string;
  hostname: string;
  model: RouterEntity['model'];
  serial: string;
  software_version: string;
  redundancy_mode: RouterEntity['redundancyMode'];
  health: RouterEntity['health'];
  labels: Record<string, string>;
  state_version: number;
  switchovers: number;
  standby_failures: number;
  last_switchover_reason: string;
  operating_mode: RouterEntity['operatingMode'];
  hardware: RouterEntity['hardware'];
  psus: RouterEntity['psus'];
  booted_at: Date;
  observed_at: Date | null;
  observed_command: string | null;
  created_at: Date;
  updated_at: Date;
  tree_hosts: HostJson[];
  tree_instances: InstanceJson[];
  tree_esps: EspJson[];
}

/** The row as the entity graph {@link toRouterDetail} maps, so both read paths share one mapping. */
function toEntity(r: DetailRow): RouterEntity {
  return {
    id: r.id,
    fleetId: r.fleet_id,
    hostname: r.hostname,
    model: r.model,
    serial: r.serial,
    softwareVersion: r.software_version,
    redundancyMode: r.redundancy_mode,
    health: r.health,
    labels: r.labels,
    stateVersion: r.state_version,
    switchovers: r.switchovers,
    standbyFailures: r.standby_failures,
    lastSwitchoverReason: r.last_switchover_reason,
    operatingMode: r.operating_mode,
    hardware: r.hardware,
    psus: r.psus,
    bootedAt: r.booted_at,
    observedAt: r.observed_at,
    observedCommand: r.observed_command,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    hosts: r.tree_hosts.map((h) => ({
      routerId: r.id,
      slot: h.slot,
      state: h.state,
      kernelVersion: h.kernelVersion,
      cpuCores: h.cpuCores,
      memoryMb: h.memoryMb,
      ...(h.hvState === null || h.hvVersion === null ? {} : { hypervisor: { routerId: r.id, hostSlot: h.slot, state: h.hvState, version: h.hvVersion } }),
    })),
    instances: r.tree_instances.map((i) => ({ ...i, routerId: r.id, stateSince: new Date(i.stateSince) })),
    esps: r.tree_esps.map((e) => ({ ...e, routerId: r.id })),
  };
}

/** The routers with these ids and their whole trees, in one statement; unknown ids are left out. */
export async function findRouterDetails(m: EntityManager, ids: readonly string[]): Promise<RouterDetail[]> {
  if (ids.length === 0) return [];
  const rows: DetailRow[] = await m.query(`${DETAILS_SELECT} WHERE r.id = ANY($1::uuid[])`, [ids]);
  return rows.map((row) => toRouterDetail(toEntity(row)));
}

/** The routers with these hostnames and their whole trees, in one statement; unknown hostnames are left out. */
export async function findRouterDetailsByHostnames(m: EntityManager, hostnames: readonly string[]): Promise<RouterDetail[]> {
  if (hostnames.length === 0) return [];
  const rows: DetailRow[] = await m.query(`${DETAILS_SELECT} WHERE r.hostname = ANY($1::text[])`, [hostnames]);
  return rows.map((row) => toRouterDetail(toEntity(row)));
}

/**
 * Routers and their whole trees by id or by hostname (each key is an id when it is a UUID), in one statement:
 * the result has one entry per key, `null` for a key that names no router.
 */
export async function findRouterDetailsByKey(m: EntityManager, keys: readonly string[]): Promise<(RouterDetail | null)[]> {
  const ids = keys.filter(isUuid);
  const hostnames = keys.filter((k) => !isUuid(k));
  const rows: DetailRow[] = await m.query(`${DETAILS_SELECT} WHERE r.id = ANY($1::uuid[]) OR r.hostname = ANY($2::text[])`, [ids, hostnames]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byHostname = new Map(rows.map((r) => [r.hostname, r]));
  return keys.map((k) => {
    const row = isUuid(k) ? byId.get(k) : byHostname.get(k);
    return row ? toRouterDetail(toEntity(row)) : null;
  });
}

/**
 * The routers with these hostnames and their whole trees, locked (`FOR UPDATE`) until the caller's transaction
 * ends, in one statement; unknown hostnames are left out. Rows are locked in id order, so two imports of
 * overlapping sets cannot deadlock.
 */
export async function lockRouterDetailsByHostname(m: EntityManager, hostnames: readonly string[]): Promise<RouterDetail[]> {
  if (hostnames.length === 0) return [];
  const rows: DetailRow[] = await m.query(`${DETAILS_SELECT} WHERE r.hostname = ANY($1::text[]) ORDER BY r.id FOR UPDATE OF r`, [hostnames]);
  return rows.map((row) => toRouterDetail(toEntity(row)));
}
