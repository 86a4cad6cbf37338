import type { ForecastRouter, RouterForecastRecord } from '@asr-twin/forecast';
import { describe, expect, it } from 'vitest';
import { decodeStats, encodeStats, recordOf } from './forecast-stats.codec.js';

const router: ForecastRouter = { hostname: 'r1', model: 'ASR1006', redundancy: 'sso', version: '17.3.4a' };

describe('forecast stats storage', () => {
  it('round-trips every double exactly, eight bytes each', () => {
    const record: RouterForecastRecord = {
      router,
      controlPlaneS: [0, 1 / 3, 123_456.789_012_345, Number.MIN_VALUE],
      dataPlaneS: [Math.PI, 0.1 + 0.2, 1e-300, 86_400 * 365],
      controlPlaneByCauseS: [0.5, 2 / 7, 0],
      dataPlaneByCauseS: [1e6, 0, 3.25],
      failuresPerYear: [0.043_8, 1.000_000_000_000_000_2, 0],
      simulations: 12,
      quiet: 3,
      events: 4567,
      errors: 1,
      firstError: 'psu@P1: broken',
    };
    const buf = encodeStats(record);
    expect(buf.length).toBe((4 + 4 + 3 * 3) * 8);
    const back = decodeStats(buf, 4);
    expect(back).toEqual({
      controlPlaneS: record.controlPlaneS,
      dataPlaneS: record.dataPlaneS,
      controlPlaneByCauseS: record.controlPlaneByCauseS,
      dataPlaneByCauseS: record.dataPlaneByCauseS,
      failuresPerYear: record.failuresPerYear,
    });
    for (const [k, v] of record.dataPlaneS.entries()) expect(Object.is(back.dataPlaneS[k], v)).toBe(true);
    expect(recordOf(router, 4, { stats: buf, simulations: 12, quiet: 3, events: '4567', errors: 1, first_error: 'psu@P1: broken' })).toEqual(record);
  });

  it('refuses stats that do not fit the trial count', () => {
    expect(() => decodeStats(Buffer.alloc(8 * 7), 4)).toThrow(/do not fit 4 trials/);
  });
});
