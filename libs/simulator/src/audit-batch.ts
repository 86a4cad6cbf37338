import {
  auditCellApplies,
  auditScenario,
  exposureCause,
  healthyStart,
  isExposed,
  startProblems,
  type AuditCell,
  type AuditThresholds,
  type ScenarioRouter,
} from '@asr-twin/domain';
import { simulateBatch } from './batch.js';

/** What one cell gave for one router. */
export type AuditCellOutcome =
  /** The cell does not exist on the router's chassis (no second RP or ESP). */
  | { readonly kind: 'n/a' }
  /** The router could not be simulated from its start (an impossible stored state, say). */
  | { readonly kind: 'error'; readonly error: string }
  | {
      readonly kind: 'ok';
      readonly controlPlaneOutageMs: number;
      readonly dataPlaneOutageMs: number;
      /** From the fault until active + STANDBY HOT again; 0 if never lost, null if not within the horizon. */
      readonly redundancyRestoredMs: number | null;
      readonly exposed: boolean;
    };

/** One router's row of the audit matrix: a cell outcome per audited cell, and why it is exposed. */
export interface AuditRouterOutcome {
  readonly cells: readonly AuditCellOutcome[];
  /** Distinct causes of its exposed cells, in cell order; empty when it survives every single fault. */
  readonly causes: readonly string[];
}

export interface AuditBatchOptions {
  readonly seed: number;
  readonly horizonMs: number;
  readonly thresholds: AuditThresholds;
}

export interface AuditBatchOutcome {
  /** In router input order. */
  readonly routers: readonly AuditRouterOutcome[];
  readonly events: number;
}

/**
 * Audits routers against every cell: one simulation per router and cell that exists on its chassis, each
 * from the router's start (healthy when it has none) with the cell's fault at 60 s. Cell by cell, every
 * router of the batch goes through one `simulateBatch` (one compiled plan per model); each simulation's
 * seed derives from (audit seed, hostname) only, so a router's row does not depend on its batch. A router
 * whose start is impossible (`startProblems`: two active units, say, written behind the twin's back) is not
 * simulated: its cells are errors naming the first problem, rather than outcomes of a state that cannot exist.
 */
export function auditBatch(routers: readonly ScenarioRouter[], cells: readonly AuditCell[], options: AuditBatchOptions): AuditBatchOutcome {
  const matrix: AuditCellOutcome[][] = routers.map(() => new Array<AuditCellOutcome>(cells.length).fill({ kind: 'n/a' }));
  const impossible = routers.map((r) => {
    const problem = r.start ? startProblems(r.model, r.redundancy, r.start)[0] : undefined;
    return problem ? `impossible starting state: ${problem.path}: ${problem.message}` : null;
  });
  let events = 0;
  cells.forEach((cell, c) => {
    const indexes: number[] = [];
    routers.forEach((r, k) => {
      if (!auditCellApplies(cell, r.model)) return;
      const problem = impossible[k];
      if (problem) (matrix[k] as AuditCellOutcome[])[c] = { kind: 'error', error: problem };
      else indexes.push(k);
    });
    let n = 0;
    const outcome = simulateBatch(
      auditScenario(cell, options.horizonMs),
      indexes.map((k) => routers[k] as ScenarioRouter),
      {
        seed: options.seed,
        onRun: (run) => {
          const k = indexes[n++] as number;
          const m = run.result.metrics;
          (matrix[k] as AuditCellOutcome[])[c] =
            run.result.verdict === 'error'
              ? { kind: 'error', error: run.result.error ?? 'not simulated' }
              : {
                  kind: 'ok',
                  controlPlaneOutageMs: m.controlPlaneOutageMs,
                  dataPlaneOutageMs: m.dataPlaneOutageMs,
                  redundancyRestoredMs: m.redundancyRestoredMs,
                  exposed: isExposed(m, options.thresholds),
                };
        },
      },
    );
    events += outcome.events;
  });
  return { routers: routers.map((r, k) => ({ cells: matrix[k] as AuditCellOutcome[], causes: causesOf(r, cells, matrix[k] as AuditCellOutcome[]) })), events };
}

function causesOf(router: ScenarioRouter, cells: readonly AuditCell[], row: readonly AuditCellOutcome[]): string[] {
  const causes: string[] = [];
  row.forEach((outcome, c) => {
    if (outcome.kind !== 'ok' || !outcome.exposed) return;
    const start = router.start ?? healthyStart(router.model, router.redundancy, router.version, router.hardware);
    const cause = exposureCause(router.model, start, cells[c] as AuditCell);
    if (!causes.includes(cause)) causes.push(cause);
  });
  return causes;
}
