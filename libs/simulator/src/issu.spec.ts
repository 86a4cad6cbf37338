import { describe, expect, it } from 'vitest';
import { routerStateAt, simulateRouter } from './index.js';
import { fault, issu, MIN, router, scenario, SEC, target } from './scenario.spec-support.js';

const T0 = 60 * SEC;
/** Default operator delay between ISSU commands in the spec support (`stepDelayMs`). */
const STEP = 60 * SEC;
const CLASSIC_FROM = '3.16.8S';
const CLASSIC_TO = '3.16.10S';
const FROM = '17.3.4a';
const TO = '17.6.5';

type Run = ReturnType<typeof simulateRouter>;

function issuPath(run: Run): string[] {
  return run.timeline.filter((e) => e.event === 'issu').map((e) => e.to as string);
}

function refusal(run: Run): string | null {
  return run.timeline.find((e) => e.event === 'action:issu')?.to ?? null;
}

function finalVersions(run: Run): string[] {
  return run.result.final.instances.map((i) => i.softwareVersion);
}

describe('§8.7 classic issu command set (3.x; 16.x by choice): loadversion → runversion → acceptversion → commitversion', () => {
  it('§8.7: a 3.x ASR1006 upgrades both RPs with one hitless switchover; the report states both units on the new release', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: CLASSIC_TO })] });
    const r = router('edge', 'ASR1006', 'sso', CLASSIC_FROM);
    const run = simulateRouter(sc, r, { seed: 1 });
    expect(issuPath(run)).toEqual([
      'loadversion',
      'loadversion done',
      'runversion',
      'runversion done',
      'acceptversion (rollback timer stopped)',
      'commitversion',
      'complete',
    ]);
    expect(run.result.metrics).toMatchObject({ dataPlaneOutageMs: 0, switchovers: 1, dualActiveMs: 0 });
    expect(run.result.metrics.controlPlaneOutageMs).toBeLessThan(1000);
    expect(finalVersions(run)).toEqual([CLASSIC_TO, CLASSIC_TO]);
    const end = routerStateAt(sc, r, 90 * MIN, { seed: 1 });
    expect(end.issu).toMatchObject({ method: 'classic', state: 'init', lastOperation: 'commitversion', rollbackRemainingMs: null });
    expect(end.operatingMode).toBe('sso');
  });

  it('§8.7: keeps SSO with mixed versions mid-upgrade; the 45-min rollback timer runs from loadversion', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: CLASSIC_TO })] });
    const r = router('edge', 'ASR1006', 'sso', CLASSIC_FROM);
    const mid = routerStateAt(sc, r, T0 + 4 * MIN, { seed: 1 });
    expect(mid.state.instances.map((i) => i.softwareVersion)).toEqual([CLASSIC_FROM, CLASSIC_TO]);
    expect(mid.operatingMode).toBe('sso');
    expect(mid.issu).toMatchObject({ method: 'classic', state: 'loadVersion', lastOperation: 'loadversion' });
    expect(mid.issu?.rollbackRemainingMs).toBe(45 * MIN - 4 * MIN);
  });

  it('§8.7: a 16.x router may choose the classic set (method: classic)', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: '16.12.5', method: 'classic' })] });
    const run = simulateRouter(sc, router('edge', 'ASR1006', 'sso', '16.9.8'), { seed: 4 });
    expect(issuPath(run)[0]).toBe('loadversion');
    expect(issuPath(run).at(-1)).toBe('complete');
    expect(finalVersions(run)).toEqual(['16.12.5', '16.12.5']);
  });

  it('§8.7: without acceptversion, expiry at 45 min rolls back with a second hitless switchover', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: CLASSIC_TO, accept: false })] });
    const r = router('edge', 'ASR1006', 'sso', CLASSIC_FROM);
    const run = simulateRouter(sc, r, { seed: 2 });
    expect(run.timeline.find((e) => e.to === 'rollback (timer expired)')?.tMs).toBe(T0 + 45 * MIN);
    expect(issuPath(run).at(-1)).toBe('rolled back');
    expect(run.result.metrics).toMatchObject({ dataPlaneOutageMs: 0, switchovers: 2, dualActiveMs: 0 });
    expect(finalVersions(run)).toEqual([CLASSIC_FROM, CLASSIC_FROM]);
    expect(routerStateAt(sc, r, 90 * MIN, { seed: 2 }).issu?.state).toBe('init');
  });

  it('honours a scenario override of issuRollbackTimer', () => {
    const sc = scenario({ horizonMs: 90 * MIN, timing: { issuRollbackTimer: 20 * MIN }, steps: [issu(T0, { toVersion: CLASSIC_TO, accept: false })] });
    const run = simulateRouter(sc, router('edge', 'ASR1006', 'sso', CLASSIC_FROM), { seed: 2 });
    expect(run.timeline.find((e) => e.to === 'rollback (timer expired)')?.tMs).toBe(T0 + 20 * MIN);
  });

  it('§4.2: a crash of the active while the new image loads costs an outage; the upgrade then carries on', () => {
    const sc = scenario({ horizonMs: 120 * MIN, steps: [issu(T0, { toVersion: CLASSIC_TO }), fault(T0 + MIN, 'iosd-crash', target.active)] });
    const run = simulateRouter(sc, router('edge', 'ASR1006', 'sso', CLASSIC_FROM), { seed: 3 });
    expect(run.result.metrics.dataPlaneOutageMs).toBeGreaterThan(0);
    expect(issuPath(run).at(-1)).toBe('complete');
    expect(finalVersions(run)).toEqual([CLASSIC_TO, CLASSIC_TO]);
  });

  it('§4.3, §7 #9: with no standby able to take over at expiry (double fault), the chassis reloads on the old image', () => {
    const steps = [issu(T0, { toVersion: CLASSIC_TO, accept: false }), fault(T0 + 44 * MIN, 'iosd-crash', target.standby)];
    const sc = scenario({ horizonMs: 120 * MIN, steps });
    const r = router('edge', 'ASR1006', 'sso', CLASSIC_FROM);
    const run = simulateRouter(sc, r, { seed: 3 });
    expect(issuPath(run)).toContain('rollback (timer expired)');
    expect(run.timeline.find((e) => e.event === 'chassis-reload')?.to).toBe('ISSU rollback');
    expect(issuPath(run).at(-1)).toBe('rolled back');
    expect(finalVersions(run)).toEqual([CLASSIC_FROM, CLASSIC_FROM]);
    expect(
      routerStateAt(sc, r, 120 * MIN, { seed: 3 })
        .instances.map((i) => i.rfStateName)
        .sort(),
    ).toEqual(['ACTIVE', 'STANDBY HOT']);
  });

  it('§8.7: install mode is refused on 3.x, with the reason', () => {
    const sc = scenario({ horizonMs: 30 * MIN, steps: [issu(T0, { toVersion: CLASSIC_TO, method: 'install' })] });
    const run = simulateRouter(sc, router('edge', 'ASR1006', 'sso', CLASSIC_FROM), { seed: 3 });
    expect(refusal(run)).toBe(
      'refused: install-mode ISSU (install add / activate issu / commit) needs IOS XE 16.x or later; 3.16.8S runs the classic issu command set',
    );
    expect(issuPath(run)).toEqual([]);
  });
});

describe('§8.7 install-mode ISSU (16.x, 17.x): install add → install activate issu → install commit', () => {
  it('§8.7: a 17.x ASR1006 upgrades with one hitless switchover; the report states both units on the new release', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: TO })] });
    const r = router('edge', 'ASR1006', 'sso', FROM);
    const run = simulateRouter(sc, r, { seed: 1 });
    expect(issuPath(run)).toEqual(['install add', 'install activate issu', 'install activate done', 'complete (install commit, auto-abort timer stopped)']);
    expect(run.result.metrics).toMatchObject({ dataPlaneOutageMs: 0, switchovers: 1, dualActiveMs: 0 });
    expect(run.result.metrics.controlPlaneOutageMs).toBeLessThan(1000);
    expect(finalVersions(run)).toEqual([TO, TO]);
    const end = routerStateAt(sc, r, 90 * MIN, { seed: 1 });
    expect(end.issu).toMatchObject({ method: 'install', reloadUpgrade: false, lastOperation: 'install commit', rollbackRemainingMs: null });
  });

  it('§8.7: the 120-min auto-abort timer starts at install activate issu; the old active is reset on the new image', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: TO })] });
    const r = router('edge', 'ASR1006', 'sso', FROM);
    const run = simulateRouter(sc, r, { seed: 1 });
    const activated = run.timeline.find((e) => e.to === 'install activate issu')?.tMs as number;
    expect(activated).toBe(T0 + STEP);
    const mid = routerStateAt(sc, r, activated + 3 * MIN, { seed: 1 });
    expect(mid.issu).toMatchObject({ method: 'install', state: 'loadVersion', lastOperation: 'install activate issu' });
    expect(mid.issu?.rollbackRemainingMs).toBe(120 * MIN - 3 * MIN);
    // Both boot the new image from activation on: whichever unit reloads comes back on it.
    expect(mid.instances.map((i) => i.bootVersion)).toEqual([TO, TO]);
  });

  it('§8.7: 16.x uses install mode unless told otherwise', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: '16.12.5' })] });
    const run = simulateRouter(sc, router('edge', 'ASR1013', 'sso', '16.9.8'), { seed: 5 });
    expect(issuPath(run)[0]).toBe('install add');
    expect(finalVersions(run)).toEqual(['16.12.5', '16.12.5']);
  });

  it('§8.7: without install commit, expiry of the auto-abort timer rolls back, standby first, hitlessly', () => {
    const sc = scenario({ horizonMs: 180 * MIN, steps: [issu(T0, { toVersion: TO, accept: false })] });
    const r = router('edge', 'ASR1006', 'sso', FROM);
    const run = simulateRouter(sc, r, { seed: 2 });
    expect(issuPath(run)).toContain('stranded: no install commit, waiting for the auto-abort timer');
    const expiry = run.timeline.find((e) => e.to === 'rollback (auto-abort timer expired)');
    expect(expiry?.tMs).toBe(T0 + STEP + 120 * MIN);
    // Standby first: at expiry the standby (on the new image) is reset; the one switchover comes after it is back.
    const after = run.timeline.filter((e) => e.tMs >= (expiry?.tMs as number));
    const standbyReset = after.findIndex((e) => e.event === 'rf-state' && e.from === 'STANDBY HOT' && e.to === 'DISABLED');
    const switchovers = after.filter((e) => e.event.startsWith('switchover'));
    expect(standbyReset).toBeGreaterThanOrEqual(0);
    expect(switchovers.length).toBe(1);
    expect(switchovers[0]?.tMs).toBeGreaterThan(expiry?.tMs as number);
    expect(issuPath(run).at(-1)).toBe('rolled back');
    expect(run.result.metrics).toMatchObject({ dataPlaneOutageMs: 0, switchovers: 2, dualActiveMs: 0 });
    expect(finalVersions(run)).toEqual([FROM, FROM]);
  });

  it('honours a scenario override of issuAutoAbortTimer', () => {
    const sc = scenario({ horizonMs: 90 * MIN, timing: { issuAutoAbortTimer: 30 * MIN }, steps: [issu(T0, { toVersion: TO, accept: false })] });
    const run = simulateRouter(sc, router('edge', 'ASR1006', 'sso', FROM), { seed: 2 });
    expect(run.timeline.find((e) => e.to === 'rollback (auto-abort timer expired)')?.tMs).toBe(T0 + STEP + 30 * MIN);
  });

  it('§8.7: the classic set is refused on 17.x, with the reason', () => {
    const sc = scenario({ horizonMs: 30 * MIN, steps: [issu(T0, { toVersion: TO, method: 'classic' })] });
    const run = simulateRouter(sc, router('edge', 'ASR1006', 'sso', FROM), { seed: 3 });
    expect(refusal(run)).toBe(
      'refused: IOS XE 17.3.4a has no classic issu command set (issu loadversion …); use install mode (install add / activate issu / commit)',
    );
  });

  it('activation is called off, nothing changed, when the standby is lost between install add and install activate', () => {
    const sc = scenario({ horizonMs: 30 * MIN, steps: [issu(T0, { toVersion: TO }), fault(T0 + 10 * SEC, 'rp-failure', target.standby)] });
    const run = simulateRouter(sc, router('edge', 'ASR1006', 'sso', FROM), { seed: 3 });
    expect(issuPath(run)).toEqual(['install add', 'install activate issu not possible: peer is DISABLED, not STANDBY HOT']);
    expect(finalVersions(run)).toEqual([FROM, FROM]);
  });
});

describe('§8.6 ISSU on a single RP with two IOSd', () => {
  it('§8.6: a new image on an ASR1002-X is a reload upgrade: control and data plane out for a chassis reload', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: TO })] });
    const r = router('edge', 'ASR1002-X', 'sso', FROM);
    const run = simulateRouter(sc, r, { seed: 1 });
    expect(issuPath(run)).toEqual([
      'install add',
      'install activate (reload upgrade: single RP, a new image needs a chassis reload)',
      'install activate done',
      'complete (install commit, auto-abort timer stopped)',
    ]);
    expect(run.timeline.some((e) => e.event === 'chassis-reload')).toBe(true);
    // Outages bounded by a chassis reload (6 min ± 15 %), not a switchover.
    expect(run.result.metrics.dataPlaneOutageMs).toBeGreaterThan(60_000);
    expect(run.result.metrics.controlPlaneOutageMs).toBeGreaterThan(60_000);
    expect(run.result.metrics.dataPlaneOutageMs).toBeLessThan(10 * MIN);
    expect(finalVersions(run)).toEqual([TO, TO]);
    expect(routerStateAt(sc, r, 90 * MIN, { seed: 1 }).issu).toMatchObject({ reloadUpgrade: true, method: 'install' });
  });

  it('§8.6: a 3.x image on an ASR1004 reloads onto the new release (classic set, no ISSU possible)', () => {
    const sc = scenario({ horizonMs: 60 * MIN, steps: [issu(T0, { toVersion: CLASSIC_TO })] });
    const run = simulateRouter(sc, router('edge', 'ASR1004', 'sso', CLASSIC_FROM), { seed: 2 });
    expect(issuPath(run)).toEqual(['reload upgrade (single RP: a new image needs a chassis reload)', 'complete']);
    expect(run.result.metrics.dataPlaneOutageMs).toBeGreaterThan(60_000);
    expect(finalVersions(run)).toEqual([CLASSIC_TO, CLASSIC_TO]);
  });

  it('§8.6: only the IOSd sub-package (package: rpios) changes hitlessly, through an IOSd switchover', () => {
    const sc = scenario({ horizonMs: 90 * MIN, steps: [issu(T0, { toVersion: TO, package: 'rpios' })] });
    const run = simulateRouter(sc, router('edge', 'ASR1002-X', 'sso', FROM), { seed: 1 });
    expect(issuPath(run).at(-1)).toBe('complete (install commit, auto-abort timer stopped)');
    expect(run.timeline.some((e) => e.event === 'chassis-reload')).toBe(false);
    expect(run.result.metrics).toMatchObject({ dataPlaneOutageMs: 0, switchovers: 1, dualActiveMs: 0 });
    expect(finalVersions(run)).toEqual([TO, TO]);
  });

  it('§8.6: with behaviour singleRpImageIssu: refuse the step is refused with the rule, and nothing changes', () => {
    const sc = scenario({
      horizonMs: 30 * MIN,
      behaviour: { splitBrain: 'incumbent', integratedEspFailure: {}, singleRpImageIssu: 'refuse' },
      steps: [issu(T0, { toVersion: TO })],
    });
    const run = simulateRouter(sc, router('edge', 'ASR1001-X', 'sso', FROM), { seed: 1 });
    expect(refusal(run)).toBe(
      'refused: a new image is not hitless on a single RP with two IOSd (ASR1001-X): RPBase needs an RP reload, ESPBase an ESP reload; ' +
        'only the IOSd sub-package upgrades in service (params.package: rpios), or run it as a reload upgrade (behaviour singleRpImageIssu: reload)',
    );
    expect(run.result.metrics).toMatchObject({ dataPlaneOutageMs: 0, controlPlaneOutageMs: 0, switchovers: 0 });
    expect(finalVersions(run)).toEqual([FROM, FROM]);
  });

  it('§8.6: an uncommitted reload upgrade rolls back with a second reload when the auto-abort timer expires', () => {
    const sc = scenario({ horizonMs: 150 * MIN, steps: [issu(T0, { toVersion: TO, accept: false })] });
    const run = simulateRouter(sc, router('edge', 'ASR1002-X', 'sso', FROM), { seed: 6 });
    expect(run.timeline.filter((e) => e.event === 'chassis-reload').length).toBe(2);
    expect(issuPath(run).at(-1)).toBe('rolled back');
    expect(finalVersions(run)).toEqual([FROM, FROM]);
  });
});

describe('ISSU refusals (§4.3)', () => {
  it('is refused (timeline, not exception) when the peer is not STANDBY HOT', () => {
    const sc = scenario({ horizonMs: 30 * MIN, steps: [fault(T0, 'iosd-crash', target.standby), issu(T0 + SEC, { toVersion: TO })] });
    const run = simulateRouter(sc, router('edge', 'ASR1006', 'sso', FROM), { seed: 3 });
    expect(refusal(run)).toBe('refused: peer is DISABLED, not STANDBY HOT');
    expect(issuPath(run)).toEqual([]);
  });

  it('is refused under RPR', () => {
    const sc = scenario({ horizonMs: 30 * MIN, steps: [issu(T0, { toVersion: TO })] });
    const run = simulateRouter(sc, router('edge', 'ASR1004', 'rpr', FROM), { seed: 3 });
    expect(refusal(run)).toBe('refused: operating redundancy mode is not sso');
  });
});
