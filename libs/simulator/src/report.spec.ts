import { describe, expect, it } from 'vitest';
import { evaluateExpectations, runScenario } from './index.js';
import type { RouterMetrics } from './index.js';
import { fault, MIN, router, scenario, SEC } from './scenario.spec-support.js';

const crash = scenario({
  name: 'iosd-crash-hot-standby',
  seed: 42,
  horizonMs: 30 * MIN,
  routers: [router('edge-1', 'ASR1002-X'), router('edge-2', 'ASR1004', 'none')],
  steps: [fault(60 * SEC, 'iosd-crash')],
  expect: [
    { kind: 'metric', metric: 'dataPlaneOutage', max: 0 },
    { kind: 'metric', metric: 'redundancyRestored', max: 10 * MIN },
    { kind: 'invariant', invariant: 'single-active' },
  ],
});

describe('run report (DESIGN.md "Results")', () => {
  const report = runScenario(crash);

  it('has exactly the contract keys in a fixed order', () => {
    const parsed = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['scenario', 'seed', 'verdict', 'routers', 'expectations', 'timeline']);
    const r = report.routers[0];
    expect(Object.keys(r ?? {})).toEqual(['hostname', 'model', 'verdict', 'start', 'metrics', 'final']);
    expect(Object.keys(r?.metrics ?? {})).toEqual([
      'controlPlaneOutageMs',
      'dataPlaneOutageMs',
      'redundancyRestoredMs',
      'switchovers',
      'dualActiveMs',
      'protocolRecoveryMs',
    ]);
    expect(Object.keys(r?.final.instances[0] ?? {})).toEqual(['name', 'role', 'rfState', 'domainState', 'softwareVersion']);
    expect(Object.keys(report.expectations[0] ?? {})).toEqual(['router', 'expect', 'verdict', 'observed', 'limit']);
    expect(Object.keys(report.timeline[0] ?? {})).toEqual(['tMs', 'router', 'component', 'event', 'from', 'to']);
  });

  it('runs the embedded routers and judges each: hot standby passes, simplex fails', () => {
    expect(report.scenario).toBe('iosd-crash-hot-standby');
    expect(report.seed).toBe(42);
    expect(report.routers.map((r) => [r.hostname, r.verdict])).toEqual([
      ['edge-1', 'pass'],
      ['edge-2', 'fail'],
    ]);
    expect(report.verdict).toBe('fail');
    const simplex = report.expectations.filter((e) => e.router === 'edge-2');
    expect(simplex.map((e) => [e.expect, e.verdict])).toEqual([
      ['dataPlaneOutage', 'fail'],
      ['redundancyRestored', 'fail'],
      ['single-active', 'pass'],
    ]);
    expect(simplex[1]).toMatchObject({ observed: null, limit: { min: null, max: 10 * MIN } });
    expect(simplex[2]).toMatchObject({ observed: 0, limit: { min: null, max: 0 } });
  });

  it('merges the routers’ timelines in time order', () => {
    const times = report.timeline.map((e) => e.tMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(report.timeline.map((e) => e.router))).toEqual(new Set(['edge-1', 'edge-2']));
  });

  it('omits the timeline on request and is "error" with no router to run', () => {
    expect(runScenario(crash, undefined, { timeline: false }).timeline).toEqual([]);
    expect(runScenario(crash, []).verdict).toBe('error');
  });
});

describe('evaluateExpectations', () => {
  const metrics: RouterMetrics = {
    controlPlaneOutageMs: 40,
    dataPlaneOutageMs: 0,
    redundancyRestoredMs: null,
    switchovers: 2,
    dualActiveMs: 0,
    protocolRecoveryMs: 0,
  };

  it('uses inclusive bounds and fails a bounded metric that has no value', () => {
    const out = evaluateExpectations('r', metrics, [
      { kind: 'metric', metric: 'controlPlaneOutage', max: 40 },
      { kind: 'metric', metric: 'controlPlaneOutage', max: 39 },
      { kind: 'metric', metric: 'switchovers', min: 2, max: 2 },
      { kind: 'metric', metric: 'switchovers', min: 3 },
      { kind: 'metric', metric: 'redundancyRestored', max: 600_000 },
      { kind: 'metric', metric: 'redundancyRestored' },
    ]);
    expect(out.map((e) => e.verdict)).toEqual(['pass', 'fail', 'pass', 'fail', 'fail', 'pass']);
  });

  it('checks single-active on dualActiveMs and marks everything error for an errored router', () => {
    expect(evaluateExpectations('r', { ...metrics, dualActiveMs: 5 }, [{ kind: 'invariant', invariant: 'single-active' }])[0]?.verdict).toBe('fail');
    const errored = evaluateExpectations('r', metrics, [{ kind: 'metric', metric: 'switchovers', max: 1 }], true);
    expect(errored[0]).toMatchObject({ verdict: 'error', observed: null });
  });
});

describe('redundancyRestoredMs clock', () => {
  it('is 0 for a protected router and null for one that is never redundant when nothing happens', () => {
    for (const steps of [[], [fault(2 * MIN, 'iosd-crash')]]) {
      // No step, or a step beyond the horizon: the router stays as it started.
      const sc = scenario({ horizonMs: MIN, steps });
      const report = runScenario(sc, [router('sso', 'ASR1004'), router('rpr', 'ASR1004', 'rpr'), router('none', 'ASR1004', 'none')]);
      expect(report.routers.map((r) => r.metrics.redundancyRestoredMs)).toEqual([0, null, null]);
    }
  });
});
