import type { ChangeRecord, Page, PageRequest } from '../read-models.js';

/** Port for the append-only change log of twin state. */
export abstract class ChangeLogRepository {
  /** Newest first. */
  abstract listForRouter(routerId: string, page: PageRequest): Promise<Page<ChangeRecord>>;
}
