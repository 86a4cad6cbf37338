import type { ChangeRecord, Page, PageRequest, TwinEntity } from '../read-models.js';

/** A part of a router in the change log: its entity (`router`, `host`, `hypervisor`, `instance`, `esp`) and key. */
export interface ChangeComponent {
  readonly entity: TwinEntity;
  /** The slot or instance name (`F0`, `R0/1`); every key of the entity when absent. */
  readonly entityKey?: string;
}

/** Port for the append-only change log of twin state. */
export abstract class ChangeLogRepository {
  /** Newest first; with `component`, only the rows of that entity (and key, when given), e.g. `instance` `R0/1`. */
  abstract listForRouter(routerId: string, page: PageRequest, component?: ChangeComponent): Promise<Page<ChangeRecord>>;
}
