import { initialRouterState, RF, routerHealth, SwitchoverRefusedError, type ChassisModel, type RedundancyMode } from '@asr-twin/domain';
import type { RouterDetail } from '@asr-twin/persistence';
import { describe, expect, it } from 'vitest';
import { IMMEDIATE_WINDOW_MS, planForceSwitchover } from './switchover-plan.js';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');

function router(model: ChassisModel, mode: RedundancyMode = 'sso'): RouterDetail {
  const state = initialRouterState({ model, redundancyMode: mode, softwareVersion: '17.3.4a' });
  return {
    id: '00000000-0000-4000-8000-000000000001',
    fleetId: '00000000-0000-4000-8000-000000000002',
    hostname: 'edge-9',
    model,
    serial: 'S1',
    softwareVersion: '17.3.4a',
    redundancyMode: mode,
    health: routerHealth(state),
    labels: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    observedAt: null,
    observedCommand: null,
    state,
    redundancy: {
      switchovers: 2,
      standbyFailures: 0,
      lastSwitchoverReason: 'active unit failed',
      operatingMode: null,
      bootedAt: '2026-01-01T00:00:00.000Z',
      stateSince: {},
    },
    stateVersion: 4,
  };
}

const rf = (r: { state: RouterDetail['state'] }, name: string) => r.state.instances.find((i) => i.name === name)?.rfState;

describe('planForceSwitchover', () => {
  it('writes the whole sub-second takeover at once: the peer ACTIVE, the old active DISABLED, counters moved', () => {
    const plan = planForceSwitchover(router('ASR1002-X'), NOW, 1);
    const next = plan.immediate.next;
    expect([rf(next, 'R0/0'), rf(next, 'R0/1')]).toEqual([RF.DISABLED, RF.ACTIVE]);
    expect(next.redundancy).toMatchObject({ switchovers: 3, lastSwitchoverReason: 'user forced' });
    expect(next.health).toBe('degraded');
    expect(plan.switchover).toEqual({ from: 'R0/0', to: 'R0/1', stateful: true });
    expect(plan.immediate.changes.map((c) => `${c.entity} ${c.key} ${c.field}`)).toEqual([
      'router edge-9 health',
      'router edge-9 switchovers',
      'router edge-9 lastSwitchoverReason',
      'instance R0/0 rfState',
      'instance R0/0 domainState',
      'instance R0/0 stateSince',
      'instance R0/1 rfState',
      'instance R0/1 stateSince',
    ]);
    expect(plan.steps.every((s) => s.afterMs > IMMEDIATE_WINDOW_MS && s.changes.length > 0)).toBe(true);
  });

  it('dates each later step by its simulated time times the scale, and the instance it changes from then on', () => {
    for (const scale of [1, 0.01, 0]) {
      const plan = planForceSwitchover(router('ASR1006'), NOW, scale);
      for (const s of plan.steps) expect(Date.parse(s.dueAt)).toBe(NOW + Math.round(s.afterMs * scale));
      const last = plan.steps[plan.steps.length - 1]!;
      expect(last.next.redundancy.stateSince['R0/0']).toBe(last.dueAt);
      expect(last.summary).toBe('R0/0 STANDBY HOT; health degraded → protected');
    }
  });

  it('is the same plan for the same stored state, and another one once the state version moved', () => {
    const a = planForceSwitchover(router('ASR1004'), NOW, 1);
    expect(planForceSwitchover(router('ASR1004'), NOW, 1)).toEqual(a);
    const moved = planForceSwitchover({ ...router('ASR1004'), stateVersion: 5 }, NOW, 1);
    expect(moved.steps.map((s) => s.afterMs)).not.toEqual(a.steps.map((s) => s.afterMs));
  });

  it('refuses in simplex with the IOS-XE reason', () => {
    expect(() => planForceSwitchover(router('ASR1002-X', 'none'), NOW, 1)).toThrow(SwitchoverRefusedError);
    expect(() => planForceSwitchover(router('ASR1002-X', 'none'), NOW, 1)).toThrow(
      'edge-9 refused the switchover: Manual Swact = disabled (system is simplex (no peer unit))',
    );
  });

  it('under RPR: the data plane stops at once and the peer is ACTIVE only after the RPR switchover', () => {
    const plan = planForceSwitchover(router('ASR1002-X', 'rpr'), NOW, 1);
    expect(plan.switchover.stateful).toBe(false);
    expect(plan.immediate.next.health).toBe('down');
    expect(plan.immediate.next.state.esps[0]).toMatchObject({ state: 'init', forwarding: false });
    const end = plan.steps[plan.steps.length - 1]!.next;
    expect([rf(end, 'R0/0'), rf(end, 'R0/1'), end.health]).toEqual([RF.STANDBY_COLD, RF.ACTIVE, 'degraded']);
  });
});
