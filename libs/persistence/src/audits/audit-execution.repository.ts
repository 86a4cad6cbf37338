import type { AuditProgress, AuditRecord, AuditResultRow, AuditTargetRouter } from './audit-models.js';

export interface AuditShardWrite {
  readonly auditId: string;
  readonly shard: number;
  readonly events: number;
  readonly durationMs: number;
  readonly rows: readonly AuditResultRow[];
}

/** Port for the worker's side of an audit: plan, write shards, finish. */
export abstract class AuditExecutionRepository {
  abstract find(id: string): Promise<AuditRecord | null>;
  /** Moves a queued audit to running; returns the audit as it is afterwards. */
  abstract start(id: string): Promise<AuditRecord | null>;
  /**
   * Freezes the audit's routers with their stored state (once; a second call keeps the first snapshot) and
   * records router and shard counts. Returns the router count.
   */
  abstract snapshotTargets(audit: AuditRecord): Promise<number>;
  abstract shardTargets(auditId: string, fromOrdinal: number, toOrdinal: number): Promise<readonly AuditTargetRouter[]>;
  /** Shards with no rows yet. */
  abstract pendingShards(audit: AuditRecord): Promise<readonly number[]>;
  /** Writes a shard's rows and progress in one transaction; a shard already written writes nothing: `null`. */
  abstract writeShard(write: AuditShardWrite): Promise<AuditProgress | null>;
  /** Computes the summary and completes the audit once every shard is written, unless it already finished. */
  abstract complete(auditId: string): Promise<AuditRecord | null>;
  abstract fail(auditId: string, error: string): Promise<void>;
  /** Marks a queued or running campaign as waiting through a dependency outage, with the reason. */
  abstract markWaiting(auditId: string, reason: string): Promise<void>;
  /** Clears the waiting mark once the work went through. */
  abstract clearWaiting(auditId: string): Promise<void>;
  /** Audits PostgreSQL holds as queued or running, oldest first. */
  abstract unfinished(limit: number): Promise<readonly AuditRecord[]>;
}
