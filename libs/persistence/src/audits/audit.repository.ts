import type { Page, PageRequest } from '../read-models.js';
import type { RouterStart } from '@asr-twin/domain';
import type { AuditRecord, AuditResultRow, AuditStatus, NewAudit } from './audit-models.js';

/** A router's row of the matrix with the state it started from. */
export interface AuditMatrixRow extends AuditResultRow {
  readonly start: RouterStart;
}

/** Port for audits as the api sees them. */
export abstract class AuditRepository {
  /** Inserts a queued audit. */
  abstract create(audit: NewAudit): Promise<AuditRecord>;
  abstract find(id: string): Promise<AuditRecord | null>;
  /** Newest first. */
  abstract list(filter: { readonly status?: readonly AuditStatus[] }, page: PageRequest): Promise<Page<AuditRecord>>;
  /** Cancels a queued or running audit; returns it as it is afterwards (unchanged if it had finished). */
  abstract cancel(id: string): Promise<AuditRecord | null>;
  /** A page of the matrix in router order (hostname), optionally of exposed routers only. */
  abstract matrix(auditId: string, exposedOnly: boolean, page: PageRequest): Promise<Page<AuditMatrixRow>>;
  /** Rows after `afterOrdinal` (exclusive) in router order, for streaming a report. */
  abstract rowsAfter(auditId: string, afterOrdinal: number, limit: number): Promise<readonly AuditMatrixRow[]>;
}
