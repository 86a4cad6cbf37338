import type { ChassisModel, RedundancyMode, RouterHealth, RouterTwinState } from '@asr-twin/domain';

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
}

export interface RouterDetail extends RouterSummary {
  readonly state: RouterTwinState;
}

export interface NewRouter {
  readonly hostname: string;
  readonly model: ChassisModel;
  readonly serial: string;
  readonly softwareVersion: string;
  readonly redundancyMode: RedundancyMode;
  readonly labels: Readonly<Record<string, string>>;
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
