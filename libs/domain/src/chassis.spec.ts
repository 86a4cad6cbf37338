import { describe, expect, it } from 'vitest';
import { CHASSIS_MODELS, chassisAnatomy, isChassisModel } from './chassis.js';

describe('chassis anatomy', () => {
  it('gives software-redundant models one RP running two IOS instances and one ESP', () => {
    for (const model of ['ASR1001', 'ASR1001-X', 'ASR1002', 'ASR1002-X', 'ASR1004'] as const) {
      const a = chassisAnatomy(model);
      expect(a.redundancyType).toBe('software');
      expect(a.rpSlots).toEqual(['R0']);
      expect(a.espSlots).toEqual(['F0']);
      expect(a.instances.map((i) => `${i.name}@${i.host}`)).toEqual(['R0/0@R0', 'R0/1@R0']);
    }
  });

  it('gives hardware-redundant models two RPs with one IOS instance each and two ESPs', () => {
    for (const model of ['ASR1006', 'ASR1006-X', 'ASR1009-X', 'ASR1013'] as const) {
      const a = chassisAnatomy(model);
      expect(a.redundancyType).toBe('hardware');
      expect(a.rpSlots).toEqual(['R0', 'R1']);
      expect(a.espSlots).toEqual(['F0', 'F1']);
      expect(a.instances.map((i) => `${i.name}@${i.host}`)).toEqual(['R0/0@R0', 'R1/0@R1']);
    }
  });

  it('never places two IOS instances on one RP of a dual-RP chassis', () => {
    for (const model of CHASSIS_MODELS) {
      const a = chassisAnatomy(model);
      const hosts = new Set(a.instances.map((i) => i.host));
      expect(hosts.size).toBe(a.rpSlots.length);
    }
  });

  it('reloads the ASR1001 chassis on an ESP failure and no dual-ESP chassis', () => {
    expect(chassisAnatomy('ASR1001').reloadOnEspFailure).toBe(true);
    expect(chassisAnatomy('ASR1006').reloadOnEspFailure).toBe(false);
    expect(chassisAnatomy('ASR1004').reloadOnEspFailure).toBe(false);
  });

  it('recognises model names exactly', () => {
    expect(isChassisModel('ASR1002-X')).toBe(true);
    expect(isChassisModel('asr1002-x')).toBe(false);
    expect(isChassisModel('ASR9000')).toBe(false);
    expect(isChassisModel(42)).toBe(false);
  });
});
