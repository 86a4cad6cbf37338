import type { AuditThresholds, FaultName, RouterSelector, RouterStart } from '@asr-twin/domain';
import type { CampaignWaiting, RunStatus } from '../runs/run-models.js';

/** Where an audit is: the statuses of runs. */
export type AuditStatus = RunStatus;

/** The fleet's exposure, computed when an audit completes. */
export interface AuditSummary {
  readonly routers: number;
  /** Routers exposed to at least one single fault. */
  readonly exposedRouters: number;
  /** Cells that could not be simulated (an impossible stored state). */
  readonly errors: number;
  /** Per audited cell (`fault@target`): routers it exposes. Every cell is present. */
  readonly byCell: Readonly<Record<string, number>>;
  /** Per cause in words: routers it exposes, most routers first. */
  readonly byCause: readonly { readonly cause: string; readonly routers: number }[];
}

export interface AuditRecord {
  readonly id: string;
  readonly selector: RouterSelector;
  readonly faults: readonly FaultName[];
  /** Audited cells (`fault@target`) in column order. */
  readonly cells: readonly string[];
  readonly thresholds: AuditThresholds;
  readonly horizonMs: number;
  readonly seed: number;
  readonly status: AuditStatus;
  readonly error: string | null;
  readonly shardSize: number;
  readonly routerCount: number | null;
  readonly shardCount: number | null;
  readonly routersDone: number;
  /** Exposed routers among those done so far. */
  readonly exposedRouters: number;
  readonly summary: AuditSummary | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Set while the audit's work waits through a dependency outage; null otherwise. */
  readonly waiting: CampaignWaiting | null;
}

export interface NewAudit {
  readonly selector: RouterSelector;
  readonly faults: readonly FaultName[];
  readonly cells: readonly string[];
  readonly thresholds: AuditThresholds;
  readonly horizonMs: number;
  readonly seed: number;
  readonly shardSize: number;
  readonly createdBy: string;
}

/** A router an audit simulates, with its stored state frozen when the audit was planned. */
export interface AuditTargetRouter {
  readonly ordinal: number;
  readonly hostname: string;
  readonly model: string;
  readonly redundancyMode: string;
  readonly softwareVersion: string;
  readonly start: RouterStart;
}

/** One cell of a router's row. */
export type AuditCellValue =
  | { readonly kind: 'n/a' }
  | { readonly kind: 'error' }
  | {
      readonly kind: 'ok';
      readonly controlPlaneOutageMs: number;
      readonly dataPlaneOutageMs: number;
      readonly redundancyRestoredMs: number | null;
      readonly exposed: boolean;
    };

/** One router's row of the matrix, as the worker writes it and readers get it back. */
export interface AuditResultRow {
  readonly ordinal: number;
  readonly hostname: string;
  readonly model: string;
  /** In the audit's cell order. */
  readonly cells: readonly AuditCellValue[];
  readonly causes: readonly string[];
}

export interface AuditProgress {
  readonly status: AuditStatus;
  readonly routersDone: number;
  readonly routerCount: number | null;
  readonly exposedRouters: number;
}
