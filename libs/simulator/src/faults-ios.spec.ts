import { describe, expect, it } from 'vitest';
import { routerStateAt, simulateRouter } from './index.js';
import { drawBounds, entriesOf, expectWithin, fault, firstAt, MIN, rfPath, router, scenario, SEC, SEEDS, target } from './scenario.spec-support.js';

const STANDBY_BOOT = [
  'DISABLED',
  'INITIALIZATION',
  'NEGOTIATION',
  'STANDBY COLD',
  'STANDBY COLD-CONFIG',
  'STANDBY COLD-FILESYS',
  'STANDBY COLD-BULK',
  'STANDBY HOT',
];
const TAKEOVER = ['ACTIVE-FAST', 'ACTIVE-DRAIN', 'ACTIVE_PRECONFIG', 'ACTIVE_POSTCONFIG', 'ACTIVE'];
const T0 = 60 * SEC;

describe('iosd-crash of the active with a STANDBY HOT peer (SSO, domain §1.5, §7 #1)', () => {
  const sc = scenario({ horizonMs: 30 * MIN, steps: [fault(T0, 'iosd-crash')] });

  it.each(SEEDS)('dual IOSd ASR1002-X, seed %i: no data-plane loss, control plane back < 1 s, one switchover', (seed) => {
    const run = simulateRouter(sc, router('edge', 'ASR1002-X'), { seed });
    const m = run.result.metrics;
    expect(m.dataPlaneOutageMs).toBe(0);
    expect(m.controlPlaneOutageMs).toBeLessThan(1000);
    // The outage is exactly the SSO takeover: the iosSwitchover draw (< 50 ms claim).
    expectWithin(m.controlPlaneOutageMs, drawBounds('ASR1002-X', ['iosSwitchover']));
    expect(m.switchovers).toBe(1);
    expect(m.dualActiveMs).toBe(0);
    // Redundant again once the crashed IOS is restarted and back at STANDBY HOT.
    expectWithin(m.redundancyRestoredMs, drawBounds('ASR1002-X', ['iosdRestart', 'iosBoot', 'bulkSync']));
    expect(run.result.final.instances.map((i) => [i.name, i.role, i.rfState])).toEqual([
      ['R0/0', 'standby', 'STANDBY HOT'],
      ['R0/1', 'active', 'ACTIVE'],
    ]);
  });

  it('walks the RF progressions of the reference: takeover on the peer, standby boot on the restarted unit', () => {
    const run = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 42 });
    expect(rfPath(run, 'R0/1')).toEqual(TAKEOVER);
    expect(rfPath(run, 'R0/0')).toEqual(STANDBY_BOOT);
    const crashed = entriesOf(run, 'R0/0').filter((e) => e.event.startsWith('libvirt'));
    expect(crashed.map((e) => [e.event, e.from, e.to])).toEqual([
      ['libvirt CRASHED/PANICKED', 'RUNNING', 'CRASHED'],
      ['libvirt STARTED/BOOTED', 'CRASHED', 'RUNNING'],
    ]);
    // The KVM supervisor restarts the guest after iosdRestart.
    const restartedAt = firstAt(run, (e) => e.event === 'libvirt STARTED/BOOTED');
    expectWithin(restartedAt - T0, drawBounds('ASR1004', ['iosdRestart']));
    expect(entriesOf(run, 'F0')).toEqual([]);
  });

  it('on a dual-RP ASR1006 the old active RP reboots (§2.4): redundancy back after rpBoot + iosBoot + bulkSync', () => {
    const run = simulateRouter(sc, router('core', 'ASR1006'), { seed: 5 });
    const m = run.result.metrics;
    expect(m.dataPlaneOutageMs).toBe(0);
    expect(m.controlPlaneOutageMs).toBeLessThan(1000);
    expectWithin(m.redundancyRestoredMs, drawBounds('ASR1006', ['rpBoot', 'iosBoot', 'bulkSync']));
    expect(entriesOf(run, 'R0', 'host-state').map((e) => e.to)).toEqual(['rebooting', 'up']);
  });
});

describe('iosd-crash while the standby is not yet hot (§7 #9)', () => {
  // A 20 min bulk sync (±20 %) puts the restarted unit in STANDBY COLD* from ≤ 4 min to ≥ 16 min after the
  // crash, whatever the draws (restart and IOS boot take about a minute): the second crash at +12 min finds it there.
  const timing = { bulkSync: 20 * MIN };
  const second = T0 + 12 * MIN;

  it.each(SEEDS)('seed %i: the takeover from STANDBY COLD is not stateful, so forwarding stops (real outage)', (seed) => {
    const sc = scenario({ horizonMs: 40 * MIN, timing, steps: [fault(T0, 'iosd-crash'), fault(second, 'iosd-crash')] });
    const run = simulateRouter(sc, router('edge', 'ASR1002'), { seed });
    const m = run.result.metrics;
    expect(m.switchovers).toBe(2);
    const path = rfPath(run, 'R0/0');
    expect(path[path.indexOf('ACTIVE-FAST') - 1]).toMatch(/^STANDBY COLD/);
    // Forwarding returns once the reset ESP is packet-ready AND the new active (rprSwitchover) programs it.
    const [eLo, eHi] = drawBounds('ASR1002', ['espPacketReady']);
    const [rLo, rHi] = drawBounds('ASR1002', ['rprSwitchover']);
    expectWithin(m.dataPlaneOutageMs, [Math.max(eLo, rLo), Math.max(eHi, rHi)]);
    expectWithin(m.controlPlaneOutageMs, [rLo + 32, rHi + 48]);
    expect(m.dualActiveMs).toBe(0);
  });

  it('with the peer still booting (before STANDBY COLD) nobody can take over: the chassis reloads', () => {
    const sc = scenario({ horizonMs: 40 * MIN, steps: [fault(T0, 'iosd-crash'), fault(T0 + 20 * SEC, 'iosd-crash')] });
    const run = simulateRouter(sc, router('edge', 'ASR1002'), { seed: 3 });
    expect(run.timeline.some((e) => e.event === 'chassis-reload')).toBe(true);
    const m = run.result.metrics;
    expect(m.switchovers).toBe(1);
    expectWithin(m.dataPlaneOutageMs, drawBounds('ASR1002', ['chassisReload']));
  });
});

describe('iosd-crash of the standby', () => {
  it('costs no outage, counts a standby failure and loses redundancy until the standby is hot again', () => {
    const sc = scenario({ horizonMs: 20 * MIN, steps: [fault(T0, 'iosd-crash', target.standby)] });
    const run = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 11 });
    const m = run.result.metrics;
    expect([m.controlPlaneOutageMs, m.dataPlaneOutageMs, m.switchovers]).toEqual([0, 0, 0]);
    expectWithin(m.redundancyRestoredMs, drawBounds('ASR1004', ['iosdRestart', 'iosBoot', 'bulkSync']));
    expect(routerStateAt(sc, router('edge', 'ASR1004'), 20 * MIN, { seed: 11 }).counters.standbyFailures).toBe(1);
  });

  it('with two IOSd on one RP restarts only the failed instance: Linux, the active and the ESP keep running (§8.4)', () => {
    const sc = scenario({ horizonMs: 20 * MIN, steps: [fault(T0, 'iosd-crash', target.standby)] });
    const run = simulateRouter(sc, router('edge', 'ASR1002-X'), { seed: 11 });
    expect(entriesOf(run, 'R0').filter((e) => e.to === 'rebooting')).toEqual([]);
    expectWithin(run.result.metrics.redundancyRestoredMs, drawBounds('ASR1002-X', ['iosdRestart', 'iosBoot', 'bulkSync']));
  });

  for (const failure of ['iosd-crash', 'iosd-hang', 'vm-crash'] as const) {
    it(`${failure} on a dual-RP chassis reloads the standby RP, Linux included: no outage, redundancy back only after rpBoot (§8.4)`, () => {
      const sc = scenario({ horizonMs: 30 * MIN, steps: [fault(T0, failure, target.standby)] });
      const run = simulateRouter(sc, router('core', 'ASR1006'), { seed: 11 });
      const m = run.result.metrics;
      expect([m.controlPlaneOutageMs, m.dataPlaneOutageMs, m.switchovers]).toEqual([0, 0, 0]);
      expect(entriesOf(run, 'R1').some((e) => e.to === 'rebooting')).toBe(true);
      expect(m.redundancyRestoredMs).toBeGreaterThanOrEqual(drawBounds('ASR1006', ['rpBoot', 'iosBoot', 'bulkSync'])[0]);
      expect(routerStateAt(sc, router('core', 'ASR1006'), 30 * MIN, { seed: 11 }).counters.standbyFailures).toBe(1);
    });
  }
});

describe('vm-crash: QEMU dies (§6.3)', () => {
  it('shows STOPPED/FAILED to SHUTOFF (reason CRASHED); the supervisor restarts the guest after guestRestart', () => {
    const sc = scenario({ horizonMs: 20 * MIN, steps: [fault(T0, 'vm-crash')] });
    const run = simulateRouter(sc, router('edge', 'ASR1002-X'), { seed: 8 });
    const events = entriesOf(run, 'R0/0').filter((e) => e.event.startsWith('libvirt'));
    expect(events.map((e) => [e.event, e.from, e.to])).toEqual([
      ['libvirt STOPPED/FAILED (shutoff reason CRASHED)', 'RUNNING', 'SHUTOFF'],
      ['libvirt STARTED/BOOTED', 'SHUTOFF', 'RUNNING'],
    ]);
    expectWithin((events[1]?.tMs as number) - T0, drawBounds('ASR1002-X', ['guestRestart']));
    expect(run.result.metrics.dataPlaneOutageMs).toBe(0);
    expect(run.result.metrics.switchovers).toBe(1);
  });
});

describe('iosd-hang: no crash signal (§6.3, §7 #13)', () => {
  it('keeps the hung active ACTIVE but dead until the watchdog fires; forwarding never stops', () => {
    const sc = scenario({ horizonMs: 20 * MIN, steps: [fault(T0, 'iosd-hang')] });
    const r = router('edge', 'ASR1004');
    const during = routerStateAt(sc, r, T0 + 10 * SEC, { seed: 2 });
    expect(during.instances[0]).toMatchObject({ rfStateName: 'ACTIVE', hung: true, domainState: 'RUNNING' });
    const run = simulateRouter(sc, r, { seed: 2 });
    const m = run.result.metrics;
    // Control plane down from the hang to the end of the takeover: hangDetection (30 s, fixed) + iosSwitchover.
    const [sLo, sHi] = drawBounds('ASR1004', ['iosSwitchover']);
    expectWithin(m.controlPlaneOutageMs, [30_000 + sLo, 30_000 + sHi]);
    expect(m.dataPlaneOutageMs).toBe(0);
    expect(firstAt(run, (e) => e.event === 'libvirt WATCHDOG (action reset)')).toBe(T0 + 30_000);
  });

  it('a hung standby is reset by the active when the RF client notification timer (30 s) expires', () => {
    const sc = scenario({ horizonMs: 20 * MIN, steps: [fault(T0, 'iosd-hang', target.standby)] });
    const run = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 2 });
    expect(firstAt(run, (e) => e.event === 'rf client notification timeout')).toBe(T0 + 30_000);
    expect(run.result.metrics.controlPlaneOutageMs).toBe(0);
    expectWithin(run.result.metrics.redundancyRestoredMs, [0, 30_000 + drawBounds('ASR1004', ['iosdRestart', 'iosBoot', 'bulkSync'])[1]]);
  });
});

describe('iosd-crash in simplex (redundancy none)', () => {
  it('reloads the chassis: control and data plane down for a full reload; the peer never starts', () => {
    const sc = scenario({ horizonMs: 20 * MIN, steps: [fault(T0, 'iosd-crash')] });
    const run = simulateRouter(sc, router('edge', 'ASR1004', 'none'), { seed: 4 });
    const m = run.result.metrics;
    // ASR1004 carries its own chassisReload default (4:56 capture, domain §3).
    expectWithin(m.dataPlaneOutageMs, drawBounds('ASR1004', ['chassisReload']));
    expect(m.controlPlaneOutageMs).toBe(m.dataPlaneOutageMs);
    expect(m.switchovers).toBe(0);
    expect(m.redundancyRestoredMs).toBeNull();
    expect(run.result.final.instances.map((i) => [i.rfState, i.domainState])).toEqual([
      ['ACTIVE', 'RUNNING'],
      ['DISABLED', 'SHUTOFF'],
    ]);
  });
});
