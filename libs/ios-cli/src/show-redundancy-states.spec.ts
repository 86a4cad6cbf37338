import { readFileSync } from 'node:fs';
import { initialRouterState, RF, type RfStateCode } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { defaultShowContext } from './default-show-context.js';
import { redundancyFactsFromShowRedundancyStates } from './observed-redundancy.js';
import { rfStateField } from './redundancy-labels.js';
import { parseShowRedundancyStates, readStateField } from './show-redundancy-states.parser.js';
import { renderShowRedundancyStates } from './show-redundancy-states.renderer.js';

const fixture = (name: string): string => readFileSync(new URL(`../test-fixtures/${name}`, import.meta.url), 'utf8');

function ctxWith(model: 'ASR1004' | 'ASR1006', rf: readonly [RfStateCode, RfStateCode], mode: 'sso' | 'rpr' = 'sso') {
  const base = initialRouterState({ model, redundancyMode: mode, softwareVersion: '17.3.4a' });
  const state = { ...base, instances: base.instances.map((i, n) => ({ ...i, rfState: rf[n] ?? i.rfState })) };
  return defaultShowContext({ hostname: 'r', model, state });
}

describe('parsing the captured show redundancy states outputs', () => {
  it('reads the duplex SSO capture, prompt line included', () => {
    const result = parseShowRedundancyStates(fixture('asr1000-show-redundancy-states-duplex.txt'));
    expect(result).toEqual({
      ok: true,
      value: {
        command: 'show redundancy states',
        myState: RF.ACTIVE,
        peerState: RF.STANDBY_HOT,
        hardwareMode: 'Duplex',
        unit: 'primary',
        unitId: 48,
        operatingMode: 'sso',
        configuredMode: 'sso',
        redundancyState: 'sso',
        maintenanceMode: false,
        manualSwact: { enabled: true, reason: null },
        communications: { up: true, reason: null },
        clientCount: 76,
        clientNotificationTimerMs: 30_000,
        rfDebugMask: '0x0',
      },
    });
  });

  it('reads the simplex capture and maps it onto a twin ASR1002-X', () => {
    const result = parseShowRedundancyStates(fixture('asr1000-show-redundancy-states-simplex.txt'));
    expect(result.ok && result.value).toMatchObject({
      myState: RF.ACTIVE,
      peerState: RF.DISABLED,
      hardwareMode: 'Simplex',
      configuredMode: 'none',
      redundancyState: 'Non Redundant',
      manualSwact: { enabled: false, reason: 'system is simplex (no peer unit)' },
      communications: { up: false, reason: 'Simplex mode' },
      clientCount: 111,
    });
    const facts = result.ok ? redundancyFactsFromShowRedundancyStates(result.value, 'ASR1002-X') : result;
    expect(facts).toEqual({
      ok: true,
      value: {
        configuredMode: 'none',
        operatingMode: 'none',
        instances: [
          { name: 'R0/0', rfState: RF.ACTIVE },
          { name: 'R0/1', rfState: RF.DISABLED },
        ],
      },
    });
  });

  it('accepts the right-aligned Catalyst number form and unindented lines', () => {
    const text = fixture('asr1000-show-redundancy-states-duplex.txt').replace('8  -STANDBY HOT', ' 8 -STANDBY HOT').replace(/^ +/gm, '');
    expect(parseShowRedundancyStates(text)).toMatchObject({ ok: true, value: { peerState: RF.STANDBY_HOT } });
  });

  it('rejects a state whose number and name disagree, and text that is not this command', () => {
    const text = fixture('asr1000-show-redundancy-states-duplex.txt').replace('13 -ACTIVE', '12 -ACTIVE');
    expect(parseShowRedundancyStates(text)).toEqual({
      ok: false,
      error: { code: 'INVALID_VALUE', message: '"12 -ACTIVE" is not an RF state such as "13 -ACTIVE"', line: 2 },
    });
    expect(parseShowRedundancyStates(fixture('asr1006-show-redundancy-sso.txt'))).toMatchObject({
      ok: false,
      error: { code: 'UNRECOGNISED_OUTPUT' },
    });
  });
});

describe('rendering show redundancy states', () => {
  it('pads every RF state number as the captures do, with the trailing space', () => {
    expect(rfStateField(RF.ACTIVE)).toBe('13 -ACTIVE ');
    expect(rfStateField(RF.STANDBY_HOT)).toBe('8  -STANDBY HOT ');
    expect(rfStateField(RF.DISABLED)).toBe('1  -DISABLED ');
    expect(rfStateField(RF.STANDBY_COLD_CONFIG)).toBe('5  -STANDBY COLD-CONFIG ');
    expect(rfStateField(RF.ACTIVE_HANDBACK)).toBe('15 -ACTIVE HANDBACK ');
    expect(rfStateField(RF.UNKNOWN)).toBe('0  -UNKNOWN ');
    // Domain §8.1: states 9–12 as show redundancy history prints them, and read back in every spelling.
    expect(rfStateField(RF.ACTIVE_FAST)).toBe('9  -ACTIVE-FAST ');
    expect(rfStateField(RF.ACTIVE_DRAIN)).toBe('10 -ACTIVE-DRAIN ');
    expect(rfStateField(RF.ACTIVE_PRECONFIG)).toBe('11 -ACTIVE_PRECONFIG ');
    expect(rfStateField(RF.ACTIVE_POSTCONFIG)).toBe('12 -ACTIVE_POSTCONFIG ');
    expect(readStateField('9  -ACTIVE FAST ')).toBe(RF.ACTIVE_FAST);
    expect(readStateField('12 -ACTIVE-POSTCONFIG')).toBe(RF.ACTIVE_POSTCONFIG);
  });

  it('refuses a manual swact while the peer is syncing under SSO, allows it to a cold peer under RPR', () => {
    const syncing = renderShowRedundancyStates(ctxWith('ASR1006', [RF.ACTIVE, RF.STANDBY_COLD]));
    expect(syncing).toContain('\n    Manual Swact = disabled (peer unit not yet in terminal standby state)\n');
    expect(syncing).toContain('\n     peer state = 4  -STANDBY COLD \n');
    const rpr = renderShowRedundancyStates(ctxWith('ASR1006', [RF.ACTIVE, RF.STANDBY_COLD], 'rpr'));
    expect(rpr).toContain('\n    Manual Swact = enabled\n');
    expect(rpr).toContain('\nRedundancy Mode (Operational) = rpr\n');
  });

  it('answers as the Secondary unit after a switchover, and from a standby console when none is active', () => {
    const after = renderShowRedundancyStates(ctxWith('ASR1004', [RF.STANDBY_HOT, RF.ACTIVE]));
    expect(after).toContain('\n           Unit = Secondary\n        Unit ID = 49\n');
    const noActive = renderShowRedundancyStates(ctxWith('ASR1004', [RF.NEGOTIATION, RF.STANDBY_HOT]));
    expect(noActive.startsWith('       my state = 8  -STANDBY HOT \n     peer state = 3  -NEGOTIATION \n')).toBe(true);
    expect(noActive).toContain('\n    Manual Swact = cannot be initiated from this the standby unit\n');
    expect(noActive).toContain('\n Communications = Up\n');
  });
});
