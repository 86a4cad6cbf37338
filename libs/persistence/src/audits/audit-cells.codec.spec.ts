import { describe, expect, it } from 'vitest';
import { decodeCells, encodeCells, textArrayLiteral } from './audit-cells.codec.js';
import type { AuditCellValue } from './audit-models.js';

describe('audit cell storage', () => {
  it('round-trips cells through three integers each and a bit per exposed cell', () => {
    const cells: AuditCellValue[] = [
      { kind: 'ok', controlPlaneOutageMs: 39, dataPlaneOutageMs: 0, redundancyRestoredMs: 258_876, exposed: false },
      { kind: 'ok', controlPlaneOutageMs: 111_895, dataPlaneOutageMs: 111_895, redundancyRestoredMs: null, exposed: true },
      { kind: 'n/a' },
      { kind: 'error' },
      { kind: 'ok', controlPlaneOutageMs: 0, dataPlaneOutageMs: 0, redundancyRestoredMs: 0, exposed: false },
    ];
    const { values, exposed } = encodeCells(cells);
    expect(values).toEqual([39, 0, 258_876, 111_895, 111_895, -1, -1, -1, -2, -1, -1, -3, 0, 0, 0]);
    expect(exposed).toBe(0b10);
    expect(decodeCells(values, exposed)).toEqual(cells);
  });

  it('quotes every text array element', () => {
    expect(textArrayLiteral(['peer STANDBY COLD-BULK', 'a "b" \\ c'])).toBe('{"peer STANDBY COLD-BULK","a \\"b\\" \\\\ c"}');
    expect(textArrayLiteral([])).toBe('{}');
  });
});
