import { describe, expect, it } from 'vitest';
import { canReceiveActivity, holdsActivity, RF, RF_STATES, rfStateFromName, rfStateName } from './rf-state.js';

describe('RF states', () => {
  it('numbers CLI states as the MIB value minus one', () => {
    for (const s of RF_STATES) expect(s.code).toBe(s.mib - 1);
    expect(rfStateName(RF.ACTIVE)).toBe('ACTIVE');
    expect(rfStateName(RF.STANDBY_HOT)).toBe('STANDBY HOT');
    expect(RF.ACTIVE).toBe(13);
    expect(RF.STANDBY_HOT).toBe(8);
  });

  it('reads CLI texts back, tolerating case and padding', () => {
    expect(rfStateFromName('STANDBY HOT ')).toBe(8);
    expect(rfStateFromName('standby cold-bulk')).toBe(7);
    expect(rfStateFromName('STANDBY WARM')).toBeUndefined();
  });

  it('spells states 9–12 as show redundancy history prints them and reads every spelling (domain §8.1)', () => {
    expect([9, 10, 11, 12].map((c) => rfStateName(c as 9 | 10 | 11 | 12))).toEqual(['ACTIVE-FAST', 'ACTIVE-DRAIN', 'ACTIVE_PRECONFIG', 'ACTIVE_POSTCONFIG']);
    for (const text of ['ACTIVE-FAST', 'ACTIVE FAST', 'active_fast', ' Active-Fast ']) expect(rfStateFromName(text), text).toBe(9);
    for (const text of ['ACTIVE_PRECONFIG', 'ACTIVE PRECONFIG', 'ACTIVE-PRECONFIG']) expect(rfStateFromName(text), text).toBe(11);
    for (const text of ['STANDBY COLD-BULK', 'STANDBY COLD BULK', 'STANDBY_COLD_BULK']) expect(rfStateFromName(text), text).toBe(7);
    expect(rfStateFromName('ACTIVE-HOT')).toBeUndefined();
  });

  it('lets only STANDBY COLD (and its sub-states) or STANDBY HOT receive activity', () => {
    const receivers = RF_STATES.filter((s) => canReceiveActivity(s.code)).map((s) => s.name);
    expect(receivers).toEqual(['STANDBY COLD', 'STANDBY COLD-CONFIG', 'STANDBY COLD-FILESYS', 'STANDBY COLD-BULK', 'STANDBY HOT']);
  });

  it('counts every ACTIVE-family state as holding activity', () => {
    const holders = RF_STATES.filter((s) => holdsActivity(s.code)).map((s) => s.code);
    expect(holders).toEqual([9, 10, 11, 12, 13, 14, 15]);
  });
});
