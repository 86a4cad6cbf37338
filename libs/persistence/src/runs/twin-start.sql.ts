import {
  startFromTwin,
  type DomainState,
  type EspState,
  type HostState,
  type InstanceName,
  type RedundancyMode,
  type RfStateCode,
  type RouterStart,
  type RouterTwinState,
  type ChassisModel,
  type EspSlot,
  type PsuStatus,
  type RpSlot,
} from '@asr-twin/domain';

/**
 * SQL expression (over `routers r`) of a stored router's starting state as compact JSON: what `RouterStart` needs, in
 * arrays rather than objects, so a 100,000-router snapshot stays small. Read back with {@link startOfFrozen}.
 * Instances come in name order (`R0/0`, `R0/1` / `R1/0`: anatomy order), as do hosts and ESPs.
 *
 * The definition of `routers.frozen_start` ({@link FROZEN_START}), which triggers keep equal to it (migration
 * 1765900000000-frozen-start-column, which spells this expression out): a change here needs a migration that
 * redefines those triggers and recomputes the column, and `test/integration/frozen-start-column.spec.ts` fails until
 * it is written.
 */
export const FROZEN_START_SQL = `jsonb_build_array(
    r.operating_mode,
    (SELECT jsonb_agg(jsonb_build_array(i.name, i.rf_state, i.domain_state, i.software_version) ORDER BY i.name)
       FROM ios_instances i WHERE i.router_id = r.id),
    (SELECT jsonb_agg(jsonb_build_array(h.slot, h.state) ORDER BY h.slot) FROM linux_hosts h WHERE h.router_id = r.id),
    (SELECT jsonb_agg(jsonb_build_array(e.slot, e.state, e.forwarding) ORDER BY e.slot) FROM esps e WHERE e.router_id = r.id),
    jsonb_build_array(r.switchovers, r.standby_failures, r.last_switchover_reason),
    r.psus)`;

/**
 * What a run or an audit freezes of a router `r` that starts from the twin: the stored column that triggers keep
 * equal to {@link FROZEN_START_SQL} in every statement that changes the router or its parts. Measured on a
 * generated 100,000-router fleet (2 cores; the target chunks of the whole fleet built with `CREATE TABLE AS`, three
 * times each, in a scratch script): 0.37–0.42 s with the column, where aggregating the instances, hosts and ESPs of
 * every router took 1.8–2.0 s (grouped in one pass) and 3.1 s (router by router) — in the run's plan step, before any
 * shard can start.
 */
export const FROZEN_START = 'r.frozen_start';

/** The compact JSON of {@link FROZEN_START_SQL}. */
export type FrozenStart = [
  operatingMode: RedundancyMode | null,
  instances: [InstanceName, RfStateCode, DomainState, string][] | null,
  hosts: [RpSlot, HostState][] | null,
  esps: [EspSlot, EspState, boolean][] | null,
  counters: [number, number, string],
  /** Supply bays (domain §8.9); absent in starts frozen before supplies were stored, NULL: every bay ok. */
  psus?: PsuStatus[] | null,
];

/** The starting state of a router frozen by {@link FROZEN_START_SQL}. */
export function startOfFrozen(model: ChassisModel, redundancyMode: RedundancyMode, frozen: FrozenStart): RouterStart {
  const [operatingMode, instances, hosts, esps, [switchovers, standbyFailures, lastSwitchoverReason], psus] = frozen;
  const state: RouterTwinState = {
    model,
    redundancyMode,
    hosts: (hosts ?? []).map(([slot, hostState]) => ({
      slot,
      state: hostState,
      kernelVersion: '',
      cpuCores: 1,
      memoryMb: 1,
      hypervisor: { state: 'running', version: '' },
    })),
    instances: (instances ?? []).map(([name, rfState, domainState, softwareVersion], k) => ({
      name,
      host: name.slice(0, 2) as RpSlot,
      unit: k === 0 ? 'primary' : 'secondary',
      rfState,
      domainState,
      softwareVersion,
      configVersion: 1,
    })),
    esps: (esps ?? []).map(([slot, espState, forwarding]) => ({ slot, state: espState, role: forwarding ? 'active' : 'standby', forwarding })),
    ...(psus === null || psus === undefined ? {} : { psus }),
  };
  return startFromTwin(state, operatingMode, { switchovers, standbyFailures, lastSwitchoverReason });
}
