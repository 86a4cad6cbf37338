import { auditCellOf, type AuditCell, type ChassisModel, type RedundancyMode } from '@asr-twin/domain';
import type { AuditRecord, AuditResultRow, AuditTargetRouter } from '@asr-twin/persistence';
import { auditBatch } from '@asr-twin/simulator';

/**
 * Audits one shard: every router from its frozen start through every audited cell. The same simulator entry
 * point and seeds as anywhere else, so a router's row does not depend on the shard or process that made it.
 */
export function simulateAuditShard(audit: AuditRecord, targets: readonly AuditTargetRouter[]): { rows: AuditResultRow[]; events: number } {
  const cells = audit.cells.map((key) => {
    const cell = auditCellOf(key);
    if (!cell) throw new Error(`audit ${audit.id} names an unknown cell ${key}`);
    return cell;
  }) as AuditCell[];
  const routers = targets.map((t) => ({
    hostname: t.hostname,
    model: t.model as ChassisModel,
    redundancy: t.redundancyMode as RedundancyMode,
    version: t.softwareVersion,
    start: t.start,
  }));
  const outcome = auditBatch(routers, cells, { seed: audit.seed, horizonMs: audit.horizonMs, thresholds: audit.thresholds });
  const rows = outcome.routers.map((r, k) => {
    const t = targets[k] as AuditTargetRouter;
    return {
      ordinal: t.ordinal,
      hostname: t.hostname,
      model: t.model,
      causes: r.causes,
      cells: r.cells.map((c) => (c.kind === 'error' ? { kind: 'error' as const } : c)),
    };
  });
  return { rows, events: outcome.events };
}
