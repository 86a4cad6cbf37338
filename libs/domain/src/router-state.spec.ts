import { describe, expect, it } from 'vitest';
import { CHASSIS_MODELS } from './chassis.js';
import { InvariantViolationError } from './errors.js';
import { RF } from './rf-state.js';
import { assertSingleActive, initialRouterState, routerHealth, type RouterTwinState } from './router-state.js';

describe('initial router state', () => {
  it('is protected under SSO for every model: ACTIVE + STANDBY HOT, first ESP forwarding', () => {
    for (const model of CHASSIS_MODELS) {
      const s = initialRouterState({ model, redundancyMode: 'sso', softwareVersion: '17.3.4a' });
      expect(s.instances.map((i) => i.rfState)).toEqual([RF.ACTIVE, RF.STANDBY_HOT]);
      expect(s.esps.filter((e) => e.forwarding).map((e) => e.slot)).toEqual(['F0']);
      expect(routerHealth(s)).toBe('protected');
    }
  });

  it('leaves the peer STANDBY COLD under RPR and DISABLED/SHUTOFF in simplex, both degraded', () => {
    const rpr = initialRouterState({ model: 'ASR1006', redundancyMode: 'rpr', softwareVersion: '17.3.4a' });
    expect(rpr.instances[1]).toMatchObject({ name: 'R1/0', rfState: RF.STANDBY_COLD, domainState: 'RUNNING' });
    expect(routerHealth(rpr)).toBe('degraded');
    const simplex = initialRouterState({ model: 'ASR1002-X', redundancyMode: 'none', softwareVersion: '17.3.4a' });
    expect(simplex.instances[1]).toMatchObject({ name: 'R0/1', rfState: RF.DISABLED, domainState: 'SHUTOFF' });
    expect(routerHealth(simplex)).toBe('degraded');
  });
});

describe('health and the single-active invariant', () => {
  const base = initialRouterState({ model: 'ASR1004', redundancyMode: 'sso', softwareVersion: '17.3.4a' });

  it('is down without an ACTIVE instance or without a forwarding ESP', () => {
    const noActive: RouterTwinState = { ...base, instances: base.instances.map((i) => ({ ...i, rfState: RF.STANDBY_HOT })) };
    expect(routerHealth(noActive)).toBe('down');
    const noEsp: RouterTwinState = { ...base, esps: base.esps.map((e) => ({ ...e, forwarding: false, state: 'failed' })) };
    expect(routerHealth(noEsp)).toBe('down');
  });

  it('is degraded while the peer is still syncing', () => {
    const syncing: RouterTwinState = {
      ...base,
      instances: base.instances.map((i, n) => (n === 1 ? { ...i, rfState: RF.STANDBY_COLD_BULK } : i)),
    };
    expect(routerHealth(syncing)).toBe('degraded');
  });

  it('rejects two instances holding activity, even mid-takeover', () => {
    expect(() => assertSingleActive(base)).not.toThrow();
    const dual: RouterTwinState = {
      ...base,
      instances: base.instances.map((i, n) => (n === 1 ? { ...i, rfState: RF.ACTIVE_FAST } : i)),
    };
    expect(() => assertSingleActive(dual)).toThrow(InvariantViolationError);
    expect(() => assertSingleActive(dual)).toThrow(/R0\/0 \(ACTIVE\), R0\/1 \(ACTIVE-FAST\)/);
  });
});
