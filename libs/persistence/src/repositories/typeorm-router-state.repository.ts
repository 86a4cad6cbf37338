import type { DataSource } from 'typeorm';
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
import { writeObservedRouters } from './observed-routers-write.js';
import { translatePgError } from './pg-errors.js';
import { bulkInsertRouters } from './router-bulk-insert.js';
import { OBSERVED_WRITE_BATCH, RouterStateRepository } from './router-state.repository.js';
import { writeTwinState } from './twin-state-write.js';

/** A freshly inserted router is at the first state version (the column's default). */
const INITIAL_STATE_VERSION = 1;

export class TypeormRouterStateRepository extends RouterStateRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  apply(write: TwinStateWrite, actor: string): Promise<RouterDetail> {
    return this.ds.transaction((m) => writeTwinState(m, write, actor));
  }

  async applyMany(writes: readonly ObservedRouterWrite[], actor: string): Promise<readonly ObservedRouterOutcome[]> {
    const outcomes: ObservedRouterOutcome[] = [];
    for (let start = 0; start < writes.length; start += OBSERVED_WRITE_BATCH) {
      const batch = writes.slice(start, start + OBSERVED_WRITE_BATCH);
      outcomes.push(...(await this.ds.transaction((m) => writeObservedRouters(m, batch, actor))));
    }
    return outcomes;
  }

  async insertObserved(
    fleetId: string,
    router: NewRouter,
    next: TwinStateRecord,
    changes: readonly FieldChange[],
    observed: ObservationStamp,
    actor: string,
  ): Promise<RouterDetail> {
    try {
      return await this.ds.transaction(async (m) => {
        const [routerId] = await bulkInsertRouters(m, fleetId, [router], actor);
        if (routerId === undefined) throw new Error('the bulk insert returned no id');
        return writeTwinState(m, { routerId, expectedStateVersion: INITIAL_STATE_VERSION, next, changes, observed }, actor);
      });
    } catch (error) {
      translatePgError(error);
    }
  }
}
