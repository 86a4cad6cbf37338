import { assertSingleActive, holdsActivity } from '@asr-twin/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, finish, snapshotRouter, step } from './index.js';
import { runArbitrary } from './scenario.spec-support.js';

describe('invariants over random fault and action sequences (fast-check)', () => {
  it('never has two ACTIVE instances, never moves time backwards, never throws', () => {
    fc.assert(
      fc.property(runArbitrary(), ({ scenario, router, seed }) => {
        const state = createSimulation(scenario, router, { seed, timeline: true });
        expect(state.error).toBeNull();
        let now = state.now;
        let lastEntry = 0;
        const wasHung: (number | undefined)[] = [undefined, undefined];
        for (let guard = 0; guard < 100_000; guard++) {
          const { effects, done } = step(state);
          if (done) break;
          expect(state.now).toBeGreaterThanOrEqual(now);
          now = state.now;
          for (const e of effects) {
            expect(e.tMs).toBe(now);
            expect(e.tMs).toBeGreaterThanOrEqual(lastEntry);
            lastEntry = e.tMs;
          }
          const snap = snapshotRouter(state);
          assertSingleActive(snap.state);
          expect(snap.state.instances.filter((i) => holdsActivity(i.rfState)).length).toBeLessThanOrEqual(1);
          snap.instances.forEach((inst, k) => {
            // A dead guest, or a guest whose host is not up, holds no RF state.
            const host = snap.state.hosts.find((h) => h.slot === snap.state.instances[k]?.host);
            if (inst.domainState !== 'RUNNING' || host?.state !== 'up') expect(inst.rfStateName).toBe('DISABLED');
            // A hung unit does nothing: its RF state only changes when it is reset (to DISABLED).
            if (wasHung[k] !== undefined && inst.hung) expect(inst.rfState).toBe(wasHung[k]);
            wasHung[k] = inst.hung ? inst.rfState : undefined;
          });
          for (const esp of snap.state.esps) if (esp.forwarding) expect(esp.state).toBe('ok');
        }
        const run = finish(state);
        const m = run.result.metrics;
        expect(m.dualActiveMs).toBe(0);
        expect(m.controlPlaneOutageMs).toBeLessThanOrEqual(scenario.spec.horizonMs);
        expect(m.dataPlaneOutageMs).toBeLessThanOrEqual(scenario.spec.horizonMs);
        if (m.redundancyRestoredMs !== null) expect(m.redundancyRestoredMs).toBeLessThanOrEqual(scenario.spec.horizonMs);
      }),
      { numRuns: 300 },
    );
  });
});
