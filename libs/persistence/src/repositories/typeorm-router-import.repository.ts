import type { DataSource } from 'typeorm';
import type { RouterDetail } from '../read-models.js';
import { isUuid, translatePgError } from './pg-errors.js';
import { bulkInsertRouters } from './router-bulk-insert.js';
import { bulkUpdateRouters } from './router-bulk-update.js';
import { lockRouterDetailsByHostname } from './router-details.sql.js';
import { type AppliedImport, type FleetRef, RouterImportRepository, type RouterImportWrites } from './router-import.repository.js';

export class TypeormRouterImportRepository extends RouterImportRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async findFleets(idsOrNames: readonly string[]): Promise<readonly FleetRef[]> {
    if (idsOrNames.length === 0) return [];
    return this.ds.query(`SELECT id, name FROM fleets WHERE id = ANY($1::uuid[]) OR name = ANY($2::text[])`, [
      idsOrNames.filter(isUuid),
      idsOrNames.filter((k) => !isUuid(k)),
    ]);
  }

  async importRouters<T>(
    hostnames: readonly string[],
    decide: (stored: readonly RouterDetail[]) => { readonly writes: RouterImportWrites; readonly result: T },
    actor: string,
  ): Promise<{ readonly result: T; readonly applied: AppliedImport }> {
    try {
      return await this.ds.transaction(async (m) => {
        const { writes, result } = decide(await lockRouterDetailsByHostname(m, hostnames));
        const created: { fleetId: string; ids: string[] }[] = [];
        for (const group of writes.creates) {
          if (group.routers.length > 0) created.push({ fleetId: group.fleetId, ids: await bulkInsertRouters(m, group.fleetId, group.routers, actor) });
        }
        const updated = await bulkUpdateRouters(m, writes.updates, actor);
        return { result, applied: { created, updated } };
      });
    } catch (error) {
      translatePgError(error);
    }
  }
}
