import type { RedundancyMode, RouterHealth } from '@asr-twin/domain';
import type { NewRouter, RouterDetail } from '../read-models.js';

/** A fleet as an import names it: by id or by name. */
export interface FleetRef {
  readonly id: string;
  readonly name: string;
}

/**
 * A stored router's new management fields, as an import computed them. Every field holds the value after the
 * import (unchanged ones too), so one bulk statement writes every router of the batch.
 */
export interface RouterImportUpdate {
  readonly id: string;
  readonly fleetId: string;
  readonly serial: string;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Set when the release or the configured redundancy mode changes: the router's twin state is reset to what
   * a router of that configuration starts in (as after a reload: boot and RF-state times now, state version +1).
   */
  readonly reset?: {
    readonly softwareVersion: string;
    readonly redundancyMode: RedundancyMode;
    readonly health: RouterHealth;
    /** The IOS instances' states after the reset, by instance name. */
    readonly instances: readonly { readonly name: string; readonly rfState: number; readonly domainState: string; readonly softwareVersion: string }[];
  };
  /** The changed fields before and after, for the change log. */
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
}

/** What an import writes in one transaction: new routers by fleet, and updates of stored ones. */
export interface RouterImportWrites {
  readonly creates: readonly { readonly fleetId: string; readonly routers: readonly NewRouter[] }[];
  readonly updates: readonly RouterImportUpdate[];
}

/** A stored router after an import changed it. */
export interface ImportUpdatedRouter {
  readonly id: string;
  readonly hostname: string;
  readonly fleetId: string;
  readonly previousFleetId: string;
  readonly health: RouterHealth;
  readonly stateVersion: number;
  readonly reset: boolean;
}

/** What was written: the new routers' ids by fleet (in the order given) and the updated routers. */
export interface AppliedImport {
  readonly created: readonly { readonly fleetId: string; readonly ids: readonly string[] }[];
  readonly updated: readonly ImportUpdatedRouter[];
}

/** Port for inventory imports: routers created or updated in bulk, by hostname. */
export abstract class RouterImportRepository {
  /** The fleets with these names or ids (one statement); unknown ones are left out. */
  abstract findFleets(idsOrNames: readonly string[]): Promise<readonly FleetRef[]>;

  /**
   * In one transaction: locks the stored routers with these hostnames (with their whole trees), lets `decide`
   * compute the writes from them, and applies the writes with a fixed number of statements whatever the number
   * of routers (no statement per router). Either every write is committed or none. Throws `ConflictError` when
   * a hostname to create was taken meanwhile, `NotFoundError` when a fleet vanished.
   */
  abstract importRouters<T>(
    hostnames: readonly string[],
    decide: (stored: readonly RouterDetail[]) => { readonly writes: RouterImportWrites; readonly result: T },
    actor: string,
  ): Promise<{ readonly result: T; readonly applied: AppliedImport }>;
}
