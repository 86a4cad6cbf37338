import { describe, expect, it } from 'vitest';
import { routerStateAt, simulateRouter } from './index.js';
import { fault, issu, MIN, router, scenario, SEC, target } from './scenario.spec-support.js';

const T0 = 60 * SEC;
const FROM = '17.3.4a';
const TO = '17.6.1';

function issuPath(run: ReturnType<typeof simulateRouter>): string[] {
  return run.timeline.filter((e) => e.event === 'issu').map((e) => e.to as string);
}

describe('ISSU: loadversion → runversion → acceptversion → commitversion (domain §4)', () => {
  it.each(['ASR1006', 'ASR1004'] as const)('%s: upgrades both units with one hitless switchover', (model) => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: TO })] });
    const r = router('edge', model, 'sso', FROM);
    const run = simulateRouter(sc, r, { seed: 1 });
    expect(issuPath(run)).toEqual([
      'loadversion',
      'loadversion done',
      'runversion',
      'runversion done',
      'acceptversion (rollback timer stopped)',
      'commitversion',
      'complete',
    ]);
    expect(run.result.metrics).toMatchObject({ dataPlaneOutageMs: 0, switchovers: 1, dualActiveMs: 0 });
    expect(run.result.metrics.controlPlaneOutageMs).toBeLessThan(1000);
    const end = routerStateAt(sc, r, 90 * MIN, { seed: 1 });
    expect(end.state.instances.map((i) => i.softwareVersion)).toEqual([TO, TO]);
    expect(end.issu).toMatchObject({ state: 'init', lastOperation: 'commitversion', rollbackRemainingMs: null });
    expect(end.operatingMode).toBe('sso');
  });

  it('keeps SSO with mixed versions mid-upgrade and shows the running rollback timer', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: TO })] });
    const r = router('edge', 'ASR1006', 'sso', FROM);
    const mid = routerStateAt(sc, r, T0 + 4 * MIN, { seed: 1 });
    expect(mid.state.instances.map((i) => i.softwareVersion)).toEqual([FROM, TO]);
    expect(mid.operatingMode).toBe('sso');
    expect(mid.issu).toMatchObject({ state: 'loadVersion', lastOperation: 'loadversion' });
    // Timer of 45 min (fixed) started at loadversion.
    expect(mid.issu?.rollbackRemainingMs).toBe(45 * MIN - 4 * MIN);
  });
});

describe('ISSU rollback timer (§4.1–§4.3, §7 #8)', () => {
  it('without acceptversion, expiry rolls back to the original image with a second hitless switchover', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: TO, accept: false })] });
    const r = router('edge', 'ASR1002-X', 'sso', FROM);
    const run = simulateRouter(sc, r, { seed: 2 });
    const expiry = run.timeline.find((e) => e.to === 'rollback (timer expired)');
    expect(expiry?.tMs).toBe(T0 + 45 * MIN);
    expect(issuPath(run).at(-1)).toBe('rolled back');
    expect(run.result.metrics).toMatchObject({ dataPlaneOutageMs: 0, switchovers: 2, dualActiveMs: 0 });
    const end = routerStateAt(sc, r, 90 * MIN, { seed: 2 });
    expect(end.state.instances.map((i) => i.softwareVersion)).toEqual([FROM, FROM]);
    expect(end.issu?.state).toBe('init');
  });

  it('honours a scenario override of issuRollbackTimer', () => {
    const sc = scenario({ horizonMs: 90 * MIN, timing: { issuRollbackTimer: 20 * MIN }, steps: [issu(T0, { toVersion: TO, accept: false })] });
    const run = simulateRouter(sc, router('edge', 'ASR1002-X', 'sso', FROM), { seed: 2 });
    expect(run.timeline.find((e) => e.to === 'rollback (timer expired)')?.tMs).toBe(T0 + 20 * MIN);
  });

  it('a crash of the active during loadversion (new image still syncing) costs an outage; rollback restores the old image', () => {
    const sc = scenario({
      horizonMs: 120 * MIN,
      timing: { standbyBootToHot: 20 * MIN },
      steps: [issu(T0, { toVersion: TO }), fault(T0 + 12 * MIN, 'iosd-crash', target.active)],
    });
    const r = router('edge', 'ASR1004', 'sso', FROM);
    const run = simulateRouter(sc, r, { seed: 3 });
    expect(run.result.metrics.dataPlaneOutageMs).toBeGreaterThan(0);
    expect(issuPath(run)).toContain('rollback (timer expired)');
    expect(issuPath(run).at(-1)).toBe('rolled back');
    const end = routerStateAt(sc, r, 120 * MIN, { seed: 3 });
    expect(end.state.instances.map((i) => i.softwareVersion)).toEqual([FROM, FROM]);
    expect(end.instances.map((i) => i.rfStateName).sort()).toEqual(['ACTIVE', 'STANDBY HOT']);
  });

  it('is refused (timeline, not exception) when the peer is not STANDBY HOT', () => {
    const sc = scenario({ horizonMs: 30 * MIN, steps: [fault(T0, 'iosd-crash', target.standby), issu(T0 + SEC, { toVersion: TO })] });
    const run = simulateRouter(sc, router('edge', 'ASR1004', 'sso', FROM), { seed: 3 });
    expect(run.timeline.find((e) => e.event === 'action:issu')?.to).toBe('refused: peer is DISABLED, not STANDBY HOT');
    expect(issuPath(run)).toEqual([]);
  });

  it('is refused under RPR', () => {
    const sc = scenario({ horizonMs: 30 * MIN, steps: [issu(T0, { toVersion: TO })] });
    const run = simulateRouter(sc, router('edge', 'ASR1004', 'rpr', FROM), { seed: 3 });
    expect(run.timeline.find((e) => e.event === 'action:issu')?.to).toBe('refused: operating redundancy mode is not sso');
  });
});
