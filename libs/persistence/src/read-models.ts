import type { ChassisModel, Freshness, HardwareSpec, InstanceName, RedundancyMode, RouterHealth, RouterTwinState } from '@asr-twin/domain';

/** Timestamps are ISO 8601 strings in UTC. */
export interface Fleet {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly routerCount: number;
  /** Routers of the fleet by redundancy health. */
  readonly health: Readonly<Record<RouterHealth, number>>;
}

export interface NewFleet {
  readonly name: string;
  readonly description: string;
  readonly labels: Readonly<Record<string, string>>;
}

export type FleetPatch = Partial<NewFleet>;

export interface RouterSummary {
  readonly id: string;
  readonly fleetId: string;
  readonly hostname: string;
  readonly model: ChassisModel;
  readonly serial: string;
  readonly softwareVersion: string;
  readonly redundancyMode: RedundancyMode;
  readonly health: RouterHealth;
  readonly labels: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When real device output of the router was last observed; `null`: never. */
  readonly observedAt: string | null;
  /** The commands of that observation (`show redundancy, show version`); `null`: never observed. */
  readonly observedCommand: string | null;
}

/**
 * Redundancy Facility figures of a router beyond the RF states of its instances: what `show redundancy` prints
 * and real device output sets. Timestamps are ISO 8601 strings in UTC; uptimes are "now" minus them.
 */
export interface RedundancyRecord {
  /** `Switchovers system experienced`. @defaultValue 0 */
  readonly switchovers: number;
  /** `Standby failures`. @defaultValue 0 */
  readonly standbyFailures: number;
  /** `Last switchover reason` in the CLI spelling (`none`, `user forced`, `active unit failed`, …). */
  readonly lastSwitchoverReason: string;
  /**
   * Operating redundancy mode when a device reported one that differs from the derived one; `null`: derived
   * (the configured mode, non-redundant in simplex).
   */
  readonly operatingMode: RedundancyMode | null;
  /** When the system booted: origin of `Available system uptime` and `<host> uptime is`. */
  readonly bootedAt: string;
  /** When each IOS instance entered its current RF state: origin of `Uptime in current state`. */
  readonly stateSince: Readonly<Partial<Record<InstanceName, string>>>;
}

export interface RouterDetail extends RouterSummary {
  readonly state: RouterTwinState;
  readonly redundancy: RedundancyRecord;
  /** Incremented by every change of the twin state; writers compare it to detect a concurrent change. */
  readonly stateVersion: number;
}

/** The part of a stored router that observed device output may change. */
export interface TwinStateRecord {
  /** The router's release: that of the instance holding activity. */
  readonly softwareVersion: string;
  /** Configured redundancy mode; equals `state.redundancyMode`. */
  readonly redundancyMode: RedundancyMode;
  readonly health: RouterHealth;
  readonly state: RouterTwinState;
  readonly redundancy: RedundancyRecord;
}

/** Entities of a router's tree, as the change log names them. */
export type TwinEntity = 'router' | 'host' | 'hypervisor' | 'instance' | 'esp';

/**
 * One changed field of one entity. `key` is the hostname for the router, the slot for a host, hypervisor or
 * ESP (`R1`, `F0`) and the name for an IOS instance (`R0/1`).
 */
export interface FieldChange {
  readonly entity: TwinEntity;
  readonly key: string;
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * When and from which commands a router was observed. Freshness is not twin state: recording it bumps no
 * `stateVersion` and writes no change-log row. An older stamp never replaces a newer one.
 */
export interface ObservationStamp {
  /** ISO 8601 UTC. */
  readonly at: string;
  /** The commands observed, in the order of `SHOW_COMMANDS`, joined with `, `. */
  readonly command: string;
}

/** A new twin state for a stored router, computed from the state it had at `expectedStateVersion`. */
export interface TwinStateWrite {
  readonly routerId: string;
  readonly expectedStateVersion: number;
  readonly next: TwinStateRecord;
  /** The fields that differ between the stored state and `next`; one change-log row per entity. */
  readonly changes: readonly FieldChange[];
  /** The observation the state comes from, recorded on the router with it. */
  readonly observed?: ObservationStamp;
}

/**
 * One router of a bulk observation: its new state when `changes` is not empty (written like
 * {@link TwinStateWrite}), and in every case the stamp of the observation. An empty `changes` writes only the
 * stamp: the observation proved the stored state current.
 */
export interface ObservedRouterWrite {
  readonly routerId: string;
  readonly expectedStateVersion: number;
  readonly next: TwinStateRecord;
  readonly changes: readonly FieldChange[];
  readonly observed: ObservationStamp;
}

/** What a bulk write did to one router: written at `stateVersion`, or refused because it changed meanwhile. */
export type ObservedRouterOutcome =
  { readonly routerId: string; readonly written: true; readonly stateVersion: number } | { readonly routerId: string; readonly written: false };

export interface NewRouter {
  readonly hostname: string;
  readonly model: ChassisModel;
  readonly serial: string;
  readonly softwareVersion: string;
  readonly redundancyMode: RedundancyMode;
  readonly labels: Readonly<Record<string, string>>;
  /** Declared population (domain §8.9–§8.11); absent: the model's default. Already checked by the caller. */
  readonly hardware?: HardwareSpec;
}

export interface RouterPatch {
  readonly fleetId?: string;
  readonly serial?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface RouterFilter {
  /** Fleet id or fleet name. */
  readonly fleet?: string;
  readonly models?: readonly ChassisModel[];
  readonly health?: readonly RouterHealth[];
  /** Every given label must match. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Hostname prefix, case-insensitive. */
  readonly hostnamePrefix?: string;
  /** Any of these freshness values, judged against the cut-off: observed before `staleBefore` is stale. */
  readonly freshness?: { readonly values: readonly Freshness[]; readonly staleBefore: string };
}

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface ChangeRecord {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly entity: string;
  readonly entityKey: string;
  readonly action: string;
  readonly routerId: string | null;
  readonly hostname: string | null;
  readonly before: unknown;
  readonly after: unknown;
}
