import type { FieldChange, NewRouter, RouterDetail, TwinStateRecord, TwinStateWrite } from '../read-models.js';

/** Port for writing observed twin state: one transaction per observation. */
export abstract class RouterStateRepository {
  /**
   * Writes `write.next` over the stored twin state of a router (router row with `state_version + 1`, hosts,
   * hypervisors, IOS instances, ESPs: one statement per table) and one `updated` change-log row per changed
   * entity, in one transaction. Throws `ConflictError` if the router is no longer at
   * `write.expectedStateVersion` (changed or deleted meanwhile); nothing is written then.
   */
  abstract apply(write: TwinStateWrite, actor: string): Promise<RouterDetail>;

  /**
   * Inserts `router` through the bulk path (healthy initial state of its model, a `created` change-log row),
   * then writes `next` over it with `changes` measured from that initial state, in one transaction. Throws
   * `ConflictError` if the hostname is taken and `NotFoundError` if the fleet vanished; nothing is written then.
   */
  abstract insertObserved(
    fleetId: string,
    router: NewRouter,
    next: TwinStateRecord,
    changes: readonly FieldChange[],
    actor: string,
  ): Promise<RouterDetail>;
}
