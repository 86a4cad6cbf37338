import type { ScenarioStep } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { routerStateAt, simulateRouter } from './index.js';
import { action, drawBounds, expectWithin, fault, MIN, rfPath, router, scenario, SEC, target } from './scenario.spec-support.js';

const T0 = 60 * SEC;
const H = 30 * MIN;

function outageOfNonSsoSwitchover(model: Parameters<typeof drawBounds>[0]): [number, number] {
  const [eLo, eHi] = drawBounds(model, ['espPacketReady']);
  const [rLo, rHi] = drawBounds(model, ['rprSwitchover']);
  return [Math.max(eLo, rLo), Math.max(eHi, rHi)];
}

describe('RPR (domain §2.1): the standby waits at STANDBY COLD and a switchover is a reload', () => {
  it('never reaches STANDBY HOT, so redundancy is never there; a crash costs a data-plane outage', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'iosd-crash')] });
    const r = router('core', 'ASR1006', 'rpr');
    expect(routerStateAt(sc, r, T0 - 1).instances.map((i) => i.rfStateName)).toEqual(['ACTIVE', 'STANDBY COLD']);
    const run = simulateRouter(sc, r, { seed: 1 });
    const m = run.result.metrics;
    expect(m.switchovers).toBe(1);
    expectWithin(m.dataPlaneOutageMs, outageOfNonSsoSwitchover('ASR1006'));
    expect(m.redundancyRestoredMs).toBeNull();
    expect(run.timeline.some((e) => e.event.startsWith('switchover (non-sso'))).toBe(true);
    expect(run.result.final.instances.map((i) => i.rfState).sort()).toEqual(['ACTIVE', 'STANDBY COLD']);
  });
});

describe('simplex (redundancy none)', () => {
  it('refuses force-switchover as a timeline event ("Manual Swact = disabled"), without an exception', () => {
    const sc = scenario({ horizonMs: H, steps: [action(T0, 'force-switchover')] });
    const run = simulateRouter(sc, router('edge', 'ASR1002-X', 'none'), { seed: 1 });
    const step = run.timeline.find((e) => e.event === 'action:force-switchover');
    expect(step?.to).toBe('refused: Manual Swact = disabled (system is simplex (no peer unit))');
    expect(run.result.metrics.switchovers).toBe(0);
    expect(run.result.metrics.redundancyRestoredMs).toBeNull();
  });
});

describe('image-mismatch (§2.1, §7 #7)', () => {
  const r = router('edge', 'ASR1004');

  it('drops the operating mode to RPR: the reloaded standby stays STANDBY COLD; then a crash is not hitless', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'image-mismatch'), fault(15 * MIN, 'iosd-crash')] });
    const mid = routerStateAt(sc, r, 10 * MIN, { seed: 2 });
    expect(mid.operatingMode).toBe('rpr');
    expect(mid.state.redundancyMode).toBe('sso');
    // A real release, never an invented image name (domain §8.12).
    expect(mid.instances[1]).toMatchObject({ rfStateName: 'STANDBY COLD', softwareVersion: '17.6.5' });
    const run = simulateRouter(sc, r, { seed: 2 });
    expect(run.timeline.find((e) => e.event === 'redundancy-mode')).toMatchObject({ from: 'sso', to: 'rpr' });
    expectWithin(run.result.metrics.dataPlaneOutageMs, outageOfNonSsoSwitchover('ASR1004'));
    expect(run.result.metrics.redundancyRestoredMs).toBeNull();
  });

  it('gives the unit the release the step names (params.version), and refuses the release it already boots', () => {
    const mismatch = (version: string): ScenarioStep => ({ kind: 'fault', atMs: T0, fault: 'image-mismatch', target: target.standby, params: { version } });
    const named = scenario({ horizonMs: H, steps: [mismatch('16.12.5')] });
    expect(routerStateAt(named, r, 10 * MIN, { seed: 2 }).instances[1]?.softwareVersion).toBe('16.12.5');
    const same = scenario({ horizonMs: H, steps: [mismatch('17.3.4a')] });
    const run = simulateRouter(same, r, { seed: 2 });
    expect(run.timeline.find((e) => e.event === 'fault:image-mismatch')?.to).toMatch(/already boots 17\.3\.4a/);
    expect(routerStateAt(same, r, 10 * MIN, { seed: 2 }).operatingMode).toBe('sso');
  });

  it('repair aligns the images: the standby reloads on the active image and becomes STANDBY HOT (SSO again)', () => {
    const repairAt = 10 * MIN;
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'image-mismatch'), action(repairAt, 'repair', target.standby)] });
    const run = simulateRouter(sc, r, { seed: 2 });
    const [lo, hi] = drawBounds('ASR1004', ['iosdRestart', 'iosBoot', 'bulkSync']);
    expectWithin(run.result.metrics.redundancyRestoredMs, [repairAt - T0 + lo, repairAt - T0 + hi]);
    expect(routerStateAt(sc, r, H, { seed: 2 }).operatingMode).toBe('sso');
  });
});

describe('config-sync-failure (§2.5, §7 #6)', () => {
  const r = router('edge', 'ASR1002-X');

  const behaviour = { splitBrain: 'incumbent', integratedEspFailure: {}, configSyncFailure: 'stay-cold' } as const;

  it('with behaviour stay-cold, resets the standby once and keeps it at STANDBY COLD: it only looks redundant', () => {
    const sc = scenario({ horizonMs: H, behaviour, steps: [fault(T0, 'config-sync-failure')] });
    const end = routerStateAt(sc, r, H, { seed: 3 });
    expect(end.instances[1]).toMatchObject({ rfStateName: 'STANDBY COLD', configSyncFailure: true });
    expect(end.counters.standbyFailures).toBe(1);
    const run = simulateRouter(sc, r, { seed: 3 });
    expect(run.result.metrics.redundancyRestoredMs).toBeNull();
    expect(rfPath(run, 'R0/1').at(-1)).toBe('STANDBY COLD');
  });

  it('with behaviour stay-cold, repair lets bulk sync resume from STANDBY COLD to STANDBY HOT', () => {
    const repairAt = 10 * MIN;
    const sc = scenario({ horizonMs: H, behaviour, steps: [fault(T0, 'config-sync-failure'), action(repairAt, 'repair', target.standby)] });
    const run = simulateRouter(sc, r, { seed: 3 });
    // The rest of the path after STANDBY COLD is the bulkSync draw (§8.19).
    const [, hi] = drawBounds('ASR1002-X', ['bulkSync']);
    expectWithin(run.result.metrics.redundancyRestoredMs, [repairAt - T0, repairAt - T0 + hi]);
    expect(rfPath(run, 'R0/1').slice(-4)).toEqual(['STANDBY COLD-CONFIG', 'STANDBY COLD-FILESYS', 'STANDBY COLD-BULK', 'STANDBY HOT']);
  });
});

describe('ipc-loss: split-brain arbitration (§2.6, §7 #10, §8.5)', () => {
  it('with the Primary active, the Secondary backs down and waits in NEGOTIATION until the IPC is repaired', () => {
    const repairAt = 10 * MIN;
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'ipc-loss'), action(repairAt, 'repair')] });
    const r = router('edge', 'ASR1004');
    const during = routerStateAt(sc, r, repairAt - 1, { seed: 4 });
    expect(during.communications).toBe('down');
    expect(during.instances.map((i) => i.rfStateName)).toEqual(['ACTIVE', 'NEGOTIATION']);
    const run = simulateRouter(sc, r, { seed: 4 });
    expect(run.result.metrics).toMatchObject({ controlPlaneOutageMs: 0, dataPlaneOutageMs: 0, switchovers: 0, dualActiveMs: 0 });
    expect(run.timeline.find((e) => e.event === 'split-brain arbitration')?.to).toBe('R0/0 keeps activity');
    expect(rfPath(run, 'R0/1').at(-1)).toBe('STANDBY HOT');
  });

  it('with the Secondary active, the incumbent keeps activity; the Primary standby backs off and its RP reloads (§8.5, §8.4)', () => {
    const sc = scenario({ horizonMs: H, steps: [action(10 * SEC, 'force-switchover'), fault(10 * MIN, 'ipc-loss')] });
    const run = simulateRouter(sc, router('core', 'ASR1006'), { seed: 4 });
    expect(run.timeline.find((e) => e.event === 'split-brain arbitration')).toMatchObject({ from: 'R0/0', to: 'R1/0 keeps activity' });
    const m = run.result.metrics;
    expect(m).toMatchObject({ switchovers: 1, dualActiveMs: 0, dataPlaneOutageMs: 0 });
    expect(run.timeline.some((e) => e.tMs >= 10 * MIN && e.component === 'R0' && e.to === 'rebooting')).toBe(true);
    const after = routerStateAt(sc, router('core', 'ASR1006'), H, { seed: 4 });
    expect(after.instances.map((i) => i.rfStateName)).toEqual(['NEGOTIATION', 'ACTIVE']);
  });

  it('with behaviour splitBrain: primary-wins, the Primary claims activity and the Secondary drops it first (never two ACTIVE)', () => {
    const sc = scenario({
      horizonMs: H,
      behaviour: { splitBrain: 'primary-wins', integratedEspFailure: {} },
      steps: [action(10 * SEC, 'force-switchover'), fault(10 * MIN, 'ipc-loss')],
    });
    const run = simulateRouter(sc, router('core', 'ASR1006'), { seed: 4 });
    const arbitration = run.timeline.find((e) => e.event === 'split-brain arbitration');
    expect(arbitration).toMatchObject({ from: 'R1/0', to: 'R0/0 (Primary) wins' });
    const m = run.result.metrics;
    expect(m.switchovers).toBe(2);
    expect(m.dualActiveMs).toBe(0);
    expect(m.dataPlaneOutageMs).toBe(0);
    const dropAt = run.timeline.findIndex((e) => e.component === 'R1/0' && e.from === 'ACTIVE' && e.to === 'DISABLED');
    const claimAt = run.timeline.findIndex((e) => e.tMs >= 10 * MIN && e.component === 'R0/0' && e.to === 'ACTIVE-FAST');
    expect(dropAt).toBeGreaterThanOrEqual(0);
    expect(dropAt).toBeLessThan(claimAt);
  });

  it('a hung unit parked in NEGOTIATION does not resume when the IPC comes back; it is reset first', () => {
    const hangAt = 5 * MIN;
    const sc = scenario({
      horizonMs: H,
      steps: [fault(T0, 'ipc-loss'), fault(hangAt, 'iosd-hang', target.instance('R0/1')), action(hangAt + SEC, 'repair')],
    });
    const r = router('edge', 'ASR1004');
    const hung = routerStateAt(sc, r, hangAt + 20 * SEC, { seed: 4 });
    expect(hung.instances[1]).toMatchObject({ rfStateName: 'NEGOTIATION', hung: true });
    const run = simulateRouter(sc, r, { seed: 4 });
    expect(run.timeline.find((e) => e.event === 'rf client notification timeout')?.tMs).toBe(hangAt + 30 * SEC);
    expect(rfPath(run, 'R0/1').at(-1)).toBe('STANDBY HOT');
  });

  it('refuses force-switchover while the peers cannot talk', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'ipc-loss'), action(T0 + 1000, 'force-switchover')] });
    const run = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 4 });
    expect(run.timeline.find((e) => e.event === 'action:force-switchover')?.to).toBe('refused: communications down');
  });
});

describe('force-switchover (§2.3, §2.4, §7 #2, #3)', () => {
  const r = router('edge', 'ASR1002-X');

  it('from STANDBY HOT is a planned SSO switchover: no data-plane loss, reason "user forced"', () => {
    const sc = scenario({ horizonMs: H, steps: [action(T0, 'force-switchover')] });
    const run = simulateRouter(sc, r, { seed: 5 });
    expect(run.result.metrics).toMatchObject({ dataPlaneOutageMs: 0, switchovers: 1 });
    expect(run.result.metrics.controlPlaneOutageMs).toBeLessThan(1000);
    expect(routerStateAt(sc, r, H, { seed: 5 }).counters.lastSwitchoverReason).toBe('user forced');
  });

  it('is refused to a peer below STANDBY COLD (here still booting IOS after a standby reload, §8.19)', () => {
    const sc = scenario({ horizonMs: H, steps: [action(T0, 'reload', target.standby), action(T0 + 50 * SEC, 'force-switchover')] });
    const run = simulateRouter(sc, r, { seed: 5 });
    expect(run.timeline.find((e) => e.event === 'action:force-switchover')?.to).toBe(
      'refused: Manual Swact = disabled (peer unit not yet in terminal standby state): peer R0/1 is NEGOTIATION, the terminal standby state is STANDBY HOT',
    );
    expect(run.result.metrics.switchovers).toBe(0);
  });

  it('under SSO, to a peer still in STANDBY COLD* is refused and changes nothing (domain §8.3)', () => {
    // With a 20 min bulk sync (±20 %) the reloaded standby is in STANDBY COLD* from ≤ 4 min to ≥ 16 min.
    const sc = scenario({
      horizonMs: 60 * MIN,
      timing: { bulkSync: 20 * MIN },
      steps: [action(T0, 'reload', target.standby), action(T0 + 12 * MIN, 'force-switchover')],
    });
    const run = simulateRouter(sc, r, { seed: 5 });
    expect(run.timeline.find((e) => e.event === 'action:force-switchover')?.to).toMatch(
      /^refused: Manual Swact = disabled \(peer unit not yet in terminal standby state\): peer R0\/1 is STANDBY COLD/,
    );
    expect(run.result.metrics.switchovers).toBe(0);
    expect(run.result.metrics.dataPlaneOutageMs).toBe(0);
  });

  it('under RPR, to the peer in STANDBY COLD (its terminal state) is accepted and resets the data plane (§8.3, §2.1)', () => {
    const sc = scenario({ horizonMs: 60 * MIN, steps: [action(T0, 'force-switchover')] });
    const run = simulateRouter(sc, router('rpr', 'ASR1002-X', 'rpr'), { seed: 5 });
    expect(run.result.metrics.switchovers).toBe(1);
    expect(run.result.metrics.dataPlaneOutageMs).toBeGreaterThan(60 * SEC);
  });
});
