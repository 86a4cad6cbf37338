import {
  AUDIT_CELLS,
  auditCellsOf,
  DEFAULT_AUDIT_FAULTS,
  DEFAULT_AUDIT_HORIZON_MS,
  DEFAULT_AUDIT_THRESHOLDS,
  healthyStart,
  type RouterStart,
  type ScenarioRouter,
} from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { auditBatch } from './index.js';
import { router } from './scenario.spec-support.js';

const options = { seed: 7, horizonMs: DEFAULT_AUDIT_HORIZON_MS, thresholds: DEFAULT_AUDIT_THRESHOLDS };
const cells = auditCellsOf(DEFAULT_AUDIT_FAULTS);

function withStart(r: ScenarioRouter, edit: (s: RouterStart) => RouterStart): ScenarioRouter {
  return { ...r, start: edit(healthyStart(r.model, r.redundancy, r.version)) };
}

const standbyIn =
  (rfState: string) =>
  (s: RouterStart): RouterStart => ({
    ...s,
    instances: s.instances.map((i, k) => (k === 1 ? { ...i, rfState: rfState as RouterStart['instances'][number]['rfState'] } : i)),
  });

describe('risk audit batch', () => {
  it('a healthy dual-RP, dual-ESP SSO router survives every default single fault', () => {
    const [row] = auditBatch([router('ok', 'ASR1006')], cells, options).routers;
    expect(row?.causes).toEqual([]);
    expect(row?.cells.every((c) => c.kind === 'ok' && !c.exposed)).toBe(true);
  });

  it('names the cause of each exposed router from its start', () => {
    const routers = [
      withStart(router('cold', 'ASR1006'), standbyIn('STANDBY COLD-BULK')),
      withStart(router('rpr', 'ASR1006'), (s) => ({ ...standbyIn('STANDBY COLD')(s), operatingMode: 'rpr' })),
      router('simplex', 'ASR1006', 'none'),
      withStart(router('esp', 'ASR1006'), (s) => ({
        ...s,
        esps: [
          { slot: 'F0', state: 'ok', forwarding: true },
          { slot: 'F1', state: 'failed', forwarding: false },
        ],
      })),
      withStart(router('rp', 'ASR1006'), (s) => ({
        ...s,
        hosts: [s.hosts[0] as RouterStart['hosts'][number], { slot: 'R1', state: 'down' }],
        instances: s.instances.map((i, k) => (k === 1 ? { ...i, rfState: 'DISABLED', domainState: 'SHUTOFF' } : i)),
      })),
      router('small', 'ASR1002-X'),
    ];
    const rows = auditBatch(routers, cells, options).routers;
    expect(rows.map((r) => r.causes)).toEqual([
      ['peer STANDBY COLD-BULK'],
      ['operating RPR'],
      ['simplex'],
      ['ESP F1 failed'],
      ['RP R1 down'],
      ['single RP', 'single ESP'],
    ]);
  });

  it('marks cells a chassis lacks as n/a and gives a router the same row in any batch', () => {
    const small = router('small', 'ASR1002-X');
    const alone = auditBatch([small], cells, options).routers[0];
    const mixed = auditBatch([router('big', 'ASR1006'), small], cells, options).routers[1];
    expect(mixed).toEqual(alone);
    const espStandby = cells.findIndex((c) => c.key === 'esp-failure@standby');
    expect(alone?.cells[espStandby]).toEqual({ kind: 'n/a' });
  });

  it('does not simulate an impossible start: its cells are errors naming the problem, and it has no cause', () => {
    const twoActive = withStart(router('bad', 'ASR1006'), (s) => ({ ...s, instances: s.instances.map((i) => ({ ...i, rfState: 'ACTIVE' })) }));
    const [row] = auditBatch([twoActive], cells, options).routers;
    expect(row?.causes).toEqual([]);
    expect(row?.cells.every((c) => c.kind === 'error' && /^impossible starting state: instances: two units hold activity/.test(c.error))).toBe(true);
  });

  it('power loss, asked for by name, exposes every router', () => {
    const power = auditCellsOf(['power-loss']);
    const rows = auditBatch([router('ok', 'ASR1006')], power, options).routers;
    expect(rows[0]?.causes).toEqual(['no power redundancy']);
    expect(AUDIT_CELLS.filter((c) => DEFAULT_AUDIT_FAULTS.includes(c.fault))).toEqual(cells);
  });
});
