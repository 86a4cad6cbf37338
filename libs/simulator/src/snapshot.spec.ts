import { routerHealth } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { routerStateAt } from './index.js';
import { fault, MIN, router, scenario, SEC } from './scenario.spec-support.js';

describe('router state at time t (for ios-cli `show` rendering)', () => {
  const sc = scenario({ horizonMs: 30 * MIN, steps: [fault(60 * SEC, 'iosd-crash')] });
  const r = router('edge', 'ASR1002-X');

  it('is a protected twin before the fault, with time in state counting from the run start', () => {
    const s = routerStateAt(sc, r, 30 * SEC);
    expect(routerHealth(s.state)).toBe('protected');
    expect(s.tMs).toBe(30 * SEC);
    expect(s.instances.map((i) => [i.name, i.rfStateName, i.timeInStateMs])).toEqual([
      ['R0/0', 'ACTIVE', 30 * SEC],
      ['R0/1', 'STANDBY HOT', 30 * SEC],
    ]);
    expect(s.counters).toEqual({ switchovers: 0, standbyFailures: 0, lastSwitchoverReason: 'none', lastSwitchoverAtMs: null });
    expect(s.communications).toBe('up');
  });

  it('mid-switchover shows the peer in ACTIVE-FAST and the crashed guest CRASHED', () => {
    const s = routerStateAt(sc, r, 60 * SEC);
    expect(s.instances.map((i) => [i.rfStateName, i.domainState])).toEqual([
      ['DISABLED', 'CRASHED'],
      ['ACTIVE-FAST', 'RUNNING'],
    ]);
    expect(routerHealth(s.state)).toBe('down');
    expect(s.state.esps[0]).toMatchObject({ state: 'ok', forwarding: true });
  });

  it('afterwards counts the switchover and its reason, and is degraded until the standby is hot', () => {
    const s = routerStateAt(sc, r, 2 * MIN);
    expect(s.counters).toMatchObject({ switchovers: 1, lastSwitchoverReason: 'active unit failed', lastSwitchoverAtMs: 60 * SEC });
    expect(routerHealth(s.state)).toBe('degraded');
    const end = routerStateAt(sc, r, 30 * MIN);
    expect(routerHealth(end.state)).toBe('protected');
    expect(end.instances[0]?.startedAtMs).toBeGreaterThan(60 * SEC);
  });

  it('reports simplex as communications down and the hypervisor state per host', () => {
    const s = routerStateAt(scenario({ horizonMs: MIN }), router('x', 'ASR1006', 'none'), 0);
    expect(s.communications).toBe('down');
    expect(s.operatingMode).toBe('none');
    expect(s.state.hosts.map((h) => h.hypervisor.state)).toEqual(['running', 'running']);
  });
});
