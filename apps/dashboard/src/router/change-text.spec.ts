import { RF, RF_STATES } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { changedFields, fieldValueText } from './change-text';

const time = (iso: string) => `<${iso}>`;

describe('fieldValueText', () => {
  it('names RF states as IOS-XE prints them, with their number', () => {
    expect(fieldValueText('rfState', RF.STANDBY_HOT, time)).toBe('STANDBY HOT (8)');
    expect(fieldValueText('rfState', RF.ACTIVE, time)).toBe('ACTIVE (13)');
    for (const s of RF_STATES) expect(fieldValueText('rfState', s.code, time)).toBe(`${s.name} (${s.code})`);
  });

  it('leaves numbers that are not RF states alone, and numbers of other fields', () => {
    expect(fieldValueText('rfState', 99, time)).toBe('99');
    expect(fieldValueText('switchovers', 8, time)).toBe('8');
  });

  it('formats timestamps, objects and nothing', () => {
    expect(fieldValueText('stateSince', '2026-12-06T04:00:00.000Z', time)).toBe('<2026-12-06T04:00:00.000Z>');
    expect(fieldValueText('lastSwitchoverReason', 'user forced', time)).toBe('user forced');
    expect(fieldValueText('hardware', { rp: 'ASR1000-RP2' }, time)).toBe('{"rp":"ASR1000-RP2"}');
    expect(fieldValueText('operatingMode', null, time)).toBe('—');
  });
});

describe('changedFields', () => {
  it('pairs before and after of each field', () => {
    expect(changedFields({ rfState: 8, stateSince: '2026-12-06T04:00:00Z' }, { rfState: 13, stateSince: '2026-12-06T04:00:01Z' }, time)).toEqual([
      { field: 'rfState', before: 'STANDBY HOT (8)', after: 'ACTIVE (13)' },
      { field: 'stateSince', before: '<2026-12-06T04:00:00Z>', after: '<2026-12-06T04:00:01Z>' },
    ]);
    expect(changedFields(null, { health: 'degraded' }, time)).toEqual([{ field: 'health', before: '—', after: 'degraded' }]);
  });
});
