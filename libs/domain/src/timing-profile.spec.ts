import { describe, expect, it } from 'vitest';
import { CHASSIS_MODELS } from './chassis.js';
import { isTimingKey, MODEL_TIMING_OVERRIDES, resolveTimingDefaults, TIMING_KEYS, TIMING_PROFILE } from './timing-profile.js';

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
    expect(isTimingKey('standbyBootToHot')).toBe(true);
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
});
