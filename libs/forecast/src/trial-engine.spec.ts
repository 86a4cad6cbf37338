import { healthyStart, startProblems } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { degradedStart, type Hold } from './degraded-start.js';
import { componentsOf, drawFailures, type ForecastRouter } from './fault-draw.js';
import { forecastFleet } from './forecast.js';
import { forecastRouter, YEAR_MS } from './forecast-run.js';
import { attributeOutages } from './outage-union.js';
import { FAILURE_CLASSES, type FailureClass } from './rate-catalogue.js';
import { resolveRates, type RateOverrides } from './rate-overrides.js';

const ASR1006: ForecastRouter = { hostname: 'core-1', model: 'ASR1006', redundancy: 'sso', version: '17.3.4a' };

function onlyClasses(figures: Partial<Record<FailureClass, { mtbfHours: number; mttrHours?: number; mttrNoSparesHours?: number }>>): RateOverrides {
  return Object.fromEntries(FAILURE_CLASSES.map((c) => [c, figures[c] ?? { fit: 0 }]));
}

describe('outage union', () => {
  it('counts overlapping outages once and gives the overlap to the outage that began first', () => {
    const perCause = new Float64Array(3);
    const total = attributeOutages(
      [
        { startMs: 100, endMs: 200, cause: 1 },
        { startMs: 0, endMs: 150, cause: 0 },
        { startMs: 300, endMs: 310, cause: 2 },
        { startMs: 120, endMs: 130, cause: 2 },
      ],
      perCause,
    );
    expect(total).toBe(210);
    expect([...perCause]).toEqual([150, 50, 10]);
  });
});

describe('degraded starts', () => {
  it('are starts the simulator accepts, for every mix of held components', () => {
    const holds: Hold[][] = [
      [{ kind: 'host', unit: 'R0', untilMs: 1 }],
      [
        { kind: 'host', unit: 'R1', untilMs: 1 },
        { kind: 'esp', unit: 'F0', untilMs: 1 },
      ],
      [
        { kind: 'esp', unit: 'F0', untilMs: 1 },
        { kind: 'esp', unit: 'F1', untilMs: 1 },
        { kind: 'psu', unit: 'P1', untilMs: 1 },
      ],
      [{ kind: 'sync', unit: 'router', untilMs: 1 }],
      [
        { kind: 'sync', unit: 'router', untilMs: 1 },
        { kind: 'host', unit: 'R0', untilMs: 1 },
      ],
    ];
    for (const h of holds) {
      const d = degradedStart(healthyStart('ASR1006', 'sso', '17.3.4a'), h);
      expect(d, JSON.stringify(h)).not.toBeNull();
      expect(startProblems('ASR1006', 'sso', d!.start), JSON.stringify(h)).toEqual([]);
    }
    const single = degradedStart(healthyStart('ASR1002-X', 'sso', '17.3.4a'), [{ kind: 'sync', unit: 'router', untilMs: 1 }]);
    expect(startProblems('ASR1002-X', 'sso', single!.start)).toEqual([]);
    expect(single!.start.instances[1]).toMatchObject({ rfState: 'STANDBY COLD', configSyncFailure: true });
  });

  it('are null when the router is down as a whole: no supply ok, or no RP left', () => {
    const healthy = healthyStart('ASR1006', 'sso', '17.3.4a');
    expect(
      degradedStart(healthy, [
        { kind: 'psu', unit: 'P0', untilMs: 1 },
        { kind: 'psu', unit: 'P1', untilMs: 1 },
      ]),
    ).toBeNull();
    expect(
      degradedStart(healthy, [
        { kind: 'host', unit: 'R0', untilMs: 1 },
        { kind: 'host', unit: 'R1', untilMs: 1 },
      ]),
    ).toBeNull();
  });
});

describe('failure draw', () => {
  it('has a unit per installed component, and a second ESP leaves the draws of the others unchanged', () => {
    const rates = resolveRates('ASR1006', {});
    const one = componentsOf({ ...ASR1006, hardware: { esps: 1 } }, rates);
    const two = componentsOf(ASR1006, rates);
    expect(one.filter((c) => c.cls === 'esp-hardware').map((c) => c.unit)).toEqual(['F0']);
    expect(two.filter((c) => c.cls === 'esp-hardware').map((c) => c.unit)).toEqual(['F0', 'F1']);
    expect(two.filter((c) => c.cls === 'iosd-crash').map((c) => c.unit)).toEqual(['R0/0', 'R1/0']);
    expect(two.find((c) => c.cls === 'esp-hardware')?.windowed).toBe(true);
    // An integrated ESP's failure reloads the chassis (domain §8.8): no repair window, nothing held.
    const fixed = componentsOf({ hostname: 'e', model: 'ASR1002-X', redundancy: 'sso', version: '17.3.4a' }, resolveRates('ASR1002-X', {}));
    expect(fixed.find((c) => c.cls === 'esp-hardware')?.windowed).toBe(false);
    expect(fixed.find((c) => c.cls === 'rp-hardware')?.windowed).toBe(true);
    const key = (cs: typeof one) => (e: { component: number; atMs: number }) => `${cs[e.component]?.cls}@${cs[e.component]?.unit}@${e.atMs}`;
    const a = drawFailures(one, rates, false, 10 * YEAR_MS, 5).map(key(one));
    const b = drawFailures(two, rates, false, 10 * YEAR_MS, 5)
      .map(key(two))
      .filter((k) => !k.startsWith('esp-hardware@F1'));
    expect(a.length).toBeGreaterThan(5);
    expect(b).toEqual(a);
  });
});

describe('trial engine', () => {
  it('a second RP failing while the first awaits replacement is a full outage until an RP returns', () => {
    // RPs fail often and take long to replace, so overlaps are frequent; nothing else fails.
    const rates = { request: onlyClasses({ 'rp-hardware': { mtbfHours: 2000, mttrNoSparesHours: 400 } }) };
    const f = forecastRouter(ASR1006, { seed: 3, trials: 200, rates, timing: {} });
    expect(f.errors).toBe(0);
    const u = 400 / 2400;
    const bothDown = u * u * 365 * 86_400;
    const mean = f.controlPlaneS.reduce((s, x) => s + x, 0) / f.controlPlaneS.length;
    // The overlap (both RPs missing, ≈ u² of the year) dominates; the switchovers add milliseconds.
    expect(mean).toBeGreaterThan(0.8 * bothDown);
    expect(mean).toBeLessThan(1.25 * bothDown + 600);
    // Without the second RP, the same failures take the router down for every repair.
    const single = forecastRouter({ ...ASR1006, hardware: { rps: 1 } }, { seed: 3, trials: 200, rates, timing: {} });
    const singleMean = single.controlPlaneS.reduce((s, x) => s + x, 0) / single.controlPlaneS.length;
    expect(singleMean).toBeGreaterThan(0.8 * u * 365 * 86_400);
  });

  it('SSO rides an IOSd crash with no data-plane outage; RPR loses forwarding for minutes', () => {
    const rates = { request: onlyClasses({ 'iosd-crash': { mtbfHours: 2000 } }) };
    const run = (r: ForecastRouter) => forecastRouter(r, { seed: 9, trials: 20, rates, timing: {} });
    const sso = run({ hostname: 'e1', model: 'ASR1002-X', redundancy: 'sso', version: '17.3.4a' });
    const rpr = run({ hostname: 'e1', model: 'ASR1002-X', redundancy: 'rpr', version: '17.3.4a' });
    expect(Math.max(...sso.dataPlaneS)).toBe(0);
    expect(Math.max(...sso.controlPlaneS)).toBeGreaterThan(0);
    // About 4.4 active crashes a year, each a reload of the standby into activity (minutes, domain §3).
    expect(rpr.dataPlaneS.reduce((s, x) => s + x, 0) / rpr.dataPlaneS.length).toBeGreaterThan(4 * 60);
    expect(sso.failuresPerYear[0]).toBeCloseTo(rpr.failuresPerYear[0] as number, 10);
  });

  it('skipping failures known quiet changes no figure, only the work done', () => {
    const router: ForecastRouter = { ...ASR1006, hardware: { esps: 1 } };
    const fast = forecastRouter(router, { seed: 8, trials: 40 });
    const exact = forecastRouter(router, { seed: 8, trials: 40, simulateEveryFailure: true });
    expect(fast.quiet).toBeGreaterThan(0);
    expect(exact.quiet).toBe(0);
    expect(fast.simulations + fast.quiet).toBe(exact.simulations);
    expect([...fast.controlPlaneS]).toEqual([...exact.controlPlaneS]);
    expect([...fast.dataPlaneS]).toEqual([...exact.dataPlaneS]);
    expect([...fast.dataPlaneByCauseS]).toEqual([...exact.dataPlaneByCauseS]);
  });

  it('is deterministic: the same seed gives the same report, another seed another one', () => {
    const routers: ForecastRouter[] = [ASR1006, { hostname: 'e1', model: 'ASR1002', redundancy: 'rpr', version: '3.16.10S' }];
    const a = JSON.stringify(forecastFleet(routers, { seed: 4, trials: 30 }, { redundancy: 'sso' }));
    const b = JSON.stringify(forecastFleet([...routers].reverse(), { seed: 4, trials: 30 }, { redundancy: 'sso' }));
    expect(b).toBe(a);
    expect(JSON.stringify(forecastFleet(routers, { seed: 5, trials: 30 }, { redundancy: 'sso' }))).not.toBe(a);
  });
});
