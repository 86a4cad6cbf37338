import type { AuditThresholds, FaultName, RouterSelector } from '@asr-twin/domain';
import { waitingOf } from '../runs/run-row.mapper.js';
import type { AuditRecord, AuditStatus, AuditSummary } from './audit-models.js';

/** A row of `audits` as node-postgres returns it. */
export interface AuditRow {
  id: string;
  selector: RouterSelector;
  faults: FaultName[];
  cells: string[];
  thresholds: AuditThresholds;
  horizon_ms: number;
  seed: string;
  status: AuditStatus;
  error: string | null;
  shard_size: number;
  router_count: number | null;
  shard_count: number | null;
  routers_done: number;
  exposed_routers: number;
  summary: AuditSummary | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  waiting_since: Date | null;
  waiting_reason: string | null;
}

export function toAuditRecord(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    selector: r.selector,
    faults: r.faults,
    cells: r.cells,
    thresholds: r.thresholds,
    horizonMs: r.horizon_ms,
    seed: Number(r.seed),
    status: r.status,
    error: r.error,
    shardSize: r.shard_size,
    routerCount: r.router_count,
    shardCount: r.shard_count,
    routersDone: r.routers_done,
    exposedRouters: r.exposed_routers,
    summary: r.summary,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    waiting: waitingOf(r.waiting_since, r.waiting_reason),
  };
}
