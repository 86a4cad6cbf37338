import { describe, expect, it } from 'vitest';
import { causeText, expectationName, formatLimit, formatObserved } from './expectation-text';

describe('expectation text', () => {
  it('names expectations in words and keeps unknown names', () => {
    expect(expectationName('controlPlaneOutage')).toBe('Control-plane outage');
    expect(expectationName('single-active')).toMatch(/two ACTIVE/);
    expect(expectationName('somethingNew')).toBe('somethingNew');
  });

  it('writes observed values and limits with units', () => {
    expect(formatObserved('controlPlaneOutage', 365_509)).toBe('6 min 6 s');
    expect(formatObserved('switchovers', 2)).toBe('2');
    expect(formatObserved('redundancyRestored', null)).toMatch(/never/);
    expect(formatLimit('controlPlaneOutage', { min: null, max: 60_000 })).toBe('at most 1 min');
    expect(formatLimit('dataPlaneOutage', { min: 60_000, max: null })).toBe('at least 1 min');
    expect(formatLimit('switchovers', { min: 1, max: 2 })).toBe('from 1 to 2');
  });

  it('says what a cause group has in common', () => {
    expect(causeText({ dimension: 'model', value: 'ASR1002-X' })).toBe('model ASR1002-X');
    expect(causeText({ dimension: 'mode', value: 'rpr' })).toBe('operating mode RPR');
    expect(causeText({ dimension: 'start', value: 'R0/0 ACTIVE, R0/1 STANDBY COLD-BULK' })).toBe('starting state R0/0 ACTIVE, R0/1 STANDBY COLD-BULK');
    expect(causeText({ dimension: 'expectation', value: 'dataPlaneOutage' })).toBe('failed Data-plane outage');
  });
});
