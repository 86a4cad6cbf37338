import type { Fleet, FleetPatch, NewFleet, Page, PageRequest } from '../read-models.js';

/** Port for fleets. Throws `ConflictError` on a taken name. */
export abstract class FleetRepository {
  abstract create(input: NewFleet, actor: string): Promise<Fleet>;
  /** By id (uuid) or by name. */
  abstract find(idOrName: string): Promise<Fleet | null>;
  /** The fleets with these ids (uuids), with their router counts, in one statement; unknown ids are left out. */
  abstract findMany(ids: readonly string[]): Promise<readonly Fleet[]>;
  abstract list(page: PageRequest): Promise<Page<Fleet>>;
  abstract update(id: string, patch: FleetPatch, actor: string): Promise<Fleet | null>;
  /** Deletes the fleet and its routers; false when it did not exist. */
  abstract delete(id: string, actor: string): Promise<boolean>;
}
