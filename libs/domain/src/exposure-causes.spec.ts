import { describe, expect, it } from 'vitest';
import { auditCellApplies, auditCellOf, auditCellsOf, DEFAULT_AUDIT_FAULTS, isExposed, type AuditCell } from './audit-cells.js';
import { exposureCause, redundancyCause } from './exposure-causes.js';
import { healthyStart, type RouterStart } from './router-start.js';

const cell = (key: string) => auditCellOf(key) as AuditCell;
const dual = healthyStart('ASR1006', 'sso', '17.3.4a');
const peer = (s: RouterStart, edit: Partial<RouterStart['instances'][number]>): RouterStart => ({
  ...s,
  instances: s.instances.map((i, k) => (k === 1 ? { ...i, ...edit } : i)),
});

describe('audit cells', () => {
  it('has a cell per fault and relevant target, and the standby host and ESP cells only where the chassis has two', () => {
    expect(auditCellsOf(['host-kernel-panic', 'esp-failure']).map((c) => c.key)).toEqual([
      'host-kernel-panic@active',
      'host-kernel-panic@standby',
      'esp-failure@active',
      'esp-failure@standby',
    ]);
    expect(auditCellApplies(cell('host-kernel-panic@standby'), 'ASR1002-X')).toBe(false);
    expect(auditCellApplies(cell('host-kernel-panic@standby'), 'ASR1006')).toBe(true);
    expect(auditCellApplies(cell('esp-failure@standby'), 'ASR1001-X')).toBe(false);
    expect(auditCellsOf(DEFAULT_AUDIT_FAULTS)).toHaveLength(15);
    expect(DEFAULT_AUDIT_FAULTS).not.toContain('power-loss');
  });

  it('exposes when an outage is strictly above its threshold', () => {
    const limits = { dataPlaneOutageMs: 200, controlPlaneOutageMs: 1000 };
    expect(isExposed({ dataPlaneOutageMs: 200, controlPlaneOutageMs: 1000 }, limits)).toBe(false);
    expect(isExposed({ dataPlaneOutageMs: 201, controlPlaneOutageMs: 0 }, limits)).toBe(true);
    expect(isExposed({ dataPlaneOutageMs: 0, controlPlaneOutageMs: 1001 }, limits)).toBe(true);
  });
});

describe('exposure causes', () => {
  it('names the redundancy state that lets a single fault through', () => {
    expect(redundancyCause(dual)).toBeNull();
    expect(redundancyCause({ ...dual, operatingMode: 'none' })).toBe('simplex');
    expect(redundancyCause(peer(dual, { rfState: 'STANDBY COLD-BULK' }))).toBe('peer STANDBY COLD-BULK');
    expect(redundancyCause(peer(dual, { rfState: 'DISABLED', domainState: 'SHUTOFF' }))).toBe('peer SHUTOFF');
    expect(redundancyCause({ ...peer(dual, { rfState: 'STANDBY COLD' }), operatingMode: 'rpr' })).toBe('operating RPR');
    expect(redundancyCause({ ...peer(dual, { rfState: 'STANDBY COLD', image: '17.6.1' }), operatingMode: 'rpr' })).toBe('peers on different images');
    expect(
      redundancyCause({
        ...dual,
        hosts: [
          { slot: 'R0', state: 'up' },
          { slot: 'R1', state: 'down' },
        ],
      }),
    ).toBe('RP R1 down');
  });

  it('names chassis causes for host, ESP and power faults', () => {
    const small = healthyStart('ASR1002-X', 'sso', '17.3.4a');
    expect(exposureCause('ASR1002-X', small, cell('host-kernel-panic@active'))).toBe('single RP');
    expect(exposureCause('ASR1002-X', small, cell('esp-failure@active'))).toBe('single ESP');
    const espDown: RouterStart = {
      ...dual,
      esps: [
        { slot: 'F0', state: 'failed', forwarding: false },
        { slot: 'F1', state: 'ok', forwarding: true },
      ],
    };
    expect(exposureCause('ASR1006', espDown, cell('esp-failure@active'))).toBe('ESP F0 failed');
    expect(exposureCause('ASR1006', dual, cell('power-loss@router'))).toBe('no power redundancy');
    expect(exposureCause('ASR1006', dual, cell('iosd-crash@active'))).toBe('iosd-crash@active not survived');
  });
});
