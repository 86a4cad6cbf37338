import type * as S from '../api/schema-types.generated.js';

/**
 * The fault catalogue (libs/domain `FAULTS`; a unit test keeps the lists equal: the dashboard does not import
 * the server's libraries). The launch form ticks {@link DEFAULT_FAULTS}.
 */
export const FAULTS = [
  'iosd-crash',
  'iosd-hang',
  'vm-crash',
  'host-kernel-panic',
  'host-oom',
  'rp-failure',
  'esp-failure',
  'power-loss',
  'config-sync-failure',
  'ipc-loss',
  'image-mismatch',
  'psu-failure',
] as const;
/**
 * The server's default (`DEFAULT_AUDIT_FAULTS`): every fault but two that expose every router whatever its redundancy,
 * and `psu-failure`, asked for by name.
 */
export const DEFAULT_FAULTS: readonly string[] = FAULTS.filter((f) => f !== 'power-loss' && f !== 'iosd-hang' && f !== 'psu-failure');

// Audit types: the generated schema types (from apps/api/schema.graphql), narrowed to the fields the risk pages select.

export type AuditSummaryView = Pick<S.AuditSummary, 'routers' | 'exposedRouters' | 'errors'> & {
  readonly byCell: readonly Pick<S.AuditCellCount, 'cell' | 'routers'>[];
  readonly byCause: readonly Pick<S.AuditCauseCount, 'cause' | 'routers'>[];
};

/** `selector` is the JSON of the audit's router selector; `summary` is absent from queries that do not select it. */
export type AuditView = Pick<S.Audit, 'id' | 'status' | 'error' | 'faults' | 'cells' | 'createdBy' | 'createdAt' | 'finishedAt'> & {
  readonly selector: Readonly<Record<string, unknown>>;
  readonly thresholds: Pick<S.AuditThresholds, 'dataPlaneOutageMs' | 'controlPlaneOutageMs'>;
  readonly progress: Pick<S.AuditProgress, 'routersDone' | 'routerCount' | 'percent' | 'exposedRouters'>;
  readonly summary?: AuditSummaryView | null;
};

export type AuditProgressEvent = Pick<S.AuditProgressEvent, 'auditId' | 'status' | 'routersDone' | 'routerCount' | 'exposedRouters'>;

/** A matrix row as the heat map reads it. */
export type ExposureRow = Pick<S.AuditRouterRow, 'hostname' | 'exposure'>;

export type ExposedRow = ExposureRow & Pick<S.AuditRouterRow, 'model' | 'causes'>;

/** An audit with the newest progress event laid over it (an event and a reload may cross). */
export function withAuditProgress<A extends AuditView>(audit: A, e: AuditProgressEvent | undefined): A {
  if (!e || e.auditId !== audit.id || e.routersDone < audit.progress.routersDone) return audit;
  const percent = e.routerCount ? Math.floor((e.routersDone / e.routerCount) * 1000) / 10 : audit.progress.percent;
  return { ...audit, status: e.status, progress: { routersDone: e.routersDone, routerCount: e.routerCount, percent, exposedRouters: e.exposedRouters } };
}

/** `fleet core · model ASR1006 · site=ams · 3 hostnames`. */
export function describeSelector(selector: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  if (typeof selector['fleet'] === 'string') parts.push(`fleet ${selector['fleet']}`);
  if (typeof selector['model'] === 'string') parts.push(`model ${selector['model']}`);
  const labels = selector['labels'];
  if (labels && typeof labels === 'object') parts.push(...Object.entries(labels as Record<string, string>).map(([k, v]) => `${k}=${v}`));
  const hostnames = selector['hostnames'];
  if (Array.isArray(hostnames)) parts.push(hostnames.length <= 3 ? hostnames.join(', ') : `${hostnames.length} hostnames`);
  return parts.join(' · ') || 'every router';
}
