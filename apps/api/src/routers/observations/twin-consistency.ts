import {
  chassisAnatomy,
  ConflictError,
  holdsActivity,
  RF,
  rfStateName,
  ValidationError,
  type HostStatus,
  type InstanceStatus,
  type RfStateCode,
} from '@asr-twin/domain';
import { instanceStateText, rpStateText } from '@asr-twin/ios-cli';
import type { ObservedRp, PlatformObservation } from './observed-platform.js';
import type { RedundancyObservation } from './observed-redundancy.js';
import { type TwinOfRouter, withRfState } from './twin-view.js';

/** What a paste observed, for the consistency rules. */
export interface Observations {
  readonly redundancy: RedundancyObservation | null;
  readonly platform: PlatformObservation | null;
}

function contradiction(message: string): never {
  throw new ValidationError(`the device outputs contradict each other: ${message}`, [{ field: 'output', message }]);
}

function withInstances(twin: TwinOfRouter, instances: readonly InstanceStatus[], nowIso: string): TwinOfRouter {
  const stateSince = { ...twin.redundancy.stateSince };
  for (const next of instances) {
    const before = twin.state.instances.find((i) => i.name === next.name);
    if (before && before.rfState !== next.rfState) stateSince[next.name] = nowIso;
  }
  return { ...twin, state: { ...twin.state, instances }, redundancy: { ...twin.redundancy, stateSince } };
}

const isRunning = (i: InstanceStatus): boolean => i.rfState >= RF.INITIALIZATION;

/**
 * `show redundancy` of a dual-RP chassis in Simplex with a redundant mode configured: the peer RP is gone
 * (the library prints Simplex exactly when the peer's host is down). Applied only when `show platform` does
 * not say otherwise and the peer is not running.
 */
function simplexPeerHostDown(twin: TwinOfRouter, obs: Observations): TwinOfRouter {
  const r = obs.redundancy;
  if (!r || r.hardwareMode !== 'Simplex' || r.configuredMode === 'none' || obs.platform) return twin;
  if (chassisAnatomy(twin.model).redundancyType !== 'hardware') return twin;
  const peer = twin.state.instances.find((i) => i.name === r.instances[1]?.name);
  if (!peer || isRunning(peer)) return twin;
  const hosts = twin.state.hosts.map((h): HostStatus => (h.slot === peer.host ? { ...h, state: 'down' } : h));
  return { ...twin, state: { ...twin.state, hosts } };
}

/**
 * An IOS instance runs only on a host that is up. When they disagree: both observed in this paste → the
 * paste contradicts itself; only the host observed (`show platform`) → its instances stop (DISABLED); only
 * the instance observed (`show redundancy`) → its host is up.
 */
function hostsAndInstances(twin: TwinOfRouter, obs: Observations, nowIso: string): TwinOfRouter {
  let { hosts, instances } = twin.state;
  for (const host of twin.state.hosts) {
    const running = instances.filter((i) => i.host === host.slot && isRunning(i));
    if (host.state === 'up' || running.length === 0) continue;
    const [first] = running;
    if (obs.platform && obs.redundancy && first) {
      contradiction(
        `show platform (line ${obs.platform.rps.get(host.slot)?.line}) says ${host.slot} is ${host.state}, show redundancy (line ${obs.redundancy.line}) puts ${first.name} in ${rfStateName(first.rfState)}`,
      );
    }
    if (obs.platform) instances = instances.map((i) => (i.host === host.slot && isRunning(i) ? withRfState(i, RF.DISABLED) : i));
    else hosts = hosts.map((h): HostStatus => (h.slot === host.slot ? { ...h, state: 'up' } : h));
  }
  return withInstances({ ...twin, state: { ...twin.state, hosts } }, instances, nowIso);
}

/**
 * A hypervisor is down with its host. On a host that is up it runs when a guest runs or it was down; a
 * restarting one without running guests keeps restarting.
 */
function hypervisors(twin: TwinOfRouter): TwinOfRouter {
  const hosts = twin.state.hosts.map((h): HostStatus => {
    if (h.state !== 'up') return { ...h, hypervisor: { ...h.hypervisor, state: 'down' } };
    const guestRuns = twin.state.instances.some((i) => i.host === h.slot && i.domainState === 'RUNNING');
    return guestRuns || h.hypervisor.state === 'down' ? { ...h, hypervisor: { ...h.hypervisor, state: 'running' } } : h;
  });
  return { ...twin, state: { ...twin.state, hosts } };
}

type RpRole = 'active' | 'standby' | 'init' | 'none';

function rpRole(stateText: string): RpRole {
  if (stateText.startsWith('init')) return 'init';
  if (stateText.endsWith(', active')) return 'active';
  return stateText.endsWith(', standby') ? 'standby' : 'none';
}

/** RF state that an RP role implies for the one instance on that RP (dual-RP chassis). */
function rfForRole(role: RpRole, twin: TwinOfRouter): RfStateCode {
  if (role === 'active') return RF.ACTIVE;
  if (role === 'init') return RF.INITIALIZATION;
  if (role === 'none') return RF.DISABLED;
  return twin.redundancyMode === 'sso' ? RF.STANDBY_HOT : RF.STANDBY_COLD;
}

function roleMismatch(twin: TwinOfRouter, obs: Observations, slot: string, rp: ObservedRp, hosted: readonly InstanceStatus[]): never {
  const states = hosted.map((i) => `${i.name} ${rfStateName(i.rfState)}`).join(', ');
  if (obs.redundancy) {
    contradiction(`show platform (line ${rp.line}) says ${slot} is "${rp.stateText}", show redundancy (line ${obs.redundancy.line}) puts ${states}`);
  }
  const message = `show platform (line ${rp.line}) says ${slot} is "${rp.stateText}", but the twin has ${states}; on a single-RP chassis send show redundancy with it to say which IOS instance is in which state`;
  throw new ConflictError(`the observation contradicts ${twin.hostname}: ${message}`, [{ field: 'output', message }]);
}

/**
 * An RP running two IOSd prints plain `ok` with the roles on its sub-slot rows (domain §8.14, "likely"); captures
 * that print `ok, active` on such an RP row say the same thing, so both agree with a twin whose RP holds the
 * active instance.
 */
function rolesOnSubSlots(hosted: readonly InstanceStatus[], observed: RpRole, expected: RpRole): boolean {
  return hosted.length > 1 && expected === 'none' && observed === 'active' && hosted.some((i) => holdsActivity(i.rfState));
}

/**
 * The role `show platform` prints for each running RP (`ok, active`, `ok, standby`, `init, standby`, `ok`)
 * must be the one the library would print for the twin (`rpStateText`). When it is not: with redundancy
 * output in the same paste, the paste contradicts itself; on a dual-RP chassis the RP's one instance takes
 * the RF state the role implies (ACTIVE; STANDBY HOT under SSO, else STANDBY COLD; INITIALIZATION; DISABLED);
 * on a single-RP chassis the role cannot say which of its two instances is meant: `ConflictError`.
 */
function rpRoles(twin: TwinOfRouter, obs: Observations, nowIso: string): TwinOfRouter {
  if (!obs.platform) return twin;
  let instances = twin.state.instances;
  for (const host of twin.state.hosts) {
    const rp = obs.platform.rps.get(host.slot);
    if (!rp || host.state !== 'up') continue;
    const observed = rpRole(rp.stateText);
    const expected = rpRole(rpStateText(host, instances));
    if (observed === expected) continue;
    const hosted = instances.filter((i) => i.host === host.slot);
    if (rolesOnSubSlots(hosted, observed, expected)) continue;
    if (obs.redundancy || hosted.length !== 1) roleMismatch(twin, obs, host.slot, rp, hosted);
    instances = instances.map((i) => (i.host === host.slot ? withRfState(i, rfForRole(observed, twin)) : i));
  }
  return withInstances(
    subSlotRoles(twin, obs, instances),
    instances.map((i) => subSlotRf(twin, obs, i)),
    nowIso,
  );
}

/**
 * The RF state an IOSd sub-slot row (`R0/1 … ok, standby`, domain §8.14) gives its instance on a single RP with two
 * IOSd: the instance keeps its state when the row shows the role the library would print for it; otherwise it
 * takes the state the role implies, as the one instance of a dual-RP chassis does. Rows under an RP whose host is
 * not up are left alone: the host's state decides its instances.
 */
function subSlotRf(twin: TwinOfRouter, obs: Observations, instance: InstanceStatus): InstanceStatus {
  const row = obs.platform?.subSlots.get(instance.name);
  const hostUp = twin.state.hosts.some((h) => h.slot === instance.host && h.state === 'up');
  if (!row || !hostUp) return instance;
  const observed = rpRole(row.stateText);
  return observed === rpRole(instanceStateText([instance])) ? instance : withRfState(instance, rfForRole(observed, twin));
}

/** With redundancy output in the same paste, a sub-slot role that disagrees with it is a contradiction. */
function subSlotRoles(twin: TwinOfRouter, obs: Observations, instances: readonly InstanceStatus[]): TwinOfRouter {
  if (!obs.platform || !obs.redundancy) return twin;
  for (const instance of instances) {
    const row = obs.platform.subSlots.get(instance.name);
    if (row && rpRole(row.stateText) !== rpRole(instanceStateText([instance]))) {
      contradiction(
        `show platform (line ${row.line}) says ${instance.name} is "${row.stateText}", show redundancy (line ${obs.redundancy.line}) puts ${instance.name} in ${rfStateName(instance.rfState)}`,
      );
    }
  }
  return twin;
}

/**
 * Makes the twin consistent after the observed facts were applied: hosts vs. the instances they run, RP roles
 * vs. RF states, hypervisors vs. hosts and guests. Facts observed in the paste win over stored ones; two
 * observed facts that disagree are a `ValidationError`.
 */
export function reconcile(twin: TwinOfRouter, obs: Observations, nowIso: string): TwinOfRouter {
  const steps = [
    (t: TwinOfRouter) => simplexPeerHostDown(t, obs),
    (t: TwinOfRouter) => hostsAndInstances(t, obs, nowIso),
    (t: TwinOfRouter) => rpRoles(t, obs, nowIso),
    hypervisors,
  ];
  return steps.reduce((t, step) => step(t), twin);
}
