import { FAULTS, ACTIONS, type ChassisModel } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { runScenario, simulateRouter } from './index.js';
import { action, drawBounds, expectWithin, fault, issu, MIN, router, scenario, SEC, target } from './scenario.spec-support.js';

const T0 = 60 * SEC;
const H = 30 * MIN;

describe('reload', () => {
  it('of the router is a full outage of one chassis reload (no redundancy helps)', () => {
    const sc = scenario({ horizonMs: H, steps: [action(T0, 'reload')] });
    const m = simulateRouter(sc, router('core', 'ASR1009-X'), { seed: 1 }).result.metrics;
    expectWithin(m.dataPlaneOutageMs, drawBounds('ASR1009-X', ['chassisReload']));
    expect(m.controlPlaneOutageMs).toBe(m.dataPlaneOutageMs);
    expect(m.switchovers).toBe(0);
  });

  it('of the standby costs nothing but redundancy (dual IOSd: IOS restart; dual RP: RP reboot)', () => {
    const sc = scenario({ horizonMs: H, steps: [action(T0, 'reload', target.standby)] });
    const single = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 1 }).result.metrics;
    expect([single.controlPlaneOutageMs, single.dataPlaneOutageMs, single.switchovers]).toEqual([0, 0, 0]);
    expectWithin(single.redundancyRestoredMs, drawBounds('ASR1004', ['iosdRestart', 'iosBoot', 'bulkSync']));
    const dual = simulateRouter(sc, router('core', 'ASR1006'), { seed: 1 }).result.metrics;
    expectWithin(dual.redundancyRestoredMs, drawBounds('ASR1006', ['rpBoot', 'iosBoot', 'bulkSync']));
  });

  it('of the active instance hands activity to the hot standby ("user initiated")', () => {
    const sc = scenario({ horizonMs: H, steps: [action(T0, 'reload', target.instance('R0/0'))] });
    const run = simulateRouter(sc, router('edge', 'ASR1002-X'), { seed: 1 });
    expect(run.result.metrics).toMatchObject({ dataPlaneOutageMs: 0, switchovers: 1 });
    expect(run.timeline.some((e) => e.event === 'switchover (sso): user initiated')).toBe(true);
  });
});

describe('repair', () => {
  it('records "nothing to repair" when the target has no lasting fault', () => {
    const sc = scenario({ horizonMs: H, steps: [action(T0, 'repair')] });
    const run = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 1 });
    expect(run.timeline).toEqual([{ tMs: T0, router: 'edge', component: 'router', event: 'action:repair', from: null, to: 'skipped: nothing to repair' }]);
  });

  it('of the router clears every lasting fault at once', () => {
    const steps = [fault(T0, 'ipc-loss'), fault(T0, 'config-sync-failure'), fault(T0, 'esp-failure', target.esp('F1')), action(10 * MIN, 'repair')];
    const sc = scenario({ horizonMs: 40 * MIN, steps });
    const run = simulateRouter(sc, router('core', 'ASR1006'), { seed: 1 });
    expect(run.result.final.instances.map((i) => i.rfState)).toEqual(['ACTIVE', 'STANDBY HOT']);
    expect(run.result.metrics.redundancyRestoredMs).not.toBeNull();
  });
});

describe('targets resolved at fire time and targets absent on the chassis', () => {
  it('skips a step whose role resolves to nobody right now, with the reason on the timeline', () => {
    const sc = scenario({ horizonMs: H, steps: [action(T0, 'reload'), fault(T0 + SEC, 'iosd-crash', target.active)] });
    const run = simulateRouter(sc, router('edge', 'ASR1004'), { seed: 1 });
    expect(run.timeline.find((e) => e.event === 'fault:iosd-crash')?.to).toBe('skipped: target does not resolve now (no unit holds that role)');
  });

  const absent: [string, ChassisModel, ReturnType<typeof fault>, RegExp][] = [
    ['host R1 on a single-RP chassis', 'ASR1002', fault(T0, 'host-kernel-panic', target.host('R1')), /RP\/host R1 does not exist on an ASR1002/],
    ['ESP F1 on a single-ESP chassis', 'ASR1004', fault(T0, 'esp-failure', target.esp('F1')), /ESP F1 does not exist on an ASR1004/],
    ['a standby ESP on an ASR1001', 'ASR1001', fault(T0, 'esp-failure', target.standby), /has no standby ESP/],
    ['instance R1/0 on a dual-IOSd chassis', 'ASR1002-X', fault(T0, 'vm-crash', target.instance('R1/0')), /instance R1\/0 does not exist/],
    ['instance R0/1 on a dual-RP chassis', 'ASR1013', action(T0, 'reload', target.instance('R0/1')), /instance R0\/1 does not exist/],
  ];

  it.each(absent)('%s: the router gets verdict "error" with a clear message, no throw', (_name, model, step, message) => {
    const sc = scenario({ horizonMs: H, steps: [step], expect: [{ kind: 'metric', metric: 'dataPlaneOutage', max: 0 }] });
    const report = runScenario(sc, [router('x', model)], { seed: 1 });
    expect(report.verdict).toBe('error');
    expect(report.routers[0]?.verdict).toBe('error');
    expect(report.routers[0]?.error).toMatch(message);
    expect(report.routers[0]?.error).toMatch(/^step 1 \(/);
    expect(report.expectations[0]).toMatchObject({ verdict: 'error', observed: null });
  });

  it('reports a bad timing override or a step target kind the catalogue forbids as an error too', () => {
    const badKey = scenario({ timing: { standbyBootToWarm: 1000 } });
    expect(simulateRouter(badKey, router('x', 'ASR1004')).result.error).toMatch(/unknown timing key "standbyBootToWarm"/);
    const badKind = scenario({ steps: [fault(T0, 'power-loss', target.active)] });
    expect(simulateRouter(badKind, router('x', 'ASR1004')).result.error).toMatch(/target "active" not allowed/);
    const badModel = simulateRouter(scenario(), { hostname: 'x', model: 'ASR9000' as ChassisModel, redundancy: 'sso', version: '1' });
    expect(badModel.result).toMatchObject({ verdict: 'error', error: 'unknown chassis model "ASR9000"' });
  });
});

describe('the whole catalogue on every chassis model', () => {
  const models: ChassisModel[] = ['ASR1001', 'ASR1001-X', 'ASR1002', 'ASR1002-X', 'ASR1004', 'ASR1006', 'ASR1006-X', 'ASR1009-X', 'ASR1013'];
  it('runs every fault and action with its default target and keeps a single active', () => {
    expect(FAULTS.length + ACTIONS.length).toBe(16);
    const steps = [
      ...FAULTS.map((f, k) => fault(T0 + k * 7 * MIN, f)),
      ...ACTIONS.filter((a) => a !== 'issu').map((a, k) => action(T0 + (k * 7 + 3) * MIN, a)),
      issu(T0 + 30 * MIN, { toVersion: '17.6.1' }),
    ];
    for (const model of models) {
      for (const mode of ['sso', 'rpr', 'none'] as const) {
        const sc = scenario({ horizonMs: 4 * 60 * MIN, steps, expect: [{ kind: 'invariant', invariant: 'single-active' }] });
        const report = runScenario(sc, [router('x', model, mode)], { seed: 13 });
        expect(report.routers[0]?.verdict, `${model} ${mode}`).toBe('pass');
        expect(report.timeline.filter((e) => e.event.startsWith('fault:') || e.event.startsWith('action:'))).toHaveLength(steps.length);
      }
    }
  });
});
