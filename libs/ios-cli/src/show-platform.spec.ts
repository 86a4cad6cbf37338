import { readFileSync } from 'node:fs';
import { initialRouterState, RF, type RouterTwinState } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { defaultShowContext } from './default-show-context.js';
import { hardwareFromShowPlatform } from './observed-hardware.js';
import { parseShowPlatform } from './show-platform.parser.js';
import { renderShowPlatform } from './show-platform.renderer.js';
import { DAY_MS, MINUTE_MS } from './uptime.format.js';

const fixture = (name: string): string => readFileSync(new URL(`../test-fixtures/${name}`, import.meta.url), 'utf8');

describe('parsing show platform', () => {
  it('reads the ASR1006 capture: chassis, cards, RP/ESP roles, insert times, CPLD and firmware', () => {
    const result = parseShowPlatform(fixture('asr1006-show-platform.txt'));
    if (!result.ok) throw new TypeError(result.error.message);
    expect(result.value.model).toBe('ASR1006');
    expect(result.value.slots.map((s) => s.slot)).toEqual(['0', '0/0', '0/1', '0/2', '0/3', '1', '1/0', '2', '2/0', '4', 'R0', 'R1', 'F0', 'P0', 'P1']);
    const bySlot = new Map(result.value.slots.map((s) => [s.slot, s]));
    expect(bySlot.get('R0')).toEqual({
      slot: 'R0',
      type: 'ASR1000-RP2',
      state: 'ok, active',
      role: 'active',
      insertTime: '00:33:53',
      insertedAgoMs: 33 * MINUTE_MS + 53_000,
      cpldVersion: '10021901',
      firmwareVersion: '16.2(1r)',
    });
    expect(bySlot.get('R1')).toMatchObject({ state: 'ok, standby', role: 'standby' });
    expect(bySlot.get('4')).toMatchObject({ type: null, state: 'unknown', cpldVersion: 'N/A', firmwareVersion: 'N/A' });
    expect(bySlot.get('0/3')).toMatchObject({ type: 'SPA-5X1GE-V2', insertedAgoMs: 2 * DAY_MS, cpldVersion: null });
    expect(bySlot.get('P1')).toMatchObject({ state: 'ps, fail', role: null });
  });

  it('fails clearly on other text and on a bad insert time', () => {
    expect(parseShowPlatform('Chassis type: ASR1006')).toMatchObject({ ok: false, error: { code: 'UNRECOGNISED_OUTPUT' } });
    const bad = fixture('asr1006-show-platform.txt').replace('00:33:18', 'recently');
    expect(parseShowPlatform(bad)).toEqual({
      ok: false,
      error: { code: 'INVALID_VALUE', message: '"recently" is not an insert time', line: 18 },
    });
    expect(parseShowPlatform(fixture('asr1000-show-redundancy-states-simplex.txt'))).toMatchObject({ ok: false });
  });
});

describe('rendering show platform from the twin state', () => {
  it('derives RP and ESP rows from hosts, RF states and ESP states', () => {
    const base = initialRouterState({ model: 'ASR1006', redundancyMode: 'sso', softwareVersion: '17.3.4a' });
    const state: RouterTwinState = {
      ...base,
      hosts: base.hosts.map((h) => (h.slot === 'R0' ? { ...h, state: 'rebooting' } : h)),
      instances: base.instances.map((i) => (i.name === 'R0/0' ? { ...i, rfState: RF.DISABLED } : { ...i, rfState: RF.ACTIVE })),
      esps: base.esps.map((e) => (e.slot === 'F0' ? { ...e, state: 'failed', forwarding: false } : { ...e, role: 'active', forwarding: true })),
    };
    const lines = renderShowPlatform(defaultShowContext({ hostname: 'r', model: 'ASR1006', state })).split('\n');
    expect(lines).toContain('R0        ASR1000-RP2         booting               00:02:00      ');
    expect(lines).toContain('R1        ASR1000-RP2         ok, active            00:02:00      ');
    expect(lines).toContain('F0        ASR1000-ESP20       fail                  00:02:00      ');
    expect(lines).toContain('F1        ASR1000-ESP20       ok, active            00:02:00      ');
  });

  it('prints an RP whose host is down as an unrecognised card with N/A versions', () => {
    const base = initialRouterState({ model: 'ASR1009-X', redundancyMode: 'sso', softwareVersion: '17.3.4a' });
    const state: RouterTwinState = { ...base, hosts: base.hosts.map((h) => (h.slot === 'R1' ? { ...h, state: 'down' } : h)) };
    const text = renderShowPlatform(defaultShowContext({ hostname: 'r', model: 'ASR1009-X', state }));
    expect(text).toContain('\nR1                            unknown               00:02:00      \n');
    expect(text).toContain('\nR1        N/A                 N/A      \n');
  });

  it('lists the built-in carrier and bay of an integrated chassis', () => {
    const text = renderShowPlatform(defaultShowContext({ hostname: 'r', model: 'ASR1002-X' }));
    expect(text.startsWith('Chassis type: ASR1002-X           \n')).toBe(true);
    expect(text).toContain('\n 0/0      6XGE-BUILT-IN       ok                    00:02:00      \n');
  });
});

describe('hardware population in show platform (domain §8.9, §8.10, §8.11)', () => {
  const base = initialRouterState({ model: 'ASR1006', redundancyMode: 'sso', softwareVersion: '17.6.4', hardware: { esps: 1, esp: 'ASR1000-ESP40' } });
  const state: RouterTwinState = {
    ...base,
    psus: [
      { slot: 'P0', state: 'ok' },
      { slot: 'P1', state: 'failed' },
    ],
  };
  const text = renderShowPlatform(defaultShowContext({ hostname: 'core-1', model: 'ASR1006', state }));

  it('golden: a single-ESP ASR1006 with P1 failed prints F0 only and `ps, fail` (§8.9, §8.10)', () => {
    expect(text).toBe(fixture('twin-asr1006-single-esp-psu-fail-show-platform.txt'));
  });

  it('round-trips through the parser: the same ESPs, supplies and PIDs come back', () => {
    const parsed = parseShowPlatform(text);
    if (!parsed.ok) throw new TypeError(parsed.error.message);
    expect(hardwareFromShowPlatform(parsed.value, 'ASR1006')).toEqual({
      rp: 'ASR1000-RP2',
      esp: 'ASR1000-ESP40',
      esps: ['F0'],
      rps: 2,
      psus: state.psus,
    });
  });

  it('reads the same population off the real ASR1006 capture (dual RP, F0 only, P1 ps, fail)', () => {
    const parsed = parseShowPlatform(fixture('asr1006-show-platform.txt'));
    if (!parsed.ok) throw new TypeError(parsed.error.message);
    expect(hardwareFromShowPlatform(parsed.value, 'ASR1006')).toEqual({
      rp: 'ASR1000-RP2',
      esp: 'ASR1000-ESP20',
      esps: ['F0'],
      rps: 2,
      psus: [
        { slot: 'P0', state: 'ok' },
        { slot: 'P1', state: 'failed' },
      ],
    });
  });

  it('an empty bay prints no row; an ASR1004 on 17.x shows the RP2/ESP20 it must have, never an RP1 (§8.11)', () => {
    const one = initialRouterState({ model: 'ASR1004', redundancyMode: 'sso', softwareVersion: '17.3.4a', hardware: { psus: 1 } });
    const lines = renderShowPlatform(defaultShowContext({ hostname: 'r', model: 'ASR1004', state: one })).split('\n');
    expect(lines.some((l) => l.startsWith('P1 '))).toBe(false);
    expect(lines.some((l) => l.startsWith('R0        ASR1000-RP2 '))).toBe(true);
    expect(lines.some((l) => l.startsWith('F0        ASR1000-ESP20 '))).toBe(true);
    const legacy = initialRouterState({ model: 'ASR1004', redundancyMode: 'sso', softwareVersion: '3.16.10S' });
    expect(renderShowPlatform(defaultShowContext({ hostname: 'r', model: 'ASR1004', state: legacy }))).toContain('R0        ASR1000-RP1 ');
  });

  it('a dual-RP chassis with one RP prints no R1 row, and reads back as one RP (§8.10)', () => {
    const single = initialRouterState({ model: 'ASR1006', redundancyMode: 'sso', softwareVersion: '17.6.4', hardware: { rps: 1 } });
    const printed = renderShowPlatform(defaultShowContext({ hostname: 'r', model: 'ASR1006', state: single }));
    expect(printed).not.toMatch(/^R1 /m);
    const parsed = parseShowPlatform(printed);
    if (!parsed.ok) throw new TypeError(parsed.error.message);
    expect(hardwareFromShowPlatform(parsed.value, 'ASR1006').rps).toBe(1);
  });
});

describe('a single RP with two IOSd and the built-in bays (domain §8.14, §8.15)', () => {
  const render = (state: RouterTwinState, model: 'ASR1002-X' | 'ASR1001-X' = 'ASR1002-X'): string =>
    renderShowPlatform(defaultShowContext({ hostname: 'r', model, state }));
  const base = initialRouterState({ model: 'ASR1002-X', redundancyMode: 'sso', softwareVersion: '17.3.4a' });

  it('§8.14: the RP row is plain ok and the sub-slot rows R0/0, R0/1 carry the HA roles', () => {
    const lines = render(base).split('\n');
    expect(lines).toContain('R0        ASR1002-X           ok                    00:02:00      ');
    expect(lines).toContain(' R0/0                         ok, active            00:02:00      ');
    expect(lines).toContain(' R0/1                         ok, standby           00:02:00      ');
  });

  it('§8.14: the sub-slot roles follow the RF roles after an IOSd switchover, and a restarting IOSd is init', () => {
    const swapped: RouterTwinState = {
      ...base,
      instances: base.instances.map((i) => ({ ...i, rfState: i.name === 'R0/1' ? RF.ACTIVE : RF.NEGOTIATION })),
    };
    const lines = render(swapped).split('\n');
    expect(lines).toContain(' R0/0                         init, standby         00:02:00      ');
    expect(lines).toContain(' R0/1                         ok, active            00:02:00      ');
  });

  it('§8.14: the sub-slot rows parse back with their roles and do not count as RPs of the population', () => {
    const parsed = parseShowPlatform(render(base));
    if (!parsed.ok) throw new TypeError(parsed.error.message);
    const bySlot = new Map(parsed.value.slots.map((s) => [s.slot, s]));
    expect(bySlot.get('R0')).toMatchObject({ type: 'ASR1002-X', state: 'ok', role: null });
    expect(bySlot.get('R0/0')).toMatchObject({ type: null, state: 'ok, active', role: 'active', cpldVersion: null });
    expect(bySlot.get('R0/1')).toMatchObject({ type: null, state: 'ok, standby', role: 'standby' });
    expect(hardwareFromShowPlatform(parsed.value, 'ASR1002-X')).toMatchObject({ rp: 'ASR1002-X', rps: 1 });
  });

  it('§8.14: a dual-RP chassis has no sub-slot rows', () => {
    const dual = initialRouterState({ model: 'ASR1006', redundancyMode: 'sso', softwareVersion: '17.3.4a' });
    expect(renderShowPlatform(defaultShowContext({ hostname: 'r', model: 'ASR1006', state: dual }))).not.toMatch(/^ R\d\/\d/m);
  });

  it('§8.15: the ASR1001-X built-in bay is BUILT-IN-2T+6X1GE, the ASR1002-X bay 6XGE-BUILT-IN', () => {
    const onex = initialRouterState({ model: 'ASR1001-X', redundancyMode: 'sso', softwareVersion: '17.3.4a' });
    expect(render(onex, 'ASR1001-X')).toContain('\n 0/0      BUILT-IN-2T+6X1GE   ok                    00:02:00      \n');
    expect(render(base)).toContain('\n 0/0      6XGE-BUILT-IN       ok                    00:02:00      \n');
  });
});
