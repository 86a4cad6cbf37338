import { describe, expect, it } from 'vitest';
import { didYouMean, suggestion } from './did-you-mean.js';

describe('didYouMean', () => {
  const faults = ['iosd-crash', 'iosd-hang', 'vm-crash', 'esp-failure'];

  it('finds typos, transpositions and case slips', () => {
    expect(didYouMean('iosd-crsh', faults)).toBe('iosd-crash');
    expect(didYouMean('iosd-hnag', faults)).toBe('iosd-hang');
    expect(didYouMean('IOSD-CRASH', faults)).toBe('iosd-crash');
    expect(didYouMean('asr1002-x', ['ASR1002', 'ASR1002-X'])).toBe('ASR1002-X');
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('power-surge', faults)).toBeUndefined();
    expect(didYouMean('', faults)).toBeUndefined();
    expect(didYouMean('x'.repeat(200), faults)).toBeUndefined();
  });

  it('renders a ready-to-append hint', () => {
    expect(suggestion('horizion', ['horizon', 'seed'])).toBe(' (did you mean "horizon"?)');
    expect(suggestion('zzz', ['horizon'])).toBe('');
  });
});
