import type { Page, PageRequest } from '../read-models.js';
import type { NewScenario, StoredScenario } from './run-models.js';

/** Port for stored scenarios. Throws `ConflictError` on a taken name. */
export abstract class ScenarioRepository {
  abstract create(input: NewScenario): Promise<StoredScenario>;
  /** By id (uuid) or name. */
  abstract find(idOrName: string): Promise<StoredScenario | null>;
  /** The scenarios with these ids (uuids), in one statement; unknown ids are left out. */
  abstract findMany(ids: readonly string[]): Promise<readonly StoredScenario[]>;
  abstract list(page: PageRequest): Promise<Page<Omit<StoredScenario, 'source' | 'parsed'>>>;
  /** Replaces the source (and so the parsed model and possibly the name); bumps the revision. */
  abstract replace(id: string, input: NewScenario): Promise<StoredScenario | null>;
  abstract delete(id: string): Promise<boolean>;
}
