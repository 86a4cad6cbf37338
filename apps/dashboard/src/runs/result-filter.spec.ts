import { describe, expect, it } from 'vitest';
import { filterGroupText, filterVariables, groupFilter } from './result-filter';

describe('result filters', () => {
  it('lists the failed routers of a cause group', () => {
    expect(groupFilter({ dimension: 'model', value: 'ASR1002-X' })).toEqual({ verdict: 'fail', model: 'ASR1002-X' });
    expect(groupFilter({ dimension: 'expectation', value: 'controlPlaneOutage' })).toEqual({ verdict: 'fail', expectation: 'controlPlaneOutage' });
  });

  it('names every variable, null when absent, and says which group is shown', () => {
    expect(filterVariables({ verdict: 'fail', start: 'R0/0 ACTIVE' })).toEqual({
      verdict: 'fail',
      model: null,
      mode: null,
      start: 'R0/0 ACTIVE',
      expectation: null,
      search: null,
    });
    expect(filterGroupText({ verdict: 'fail', model: 'ASR1002-X' })).toBe('model ASR1002-X');
    expect(filterGroupText({ verdict: 'fail' })).toBeNull();
  });
});
