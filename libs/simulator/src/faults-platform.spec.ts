import { describe, expect, it } from 'vitest';
import { routerStateAt, simulateRouter } from './index.js';
import { action, drawBounds, entriesOf, expectWithin, fault, firstAt, MIN, rfPath, router, scenario, SEC, SEEDS, target } from './scenario.spec-support.js';

const T0 = 60 * SEC;
const H = 30 * MIN;

describe('host-kernel-panic (domain §6.4, §7 #14)', () => {
  it.each(SEEDS)('single-RP ASR1004, seed %i: the host is a single point of failure — a full reload', (seed) => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'host-kernel-panic')] });
    const run = simulateRouter(sc, router('edge', 'ASR1004'), { seed });
    const m = run.result.metrics;
    // Both IOS instances die with the host at once; the panic timer then reboots the chassis.
    expect(run.timeline.filter((e) => e.tMs === T0 && e.event === 'rf-state').map((e) => e.to)).toEqual(['DISABLED', 'DISABLED']);
    expect(m.switchovers).toBe(0);
    // The ESP forwards on stale state until the reboot resets it, then for a whole chassis reload.
    expectWithin(m.dataPlaneOutageMs, drawBounds('ASR1004', ['chassisReload']));
    expectWithin(m.controlPlaneOutageMs, drawBounds('ASR1004', ['hostPanicReboot', 'chassisReload']));
    expect(m.dualActiveMs).toBe(0);
  });

  it.each(SEEDS)('dual-RP ASR1013, seed %i: the peer RP takes over after peer-loss detection (§8.20), without data-plane loss', (seed) => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'host-kernel-panic')] });
    const run = simulateRouter(sc, router('core', 'ASR1013'), { seed });
    const m = run.result.metrics;
    expect(m.dataPlaneOutageMs).toBe(0);
    expectWithin(m.controlPlaneOutageMs, drawBounds('ASR1013', ['peerLossDetection', 'iosSwitchover']));
    expect(m.controlPlaneOutageMs).toBeLessThan(1000);
    expect(m.switchovers).toBe(1);
    expectWithin(m.redundancyRestoredMs, drawBounds('ASR1013', ['hostPanicReboot', 'hostBoot', 'iosBoot', 'bulkSync']));
    expect(entriesOf(run, 'R0', 'host-state').map((e) => e.to)).toEqual(['panicked', 'rebooting', 'up']);
  });

  it('on the standby RP of a dual-RP chassis costs only redundancy', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'host-kernel-panic', target.standby)] });
    const run = simulateRouter(sc, router('core', 'ASR1006'), { seed: 1 });
    expect([run.result.metrics.controlPlaneOutageMs, run.result.metrics.dataPlaneOutageMs, run.result.metrics.switchovers]).toEqual([0, 0, 0]);
    expect(entriesOf(run, 'R1', 'host-state').map((e) => e.to)).toEqual(['panicked', 'rebooting', 'up']);
  });
});

describe('host-oom: the OOM killer takes the largest guest (§6.4, §7 #12)', () => {
  it('on a dual-IOSd host kills the active (largest) QEMU: STOPPED/FAILED, then an SSO switchover', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'host-oom', target.host('R0'))] });
    const run = simulateRouter(sc, router('edge', 'ASR1002-X'), { seed: 3 });
    expect(run.timeline.find((e) => e.event === 'oom-killer')?.to).toBe('R0/0');
    expect(entriesOf(run, 'R0/0', 'libvirt STOPPED/FAILED (shutoff reason CRASHED)')).toHaveLength(1);
    expect(run.result.metrics.dataPlaneOutageMs).toBe(0);
    expect(run.result.metrics.switchovers).toBe(1);
  });

  it('on the standby host of a dual-RP chassis kills the standby guest, and its RP reloads (IOSd critical, §8.4)', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'host-oom', target.standby)] });
    const run = simulateRouter(sc, router('core', 'ASR1009-X'), { seed: 3 });
    expect(run.timeline.find((e) => e.event === 'oom-killer')?.to).toBe('R1/0');
    expect(run.result.metrics.switchovers).toBe(0);
    expect(run.result.metrics.dataPlaneOutageMs).toBe(0);
    expect(run.timeline.some((e) => e.component === 'R1' && e.to === 'rebooting')).toBe(true);
    expectWithin(run.result.metrics.redundancyRestoredMs, drawBounds('ASR1009-X', ['rpBoot', 'iosBoot', 'bulkSync']));
  });
});

describe('rp-failure (lasting until repair, §7 #4)', () => {
  it('dual-RP: the standby RP takes over ("active unit removed"), no data-plane loss, simplex until repaired', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'rp-failure')] });
    const r = router('core', 'ASR1006');
    const run = simulateRouter(sc, r, { seed: 9 });
    expect(run.result.metrics.dataPlaneOutageMs).toBe(0);
    expect(run.result.metrics.redundancyRestoredMs).toBeNull();
    const end = routerStateAt(sc, r, H, { seed: 9 });
    expect(end.counters.lastSwitchoverReason).toBe('active unit removed');
    expect(end.faults.rpFailure).toEqual(['R0']);
    expect(end.state.hosts.map((h) => h.state)).toEqual(['down', 'up']);
  });

  it('dual-RP repaired: the RP boots and its IOS rejoins as STANDBY HOT', () => {
    const repairAt = 5 * MIN;
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'rp-failure'), action(repairAt, 'repair', target.host('R0'))] });
    const run = simulateRouter(sc, router('core', 'ASR1006'), { seed: 9 });
    const [lo, hi] = drawBounds('ASR1006', ['rpBoot', 'iosBoot', 'bulkSync']);
    expectWithin(run.result.metrics.redundancyRestoredMs, [repairAt - T0 + lo, repairAt - T0 + hi]);
  });

  it('single-RP: no RP, no router — everything stops until repair, then a full reload', () => {
    const repairAt = 10 * MIN;
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'rp-failure'), action(repairAt, 'repair')] });
    const run = simulateRouter(sc, router('edge', 'ASR1002'), { seed: 9 });
    const [lo, hi] = drawBounds('ASR1002', ['chassisReload']);
    expectWithin(run.result.metrics.dataPlaneOutageMs, [repairAt - T0 + lo, repairAt - T0 + hi]);
    expect(run.result.metrics.controlPlaneOutageMs).toBe(run.result.metrics.dataPlaneOutageMs);
  });
});

describe('esp-failure (§1.2, §1.5, §7 #5)', () => {
  it.each(SEEDS)('dual-ESP ASR1006, seed %i: the standby ESP takes over within 200 ms', (seed) => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'esp-failure')] });
    const run = simulateRouter(sc, router('core', 'ASR1006'), { seed });
    const m = run.result.metrics;
    expect(m.dataPlaneOutageMs).toBeGreaterThan(0);
    expect(m.dataPlaneOutageMs).toBeLessThan(200);
    expect(m.controlPlaneOutageMs).toBe(0);
    expect(entriesOf(run, 'F1', 'forwarding').map((e) => e.to)).toEqual(['forwarding']);
  });

  it('single ESP (ASR1002): forwarding stops until repair plus ESP boot; the control plane is untouched', () => {
    const repairAt = 5 * MIN;
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'esp-failure'), action(repairAt, 'repair', target.esp('F0'))] });
    const run = simulateRouter(sc, router('edge', 'ASR1002'), { seed: 4 });
    const [lo, hi] = drawBounds('ASR1002', ['espPacketReady']);
    expectWithin(run.result.metrics.dataPlaneOutageMs, [repairAt - T0 + lo, repairAt - T0 + hi]);
    expect(run.result.metrics.controlPlaneOutageMs).toBe(0);
  });

  it('single ESP without repair: forwarding is lost until the horizon', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'esp-failure')] });
    const run = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 4 });
    expect(run.result.metrics.dataPlaneOutageMs).toBe(H - T0);
  });

  it('ASR1001: an ESP failure reloads the whole chassis (config guide footnote), which clears it', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'esp-failure')] });
    const run = simulateRouter(sc, router('edge', 'ASR1001'), { seed: 4 });
    const m = run.result.metrics;
    // ASR1001 carries its own chassisReload default (7:11 capture, domain §3).
    expectWithin(m.dataPlaneOutageMs, drawBounds('ASR1001', ['chassisReload']));
    expect(m.controlPlaneOutageMs).toBe(m.dataPlaneOutageMs);
    expect(routerStateAt(sc, router('edge', 'ASR1001'), H, { seed: 4 }).state.esps[0]).toMatchObject({ state: 'ok', forwarding: true });
  });

  for (const model of ['ASR1001-X', 'ASR1002-X'] as const) {
    it(`${model} (integrated ESP): a chassis reload that brings the ESP back, never down until replaced (§8.8)`, () => {
      const sc = scenario({ horizonMs: H, steps: [fault(T0, 'esp-failure')] });
      const run = simulateRouter(sc, router('edge', model), { seed: 4 });
      expectWithin(run.result.metrics.dataPlaneOutageMs, drawBounds(model, ['chassisReload']));
      expect(routerStateAt(sc, router('edge', model), H, { seed: 4 }).state.esps[0]).toMatchObject({ state: 'ok', forwarding: true });
    });
  }

  it('behaviour integratedEspFailure reload-esp-only: only the ESP reloads; the control plane stays up (§8.8)', () => {
    const sc = scenario({
      horizonMs: H,
      behaviour: { splitBrain: 'incumbent', integratedEspFailure: { 'ASR1002-X': 'reload-esp-only' } },
      steps: [fault(T0, 'esp-failure')],
    });
    const run = simulateRouter(sc, router('edge', 'ASR1002-X'), { seed: 4 });
    expect(run.result.metrics.controlPlaneOutageMs).toBe(0);
    expectWithin(run.result.metrics.dataPlaneOutageMs, drawBounds('ASR1002-X', ['espPacketReady']));
    // A modular single ESP is not affected by the setting: it stays down until repaired.
    expect(simulateRouter(sc, router('edge', 'ASR1004'), { seed: 4 }).result.metrics.dataPlaneOutageMs).toBe(H - T0);
  });
});

describe('power-loss (lasting until repair, §7 #15)', () => {
  it('is a total outage until power returns, then a cold boot with the standby hot later', () => {
    const repairAt = 5 * MIN;
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'power-loss'), action(repairAt, 'repair')] });
    const run = simulateRouter(sc, router('core', 'ASR1006'), { seed: 6 });
    const [lo, hi] = drawBounds('ASR1006', ['chassisReload']);
    const m = run.result.metrics;
    expectWithin(m.dataPlaneOutageMs, [repairAt - T0 + lo, repairAt - T0 + hi]);
    expect(m.controlPlaneOutageMs).toBe(m.dataPlaneOutageMs);
    // The Primary wins negotiation on the cold start; the Secondary follows to STANDBY HOT.
    // Cold-boot RF path (domain §8.2): never from NEGOTIATION straight to ACTIVE_PRECONFIG.
    expect(rfPath(run, 'R0/0').slice(-7)).toEqual([
      'INITIALIZATION',
      'NEGOTIATION',
      'ACTIVE-FAST',
      'ACTIVE-DRAIN',
      'ACTIVE_PRECONFIG',
      'ACTIVE_POSTCONFIG',
      'ACTIVE',
    ]);
    expect(rfPath(run, 'R1/0').at(-1)).toBe('STANDBY HOT');
    expect(firstAt(run, (e) => e.component === 'R1/0' && e.to === 'STANDBY COLD-CONFIG')).toBeGreaterThanOrEqual(
      firstAt(run, (e) => e.component === 'R0/0' && e.to === 'ACTIVE'),
    );
  });

  it('without repair the router stays dark to the horizon', () => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'power-loss')] });
    const m = simulateRouter(sc, router('edge', 'ASR1002-X'), { seed: 6 }).result.metrics;
    expect([m.controlPlaneOutageMs, m.dataPlaneOutageMs, m.redundancyRestoredMs]).toEqual([H - T0, H - T0, null]);
  });
});
