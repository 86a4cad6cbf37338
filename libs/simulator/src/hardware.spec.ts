import { describe, expect, it } from 'vitest';
import { routerStateAt, simulateRouter } from './index.js';
import { action, drawBounds, entriesOf, expectWithin, fault, MIN, router, scenario, SEC, SEEDS, target } from './scenario.spec-support.js';

const T0 = 60 * SEC;
const H = 30 * MIN;

describe('psu-failure: power supplies are components (domain §8.9)', () => {
  it.each(['ASR1006', 'ASR1002-X', 'ASR1004'] as const)('%s: one of two supplies fails: no switchover, no outage, only the row', (model) => {
    const sc = scenario({ horizonMs: H, steps: [fault(T0, 'psu-failure', target.psu('P1'))] });
    const run = simulateRouter(sc, router('core', model), { seed: 4 });
    expect(run.result.metrics).toMatchObject({ controlPlaneOutageMs: 0, dataPlaneOutageMs: 0, switchovers: 0, redundancyRestoredMs: 0 });
    expect(entriesOf(run, 'P1', 'psu-state').map((e) => [e.from, e.to])).toEqual([['ok', 'ps, fail']]);
    const snap = routerStateAt(sc, router('core', model), H, { seed: 4 });
    expect(snap.state.psus).toEqual([
      { slot: 'P0', state: 'ok' },
      { slot: 'P1', state: 'failed' },
    ]);
    expect(snap.faults.psuFailure).toEqual(['P1']);
  });

  it('both supplies fail: the router loses power as under power-loss; replacing one is a cold boot (§8.9, §7 #15)', () => {
    const steps = [fault(T0, 'psu-failure', target.psu('P1')), fault(2 * MIN, 'psu-failure', target.psu('P0')), action(10 * MIN, 'repair', target.psu('P0'))];
    const run = simulateRouter(scenario({ horizonMs: H, steps }), router('core', 'ASR1006'), { seed: 4 });
    const m = run.result.metrics;
    expect(run.timeline.some((e) => e.event === 'power-lost')).toBe(true);
    // Down from the second failure to the end of the cold boot that the replacement starts.
    expectWithin(m.dataPlaneOutageMs - 8 * MIN, drawBounds('ASR1006', ['chassisReload']));
    expectWithin(m.controlPlaneOutageMs - 8 * MIN, drawBounds('ASR1006', ['chassisReload']));
    const end = routerStateAt(scenario({ horizonMs: H, steps }), router('core', 'ASR1006'), H, { seed: 4 });
    expect(end.state.psus).toEqual([
      { slot: 'P0', state: 'ok' },
      { slot: 'P1', state: 'failed' },
    ]);
    expect(end.state.esps.some((e) => e.forwarding)).toBe(true);
  });

  it('with a single supply installed, its failure is a power loss; the empty bay cannot fail', () => {
    const one = { ...router('edge', 'ASR1004'), hardware: { psus: 1 } };
    const lost = simulateRouter(scenario({ horizonMs: H, steps: [fault(T0, 'psu-failure', target.psu('P0'))] }), one, { seed: 2 });
    expect(lost.result.metrics.dataPlaneOutageMs).toBe(H - T0);
    const empty = simulateRouter(scenario({ horizonMs: H, steps: [fault(T0, 'psu-failure', target.psu('P1'))] }), one, { seed: 2 });
    expect(empty.timeline.find((e) => e.event === 'fault:psu-failure')?.to).toBe('skipped: power supply P1 is not installed (empty bay)');
    expect(empty.result.metrics.dataPlaneOutageMs).toBe(0);
    expect(empty.result.start?.psus).toEqual([
      { slot: 'P0', state: 'ok' },
      { slot: 'P1', state: 'empty' },
    ]);
  });
});

describe('ESP population (domain §8.10)', () => {
  const single = { ...router('core', 'ASR1006'), hardware: { esps: 1 } };

  it.each(SEEDS)('single-ESP dual-RP ASR1006, seed %i: an ESP failure is a data-plane outage until repaired; the control plane stays up', (seed) => {
    const steps = [fault(T0, 'esp-failure'), action(10 * MIN, 'repair', target.esp('F0'))];
    const run = simulateRouter(scenario({ horizonMs: H, steps }), single, { seed });
    const m = run.result.metrics;
    expect(m.controlPlaneOutageMs).toBe(0);
    expect(m.switchovers).toBe(0);
    expectWithin(m.dataPlaneOutageMs - (10 * MIN - T0), drawBounds('ASR1006', ['espPacketReady']));
    expect(run.result.start?.esps.map((e) => e.slot)).toEqual(['F0']);
  });

  it('with two ESPs the standby ESP takes over within espSwitchover (unchanged)', () => {
    const run = simulateRouter(scenario({ horizonMs: H, steps: [fault(T0, 'esp-failure')] }), router('core', 'ASR1006'), { seed: 3 });
    expectWithin(run.result.metrics.dataPlaneOutageMs, drawBounds('ASR1006', ['espSwitchover']));
  });

  it('a step on F1 of a single-ESP router is skipped: the ESP is not installed', () => {
    const run = simulateRouter(scenario({ horizonMs: H, steps: [fault(T0, 'esp-failure', target.esp('F1'))] }), single, { seed: 3 });
    expect(run.timeline.find((e) => e.event === 'fault:esp-failure')?.to).toBe('skipped: ESP F1 is not installed (the router holds 1 ESP)');
    expect(run.result.metrics.dataPlaneOutageMs).toBe(0);
  });
});

describe('an ESP needs a running RP (domain §8.17)', () => {
  it('single RP: with the RP failed the ESP stays not ready; it boots only once the RP is back', () => {
    const steps = [fault(T0, 'rp-failure', target.host('R0')), action(20 * MIN, 'repair', target.host('R0'))];
    const sc = scenario({ horizonMs: H, steps });
    const during = routerStateAt(sc, router('edge', 'ASR1004'), 19 * MIN, { seed: 5 });
    expect(during.state.esps).toEqual([{ slot: 'F0', state: 'init', role: 'active', forwarding: false }]);
    const run = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 5 });
    const ready = entriesOf(run, 'F0', 'esp-state').filter((e) => e.to === 'ok');
    expect(ready.length).toBe(1);
    expect(ready[0]?.tMs).toBeGreaterThan(20 * MIN);
  });

  it('dual RP: with both RPs failed no ESP becomes packet-ready until an RP boots again', () => {
    const steps = [fault(T0, 'rp-failure', target.host('R1')), fault(2 * MIN, 'rp-failure', target.host('R0')), action(20 * MIN, 'repair', target.host('R0'))];
    const run = simulateRouter(scenario({ horizonMs: H, steps }), router('core', 'ASR1006'), { seed: 5 });
    const ready = run.timeline.filter((e) => e.event === 'esp-state' && e.to === 'ok');
    expect(ready.length).toBeGreaterThan(0);
    expect(ready.every((e) => e.tMs > 20 * MIN)).toBe(true);
    expect(run.result.metrics.dataPlaneOutageMs).toBeGreaterThan(18 * MIN);
  });
});

describe('ESP roles after a cold start (domain §8.18)', () => {
  const afterFailover = [fault(T0, 'esp-failure', target.esp('F0')), action(3 * MIN, 'repair', target.esp('F0')), action(8 * MIN, 'reload', target.router)];

  it.each(SEEDS)('seed %i: F0 becomes active after a reload whichever ESP is packet-ready first', (seed) => {
    const sc = scenario({ horizonMs: H, steps: afterFailover });
    // Before the reload F1 holds the role (the repaired F0 came back as standby: no pre-emption).
    expect(routerStateAt(sc, router('core', 'ASR1006'), 7 * MIN, { seed }).state.esps.map((e) => e.role)).toEqual(['standby', 'active']);
    expect(routerStateAt(sc, router('core', 'ASR1006'), H, { seed }).state.esps.map((e) => e.role)).toEqual(['active', 'standby']);
  });

  it('behaviour espColdStartRole: first-ready gives the role to the first ESP packet-ready', () => {
    const firstReady = (seed: number) => {
      const sc = scenario({
        horizonMs: H,
        steps: afterFailover,
        behaviour: { splitBrain: 'incumbent', integratedEspFailure: {}, espColdStartRole: 'first-ready' },
      });
      const run = simulateRouter(sc, router('core', 'ASR1006'), { seed });
      const first = run.timeline.find((e) => e.tMs > 8 * MIN && e.event === 'esp-state' && e.to === 'ok')?.component;
      return { first, active: routerStateAt(sc, router('core', 'ASR1006'), H, { seed }).state.esps.find((e) => e.role === 'active')?.slot };
    };
    const outcomes = SEEDS.map(firstReady);
    for (const o of outcomes) expect(o.active).toBe(o.first);
    expect(new Set(outcomes.map((o) => o.first)).size).toBe(2);
  });
});

describe('RP population (domain §8.10)', () => {
  const oneRp = { ...router('core', 'ASR1006'), hardware: { rps: 1 } };

  it('a dual-RP chassis with one RP is simplex: R1 down for good, R1/0 never runs, repair does not bring it', () => {
    const sc = scenario({ horizonMs: H, steps: [action(T0, 'repair', target.router)] });
    const run = simulateRouter(sc, oneRp, { seed: 3 });
    expect(run.result.start?.operatingMode).toBe('none');
    expect(run.result.start?.hosts).toEqual([
      { slot: 'R0', state: 'up' },
      { slot: 'R1', state: 'down' },
    ]);
    expect(run.result.metrics.redundancyRestoredMs).toBeNull();
    const end = routerStateAt(sc, oneRp, H, { seed: 3 });
    expect(end.state.instances.map((i) => [i.name, i.domainState])).toEqual([
      ['R0/0', 'RUNNING'],
      ['R1/0', 'SHUTOFF'],
    ]);
  });

  it('the only RP failing stops everything until it is repaired (no peer to take over)', () => {
    const steps = [fault(T0, 'rp-failure', target.host('R0')), action(10 * MIN, 'repair', target.host('R0'))];
    const run = simulateRouter(scenario({ horizonMs: H, steps }), oneRp, { seed: 3 });
    expect(run.result.metrics.switchovers).toBe(0);
    expect(run.result.metrics.controlPlaneOutageMs).toBeGreaterThan(9 * MIN);
    const skipped = simulateRouter(scenario({ horizonMs: H, steps: [fault(T0, 'rp-failure', target.host('R1'))] }), oneRp, { seed: 3 });
    expect(skipped.timeline.find((e) => e.event === 'fault:rp-failure')?.to).toBe('skipped: RP R1 is not installed');
  });
});
