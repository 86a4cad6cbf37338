import { describe, expect, it } from 'vitest';
import { CHASSIS_MODELS } from './chassis.js';
import { MODEL_TIMING_OVERRIDES, resolveTimingDefaults, timingProfileView } from './timing-models.js';
import { isTimingKey, TIMING_KEYS, TIMING_PROFILE } from './timing-profile.js';

describe('timing profile', () => {
  it('describes every key with a positive default, its unit, source and distribution', () => {
    expect(Object.keys(TIMING_PROFILE).sort()).toEqual([...TIMING_KEYS].sort());
    for (const key of TIMING_KEYS) {
      const info = TIMING_PROFILE[key];
      expect(info.key).toBe(key);
      expect(info.defaultMs).toBeGreaterThan(0);
      expect(info.unit).toBe('ms');
      expect(info.description.length).toBeGreaterThan(10);
      expect(info.source.length).toBeGreaterThan(10);
      if (info.distribution.kind === 'uniform') expect(info.distribution.spread).toBeLessThan(1);
    }
    expect(isTimingKey('bulkSync')).toBe(true);
    expect(isTimingKey('standbyBootToHot')).toBe(false);
    expect(isTimingKey('toString')).toBe(false);
  });

  it('keeps the vendor bounds: IOS switchover < 50 ms and ESP switchover < 200 ms even at the top of the spread', () => {
    const top = (key: 'iosSwitchover' | 'espSwitchover'): number => {
      const d = TIMING_PROFILE[key].distribution;
      return TIMING_PROFILE[key].defaultMs * (1 + (d.kind === 'uniform' ? d.spread : 0));
    };
    expect(top('iosSwitchover')).toBeLessThan(50);
    expect(top('espSwitchover')).toBeLessThan(200);
  });

  it('resolves bases with scenario > model > profile precedence', () => {
    expect(resolveTimingDefaults('ASR1006').chassisReload).toBe(TIMING_PROFILE.chassisReload.defaultMs);
    expect(resolveTimingDefaults('ASR1001').chassisReload).toBe(MODEL_TIMING_OVERRIDES.ASR1001?.chassisReload);
    expect(resolveTimingDefaults('ASR1001', { chassisReload: 1000 }).chassisReload).toBe(1000);
    for (const model of CHASSIS_MODELS) {
      expect(Object.keys(resolveTimingDefaults(model))).toEqual([...TIMING_KEYS]);
    }
  });

  it('§8.19: IOS boot and bulk sync are separate keys whose defaults add up to the ≈3 min standby path (§3)', () => {
    expect(TIMING_PROFILE.iosBoot.defaultMs).toBeGreaterThanOrEqual(24_000);
    expect(TIMING_PROFILE.iosBoot.source).toMatch(/24 s/);
    expect(TIMING_PROFILE.iosBoot.defaultMs + TIMING_PROFILE.bulkSync.defaultMs).toBe(180_000);
  });

  it('§8.19: a bulkSync override lengthens bulk sync only; the old standbyBootToHot scales both parts', () => {
    const big = resolveTimingDefaults('ASR1006', { bulkSync: 900_000 });
    expect(big.iosBoot).toBe(TIMING_PROFILE.iosBoot.defaultMs);
    expect(big.bulkSync).toBe(900_000);
    const old = resolveTimingDefaults('ASR1006', { standbyBootToHot: 360_000 });
    expect(old.iosBoot + old.bulkSync).toBe(360_000);
    expect(old.iosBoot).toBe(60_000);
    expect(resolveTimingDefaults('ASR1006', { standbyBootToHot: 100_001 })).toMatchObject({ iosBoot: 16_667, bulkSync: 83_334 });
  });

  it('§8.19: per-model defaults carry their own source; every unsourced model default is marked uncertain', () => {
    const view = timingProfileView('ASR1004');
    const esp = view.find((t) => t.key === 'espPacketReady');
    expect(esp?.modelSources.ASR1004).toMatch(/ESP10 .*1:49/);
    expect(esp?.effectiveMs).toBe(109_000);
    expect(TIMING_PROFILE.espPacketReady.source).toMatch(/ESP20\/40\/100\/200 .* uncertain/);
    expect(TIMING_PROFILE.chassisReload.source).toMatch(/every other model, uncertain/);
    expect(view.find((t) => t.key === 'chassisReload')?.effectiveMs).toBe(296_000);
    for (const t of view) expect(Object.keys(t.modelSources), t.key).toEqual(Object.keys(t.modelDefaults));
    for (const key of TIMING_KEYS) {
      const src = TIMING_PROFILE[key].source;
      // Every figure names its public evidence or says it has none, and cites no internal notes.
      expect(src, key).toMatch(/Cisco|guide|captur|inferred|uncertain|forensic|show /i);
      expect(src, key).not.toMatch(/§|domain|DESIGN/);
    }
  });

  it('§8.20: an RPR switchover is about a whole-system reload: chassis reload − Linux boot + SIP/SPA reload', () => {
    for (const model of ['ASR1001', 'ASR1004', 'ASR1006'] as const) {
      const b = resolveTimingDefaults(model);
      expect(b.rprSwitchover, model).toBe(b.chassisReload - b.hostBoot + 43_000);
    }
    expect(TIMING_PROFILE.rprSwitchover.defaultMs).toBeGreaterThanOrEqual(240_000);
  });

  it('§8.20: peer-loss detection, IOSd crash handling and protocol recovery have their sourced or flagged defaults', () => {
    const detect = TIMING_PROFILE.peerLossDetection;
    expect(detect.defaultMs).toBeGreaterThanOrEqual(500);
    expect(detect.defaultMs).toBeLessThanOrEqual(1_000);
    expect(detect.source).toMatch(/^uncertain/);
    expect(TIMING_PROFILE.iosdRestart.defaultMs).toBeGreaterThanOrEqual(20_000);
    expect(TIMING_PROFILE.iosdRestart.defaultMs).toBeLessThanOrEqual(25_000);
    expect(TIMING_PROFILE.iosdRestart.source).toMatch(/core complete 24 s/);
    expect(TIMING_PROFILE.protocolRecovery).toMatchObject({ defaultMs: 120_000, distribution: { kind: 'fixed' } });
  });
});
