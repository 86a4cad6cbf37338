import { chassisAnatomy, hardwareOf, healthyPsus, holdsActivity, type InstanceStatus, isStandbyCold, RF, rfStateName } from '@asr-twin/domain';
import type { RouterDetail } from '@asr-twin/persistence';
import { manualSwitchoverRefusal } from '@asr-twin/simulator';
import type { View } from '../common/openapi-schema.js';
import type { ROUTER_TREE } from './router.views.js';

/**
 * Whether `redundancy force-switchover` would be accepted now (`Manual Swact = enabled`), else IOS's reason
 * (domain §8.3): the simulator's own check, so the answer is what the action route would do.
 */
function manualSwitchoverOf(r: RouterDetail): { readonly enabled: boolean; readonly reason: string | null } {
  const reason = manualSwitchoverRefusal({ hostname: r.hostname, state: r.state, operatingMode: r.redundancy.operatingMode, counters: r.redundancy });
  return { enabled: reason === null, reason };
}
import type { FreshnessPolicy } from './freshness.policy.js';

/** Role an IOS instance plays now, read from its RF state. */
export type InstanceRole = 'active' | 'standby' | 'down';

function roleOf(i: InstanceStatus): InstanceRole {
  if (holdsActivity(i.rfState)) return 'active';
  return i.rfState === RF.STANDBY_HOT || isStandbyCold(i.rfState) ? 'standby' : 'down';
}

function presentInstance(i: InstanceStatus, stateSince: string | null): RouterTree['routeProcessors'][number]['host']['hypervisor']['guests'][number] {
  return {
    name: i.name,
    role: roleOf(i),
    unit: i.unit,
    rfState: { code: i.rfState, name: rfStateName(i.rfState) },
    /** When the instance entered its RF state (origin of `Uptime in current state`). */
    stateSince,
    domainState: i.domainState,
    softwareVersion: i.softwareVersion,
    configVersion: i.configVersion,
  };
}

/**
 * The whole tree of a router as `GET /routers/:id` returns it: chassis → route processors (each with its
 * Linux host, the KVM hypervisor on it and the IOS guests it runs) and the ESPs; with its last observation
 * and its freshness judged by `freshness` now.
 */
export function presentRouterTree(r: RouterDetail, freshness: FreshnessPolicy): RouterTree {
  const anatomy = chassisAnatomy(r.model);
  const { state } = r;
  const hardware = hardwareOf(state);
  return {
    id: r.id,
    fleetId: r.fleetId,
    hostname: r.hostname,
    model: r.model,
    serial: r.serial,
    softwareVersion: r.softwareVersion,
    redundancyMode: r.redundancyMode,
    health: r.health,
    labels: r.labels,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    stateVersion: r.stateVersion,
    observedAt: r.observedAt,
    observedCommand: r.observedCommand,
    freshness: freshness.of(r.observedAt),
    /** `show redundancy` facts beyond the RF states; `operatingMode` null: as configured (non-redundant in simplex). */
    redundancy: {
      operatingMode: r.redundancy.operatingMode,
      switchovers: r.redundancy.switchovers,
      standbyFailures: r.redundancy.standbyFailures,
      lastSwitchoverReason: r.redundancy.lastSwitchoverReason,
      bootedAt: r.redundancy.bootedAt,
      manualSwitchover: manualSwitchoverOf(r),
    },
    chassis: {
      model: anatomy.model,
      rackUnits: anatomy.rackUnits,
      redundancyType: anatomy.redundancyType,
      rpSlots: anatomy.rpSlots,
      espSlots: anatomy.espSlots,
      sipSlots: anatomy.sipSlots,
      integrated: anatomy.integrated,
      notes: anatomy.notes,
    },
    routeProcessors: state.hosts.map((h) => ({
      slot: h.slot,
      pid: hardware.rp,
      host: {
        state: h.state,
        kernelVersion: h.kernelVersion,
        cpuCores: h.cpuCores,
        memoryMb: h.memoryMb,
        hypervisor: {
          kind: 'kvm' as const,
          state: h.hypervisor.state,
          version: h.hypervisor.version,
          guests: state.instances.filter((i) => i.host === h.slot).map((i) => presentInstance(i, r.redundancy.stateSince[i.name] ?? null)),
        },
      },
    })),
    esps: state.esps.map((e) => ({ slot: e.slot, pid: hardware.esp, state: e.state, role: e.role, forwarding: e.forwarding })),
    /**
     * RP/ESP generation and population (domain §8.10, §8.11): `declared` false when the router takes its model's
     * default for its release (an ASR1004 on 17.x: RP2/ESP20).
     */
    hardware: {
      rp: hardware.rp,
      esp: hardware.esp,
      rps: hardware.rps ?? state.hosts.length,
      esps: state.esps.length,
      psus: hardware.psus,
      declared: state.hardware !== undefined,
    },
    /** Power-supply bays (domain §8.9): `ok`, `failed` (`ps, fail`) or `empty`. */
    powerSupplies: (state.psus ?? healthyPsus(hardware.psus)).map((p) => ({ slot: p.slot, state: p.state })),
  };
}

/** The router tree, as its schema (`ROUTER_TREE`, the one the OpenAPI document names `RouterTree`) defines it. */
export type RouterTree = View<typeof ROUTER_TREE>;
