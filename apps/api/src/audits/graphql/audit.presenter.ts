import type { AuditCellValue, AuditMatrixRow, AuditRecord } from '@asr-twin/persistence';
import { presentAudit } from '../audit.presenter.js';

/** An audit as the GraphQL `Audit` type has it: the REST view with the summary's maps as lists. */
export function presentGqlAudit(audit: AuditRecord) {
  const s = audit.summary;
  return {
    ...presentAudit(audit),
    summary: s && {
      routers: s.routers,
      exposedRouters: s.exposedRouters,
      errors: s.errors,
      byCell: audit.cells.map((cell) => ({ cell, routers: s.byCell[cell] ?? 0 })),
      byCause: s.byCause.map((c) => ({ cause: c.cause, routers: c.routers })),
    },
  };
}

export type GqlAuditView = ReturnType<typeof presentGqlAudit>;

const CODE = { 'n/a': '-', error: 'e' } as const;

/** A matrix row with its cells named and the compact exposure string. */
export function presentGqlRow(row: AuditMatrixRow, cells: readonly string[]) {
  const at = (k: number) => row.cells[k] as AuditCellValue;
  return {
    hostname: row.hostname,
    model: row.model,
    exposed: row.causes.length > 0,
    causes: row.causes,
    exposure: cells
      .map((_, k) => {
        const c = at(k);
        return c.kind === 'ok' ? (c.exposed ? 'x' : '.') : CODE[c.kind];
      })
      .join(''),
    cells: cells.map((cell, k) => {
      const c = at(k);
      return c.kind === 'ok'
        ? {
            cell,
            applicable: true,
            error: false,
            exposed: c.exposed,
            controlPlaneOutageMs: c.controlPlaneOutageMs,
            dataPlaneOutageMs: c.dataPlaneOutageMs,
            redundancyRestoredMs: c.redundancyRestoredMs,
          }
        : {
            cell,
            applicable: c.kind !== 'n/a',
            error: c.kind === 'error',
            exposed: false,
            controlPlaneOutageMs: null,
            dataPlaneOutageMs: null,
            redundancyRestoredMs: null,
          };
    }),
  };
}
