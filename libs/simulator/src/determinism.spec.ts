import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, createSimulation, finish, runScenario, simulateBatch, simulateRouter, step } from './index.js';
import type { SimState } from './index.js';
import { action, fault, MIN, router, runArbitrary, scenario, SEC, target } from './scenario.spec-support.js';

const fleetScenario = scenario({
  name: 'fleet',
  seed: 42,
  horizonMs: 60 * MIN,
  steps: [fault(60 * SEC, 'iosd-crash'), fault(5 * MIN, 'iosd-hang', target.standby), action(20 * MIN, 'force-switchover')],
  expect: [
    { kind: 'metric', metric: 'dataPlaneOutage', max: 0 },
    { kind: 'metric', metric: 'redundancyRestored', max: 10 * MIN },
    { kind: 'invariant', invariant: 'single-active' },
  ],
});
const routers = [
  router('edge-1', 'ASR1002-X'),
  router('edge-2', 'ASR1004', 'rpr'),
  router('core-1', 'ASR1006'),
  router('core-2', 'ASR1013'),
  router('branch-1', 'ASR1001', 'none'),
];

const roundTrip = (s: SimState): SimState => JSON.parse(JSON.stringify(s)) as SimState;

describe('determinism', () => {
  it('gives a byte-identical report for the same scenario and seed', () => {
    const a = JSON.stringify(runScenario(fleetScenario, routers));
    const b = JSON.stringify(runScenario(fleetScenario, routers));
    expect(a).toBe(b);
    expect(JSON.stringify(runScenario(fleetScenario, routers, { seed: 43 }))).not.toBe(a);
  });

  it('uses the caller seed over spec.seed, and spec.seed over the default', () => {
    expect(runScenario(fleetScenario, routers).seed).toBe(42);
    expect(runScenario(fleetScenario, routers, { seed: 7 }).seed).toBe(7);
    expect(JSON.stringify(runScenario(fleetScenario, routers, { seed: 42 }))).toBe(JSON.stringify(runScenario(fleetScenario, routers)));
  });

  it('gives each router the same result alone, in any batch, in any order, with or without timeline', () => {
    const alone = routers.map((r) => simulateRouter(fleetScenario, r, { timeline: false }).result);
    const batch = simulateBatch(fleetScenario, routers).results;
    const shuffled = simulateBatch(fleetScenario, [...routers].reverse().concat(router('other', 'ASR1006-X'))).results;
    expect(batch).toEqual(alone);
    for (const r of alone) expect(shuffled.find((x) => x.hostname === r.hostname)).toEqual(r);
    const withTimeline = simulateBatch(fleetScenario, routers, { timeline: true }).results;
    expect(withTimeline).toEqual(alone);
  });

  it('streams timelines per router and keeps nothing when onRun is given', () => {
    const seen: string[] = [];
    const runs: number[] = [];
    const out = simulateBatch(fleetScenario, routers, {
      onTimeline: (host, entries) => {
        seen.push(host);
        expect(entries.every((e) => e.router === host)).toBe(true);
      },
      onRun: (run) => runs.push(run.events),
    });
    expect(seen).toEqual(routers.map((r) => r.hostname));
    expect(out.results).toEqual([]);
    expect(out.events).toBe(runs.reduce((a, b) => a + b, 0));
  });
});

describe('save and resume', () => {
  it.each([0, 61 * SEC, 7 * MIN, 20 * MIN, 59 * MIN])('a run saved at %i ms and resumed equals a one-shot run', (cut) => {
    for (const r of routers) {
      const oneShot = finish(createSimulation(fleetScenario, r));
      const saved = roundTrip(advance(createSimulation(fleetScenario, r), cut));
      expect(finish(saved)).toEqual(oneShot);
    }
  });

  it('holds for random scenarios, cut points and step-by-step saves (property)', () => {
    fc.assert(
      fc.property(runArbitrary(8), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40), ({ scenario: sc, router: r, seed }, f, k) => {
        const oneShot = finish(createSimulation(sc, r, { seed }));
        const cut = Math.floor(f * sc.spec.horizonMs);
        const resumed = finish(roundTrip(advance(createSimulation(sc, r, { seed }), cut)));
        expect(resumed).toEqual(oneShot);
        let s = createSimulation(sc, r, { seed });
        for (let i = 0; i < k; i++) {
          step(s);
          s = roundTrip(s);
        }
        expect(finish(s)).toEqual(oneShot);
      }),
      { numRuns: 150 },
    );
  });
});
