import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Page, PageRequest } from '../read-models.js';
import { isUuid } from '../repositories/pg-errors.js';
import { updateReturning } from '../runs/update-returning.js';
import type { AuditRecord, AuditStatus, NewAudit } from './audit-models.js';
import { type AuditRow, toAuditRecord } from './audit-row.mapper.js';
import { MATRIX_SELECT, type MatrixRowSql, toMatrixRow } from './audit.sql.js';
import { type AuditMatrixRow, AuditRepository } from './audit.repository.js';

export class TypeormAuditRepository extends AuditRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async create(audit: NewAudit): Promise<AuditRecord> {
    const rows: AuditRow[] = await this.ds.query(
      `INSERT INTO audits (id, selector, faults, cells, thresholds, horizon_ms, seed, status, shard_size, created_by)
       VALUES ($1, $2::jsonb, $3::text[], $4::text[], $5::jsonb, $6, $7, 'queued', $8, $9) RETURNING *`,
      [
        randomUUID(),
        JSON.stringify(audit.selector),
        [...audit.faults],
        [...audit.cells],
        JSON.stringify(audit.thresholds),
        audit.horizonMs,
        audit.seed,
        audit.shardSize,
        audit.createdBy,
      ],
    );
    return toAuditRecord(rows[0] as AuditRow);
  }

  async find(id: string): Promise<AuditRecord | null> {
    if (!isUuid(id)) return null;
    const rows: AuditRow[] = await this.ds.query(`SELECT * FROM audits WHERE id = $1`, [id]);
    return rows[0] ? toAuditRecord(rows[0]) : null;
  }

  async list(filter: { status?: readonly AuditStatus[] }, page: PageRequest): Promise<Page<AuditRecord>> {
    const statuses = filter.status?.length ? [...filter.status] : null;
    const [rows, count]: [AuditRow[], { n: string }[]] = await Promise.all([
      this.ds.query<AuditRow[]>(`SELECT * FROM audits WHERE ($1::text[] IS NULL OR status = ANY($1)) ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`, [
        statuses,
        page.limit,
        page.offset,
      ]),
      this.ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM audits WHERE ($1::text[] IS NULL OR status = ANY($1))`, [statuses]),
    ]);
    return { items: rows.map(toAuditRecord), total: Number(count[0]?.n ?? 0), limit: page.limit, offset: page.offset };
  }

  async cancel(id: string): Promise<AuditRecord | null> {
    if (!isUuid(id)) return null;
    await updateReturning(
      this.ds,
      `UPDATE audits SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id],
    );
    return this.find(id);
  }

  async matrix(auditId: string, exposedOnly: boolean, page: PageRequest): Promise<Page<AuditMatrixRow>> {
    if (!isUuid(auditId)) return { items: [], total: 0, limit: page.limit, offset: page.offset };
    const filter = exposedOnly ? 'AND r.exposed <> 0' : '';
    const [rows, count]: [MatrixRowSql[], { n: string }[]] = await Promise.all([
      this.ds.query<MatrixRowSql[]>(`${MATRIX_SELECT} WHERE r.audit_id = $1 ${filter} ORDER BY r.ordinal LIMIT $2 OFFSET $3`, [
        auditId,
        page.limit,
        page.offset,
      ]),
      this.ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM audit_results r WHERE r.audit_id = $1 ${filter}`, [auditId]),
    ]);
    return { items: rows.map(toMatrixRow), total: Number(count[0]?.n ?? 0), limit: page.limit, offset: page.offset };
  }

  async rowsAfter(auditId: string, afterOrdinal: number, limit: number): Promise<readonly AuditMatrixRow[]> {
    const rows: MatrixRowSql[] = await this.ds.query(`${MATRIX_SELECT} WHERE r.audit_id = $1 AND r.ordinal > $2 ORDER BY r.ordinal LIMIT $3`, [
      auditId,
      afterOrdinal,
      limit,
    ]);
    return rows.map(toMatrixRow);
  }
}
