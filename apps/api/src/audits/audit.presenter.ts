import type { AuditRecord } from '@asr-twin/persistence';
import { progressPercent } from '../common/progress.js';
import type { View } from '../common/openapi-schema.js';
import type { AUDIT } from './audit.views.js';

/** An audit as `GET /audits/:id` returns it: the request, where it is, how far, and the exposure summary. */
export function presentAudit(audit: AuditRecord): AuditView {
  const percent = progressPercent(audit.routersDone, audit.routerCount, audit.status);
  const base = `/api/v1/audits/${audit.id}`;
  return {
    id: audit.id,
    status: audit.status,
    error: audit.error,
    selector: audit.selector,
    faults: audit.faults,
    cells: audit.cells,
    thresholds: audit.thresholds,
    horizonMs: audit.horizonMs,
    seed: audit.seed,
    progress: { routersDone: audit.routersDone, routerCount: audit.routerCount, shards: audit.shardCount, percent, exposedRouters: audit.exposedRouters },
    summary: audit.summary,
    createdBy: audit.createdBy,
    createdAt: audit.createdAt,
    startedAt: audit.startedAt,
    finishedAt: audit.finishedAt,
    /** Set while a queued or running audit's work waits through an outage of PostgreSQL or Redis. */
    waiting: audit.status === 'queued' || audit.status === 'running' ? audit.waiting : null,
    links: { self: base, report: `${base}/report`, junit: `${base}/junit`, matrix: `${base}/matrix`, cancel: `${base}/cancel` },
  };
}

/** An audit as its schema (`AUDIT`, named `Audit` in the OpenAPI document) defines it. */
export type AuditView = View<typeof AUDIT>;
