import { describe, expect, it } from 'vitest';
import { stateTone } from './state-tone';

describe('stateTone', () => {
  it('colours the RF states a unit passes on its way to activity as transitional, in their CLI spellings', () => {
    for (const state of ['ACTIVE-FAST', 'ACTIVE-DRAIN', 'ACTIVE_PRECONFIG', 'ACTIVE_POSTCONFIG', 'ACTIVE HANDBACK', 'STANDBY COLD-BULK', 'NEGOTIATION']) {
      expect(stateTone(state), state).toBe('transition');
    }
    expect(stateTone('ACTIVE')).toBe('good');
    expect(stateTone('STANDBY HOT')).toBe('standby');
    expect(stateTone('DISABLED')).toBe('bad');
  });
});
