import { TIMING_PROFILE } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { routerStateAt, simulateRouter } from './index.js';
import type { RouterRun } from './report-types.js';
import { action, drawBounds, entriesOf, expectWithin, fault, firstAt, MIN, router, scenario, SEC, SEEDS, target } from './scenario.spec-support.js';

/** Timing keys as the domain reference's corrections §8.19–§8.20 split and add them. */
const T0 = 60 * SEC;
const H = 40 * MIN;

/** When `unit` entered `rf` for the first time after `after` (ms). */
function enteredAt(run: RouterRun, unit: string, rf: string, after = 0): number {
  return firstAt(run, (e) => e.component === unit && e.event === 'rf-state' && e.to === rf && e.tMs >= after);
}

/** The restarted unit's standby path after a fault at T0: process start, STANDBY COLD, STANDBY HOT (ms). */
function standbyPath(run: RouterRun, unit: string): { start: number; init: number; cold: number; hot: number } {
  const start = firstAt(run, (e) => e.component === unit && e.event === 'libvirt STARTED/BOOTED' && e.tMs >= T0);
  return {
    start,
    init: enteredAt(run, unit, 'INITIALIZATION', start),
    cold: enteredAt(run, unit, 'STANDBY COLD', start),
    hot: enteredAt(run, unit, 'STANDBY HOT', start),
  };
}

describe('§8.19: IOS boot and bulk sync are separate keys', () => {
  const crash = (timing: Record<string, number>) => scenario({ horizonMs: H, timing, steps: [fault(T0, 'iosd-crash')] });

  it.each(SEEDS)('§8.19, seed %i: a bulkSync override lengthens the standby path, not IOS boot', (seed) => {
    const base = standbyPath(simulateRouter(crash({}), router('edge', 'ASR1004'), { seed }), 'R0/0');
    const big = standbyPath(simulateRouter(crash({ bulkSync: 15 * MIN }), router('edge', 'ASR1004'), { seed }), 'R0/0');
    // Same seed, same draws in the same order: only the bulk-sync phase differs.
    expect(big.start).toBe(base.start);
    expect(big.cold - big.start).toBe(base.cold - base.start);
    expectWithin(base.cold - base.start, drawBounds('ASR1004', ['iosBoot']));
    expectWithin(base.hot - base.cold, drawBounds('ASR1004', ['bulkSync']));
    expectWithin(big.hot - big.cold, drawBounds('ASR1004', ['bulkSync'], { bulkSync: 15 * MIN }));
  });

  it('§8.19: IOS reaches INITIALIZATION about 24 s into its uptime ([H1004]), then STANDBY COLD within iosBoot', () => {
    for (const seed of SEEDS) {
      const p = standbyPath(simulateRouter(crash({}), router('edge', 'ASR1002-X'), { seed }), 'R0/0');
      const [lo, hi] = drawBounds('ASR1002-X', ['iosBoot']);
      expectWithin(p.init - p.start, [Math.floor(0.8 * lo), Math.ceil(0.8 * hi)]);
      expect(Math.abs(p.init - p.start - 24 * SEC)).toBeLessThan(5 * SEC);
    }
  });

  it('§8.19: the default standby path from IOS start to STANDBY HOT stays ≈3 min (§3)', () => {
    const p = standbyPath(simulateRouter(crash({}), router('edge', 'ASR1006'), { seed: 42 }), 'R0/0');
    expectWithin(p.hot - p.start, drawBounds('ASR1006', ['iosBoot', 'bulkSync']));
    expect(TIMING_PROFILE.iosBoot.defaultMs + TIMING_PROFILE.bulkSync.defaultMs).toBe(3 * MIN);
  });

  it('§8.19: an old standbyBootToHot override still runs, split over IOS boot and bulk sync in proportion', () => {
    const run = simulateRouter(crash({ standbyBootToHot: 6 * MIN }), router('edge', 'ASR1004'), { seed: 7 });
    const p = standbyPath(run, 'R0/0');
    const overrides = { iosBoot: MIN, bulkSync: 5 * MIN };
    expectWithin(p.cold - p.start, drawBounds('ASR1004', ['iosBoot'], overrides));
    expectWithin(p.hot - p.cold, drawBounds('ASR1004', ['bulkSync'], overrides));
  });
});

describe('§8.20: switchover, detection, protocol recovery', () => {
  it.each(SEEDS)('§8.20, seed %i: an RPR switchover is about a whole-system reload (≈4 min + SIP/SPA), not a short fixed value', (seed) => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'iosd-crash')] });
    const m = simulateRouter(sc, router('core', 'ASR1006', 'rpr'), { seed }).result.metrics;
    expectWithin(m.controlPlaneOutageMs, drawBounds('ASR1006', ['rprSwitchover']));
    expect(m.dataPlaneOutageMs).toBe(m.controlPlaneOutageMs);
    expect(m.controlPlaneOutageMs).toBeGreaterThan(3 * MIN);
    expect(m.protocolRecoveryMs).toBe(0);
  });

  it.each(['rp-failure', 'host-kernel-panic'] as const)(
    '§8.20: on %s of the active RP the takeover starts after peerLossDetection, not at the fault',
    (name) => {
      const sc = scenario({ horizonMs: H, timing: { peerLossDetection: 5 * SEC }, steps: [fault(T0, name)] });
      const run = simulateRouter(sc, router('core', 'ASR1006'), { seed: 3 });
      const detected = firstAt(run, (e) => e.event === 'peer loss detected');
      expectWithin(detected - T0, drawBounds('ASR1006', ['peerLossDetection'], { peerLossDetection: 5 * SEC }));
      expect(firstAt(run, (e) => e.event.startsWith('switchover (sso)'))).toBe(detected);
      expect(enteredAt(run, 'R1/0', 'ACTIVE-FAST')).toBe(detected);
      const m = run.result.metrics;
      expectWithin(m.controlPlaneOutageMs, drawBounds('ASR1006', ['peerLossDetection', 'iosSwitchover'], { peerLossDetection: 5 * SEC }));
      expect(m.dataPlaneOutageMs).toBe(0);
    },
  );

  it.each(['iosd-crash', 'vm-crash'] as const)('§8.20: %s is signalled by the surviving host, so the takeover is immediate', (name) => {
    const run = simulateRouter(scenario({ horizonMs: H, steps: [fault(T0, name)] }), router('core', 'ASR1006'), { seed: 3 });
    expect(run.timeline.some((e) => e.event === 'peer loss detected')).toBe(false);
    expect(firstAt(run, (e) => e.event.startsWith('switchover (sso)'))).toBe(T0);
  });

  it('§8.20: host-oom on a dual-IOSd host is treated as an IOSd crash (§7 #12): no detection delay', () => {
    const run = simulateRouter(scenario({ horizonMs: H, steps: [fault(T0, 'host-oom', target.host('R0'))] }), router('edge', 'ASR1002-X'), { seed: 3 });
    expect(firstAt(run, (e) => e.event.startsWith('switchover (sso)'))).toBe(T0);
  });

  it('§8.20/§8.4: a crashed IOSd on a single RP restarts only after crashinfo and core are written (≈20–25 s)', () => {
    for (const seed of SEEDS) {
      const run = simulateRouter(scenario({ horizonMs: H, steps: [fault(T0, 'iosd-crash')] }), router('edge', 'ASR1002-X'), { seed });
      const start = firstAt(run, (e) => e.component === 'R0/0' && e.event === 'libvirt STARTED/BOOTED');
      expect(start - T0).toBeGreaterThanOrEqual(20 * SEC);
      expectWithin(start - T0, drawBounds('ASR1002-X', ['iosdRestart']));
    }
  });

  it('§8.20: protocol recovery after an SSO switchover is reported apart from the RF takeover', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'iosd-crash')] });
    const m = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 1 }).result.metrics;
    expect(m.controlPlaneOutageMs).toBeLessThan(50);
    expect(m.protocolRecoveryMs).toBe(TIMING_PROFILE.protocolRecovery.defaultMs);
    const configured = scenario({ horizonMs: H, timing: { protocolRecovery: 30 * SEC }, steps: [fault(T0, 'iosd-crash')] });
    expect(simulateRouter(configured, router('edge', 'ASR1004'), { seed: 1 }).result.metrics.protocolRecoveryMs).toBe(30 * SEC);
  });

  it('§8.20: protocol recovery is cut short by the horizon and by the next switchover, and counts overlaps once', () => {
    const short = scenario({ horizonMs: T0 + 50 * SEC, steps: [fault(T0, 'iosd-crash')] });
    const cut = simulateRouter(short, router('edge', 'ASR1004'), { seed: 1 }).result.metrics;
    expect(cut.protocolRecoveryMs).toBe(T0 + 50 * SEC - T0 - cut.controlPlaneOutageMs);
    // The second switchover, 40 s after the first, closes the first window and opens its own 120 s.
    const twice = scenario({
      horizonMs: H,
      timing: { bulkSync: 1 * SEC, iosBoot: 1 * SEC, iosdRestart: 1 * SEC },
      steps: [fault(T0, 'iosd-crash'), action(T0 + 40 * SEC, 'force-switchover')],
    });
    const run = simulateRouter(twice, router('edge', 'ASR1004'), { seed: 1 });
    expect(run.result.metrics.switchovers).toBe(2);
    const firstActive = enteredAt(run, 'R0/1', 'ACTIVE', T0);
    expect(run.result.metrics.protocolRecoveryMs).toBe(T0 + 40 * SEC - firstActive + TIMING_PROFILE.protocolRecovery.defaultMs);
  });

  it('§8.20: a non-SSO takeover or reload adds no protocol recovery', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'power-loss'), action(T0 + MIN, 'repair')] });
    const run = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 2 });
    expect(entriesOf(run, 'router', 'chassis-reload').length).toBe(1);
    expect(run.result.metrics.protocolRecoveryMs).toBe(0);
  });
});

describe('§8.21: MCL standby reload loop', () => {
  const H2 = 60 * MIN;
  const mclReloads = (run: RouterRun, unit: string) => entriesOf(run, unit, 'config-sync failed (MCL): reloaded by the active').map((e) => e.tMs);
  /** Restart-to-COLD-BULK bounds: the restart key, IOS boot, and bulk sync up to COLD-BULK (35 % of it). */
  const period = (model: 'ASR1002-X' | 'ASR1006', restart: 'iosdRestart' | 'rpBoot'): [number, number] => {
    const [lo, hi] = drawBounds(model, [restart, 'iosBoot']);
    const [slo, shi] = drawBounds(model, ['bulkSync']);
    return [lo + Math.floor(0.35 * slo), hi + Math.ceil(0.35 * shi) + 1];
  };

  it.each([
    ['ASR1002-X', 'R0/1', 'iosdRestart', [1 * MIN, 3 * MIN]],
    ['ASR1006', 'R1/0', 'rpBoot', [3 * MIN, 5 * MIN]],
  ] as const)('§8.21: on an %s the standby is reloaded at COLD-BULK again and again, one Standby failure per cycle', (model, unit, restart, [min, max]) => {
    const sc = scenario({ horizonMs: H2, steps: [fault(T0, 'config-sync-failure')] });
    const run = simulateRouter(sc, router('edge', model), { seed: 11 });
    const reloads = mclReloads(run, unit);
    expect(reloads.length).toBeGreaterThan(5);
    for (let k = 1; k < reloads.length; k++) expectWithin((reloads[k] as number) - (reloads[k - 1] as number), period(model, restart));
    // The reference's period (≈1–3 min dual IOSd, ≈3–5 min dual RP) holds on average; single draws spread around it.
    const mean = ((reloads.at(-1) as number) - (reloads[0] as number)) / (reloads.length - 1);
    expectWithin(mean, [min, max]);
    expect(run.timeline.some((e) => e.component === unit && e.to === 'STANDBY HOT' && e.tMs > T0)).toBe(false);
    // The reset when the fault appears on a HOT standby, then one per failed bulk sync.
    expect(simulateRouter(sc, router('edge', model), { seed: 11, timeline: false }).result.metrics.redundancyRestoredMs).toBeNull();
    expect(routerStateAt(sc, router('edge', model), H2, { seed: 11 }).counters.standbyFailures).toBe(reloads.length + 1);
    const m = run.result.metrics;
    expect([m.controlPlaneOutageMs, m.dataPlaneOutageMs, m.switchovers]).toEqual([0, 0, 0]);
  });

  it('§8.21: repair ends the loop: the next cycle reaches STANDBY HOT and the failures stop counting', () => {
    const repairAt = 20 * MIN;
    const sc = scenario({ horizonMs: H2, steps: [fault(T0, 'config-sync-failure'), action(repairAt, 'repair', target.router)] });
    const run = simulateRouter(sc, router('edge', 'ASR1002-X'), { seed: 5 });
    const reloads = mclReloads(run, 'R0/1');
    expect(reloads.every((t) => t < repairAt)).toBe(true);
    const hot = enteredAt(run, 'R0/1', 'STANDBY HOT', T0);
    expect(hot).toBeGreaterThan(repairAt);
    expect(hot - repairAt).toBeLessThanOrEqual(period('ASR1002-X', 'iosdRestart')[1] + drawBounds('ASR1002-X', ['bulkSync'])[1]);
    expect(run.result.metrics.redundancyRestoredMs).toBe(hot - T0);
  });

  it('§8.21: with behaviour configSyncFailure stay-cold the standby parks at STANDBY COLD instead', () => {
    const behaviour = { splitBrain: 'incumbent', integratedEspFailure: {}, configSyncFailure: 'stay-cold' } as const;
    const sc = scenario({ horizonMs: H2, behaviour, steps: [fault(T0, 'config-sync-failure')] });
    const run = simulateRouter(sc, router('edge', 'ASR1006'), { seed: 11 });
    expect(mclReloads(run, 'R1/0')).toEqual([]);
    expect(entriesOf(run, 'R1/0', 'rf-state').at(-1)?.to).toBe('STANDBY COLD');
    expect(routerStateAt(sc, router('edge', 'ASR1006'), H2, { seed: 11 }).counters.standbyFailures).toBe(1);
  });
});
