import { readFileSync } from 'node:fs';
import { initialRouterState, RF, type RfStateCode, type RouterTwinState } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { defaultShowContext } from './default-show-context.js';
import type { ShowContext } from './show-context.js';
import { parseShowRedundancy } from './show-redundancy.parser.js';
import { renderShowRedundancy } from './show-redundancy.renderer.js';
import { HOUR_MS, MINUTE_MS } from './uptime.format.js';

const fixture = (name: string): string => readFileSync(new URL(`../test-fixtures/${name}`, import.meta.url), 'utf8');

function withInstances(model: 'ASR1006' | 'ASR1004', rf: readonly [RfStateCode, RfStateCode]): RouterTwinState {
  const base = initialRouterState({ model, redundancyMode: 'sso', softwareVersion: '17.3.4a' });
  return { ...base, instances: base.instances.map((i, n) => ({ ...i, rfState: rf[n] ?? i.rfState })) };
}

const render = (ctx: ShowContext): string[] => renderShowRedundancy(ctx).split('\n');

describe('parsing the captured show redundancy outputs', () => {
  it('reads the ASR1006 SSO capture: modes, counters, slots, RF states, uptimes, images', () => {
    const result = parseShowRedundancy(fixture('asr1006-show-redundancy-sso.txt'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      command: 'show redundancy',
      systemUptimeMs: 15 * HOUR_MS + 4 * MINUTE_MS,
      switchovers: 0,
      standbyFailures: 0,
      lastSwitchoverReason: 'none',
      hardwareMode: 'Duplex',
      configuredMode: 'sso',
      operatingMode: 'sso',
      maintenanceMode: false,
      communications: { up: true, reason: null },
      current: { role: 'active', slot: '6', rfState: RF.ACTIVE, uptimeInStateMs: 15 * HOUR_MS + 4 * MINUTE_MS },
      peer: { role: 'standby', slot: '7', rfState: RF.STANDBY_HOT, uptimeInStateMs: 15 * HOUR_MS + MINUTE_MS },
      unavailablePeer: null,
    });
    expect(result.value.current).toMatchObject({
      imageVersion: '16.4.20170425:070036',
      boot: 'harddisk:test-image-PE1-13116843,12;',
      configFile: '',
      configRegister: '0x2102',
    });
  });

  it('reports the truncated ASR1002-X simplex tail as incomplete output, not as a half result', () => {
    const result = parseShowRedundancy(fixture('asr1002x-show-redundancy-simplex-tail.txt'));
    expect(result).toEqual({
      ok: false,
      error: { code: 'MISSING_FIELD', message: expect.stringContaining('not complete show redundancy output') },
    });
  });

  it('reads output of other IOS and IOS-XE layouts: long mode names, slot 1/5, CRLF, double spacing, noise', () => {
    const variant = fixture('asr1006-show-redundancy-sso.txt')
      .replace(/= sso/g, '= Stateful Switchover')
      .replace('slot 6', 'slot 1/5')
      .split('\n')
      .join('\r\n\r\n');
    const text = `Load for five secs: 2%/0%; one minute: 1%\r\nrouter#show redundancy\r\n${variant}router#`;
    const result = parseShowRedundancy(text);
    expect(result.ok && result.value).toMatchObject({ configuredMode: 'sso', current: { slot: '1/5' }, peer: { slot: '7' } });
  });
});

describe('parse errors', () => {
  const capture = fixture('asr1006-show-redundancy-sso.txt');

  it('names the line of a value it cannot read', () => {
    expect(parseShowRedundancy(capture.replace('STANDBY HOT ', 'STANDBY WARM'))).toEqual({
      ok: false,
      error: { code: 'INVALID_VALUE', message: '"STANDBY WARM" is not an RF state', line: 29 },
    });
    expect(parseShowRedundancy(capture.replace('15 hours, 1 minute', 'a while'))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_VALUE', line: 30 },
    });
    expect(parseShowRedundancy(capture.replace('Configured Redundancy Mode = sso', 'Configured Redundancy Mode = wibble'))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_VALUE', line: 9 },
    });
  });

  it('names a line that complete output always has', () => {
    expect(parseShowRedundancy(capture.replace(/^Switchovers.*$/m, ''))).toEqual({
      ok: false,
      error: { code: 'MISSING_FIELD', message: 'no "Switchovers system experienced" line: not complete show redundancy output' },
    });
  });

  it('rejects empty text, garbage, other commands and device errors', () => {
    expect(parseShowRedundancy('  \n ')).toMatchObject({ ok: false, error: { code: 'EMPTY_INPUT' } });
    expect(parseShowRedundancy('lorem ipsum\ndolor = sit')).toMatchObject({ ok: false, error: { code: 'UNRECOGNISED_OUTPUT' } });
    expect(parseShowRedundancy(fixture('asr1006-show-platform.txt'))).toMatchObject({ ok: false, error: { code: 'UNRECOGNISED_OUTPUT' } });
    expect(parseShowRedundancy("router#show redundancy\n                   ^\n% Invalid input detected at '^' marker.")).toEqual({
      ok: false,
      error: { code: 'CLI_ERROR', message: "the device answered with an error: % Invalid input detected at '^' marker.", line: 3 },
    });
  });
});

describe('rendering twin states the captures do not show', () => {
  it('prints the simplex peer line, and a not-available line for an UNKNOWN peer', () => {
    const simplex = defaultShowContext({ hostname: 'r', model: 'ASR1002-X', redundancyMode: 'none' });
    expect(render(simplex)).toContain("Peer (slot: 7) information is not available because it is in 'DISABLED' state");
    const unknown = defaultShowContext({ hostname: 'r', model: 'ASR1006', state: withInstances('ASR1006', [RF.ACTIVE, RF.UNKNOWN]) });
    expect(render(unknown)).toContain("Peer (slot: 7) information is not available because it is in 'UNKNOWN' state");
  });

  it('prints a syncing peer block without the trailing space only STANDBY HOT carries', () => {
    const ctx = defaultShowContext({ hostname: 'r', model: 'ASR1004', state: withInstances('ASR1004', [RF.ACTIVE, RF.STANDBY_COLD_BULK]) });
    const lines = render(ctx);
    expect(lines).toContain('        Current Software state = STANDBY COLD-BULK');
    expect(lines).toContain('                Communications = Up');
  });

  it('after a switchover: active in slot 7, the old active syncing in slot 6, counters and reason', () => {
    const ctx = defaultShowContext(
      { hostname: 'r', model: 'ASR1006', state: withInstances('ASR1006', [RF.STANDBY_COLD, RF.ACTIVE]) },
      {
        systemUptimeMs: 3 * HOUR_MS,
        switchovers: 1,
        lastSwitchoverReason: 'active unit failed',
        timeInStateMs: { 'R1/0': 90_000, 'R0/0': 30_000 },
      },
    );
    const lines = render(ctx);
    expect(lines.slice(3, 7)).toEqual([
      'Switchovers system experienced = 1',
      '              Standby failures = 0',
      '        Last switchover reason = active unit failed',
      '',
    ]);
    expect(lines).toContain('               Active Location = slot 7');
    expect(lines).toContain('              Standby Location = slot 6');
    expect(lines).toContain('       Uptime in current state = 1 minute');
    expect(lines).toContain('       Uptime in current state = 0 minutes');
  });

  it('answers from the furthest instance when none is active, under a Standby label', () => {
    const ctx = defaultShowContext({ hostname: 'r', model: 'ASR1006', state: withInstances('ASR1006', [RF.INITIALIZATION, RF.STANDBY_HOT]) });
    const lines = render(ctx);
    const current = lines.indexOf('Current Processor Information :');
    expect(lines[current + 2]).toBe('              Standby Location = slot 7');
    expect(lines[current + 3]).toBe('        Current Software state = STANDBY HOT ');
  });

  it('goes simplex when the peer RP is down, and shows an operating-mode fallback the simulator reports', () => {
    const base = initialRouterState({ model: 'ASR1006', redundancyMode: 'sso', softwareVersion: '17.3.4a' });
    const state: RouterTwinState = {
      ...base,
      hosts: base.hosts.map((h) => (h.slot === 'R1' ? { ...h, state: 'down' } : h)),
      instances: base.instances.map((i) => (i.name === 'R1/0' ? { ...i, rfState: RF.DISABLED } : i)),
    };
    const down = render(defaultShowContext({ hostname: 'r', model: 'ASR1006', state }));
    expect(down).toContain('                 Hardware Mode = Simplex');
    expect(down).toContain('     Operating Redundancy Mode = Non-redundant');
    expect(down).toContain('                Communications = Down      Reason: Failure');
    const rpr = render(defaultShowContext({ hostname: 'r', model: 'ASR1006' }, { operatingMode: 'rpr' }));
    expect(rpr).toContain('    Configured Redundancy Mode = sso');
    expect(rpr).toContain('     Operating Redundancy Mode = rpr');
  });
});
