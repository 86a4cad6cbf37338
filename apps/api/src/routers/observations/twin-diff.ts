import type { InstanceStatus } from '@asr-twin/domain';
import type { FieldChange, TwinEntity, TwinStateRecord } from '@asr-twin/persistence';

function compare<T extends object>(entity: TwinEntity, key: string, before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields.flatMap((field) => (before[field] === after[field] ? [] : [{ entity, key, field, before: before[field], after: after[field] }]));
}

/** Items of `after` with their counterpart in `before` (an observation never changes the anatomy). */
function pairs<T>(before: readonly T[], after: readonly T[], keyOf: (item: T) => string): (readonly [string, T, T])[] {
  return after.flatMap((a) => {
    const b = before.find((x) => keyOf(x) === keyOf(a));
    return b ? [[keyOf(a), b, a] as const] : [];
  });
}

function routerFields(r: TwinStateRecord) {
  const { operatingMode, switchovers, standbyFailures, lastSwitchoverReason, bootedAt } = r.redundancy;
  // The population (domain §8.9–§8.11) as compact text: ESP slots installed, declared hardware, supply bays.
  const espSlots = r.state.esps.map((e) => e.slot).join(',');
  const hardware = r.state.hardware === undefined ? null : JSON.stringify(r.state.hardware);
  const psus = r.state.psus === undefined ? null : r.state.psus.map((p) => `${p.slot} ${p.state}`).join(', ');
  return {
    softwareVersion: r.softwareVersion,
    redundancyMode: r.redundancyMode,
    health: r.health,
    operatingMode,
    switchovers,
    standbyFailures,
    lastSwitchoverReason,
    bootedAt,
    espSlots,
    hardware,
    psus,
  };
}

function instanceFields(r: TwinStateRecord, i: InstanceStatus) {
  return { rfState: i.rfState, domainState: i.domainState, softwareVersion: i.softwareVersion, stateSince: r.redundancy.stateSince[i.name] };
}

/**
 * Every stored field an observation changed: router first, then hosts, hypervisors, IOS instances and ESPs.
 * The router's key is its hostname, the others' their slot or instance name, as in the change log.
 */
export function twinChanges(hostname: string, before: TwinStateRecord, after: TwinStateRecord): FieldChange[] {
  const hosts = pairs(before.state.hosts, after.state.hosts, (h) => h.slot);
  return [
    ...compare('router', hostname, routerFields(before), routerFields(after), [
      'softwareVersion',
      'redundancyMode',
      'health',
      'operatingMode',
      'switchovers',
      'standbyFailures',
      'lastSwitchoverReason',
      'bootedAt',
      'espSlots',
      'hardware',
      'psus',
    ]),
    ...hosts.flatMap(([k, b, a]) => compare('host', k, b, a, ['state'])),
    ...hosts.flatMap(([k, b, a]) => compare('hypervisor', k, b.hypervisor, a.hypervisor, ['state'])),
    ...pairs(before.state.instances, after.state.instances, (i) => i.name).flatMap(([k, b, a]) =>
      compare('instance', k, instanceFields(before, b), instanceFields(after, a), ['rfState', 'domainState', 'softwareVersion', 'stateSince']),
    ),
    ...pairs(before.state.esps, after.state.esps, (e) => e.slot).flatMap(([k, b, a]) => compare('esp', k, b, a, ['state', 'role', 'forwarding'])),
  ];
}
