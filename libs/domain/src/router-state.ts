import { chassisAnatomy, type ChassisModel, type EspSlot, type InstanceName, type RpSlot } from './chassis.js';
import { InvariantViolationError } from './errors.js';
import { healthyPsus, installedEsps, installedRps, resolveHardware, type HardwareSpec, type PsuStatus, type RouterHardware } from './hardware.js';
import type { DomainState, EspState, HostState, HypervisorState } from './libvirt.js';
import { holdsActivity, RF, rfStateName, type RfStateCode } from './rf-state.js';

/**
 * Configured redundancy mode (`redundancy` / `mode` in IOS-XE). RPR+ does not exist on the ASR 1000
 * (domain reference §2.1). `none` is simplex ("Non-redundant").
 */
export const REDUNDANCY_MODES = ['sso', 'rpr', 'none'] as const;
export type RedundancyMode = (typeof REDUNDANCY_MODES)[number];

export function isRedundancyMode(value: unknown): value is RedundancyMode {
  return typeof value === 'string' && (REDUNDANCY_MODES as readonly string[]).includes(value);
}

/** Every model in the catalogue can run SSO (DESIGN.md: "default sso where the chassis can"). */
export function defaultRedundancyMode(_model: ChassisModel): RedundancyMode {
  return 'sso';
}

export interface HostStatus {
  readonly slot: RpSlot;
  readonly state: HostState;
  readonly kernelVersion: string;
  readonly cpuCores: number;
  readonly memoryMb: number;
  readonly hypervisor: HypervisorStatus;
}

export interface HypervisorStatus {
  readonly state: HypervisorState;
  /** libvirt/QEMU version string of the hypervisor. */
  readonly version: string;
}

export interface InstanceStatus {
  readonly name: InstanceName;
  readonly host: RpSlot;
  readonly unit: 'primary' | 'secondary';
  readonly rfState: RfStateCode;
  readonly domainState: DomainState;
  readonly softwareVersion: string;
  /** Monotonic configuration revision applied on this instance; a standby behind the active is out of sync. */
  readonly configVersion: number;
}

export interface EspStatus {
  readonly slot: EspSlot;
  readonly state: EspState;
  readonly role: 'active' | 'standby';
  /** Packet-ready and carrying transit traffic. Only the active ESP forwards. */
  readonly forwarding: boolean;
}

/** The redundancy-relevant state of one router: what decides whether it survives a fault. */
export interface RouterTwinState {
  readonly model: ChassisModel;
  readonly redundancyMode: RedundancyMode;
  readonly hosts: readonly HostStatus[];
  readonly instances: readonly InstanceStatus[];
  /** The installed ESPs (one on a dual-ESP chassis that holds a single ESP, domain §8.10). */
  readonly esps: readonly EspStatus[];
  /** Power-supply bays (domain §8.9); absent: P0 and P1 `ok`. */
  readonly psus?: readonly PsuStatus[];
  /** RP/ESP generation and population (domain §8.10, §8.11); absent: `defaultHardware` of the model and release. */
  readonly hardware?: RouterHardware;
}

/**
 * Defaults for a router's Linux hosts. Illustrative values: the reference has no source for the kernel
 * version or RP memory of each release, so these are plausible figures that observations may overwrite.
 */
export const DEFAULT_HOST = {
  kernelVersion: '4.19.106',
  cpuCores: 4,
  memoryMb: 16384,
  hypervisorVersion: 'libvirt 6.0.0 / QEMU 4.2.0',
} as const;

export interface InitialStateInput {
  readonly model: ChassisModel;
  readonly redundancyMode: RedundancyMode;
  readonly softwareVersion: string;
  /** Population; absent: the model's default (`defaultHardware`). */
  readonly hardware?: HardwareSpec;
}

/**
 * The state of a freshly booted, healthy router: every host up, the first instance ACTIVE and the peer
 * STANDBY HOT under SSO, STANDBY COLD under RPR (the RPR standby boots IOS and waits, §2.1), and, in
 * simplex, defined but not started (SHUTOFF, DISABLED — the captured simplex output reports the peer
 * "in 'DISABLED' state"). The first ESP forwards; a second one is a ready standby.
 */
export function initialRouterState(input: InitialStateInput): RouterTwinState {
  const anatomy = chassisAnatomy(input.model);
  const hardware = input.hardware === undefined ? undefined : resolveHardware(input.model, input.softwareVersion, input.hardware);
  // An RP slot without an RP (§8.10): its host is down for good and its IOS instance never runs (simplex).
  const rps = installedRps(input.model, hardware?.rps);
  const absent = (slot: RpSlot): boolean => !rps.includes(slot);
  const peerRf: RfStateCode = input.redundancyMode === 'sso' ? RF.STANDBY_HOT : input.redundancyMode === 'rpr' ? RF.STANDBY_COLD : RF.DISABLED;
  return {
    model: input.model,
    redundancyMode: input.redundancyMode,
    hosts: anatomy.rpSlots.map((slot) => ({
      slot,
      state: absent(slot) ? 'down' : 'up',
      kernelVersion: DEFAULT_HOST.kernelVersion,
      cpuCores: DEFAULT_HOST.cpuCores,
      memoryMb: DEFAULT_HOST.memoryMb,
      hypervisor: { state: absent(slot) ? 'down' : 'running', version: DEFAULT_HOST.hypervisorVersion },
    })),
    instances: anatomy.instances.map((placement, index) => ({
      name: placement.name,
      host: placement.host,
      unit: placement.unit,
      rfState: index === 0 ? RF.ACTIVE : absent(placement.host) ? RF.DISABLED : peerRf,
      domainState: index === 0 || (input.redundancyMode !== 'none' && !absent(placement.host)) ? 'RUNNING' : 'SHUTOFF',
      softwareVersion: input.softwareVersion,
      configVersion: 1,
    })),
    esps: (hardware === undefined ? anatomy.espSlots : installedEsps(input.model, hardware.esps)).map((slot, index) => ({
      slot,
      state: 'ok',
      role: index === 0 ? 'active' : 'standby',
      forwarding: index === 0,
    })),
    ...(hardware === undefined ? {} : { psus: healthyPsus(hardware.psus), hardware }),
  };
}

/**
 * Redundancy health of a router, as the operator dashboard groups it:
 * - `protected`: an ACTIVE instance, a peer in STANDBY HOT under SSO, and a forwarding ESP;
 * - `degraded`: running, but the peer is below STANDBY HOT, the mode is RPR or simplex;
 * - `down`: no instance holds activity, or no ESP forwards.
 */
export const ROUTER_HEALTH = ['protected', 'degraded', 'down'] as const;
export type RouterHealth = (typeof ROUTER_HEALTH)[number];

export function routerHealth(state: RouterTwinState): RouterHealth {
  const active = state.instances.find((i) => i.rfState === RF.ACTIVE);
  if (!active || !state.esps.some((e) => e.forwarding)) return 'down';
  const peerHot = state.instances.some((i) => i !== active && i.rfState === RF.STANDBY_HOT);
  return state.redundancyMode === 'sso' && peerHot ? 'protected' : 'degraded';
}

/** Instances that hold activity (any ACTIVE-family RF state). */
export function activeInstances(state: Pick<RouterTwinState, 'instances'>): readonly InstanceStatus[] {
  return state.instances.filter((i) => holdsActivity(i.rfState));
}

/** Throws if more than one IOS instance holds activity: the twin's central invariant. */
export function assertSingleActive(state: Pick<RouterTwinState, 'instances'>): void {
  const active = activeInstances(state);
  if (active.length > 1) {
    const names = active.map((i) => `${i.name} (${rfStateName(i.rfState)})`).join(', ');
    throw new InvariantViolationError(`at most one IOS instance may be active; found ${names}`);
  }
}
