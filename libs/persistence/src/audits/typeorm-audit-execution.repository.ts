import type { ChassisModel, RedundancyMode } from '@asr-twin/domain';
import type { DataSource } from 'typeorm';
import { copyRows } from '../runs/copy-rows.js';
import { type FrozenStart, startOfFrozen } from '../runs/twin-start.sql.js';
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
    await this.ds.query(`UPDATE audits SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued'`, [id]);
    return this.find(id);
  }

  async snapshotTargets(audit: AuditRecord): Promise<number> {
    return this.ds.transaction(async (m) => {
      const locked: { router_count: number | null }[] = await m.query(`SELECT router_count FROM audits WHERE id = $1 FOR UPDATE`, [audit.id]);
      const known = locked[0]?.router_count;
      if (known !== null && known !== undefined) return known;
      const count = await insertAuditTargets(m, audit);
      await m.query(`UPDATE audits SET router_count = $2::int, shard_count = ceil($2::int::numeric / shard_size)::int WHERE id = $1`, [audit.id, count]);
      return count;
    });
  }

  async shardTargets(auditId: string, fromOrdinal: number, toOrdinal: number): Promise<readonly AuditTargetRouter[]> {
    const rows: { ordinal: number; hostname: string; model: string; redundancy_mode: string; software_version: string; start: FrozenStart }[] =
      await this.ds.query(
        `SELECT ordinal, hostname, model, redundancy_mode, software_version, start FROM audit_targets
          WHERE audit_id = $1 AND ordinal >= $2 AND ordinal < $3 ORDER BY ordinal`,
        [auditId, fromOrdinal, toOrdinal],
      );
    return rows.map((r) => ({
      ordinal: r.ordinal,
      hostname: r.hostname,
      model: r.model,
      redundancyMode: r.redundancy_mode,
      softwareVersion: r.software_version,
      start: startOfFrozen(r.model as ChassisModel, r.redundancy_mode as RedundancyMode, r.start),
    }));
  }

  async pendingShards(audit: AuditRecord): Promise<readonly number[]> {
    if (audit.shardCount === null) return [];
    const rows: { shard: number }[] = await this.ds.query(
      `SELECT s AS shard FROM generate_series(0, $2::int - 1) AS s
        WHERE NOT EXISTS (SELECT 1 FROM audit_shards WHERE audit_id = $1 AND shard = s) ORDER BY s`,
      [audit.id, audit.shardCount],
    );
    return rows.map((r) => r.shard);
  }

  /** Claims the shard in `audit_shards` first: a second write of the same shard finds the claim and writes nothing. */
  async writeShard(write: AuditShardWrite): Promise<AuditProgress | null> {
    return this.ds.transaction(async (m) => {
      const claimed: unknown[] = await m.query(
        `INSERT INTO audit_shards (audit_id, shard, routers, events, duration_ms) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING shard`,
        [write.auditId, write.shard, write.rows.length, write.events, Math.round(write.durationMs)],
      );
      if (claimed.length === 0) return null;
      let exposedRouters = 0;
      await copyRows(m, 'audit_results', RESULT_COLUMNS, write.rows, (row) => {
        const { values, exposed } = encodeCells(row.cells);
        if (exposed !== 0) exposedRouters++;
        return [write.auditId, row.ordinal, row.hostname, row.model, exposed, textArrayLiteral(row.causes), `{${values.join(',')}}`];
      });
      const rows = await updateReturning<{ status: AuditProgress['status']; routers_done: number; router_count: number | null; exposed_routers: number }>(
        m,
        `UPDATE audits SET routers_done = routers_done + $2, exposed_routers = exposed_routers + $3 WHERE id = $1
         RETURNING status, routers_done, router_count, exposed_routers`,
        [write.auditId, write.rows.length, exposedRouters],
      );
      const r = rows[0];
      if (!r) throw new Error(`audit ${write.auditId} vanished while its shard was written`);
      return { status: r.status, routersDone: r.routers_done, routerCount: r.router_count, exposedRouters: r.exposed_routers };
    });
  }

  async complete(auditId: string): Promise<AuditRecord | null> {
    return this.ds.transaction(async (m) => {
      const rows: AuditRow[] = await m.query(`SELECT * FROM audits WHERE id = $1 FOR UPDATE`, [auditId]);
      const audit = rows[0] ? toAuditRecord(rows[0]) : null;
      if (!audit || (audit.status !== 'running' && audit.status !== 'queued')) return audit;
      const done: { n: string }[] = await m.query(`SELECT count(*) AS n FROM audit_shards WHERE audit_id = $1`, [auditId]);
      if (audit.shardCount === null || Number(done[0]?.n) < audit.shardCount) return null;
      const summary = await auditSummary(m, audit);
      const updated = await updateReturning<AuditRow>(
        m,
        `UPDATE audits SET status = 'completed', summary = $2::jsonb, exposed_routers = $3, finished_at = now() WHERE id = $1 RETURNING *`,
        [auditId, JSON.stringify(summary), summary.exposedRouters],
      );
      return updated[0] ? toAuditRecord(updated[0]) : null;
    });
  }

  async fail(auditId: string, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE audits SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`,
      [auditId, error.slice(0, 2000)],
    );
  }

  async unfinished(limit: number): Promise<readonly AuditRecord[]> {
    const rows: AuditRow[] = await this.ds.query(
      `SELECT * FROM audits WHERE status IN ('queued', 'running') ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map(toAuditRecord);
  }
}
