import {
  chassisAnatomy,
  DEFAULT_HOST,
  DOMAIN_STATES,
  ESP_STATES,
  HOST_STATES,
  PSU_SLOTS,
  PSU_STATES,
  RF_STATES,
  type DomainState,
  type EspSlot,
  type HypervisorState,
  type InstanceName,
  type IssuMethod,
  type PsuSlot,
  type PsuState,
  type RedundancyMode,
  type RfStateCode,
  type RfStateName,
  type RouterTwinState,
  type RpSlot,
  type Scenario,
  type ScenarioRouter,
} from '@asr-twin/domain';
import { operatingMode } from './engine-core.js';
import { SWITCHOVER_REASONS, type SwitchoverReason } from '@asr-twin/domain';
import { ISSU, ISSU_METHOD, type SimState } from './sim-state.js';
import { advance, createSimulation, type SimulateOptions } from './simulation.js';
import type { InstanceRole } from './report-types.js';

/** Per-instance detail beyond `RouterTwinState` (what `show redundancy` prints besides the RF state). */
export interface InstanceSnapshot {
  readonly name: InstanceName;
  readonly role: InstanceRole;
  readonly rfState: RfStateCode;
  readonly rfStateName: RfStateName;
  readonly domainState: DomainState;
  /** Simulated time (ms) it entered its current RF state; 0 for a state held since before the run. */
  readonly enteredStateAtMs: number;
  /** `Uptime in current state`, ms of simulated time. */
  readonly timeInStateMs: number;
  /** Last (re)start of the unit, ms; 0 for a unit running since before the run. */
  readonly startedAtMs: number;
  /** Hung: still shows its RF state but does no work. */
  readonly hung: boolean;
  readonly softwareVersion: string;
  /** Image it boots next (differs during ISSU or after an image-mismatch fault). */
  readonly bootVersion: string;
  readonly configSyncFailure: boolean;
}

/**
 * ISSU as `show issu state detail` / CISCO-RF-MIB `RFIssuStateRev1` report it (domain §4.2). The MIB states are the
 * classic command set's; an install-mode ISSU maps onto them: `install add` done is `init`, activation (or a
 * reload upgrade) `loadVersion`, activated and waiting for `install commit` `runVersion`.
 */
export interface IssuSnapshot {
  readonly state: 'init' | 'loadVersion' | 'runVersion' | 'commitVersion' | 'systemReset';
  /** Command set (domain §8.7). */
  readonly method: IssuMethod;
  /** A whole image on a single RP: activation and rollback reload the chassis (§8.6). */
  readonly reloadUpgrade: boolean;
  readonly lastOperation: string | null;
  readonly fromVersion: string;
  readonly toVersion: string;
  /** Rollback timer remaining, ms, or null when not running (accepted, or finished). */
  readonly rollbackRemainingMs: number | null;
}

/** Everything the twin knows about a router at one instant of a run; ios-cli renders `show` output from it. */
export interface RouterSnapshot {
  readonly tMs: number;
  readonly hostname: string;
  readonly state: RouterTwinState;
  readonly operatingMode: RedundancyMode;
  /** Peer IPC (`Communications = Up/Down`). */
  readonly communications: 'up' | 'down';
  readonly counters: {
    readonly switchovers: number;
    readonly standbyFailures: number;
    readonly lastSwitchoverReason: SwitchoverReason;
    readonly lastSwitchoverAtMs: number | null;
  };
  readonly instances: readonly InstanceSnapshot[];
  /** Null when no ISSU ran in this run. */
  readonly issu: IssuSnapshot | null;
  /** Lasting faults in effect. */
  readonly faults: {
    readonly powerLoss: boolean;
    readonly ipcLoss: boolean;
    readonly rpFailure: readonly RpSlot[];
    readonly espFailure: readonly EspSlot[];
    /** Failed power supplies (`show platform`: `ps, fail`, domain §8.9). */
    readonly psuFailure: readonly PsuSlot[];
  };
}

const HYPERVISOR_BY_HOST: readonly HypervisorState[] = ['running', 'down', 'restarting', 'down'];

function issuSnapshot(s: SimState): IssuSnapshot | null {
  if (s.issuLastOp === '') return null;
  const p = s.issuPhase;
  const state: IssuSnapshot['state'] =
    p === ISSU.IDLE || p === ISSU.ADDED
      ? 'init'
      : p === ISSU.LOADING || p === ISSU.LOADED || p === ISSU.ACTIVATING || p === ISSU.RELOADING
        ? 'loadVersion'
        : p === ISSU.COMMITTING
          ? 'commitVersion'
          : p === ISSU.ROLLING_BACK
            ? 'systemReset'
            : 'runVersion';
  return {
    state,
    method: s.issuMethod === ISSU_METHOD.INSTALL ? 'install' : 'classic',
    reloadUpgrade: s.issuReload === 1,
    lastOperation: s.issuLastOp,
    fromVersion: s.issuFrom,
    toVersion: s.issuTo,
    rollbackRemainingMs: s.issuDeadline < 0 ? null : Math.max(0, s.issuDeadline - s.now),
  };
}

function twinState(s: SimState): RouterTwinState {
  const anatomy = chassisAnatomy(s.model);
  return {
    model: s.model,
    redundancyMode: s.configuredMode,
    hosts: anatomy.rpSlots.map((slot, h) => ({
      slot,
      state: HOST_STATES[s.host[h].state] as RouterTwinState['hosts'][number]['state'],
      kernelVersion: DEFAULT_HOST.kernelVersion,
      cpuCores: DEFAULT_HOST.cpuCores,
      memoryMb: DEFAULT_HOST.memoryMb,
      hypervisor: { state: HYPERVISOR_BY_HOST[s.host[h].state] as HypervisorState, version: DEFAULT_HOST.hypervisorVersion },
    })),
    instances: anatomy.instances.map((pl, i) => ({
      name: pl.name,
      host: pl.host,
      unit: pl.unit,
      rfState: s.inst[i].rf as RfStateCode,
      domainState: DOMAIN_STATES[s.inst[i].dom] as DomainState,
      softwareVersion: s.inst[i].version,
      // Configuration is not modelled beyond sync success: a unit failing config sync is behind.
      configVersion: s.inst[i].syncFail === 1 ? 0 : 1,
    })),
    esps: anatomy.espSlots.slice(0, s.espCount).map((slot, e) => ({
      slot,
      state: ESP_STATES[s.esp[e].state] as RouterTwinState['esps'][number]['state'],
      role: e === s.espActive ? 'active' : 'standby',
      forwarding: s.esp[e].forwarding === 1,
    })),
    // Listed when declared or not both ok, so the state of a router with default hardware reads as before (§8.9).
    ...(s.hardware === null && s.psu[0] === 0 && s.psu[1] === 0
      ? {}
      : { psus: PSU_SLOTS.map((slot, p) => ({ slot, state: PSU_STATES[s.psu[p] as number] as PsuState })) }),
    ...(s.hardware === null ? {} : { hardware: { ...s.hardware } }),
  };
}

function instanceSnapshot(s: SimState, i: number, name: InstanceName): InstanceSnapshot {
  const rf = s.inst[i].rf as RfStateCode;
  return {
    name,
    role: rf >= 9 ? 'active' : rf >= 4 ? 'standby' : 'none',
    rfState: rf,
    rfStateName: (RF_STATES[rf] as (typeof RF_STATES)[number]).name,
    domainState: DOMAIN_STATES[s.inst[i].dom] as DomainState,
    enteredStateAtMs: s.inst[i].rfSince,
    timeInStateMs: s.now - s.inst[i].rfSince,
    startedAtMs: s.inst[i].startedAt,
    hung: s.inst[i].hung === 1,
    softwareVersion: s.inst[i].version,
    bootVersion: s.inst[i].bootVersion,
    configSyncFailure: s.inst[i].syncFail === 1,
  };
}

/** The router's state at the simulation's current time (does not advance it). */
export function snapshotRouter(s: SimState): RouterSnapshot {
  const anatomy = chassisAnatomy(s.model);
  return {
    tMs: s.now,
    hostname: s.hostname,
    state: twinState(s),
    operatingMode: operatingMode(s),
    communications: s.ipcLost === 1 || s.configuredMode === 'none' ? 'down' : 'up',
    counters: {
      switchovers: s.switchovers,
      standbyFailures: s.standbyFailures,
      lastSwitchoverReason: SWITCHOVER_REASONS[s.lastReason] as SwitchoverReason,
      lastSwitchoverAtMs: s.lastSwitchoverAt < 0 ? null : s.lastSwitchoverAt,
    },
    instances: anatomy.instances.map((pl, i) => instanceSnapshot(s, i, pl.name)),
    issu: issuSnapshot(s),
    faults: {
      powerLoss: s.powerLost === 1,
      ipcLoss: s.ipcLost === 1,
      rpFailure: anatomy.rpSlots.filter((_, h) => s.host[h].rpFailed === 1),
      espFailure: anatomy.espSlots.filter((_, e) => e < s.espCount && s.esp[e].failed === 1),
      psuFailure: PSU_SLOTS.filter((_, p) => s.psu[p] === 1),
    },
  };
}

/** Simulates a router up to `tMs` (capped at the horizon) and returns its state then. */
export function routerStateAt(scenario: Scenario, router: ScenarioRouter, tMs: number, options: Omit<SimulateOptions, 'timeline'> = {}): RouterSnapshot {
  const state = createSimulation(scenario, router, { ...options, timeline: false });
  return snapshotRouter(advance(state, tMs));
}
