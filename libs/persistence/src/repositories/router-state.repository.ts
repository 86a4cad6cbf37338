import type {
  FieldChange,
  NewRouter,
  ObservationStamp,
  ObservedRouterOutcome,
  ObservedRouterWrite,
  RouterDetail,
  TwinStateRecord,
  TwinStateWrite,
} from '../read-models.js';

/** Routers per transaction of {@link RouterStateRepository.applyMany}: bounds statement size and lock time. */
export const OBSERVED_WRITE_BATCH = 5000;

/** Port for writing observed twin state: one transaction per observation (per batch, in bulk). */
export abstract class RouterStateRepository {
  /**
   * Writes `write.next` over the stored twin state of a router (router row with `state_version + 1`, hosts,
   * hypervisors, IOS instances, ESPs: one statement per table) and one `updated` change-log row per changed
   * entity, in one transaction. Throws `ConflictError` if the router is no longer at
   * `write.expectedStateVersion` (changed or deleted meanwhile); nothing is written then.
   */
  abstract apply(write: TwinStateWrite, actor: string): Promise<RouterDetail>;

  /**
   * Writes the observations of many routers with a fixed number of statements per batch of
   * {@link OBSERVED_WRITE_BATCH} routers (never a statement per router), one transaction per batch: the routers
   * with changes as {@link apply} would (`stateVersion + 1`, anatomy, one change-log row per changed entity),
   * and every router's observation stamp. Each router is written whole or not at all: one that is no longer at
   * its `expectedStateVersion` is left as it is and answered `written: false`, and the others are written.
   * Answers one outcome per write, in order.
   */
  abstract applyMany(writes: readonly ObservedRouterWrite[], actor: string): Promise<readonly ObservedRouterOutcome[]>;

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
    observed: ObservationStamp,
    actor: string,
  ): Promise<RouterDetail>;
}
