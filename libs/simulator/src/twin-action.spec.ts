import { initialRouterState, RF, type ChassisModel, type RedundancyMode, type RouterTwinState } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { playTwinAction, simulateRouter, type ActionPhase, type TwinRouterInput } from './index.js';
import { action, drawBounds, expectWithin, router, scenario } from './scenario.spec-support.js';

const DAY = 24 * 3_600_000;

function stored(model: ChassisModel, mode: RedundancyMode = 'sso', edit: (s: RouterTwinState) => RouterTwinState = (s) => s): TwinRouterInput {
  return {
    hostname: 'edge-1',
    state: edit(initialRouterState({ model, redundancyMode: mode, softwareVersion: '17.3.4a' })),
    operatingMode: null,
    counters: { switchovers: 3, standbyFailures: 1, lastSwitchoverReason: 'active unit failed' },
  };
}

function withPeer(rfState: RouterTwinState['instances'][number]['rfState'], softwareVersion?: string) {
  return (s: RouterTwinState): RouterTwinState => ({
    ...s,
    instances: s.instances.map((i, k) => (k === 1 ? { ...i, rfState, softwareVersion: softwareVersion ?? i.softwareVersion } : i)),
  });
}

const rfOf = (phase: ActionPhase, name: string) => phase.snapshot.instances.find((i) => i.name === name)?.rfStateName;
const last = (phases: readonly ActionPhase[]) => phases[phases.length - 1] as ActionPhase;

describe('playTwinAction(force-switchover)', () => {
  const cases = (['ASR1002-X', 'ASR1006', 'ASR1001-X', 'ASR1013'] as const).flatMap((model) =>
    (['sso', 'rpr', 'none'] as const).flatMap((mode) => [1, 42].map((seed) => [model, mode, seed] as const)),
  );
  it.each(cases)('on a healthy stored %s (%s, seed %d) is exactly the scenario run of that router', (model, mode, seed) => {
    const played = playTwinAction(stored(model, mode), 'force-switchover', { seed });
    const sc = scenario({ horizonMs: DAY, steps: [action(0, 'force-switchover')] });
    const run = simulateRouter(sc, router('edge-1', model, mode), { seed });
    expect(played.timeline).toEqual(run.timeline);
    expect(played.phases.flatMap((p) => p.timeline)).toEqual(played.refused === null ? run.timeline : []);
  });

  it('is refused in simplex with the IOS-XE reason, and nothing happens', () => {
    const out = playTwinAction(stored('ASR1002-X', 'none'), 'force-switchover', { seed: 1 });
    expect(out.refused).toBe('Manual Swact = disabled (system is simplex (no peer unit))');
    expect(out.phases).toEqual([]);
  });

  it('is refused when the peer is not STANDBY COLD or STANDBY HOT, or when no unit is active', () => {
    const negotiating = playTwinAction(stored('ASR1004', 'sso', withPeer(RF.NEGOTIATION)), 'force-switchover', { seed: 1 });
    expect(negotiating.refused).toBe(
      'Manual Swact = disabled (peer unit not yet in terminal standby state): peer R0/1 is NEGOTIATION, the terminal standby state is STANDBY HOT',
    );
    // Domain §8.3: under SSO, STANDBY COLD is not the terminal standby state; the refusal changes nothing.
    const cold = playTwinAction(stored('ASR1006', 'sso', withPeer(RF.STANDBY_COLD_BULK)), 'force-switchover', { seed: 1 });
    expect(cold.refused).toMatch(/^Manual Swact = disabled \(peer unit not yet in terminal standby state\): peer R1\/0 is STANDBY COLD-BULK/);
    expect(cold.phases).toEqual([]);
    const noActive = stored('ASR1006', 'sso', (s) => ({ ...s, instances: s.instances.map((i) => ({ ...i, rfState: RF.STANDBY_HOT })) }));
    expect(playTwinAction(noActive, 'force-switchover', { seed: 1 }).refused).toBe('no active unit');
  });

  it('on a dual-IOSd ASR1002-X: SSO at once, ESP forwarding throughout, the old IOS VM restarts and comes back HOT', () => {
    const out = playTwinAction(stored('ASR1002-X'), 'force-switchover', { seed: 7 });
    expect(out.refused).toBeNull();
    const [first] = out.phases as [ActionPhase];
    expect(first.tMs).toBe(0);
    expect([rfOf(first, 'R0/0'), rfOf(first, 'R0/1')]).toEqual(['DISABLED', 'ACTIVE-FAST']);
    expect(first.snapshot.state.instances[0]?.domainState).toBe('SHUTOFF');
    expect(first.snapshot.counters).toMatchObject({ switchovers: 4, lastSwitchoverReason: 'user forced', standbyFailures: 1 });
    const active = out.phases.find((p) => rfOf(p, 'R0/1') === 'ACTIVE') as ActionPhase;
    expect(active.tMs).toBeLessThan(50);
    expect(out.phases.every((p) => p.snapshot.state.esps[0]?.forwarding === true)).toBe(true);
    const end = last(out.phases);
    expect([rfOf(end, 'R0/0'), rfOf(end, 'R0/1')]).toEqual(['STANDBY HOT', 'ACTIVE']);
    expect(end.snapshot.state.hosts.map((h) => h.state)).toEqual(['up']);
    expectWithin(end.tMs, drawBounds('ASR1002-X', ['iosdRestart', 'iosBoot', 'bulkSync']));
  });

  it('on a dual-RP ASR1006: the old active RP reboots, then its IOS comes back through the standby progression', () => {
    const out = playTwinAction(stored('ASR1006'), 'force-switchover', { seed: 7 });
    const [first] = out.phases as [ActionPhase];
    expect(first.snapshot.state.hosts.map((h) => [h.slot, h.state, h.hypervisor.state])).toEqual([
      ['R0', 'rebooting', 'restarting'],
      ['R1', 'up', 'running'],
    ]);
    expect(out.phases.map((p) => rfOf(p, 'R0/0')).filter((rf, k, all) => rf !== all[k - 1])).toEqual([
      'DISABLED',
      'INITIALIZATION',
      'NEGOTIATION',
      'STANDBY COLD',
      'STANDBY COLD-CONFIG',
      'STANDBY COLD-FILESYS',
      'STANDBY COLD-BULK',
      'STANDBY HOT',
    ]);
    expect(out.phases.every((p) => p.snapshot.state.esps[0]?.forwarding === true)).toBe(true);
    expectWithin(last(out.phases).tMs, drawBounds('ASR1006', ['rpBoot', 'iosBoot', 'bulkSync']));
  });

  it('starts from the stored state: peers on different images switch over without SSO and reset the data plane', () => {
    const out = playTwinAction(stored('ASR1004', 'sso', withPeer(RF.STANDBY_HOT, '17.6.1')), 'force-switchover', { seed: 3 });
    expect(out.timeline.some((e) => e.event === 'switchover (non-sso, data plane reset): user forced')).toBe(true);
    expect(out.phases[0]?.snapshot.state.esps[0]).toMatchObject({ state: 'init', forwarding: false });
    expect(last(out.phases).snapshot.state.esps[0]?.forwarding).toBe(true);
  });

  it('under RPR: non-SSO switchover, and the old active rejoins only as far as STANDBY COLD', () => {
    const out = playTwinAction(stored('ASR1002-X', 'rpr'), 'force-switchover', { seed: 5 });
    const end = last(out.phases);
    expect([rfOf(end, 'R0/0'), rfOf(end, 'R0/1')]).toEqual(['STANDBY COLD', 'ACTIVE']);
    expectWithin(out.phases.find((p) => rfOf(p, 'R0/1') === 'ACTIVE')?.tMs ?? null, drawBounds('ASR1002-X', ['rprSwitchover']));
  });

  it('takes the reported operating mode over the configured one', () => {
    const rprInEffect = { ...stored('ASR1002-X', 'sso', withPeer(RF.STANDBY_COLD)), operatingMode: 'rpr' as const };
    const end = last(playTwinAction(rprInEffect, 'force-switchover', { seed: 5 }).phases);
    expect(rfOf(end, 'R0/0')).toBe('STANDBY COLD');
    const simplexInEffect = { ...stored('ASR1002-X'), operatingMode: 'none' as const };
    expect(playTwinAction(simplexInEffect, 'force-switchover', { seed: 5 }).refused).toMatch(/^Manual Swact = disabled/);
  });
});
