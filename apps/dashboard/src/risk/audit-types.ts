import type { RunStatus } from '../api/types';

/**
 * The fault catalogue (libs/domain `FAULTS`; a unit test keeps the lists equal: the dashboard does not import
 * the server's libraries). The launch form ticks {@link DEFAULT_FAULTS}.
 */
export const FAULTS = [
  'iosd-crash', 'iosd-hang', 'vm-crash', 'host-kernel-panic', 'host-oom', 'rp-failure', 'esp-failure', 'power-loss',
  'config-sync-failure', 'ipc-loss', 'image-mismatch', 'psu-failure',
] as const;
/**
 * The server's default (`DEFAULT_AUDIT_FAULTS`): every fault but two that expose every router whatever its redundancy,
 * and `psu-failure`, asked for by name.
 */
export const DEFAULT_FAULTS: readonly string[] = FAULTS.filter((f) => f !== 'power-loss' && f !== 'iosd-hang' && f !== 'psu-failure');

export interface AuditSummaryView {
  readonly routers: number;
  readonly exposedRouters: number;
  readonly errors: number;
  readonly byCell: readonly { readonly cell: string; readonly routers: number }[];
  readonly byCause: readonly { readonly cause: string; readonly routers: number }[];
}

export interface AuditView {
  readonly id: string;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly selector: Readonly<Record<string, unknown>>;
  readonly faults: readonly string[];
  readonly cells: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly thresholds: { readonly dataPlaneOutageMs: number; readonly controlPlaneOutageMs: number };
  readonly progress: { readonly routersDone: number; readonly routerCount: number | null; readonly percent: number; readonly exposedRouters: number };
  readonly summary?: AuditSummaryView | null;
}

export interface AuditProgressEvent {
  readonly auditId: string;
  readonly status: RunStatus;
  readonly routersDone: number;
  readonly routerCount: number | null;
  readonly exposedRouters: number;
}

/** A matrix row as the heat map reads it. */
export interface ExposureRow {
  readonly hostname: string;
  readonly exposure: string;
}

export interface ExposedRow extends ExposureRow {
  readonly model: string;
  readonly causes: readonly string[];
}

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
