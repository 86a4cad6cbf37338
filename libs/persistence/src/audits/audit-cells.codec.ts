import type { AuditCellValue } from './audit-models.js';

/**
 * The compact storage of a router's row (`audit_results.cells`, `exposed`): three integers per cell —
 * control-plane outage, data-plane outage, time to redundancy (ms; -1 never restored) — with -1,-1,-2 for a
 * cell the chassis lacks and -1,-1,-3 for one that could not be simulated; a bit per exposed cell.
 */
const NOT_APPLICABLE = -2;
const ERROR = -3;

export function encodeCells(cells: readonly AuditCellValue[]): { readonly values: number[]; readonly exposed: number } {
  const values: number[] = [];
  let exposed = 0;
  cells.forEach((c, k) => {
    if (c.kind === 'n/a') values.push(-1, -1, NOT_APPLICABLE);
    else if (c.kind === 'error') values.push(-1, -1, ERROR);
    else {
      values.push(c.controlPlaneOutageMs, c.dataPlaneOutageMs, c.redundancyRestoredMs ?? -1);
      if (c.exposed) exposed |= 1 << k;
    }
  });
  return { values, exposed };
}

export function decodeCells(values: readonly number[], exposed: number): AuditCellValue[] {
  const cells: AuditCellValue[] = [];
  for (let k = 0; k * 3 < values.length; k++) {
    const [cp, dp, rr] = [values[3 * k] as number, values[3 * k + 1] as number, values[3 * k + 2] as number];
    if (rr === NOT_APPLICABLE) cells.push({ kind: 'n/a' });
    else if (rr === ERROR) cells.push({ kind: 'error' });
    else {
      cells.push({
        kind: 'ok',
        controlPlaneOutageMs: cp,
        dataPlaneOutageMs: dp,
        redundancyRestoredMs: rr < 0 ? null : rr,
        exposed: (exposed & (1 << k)) !== 0,
      });
    }
  }
  return cells;
}

/** A PostgreSQL array literal of text values (`{"a b","c"}`), quoting every element. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
