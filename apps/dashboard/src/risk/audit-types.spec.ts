import { DEFAULT_AUDIT_FAULTS, FAULTS as DOMAIN_FAULTS } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { type AuditView, DEFAULT_FAULTS, describeSelector, FAULTS, withAuditProgress } from './audit-types';

const audit = {
  id: 'a1',
  status: 'running',
  progress: { routersDone: 10, routerCount: 40, percent: 25, exposedRouters: 1 },
} as unknown as AuditView;

describe('audit views', () => {
  it('names the same faults and default faults as the domain', () => {
    expect([...FAULTS]).toEqual([...DOMAIN_FAULTS]);
    expect(DEFAULT_FAULTS).toEqual(DEFAULT_AUDIT_FAULTS);
  });

  it('lays a newer progress event over an audit, and ignores an older one or another audit’s', () => {
    const newer = { auditId: 'a1', status: 'running', routersDone: 30, routerCount: 40, exposedRouters: 3 } as const;
    expect(withAuditProgress(audit, newer).progress).toEqual({ routersDone: 30, routerCount: 40, percent: 75, exposedRouters: 3 });
    expect(withAuditProgress(audit, { ...newer, routersDone: 5 })).toBe(audit);
    expect(withAuditProgress(audit, { ...newer, auditId: 'a2' })).toBe(audit);
    expect(withAuditProgress(audit, undefined)).toBe(audit);
  });

  it('describes a selector in words', () => {
    expect(describeSelector({ fleet: 'core', model: 'ASR1006', labels: { site: 'ams' } })).toBe('fleet core · model ASR1006 · site=ams');
    expect(describeSelector({ hostnames: ['a', 'b', 'c', 'd'] })).toBe('4 hostnames');
    expect(describeSelector({})).toBe('every router');
  });
});
