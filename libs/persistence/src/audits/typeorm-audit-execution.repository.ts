import type { DataSource } from 'typeorm';
import { copyRows } from '../runs/copy-rows.js';
import {
  AUDIT_TABLES,
  advanceOpenCampaign,
  claimShard,
  clearWaiting,
  failCampaign,
  frozenTargets,
  markStarted,
  markWaiting,
  pendingShards,
  shardsWritten,
  snapshotOnce,
  unfinishedRows,
  writeOpenShard,
} from '../runs/campaign.sql.js';
import { updateReturning } from '../runs/update-returning.js';
import { encodeCells, textArrayLiteral } from './audit-cells.codec.js';
import { AuditExecutionRepository, type AuditShardWrite } from './audit-execution.repository.js';
import type { AuditProgress, AuditRecord, AuditTargetRouter } from './audit-models.js';
import { type AuditRow, toAuditRecord } from './audit-row.mapper.js';
import { auditSummary, insertAuditTargets } from './audit.sql.js';

const RESULT_COLUMNS = ['audit_id', 'ordinal', 'hostname', 'model', 'exposed', 'causes', 'cells'] as const;

export class TypeormAuditExecutionRepository extends AuditExecutionRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async find(id: string): Promise<AuditRecord | null> {
    const rows: AuditRow[] = await this.ds.query(`SELECT * FROM audits WHERE id = $1`, [id]);
    return rows[0] ? toAuditRecord(rows[0]) : null;
  }

  async start(id: string): Promise<AuditRecord | null> {
    await markStarted(this.ds, AUDIT_TABLES, id);
    return this.find(id);
  }

  snapshotTargets(audit: AuditRecord): Promise<number> {
    return snapshotOnce(this.ds, AUDIT_TABLES, audit.id, (m) => insertAuditTargets(m, audit));
  }

  async shardTargets(auditId: string, fromOrdinal: number, toOrdinal: number): Promise<readonly AuditTargetRouter[]> {
    // audit_targets.start is NOT NULL (an audit always freezes the stored state), so every target has a start.
    return (await frozenTargets(this.ds, AUDIT_TABLES, auditId, fromOrdinal, toOrdinal)) as AuditTargetRouter[];
  }

  pendingShards(audit: AuditRecord): Promise<readonly number[]> {
    return pendingShards(this.ds, AUDIT_TABLES, audit.id, audit.shardCount);
  }

  /** Claims the shard in `audit_shards` first: a second write of the same shard finds the claim and writes nothing. */
  async writeShard(write: AuditShardWrite): Promise<AuditProgress | null> {
    return writeOpenShard(this.ds, async (m) => {
      const claim = { id: write.auditId, shard: write.shard, routers: write.rows.length, events: write.events, durationMs: write.durationMs };
      if (!(await claimShard(m, AUDIT_TABLES, claim))) return null;
      let exposedRouters = 0;
      await copyRows(m, 'audit_results', RESULT_COLUMNS, write.rows, (row) => {
        const { values, exposed } = encodeCells(row.cells);
        if (exposed !== 0) exposedRouters++;
        return [write.auditId, row.ordinal, row.hostname, row.model, exposed, textArrayLiteral(row.causes), `{${values.join(',')}}`];
      });
      const r = await advanceOpenCampaign<{ status: AuditProgress['status']; routers_done: number; router_count: number | null; exposed_routers: number }>(
        m,
        AUDIT_TABLES,
        write.auditId,
        'routers_done = routers_done + $2, exposed_routers = exposed_routers + $3',
        'status, routers_done, router_count, exposed_routers',
        [write.rows.length, exposedRouters],
      );
      return { status: r.status, routersDone: r.routers_done, routerCount: r.router_count, exposedRouters: r.exposed_routers };
    });
  }

  async complete(auditId: string): Promise<AuditRecord | null> {
    return this.ds.transaction(async (m) => {
      const rows: AuditRow[] = await m.query(`SELECT * FROM audits WHERE id = $1 FOR UPDATE`, [auditId]);
      const audit = rows[0] ? toAuditRecord(rows[0]) : null;
      if (!audit || (audit.status !== 'running' && audit.status !== 'queued')) return audit;
      if (audit.shardCount === null || (await shardsWritten(m, AUDIT_TABLES, auditId)) < audit.shardCount) return null;
      const summary = await auditSummary(m, audit);
      const updated = await updateReturning<AuditRow>(
        m,
        `UPDATE audits SET status = 'completed', summary = $2::jsonb, exposed_routers = $3, finished_at = now() WHERE id = $1 RETURNING *`,
        [auditId, JSON.stringify(summary), summary.exposedRouters],
      );
      return updated[0] ? toAuditRecord(updated[0]) : null;
    });
  }

  fail(auditId: string, error: string): Promise<void> {
    return failCampaign(this.ds, AUDIT_TABLES, auditId, error);
  }

  markWaiting(auditId: string, reason: string): Promise<void> {
    return markWaiting(this.ds, AUDIT_TABLES, auditId, reason);
  }

  clearWaiting(auditId: string): Promise<void> {
    return clearWaiting(this.ds, AUDIT_TABLES, auditId);
  }

  async unfinished(limit: number): Promise<readonly AuditRecord[]> {
    return (await unfinishedRows<AuditRow>(this.ds, AUDIT_TABLES, limit)).map(toAuditRecord);
  }
}
