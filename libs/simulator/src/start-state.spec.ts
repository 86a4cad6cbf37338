import { CHASSIS_MODELS, healthyStart, REDUNDANCY_MODES, type RouterStart, type ScenarioRouter } from '@asr-twin/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, createSimulation, finish, runScenario, simulateRouter } from './index.js';
import { fault, MIN, router, scenario, SEC, SEEDS, startArbitrary, target } from './scenario.spec-support.js';

/** Runs from a starting state (DESIGN.md "The twin of the real fleet": runs start from the stored state). */

const crash = scenario({ horizonMs: 30 * MIN, steps: [fault(60 * SEC, 'iosd-crash', target.active)] });

function withStart(r: ScenarioRouter, edit: (s: RouterStart) => RouterStart): ScenarioRouter {
  return { ...r, start: edit(healthyStart(r.model, r.redundancy, r.version)) };
}

describe('starting state', () => {
  it('the healthy start, declared, gives the same run byte for byte as no start (every model and mode)', () => {
    for (const model of CHASSIS_MODELS) {
      for (const mode of REDUNDANCY_MODES) {
        const plain = router('r1', model, mode);
        for (const seed of SEEDS) {
          const declared = simulateRouter(
            crash,
            withStart(plain, (s) => s),
            { seed },
          );
          expect(JSON.stringify(declared), `${model} ${mode}`).toBe(JSON.stringify(simulateRouter(crash, plain, { seed })));
        }
      }
    }
  });

  it('the report carries the start; a healthy router reports its healthy start', () => {
    const report = runScenario(crash, [router('r1', 'ASR1006')], { seed: 1 });
    expect(report.routers[0]?.start).toEqual(healthyStart('ASR1006', 'sso', '17.3.4a'));
  });

  it('a standby held in STANDBY COLD-BULK turns an active IOSd crash into a non-SSO switchover (§2.4)', () => {
    const healthy = simulateRouter(crash, router('ok', 'ASR1002-X'));
    const cold = simulateRouter(
      crash,
      withStart(router('cold', 'ASR1002-X'), (s) => ({ ...s, instances: s.instances.map((i, k) => (k === 1 ? { ...i, rfState: 'STANDBY COLD-BULK' } : i)) })),
    );
    expect(healthy.result.metrics.dataPlaneOutageMs).toBe(0);
    expect(cold.result.metrics.dataPlaneOutageMs).toBeGreaterThan(60 * SEC);
    expect(cold.result.metrics.controlPlaneOutageMs).toBeGreaterThan(60 * SEC);
    expect(cold.result.start?.instances[1]?.rfState).toBe('STANDBY COLD-BULK');
  });

  it('without any step, a standby held below STANDBY HOT stays there: redundancy is never restored', () => {
    const idle = scenario({ horizonMs: 30 * MIN });
    const cold = simulateRouter(
      idle,
      withStart(router('cold', 'ASR1006'), (s) => ({ ...s, instances: s.instances.map((i, k) => (k === 1 ? { ...i, rfState: 'STANDBY COLD' } : i)) })),
    );
    expect(cold.result.metrics.redundancyRestoredMs).toBeNull();
    expect(cold.result.final.instances[1]?.rfState).toBe('STANDBY COLD');
    expect(simulateRouter(idle, router('ok', 'ASR1006')).result.metrics.redundancyRestoredMs).toBe(0);
  });

  it('a router operating in RPR although configured for SSO switches over without SSO', () => {
    const rpr = simulateRouter(
      crash,
      withStart(router('rpr', 'ASR1006'), (s) => ({
        ...s,
        operatingMode: 'rpr',
        instances: s.instances.map((i, k) => (k === 1 ? { ...i, rfState: 'STANDBY COLD' } : i)),
      })),
    );
    expect(rpr.result.start?.operatingMode).toBe('rpr');
    expect(rpr.result.metrics.dataPlaneOutageMs).toBeGreaterThan(60 * SEC);
  });

  it('with one of two ESPs failed, the loss of the other is a data-plane outage; healthy, it is hitless', () => {
    const espLoss = scenario({ horizonMs: 30 * MIN, steps: [fault(60 * SEC, 'esp-failure', target.active)] });
    const oneLeft = withStart(router('one-esp', 'ASR1006'), (s) => ({
      ...s,
      esps: [
        { slot: 'F0', state: 'failed', forwarding: false },
        { slot: 'F1', state: 'ok', forwarding: true },
      ],
    }));
    expect(simulateRouter(espLoss, router('two-esps', 'ASR1006')).result.metrics.dataPlaneOutageMs).toBeLessThan(SEC);
    const run = simulateRouter(espLoss, oneLeft);
    expect(run.result.metrics.dataPlaneOutageMs).toBe(30 * MIN - 60 * SEC);
    expect(simulateRouter(crash, oneLeft).result.metrics.dataPlaneOutageMs).toBe(0);
  });

  it('an RP that is down at the start is a lasting failure: its instance stays down until repaired', () => {
    const idle = scenario({ horizonMs: 30 * MIN });
    const run = simulateRouter(
      idle,
      withStart(router('rp-down', 'ASR1006'), (s) => ({
        ...s,
        hosts: s.hosts.map((h) => (h.slot === 'R1' ? { ...h, state: 'down' } : h)),
        instances: s.instances.map((i) => (i.name === 'R1/0' ? { ...i, rfState: 'DISABLED', domainState: 'SHUTOFF' } : i)),
      })),
    );
    expect(run.result.final.instances[1]?.rfState).toBe('DISABLED');
    expect(run.result.metrics.redundancyRestoredMs).toBeNull();
  });

  it('the switchovers metric counts from the stored RF counters; the report keeps the counters', () => {
    const run = simulateRouter(
      crash,
      withStart(router('counted', 'ASR1002-X'), (s) => ({ ...s, counters: { switchovers: 4, standbyFailures: 1, lastSwitchoverReason: 'user forced' } })),
    );
    expect(run.result.metrics.switchovers).toBe(1);
    expect(run.result.start?.counters).toEqual({ switchovers: 4, standbyFailures: 1, lastSwitchoverReason: 'user forced' });
  });

  it('random possible starts: never two ACTIVE, deterministic, and a save/resume gives the same result (property)', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...CHASSIS_MODELS)
          .chain((model) =>
            fc.constantFrom(...REDUNDANCY_MODES).chain((mode) => startArbitrary(model, mode).map((start) => ({ ...router('p', model, mode), start }))),
          ),
        fc.integer(),
        (r, seed) => {
          const once = simulateRouter(crash, r, { seed });
          expect(once.result.metrics.dualActiveMs).toBe(0);
          expect(JSON.stringify(simulateRouter(crash, r, { seed }))).toBe(JSON.stringify(once));
          const saved = JSON.parse(JSON.stringify(advance(createSimulation(crash, r, { seed }), 90 * SEC)));
          expect(JSON.stringify(finish(saved))).toBe(JSON.stringify(once));
        },
      ),
      { numRuns: 300 },
    );
  });
});
