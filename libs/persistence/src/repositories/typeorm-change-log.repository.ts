import type { DataSource } from 'typeorm';
import { ChangeLogEntity } from '../entities/change-log.entity.js';
import { toChangeRecord } from '../mappers.js';
import type { ChangeRecord, Page, PageRequest } from '../read-models.js';
import { type ChangeComponent, ChangeLogRepository } from './change-log.repository.js';
import { isUuid } from './pg-errors.js';

export class TypeormChangeLogRepository extends ChangeLogRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async listForRouter(routerId: string, page: PageRequest, component?: ChangeComponent): Promise<Page<ChangeRecord>> {
    if (!isUuid(routerId)) return { items: [], total: 0, limit: page.limit, offset: page.offset };
    const [rows, total] = await this.ds.getRepository(ChangeLogEntity).findAndCount({
      where: {
        routerId,
        ...(component ? { entity: component.entity } : {}),
        ...(component?.entityKey === undefined ? {} : { entityKey: component.entityKey }),
      },
      order: { id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: rows.map(toChangeRecord), total, limit: page.limit, offset: page.offset };
  }
}
