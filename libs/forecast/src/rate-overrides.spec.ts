import { ValidationError } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATES, FAILURE_CLASSES, fitOf, ratesView } from './rate-catalogue.js';
import { parseModelRates, parseRateOverrides, resolveRates } from './rate-overrides.js';

function issuesOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).issues];
  }
  throw new Error('expected a ValidationError');
}

describe('rate catalogue', () => {
  it('gives every class a source, a positive MTBF and a repair model consistent with its kind', () => {
    for (const key of FAILURE_CLASSES) {
      const r = DEFAULT_RATES[key];
      expect(r.key).toBe(key);
      expect(r.source.length, key).toBeGreaterThan(20);
      expect(r.mtbfHours, key).toBeGreaterThan(0);
      if (r.repair === 'automatic') expect(r.mttrHours, key).toBe(0);
      else expect(r.mttrHours, key).toBeGreaterThan(0);
      if (r.repair === 'replace') expect(r.mttrNoSparesHours, key).toBeGreaterThan(r.mttrHours);
      // No public MTBF exists for these parts: every default is flagged, and says so in its source.
      expect(r.illustrative, key).toBe(true);
      expect(r.source, key).toMatch(/illustrative/);
    }
  });

  it('prints FIT as 10^9 / MTBF', () => {
    expect(fitOf(200_000)).toBe(5000);
    expect(ratesView().find((r) => r.key === 'rp-hardware')).toMatchObject({ mtbfHours: 200_000, fit: 5000 });
  });
});

describe('rate overrides', () => {
  it('apply request > fleet > model > default, and only the given fields', () => {
    const rates = resolveRates('ASR1006', {
      models: { ASR1006: { psu: { mtbfHours: 100_000, mttrHours: 6 } }, ASR1004: { psu: { mtbfHours: 1 } } },
      fleet: { psu: { mtbfHours: 150_000 } },
      request: { psu: { fit: 2000 } },
    });
    expect(rates.psu.mtbfHours).toBe(500_000);
    expect(rates.psu.mttrHours).toBe(6);
    expect(rates.psu.mttrNoSparesHours).toBe(DEFAULT_RATES.psu.mttrNoSparesHours);
    expect(rates.psu.illustrative).toBe(false);
    expect(rates.psu.source).toMatch(/^request override \(fit\)/);
    expect(rates['esp-hardware']).toBe(DEFAULT_RATES['esp-hardware']);
    expect(resolveRates('ASR1004', { models: { ASR1006: { psu: { mtbfHours: 1 } } } }).psu.mtbfHours).toBe(DEFAULT_RATES.psu.mtbfHours);
  });

  it('switches a class off with fit 0', () => {
    expect(resolveRates('ASR1006', { request: parseRateOverrides({ 'iosd-crash': { fit: 0 } }) })['iosd-crash'].mtbfHours).toBe(Infinity);
  });

  it('refuses unknown classes and fields, bad numbers, MTBF with FIT and repair times that do not apply, naming the key', () => {
    const issues = issuesOf(() =>
      parseRateOverrides({
        'esp-hw': { mtbfHours: 1 },
        psu: { mtbf: 5, mttrHours: -1 },
        'rp-hardware': { mtbfHours: 1000, fit: 3 },
        'iosd-crash': { mttrHours: 2 },
        'power-feed': { mttrNoSparesHours: 3, repairDistribution: 'lognormal' },
      }),
    );
    expect(issues.map((i) => i.field)).toEqual([
      'rates.esp-hw',
      'rates.psu.mtbf',
      'rates.psu.mttrHours',
      'rates.rp-hardware',
      'rates.iosd-crash.mttrHours',
      'rates.power-feed.mttrNoSparesHours',
      'rates.power-feed.repairDistribution',
    ]);
    expect(issues[0]?.message).toMatch(/unknown failure class "esp-hw"/);
    expect(issues[3]?.message).toMatch(/both mtbfHours and fit/);
    expect(issues[4]?.message).toMatch(/recovered automatically by the simulator/);
    expect(issuesOf(() => parseModelRates({ ASR9000: {} })).map((i) => i.field)).toEqual(['models.ASR9000']);
    expect(issuesOf(() => parseModelRates({ ASR1006: { psu: { mtbfHours: 0 } } }))[0]?.message).toMatch(
      /models\.ASR1006\.psu\.mtbfHours must be a number greater than 0/,
    );
  });
});
