import { describe, expect, it } from 'vitest';
import { CHASSIS_MODELS } from './chassis.js';
import { CARD_GENERATIONS, defaultHardware, defaultSoftwareVersion, hardwareProblems, processorLabelOf, resolveHardware } from './hardware.js';
import { healthyStart, startProblems } from './router-start.js';

describe('RP/ESP generations and the releases they run (domain §8.11)', () => {
  it('refuses 16.x and 17.x on RP1-era hardware, naming the PID and the release', () => {
    expect(hardwareProblems('ASR1004', '17.3.4a', { rp: 'ASR1000-RP1', esp: 'ASR1000-ESP10' }).map((p) => p.message)).toEqual([
      'ASR1000-RP1 cannot run IOS XE 17.3.4a: no 17.x image exists for it (it runs 2.x, 3.x)',
      'ASR1000-ESP10 cannot run IOS XE 17.3.4a: no 17.x image exists for it (it runs 2.x, 3.x, 16.x)',
    ]);
    expect(hardwareProblems('ASR1002', '16.12.5', undefined)).toEqual([
      { field: 'rp', message: 'ASR1002-RP1 cannot run IOS XE 16.12.5: no 16.x image exists for it (it runs 2.x, 3.x)' },
    ]);
    expect(hardwareProblems('ASR1001', '17.3.4a', undefined).map((p) => p.field)).toEqual(['rp', 'esp']);
    expect(hardwareProblems('ASR1006', '17.6.4', { rp: 'ASR1000-RP2' })).toEqual([]);
    expect(hardwareProblems('ASR1006', '3.13.9S', { rp: 'ASR1000-RP1', esp: 'ASR1000-ESP10' })).toEqual([]);
  });

  it('refuses cards the chassis does not take and unknown PIDs', () => {
    expect(hardwareProblems('ASR1004', '17.3.4a', { rp: 'ASR1000-RP3' })[0]?.message).toBe(
      'ASR1000-RP3 does not fit an ASR1004; it takes ASR1000-RP1, ASR1000-RP2',
    );
    expect(hardwareProblems('ASR1006', '17.3.4a', { esp: 'ASR1000-ESP7' })[0]?.message).toMatch(
      /^unknown ESP ASR1000-ESP7; an ASR1006 takes ASR1000-ESP10, ASR1000-ESP20, ASR1000-ESP40$/,
    );
  });

  it("every model's default population and default release are a real combination", () => {
    for (const model of CHASSIS_MODELS) {
      expect(hardwareProblems(model, defaultSoftwareVersion(model), undefined), model).toEqual([]);
      // Only the RP1-era fixed chassis have no 16.x/17.x image (§8.11); every other default runs both.
      if (model === 'ASR1001' || model === 'ASR1002') continue;
      for (const version of ['16.12.5', '17.6.4']) expect(hardwareProblems(model, version, undefined), `${model} ${version}`).toEqual([]);
    }
    expect(defaultHardware('ASR1004', '17.3.4a')).toMatchObject({ rp: 'ASR1000-RP2', esp: 'ASR1000-ESP20' });
    expect(defaultHardware('ASR1004', '3.16.10S')).toMatchObject({ rp: 'ASR1000-RP1', esp: 'ASR1000-ESP10' });
    expect(processorLabelOf('ASR1004', 'ASR1000-RP2')).toBe('ASR1004 (RP2)');
    expect(processorLabelOf('ASR1002-X', 'ASR1002-X')).toBe('ASR1002-X (2RU-X)');
  });

  it('keeps every uncertain row flagged with a source', () => {
    for (const card of CARD_GENERATIONS) expect(card.source, card.pid).toMatch(/§/);
    expect(CARD_GENERATIONS.find((c) => c.pid === 'ASR1000-RP3')?.confidence).toBe('uncertain');
  });
});

describe('ESP and supply population (domain §8.9, §8.10)', () => {
  it('allows one or two ESPs where the chassis has two slots, exactly one elsewhere', () => {
    expect(hardwareProblems('ASR1006', '17.3.4a', { esps: 1 })).toEqual([]);
    expect(hardwareProblems('ASR1004', '17.3.4a', { esps: 2 })).toEqual([
      { field: 'esps', message: 'an ASR1004 holds exactly one ESP (ESP slots: F0); 2 given' },
    ]);
    expect(hardwareProblems('ASR1006', '17.3.4a', { psus: 3 })[0]?.field).toBe('psus');
    expect(resolveHardware('ASR1006', '17.3.4a', { esps: 1 })).toEqual({ rp: 'ASR1000-RP2', esp: 'ASR1000-ESP20', esps: 1, psus: 2, rps: 2 });
    expect(hardwareProblems('ASR1004', '17.3.4a', { rps: 2 })).toEqual([{ field: 'rps', message: 'an ASR1004 holds exactly one RP (RP slots: R0); 2 given' }]);
    expect(hardwareProblems('ASR1006', '17.3.4a', { rps: 1 })).toEqual([]);
  });

  it('a healthy single-ESP, single-supply start lists F0 only and P1 empty, and is a possible start', () => {
    const start = healthyStart('ASR1006', 'sso', '17.3.4a', { esps: 1, psus: 1 });
    expect(start.esps.map((e) => e.slot)).toEqual(['F0']);
    expect(start.psus).toEqual([
      { slot: 'P0', state: 'ok' },
      { slot: 'P1', state: 'empty' },
    ]);
    expect(startProblems('ASR1006', 'sso', start)).toEqual([]);
    expect(startProblems('ASR1006', 'sso', { ...start, esps: [] }).map((p) => p.message)).toEqual(['F0 is missing']);
    expect(
      startProblems('ASR1006', 'sso', {
        ...start,
        psus: [
          { slot: 'P0', state: 'failed' },
          { slot: 'P1', state: 'empty' },
        ],
      }).map((p) => p.path),
    ).toEqual(['psus']);
  });
});
