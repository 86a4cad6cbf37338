import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIosTimestamp } from './clock.format.js';
import {
  DAY_MS,
  formatInsertTime,
  formatUptime,
  HOUR_MS,
  MINUTE_MS,
  parseInsertTime,
  parseUptime,
  truncateToMinute,
  WEEK_MS,
  YEAR_MS,
} from './uptime.format.js';

describe('uptime phrases', () => {
  it('prints the captured forms, singulars included', () => {
    expect(formatUptime(15 * HOUR_MS + 4 * MINUTE_MS)).toBe('15 hours, 4 minutes');
    expect(formatUptime(15 * HOUR_MS + 1 * MINUTE_MS + 59_999)).toBe('15 hours, 1 minute');
    expect(formatUptime(DAY_MS + 15 * HOUR_MS + 32 * MINUTE_MS)).toBe('1 day, 15 hours, 32 minutes');
    expect(formatUptime(MINUTE_MS)).toBe('1 minute');
    expect(formatUptime(0)).toBe('0 minutes');
  });

  it('skips zero years, weeks, days and hours but always prints minutes', () => {
    expect(formatUptime(4 * WEEK_MS + 14 * HOUR_MS + 49 * MINUTE_MS)).toBe('4 weeks, 14 hours, 49 minutes');
    expect(formatUptime(11 * WEEK_MS + 2 * DAY_MS + 3 * HOUR_MS)).toBe('11 weeks, 2 days, 3 hours, 0 minutes');
    expect(formatUptime(YEAR_MS + 13 * WEEK_MS + 6 * DAY_MS + 58 * MINUTE_MS)).toBe('1 year, 13 weeks, 6 days, 58 minutes');
    expect(formatUptime(-5)).toBe('0 minutes');
  });

  it('parses what it prints, to the minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * YEAR_MS }), (ms) => {
        expect(parseUptime(formatUptime(ms))).toBe(truncateToMinute(ms));
      }),
    );
  });

  it('parses other devices’ phrases and rejects anything else', () => {
    expect(parseUptime('2 days, 2 hours, 39 minutes')).toBe(2 * DAY_MS + 2 * HOUR_MS + 39 * MINUTE_MS);
    expect(parseUptime('1 hour, 22 minutes')).toBe(HOUR_MS + 22 * MINUTE_MS);
    expect(parseUptime('about a day')).toBeUndefined();
    expect(parseUptime('4 minutes, 15 hours')).toBeUndefined();
    expect(parseUptime('')).toBeUndefined();
  });
});

describe('show platform insert times', () => {
  it('prints clock time under a day, then days+hours, weeks+days, years+weeks', () => {
    expect(formatInsertTime(33 * MINUTE_MS + 53_000)).toBe('00:33:53');
    expect(formatInsertTime(2 * DAY_MS)).toBe('2d00h');
    expect(formatInsertTime(DAY_MS + 4 * HOUR_MS)).toBe('1d04h');
    expect(formatInsertTime(22 * WEEK_MS + 5 * DAY_MS)).toBe('22w5d');
    expect(formatInsertTime(2 * YEAR_MS + 30 * WEEK_MS)).toBe('2y30w');
  });

  it('parses every printed form, never and N/A', () => {
    expect(parseInsertTime('00:33:53')).toBe(33 * MINUTE_MS + 53_000);
    expect(parseInsertTime('2d00h')).toBe(2 * DAY_MS);
    expect(parseInsertTime('never')).toBeNull();
    expect(parseInsertTime('N/A')).toBeNull();
    expect(parseInsertTime('yesterday')).toBeUndefined();
  });

  it('is stable: printing a parsed insert time gives the same text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * YEAR_MS }), (ms) => {
        const text = formatInsertTime(ms);
        const parsed = parseInsertTime(text);
        expect(parsed).not.toBeNull();
        expect(formatInsertTime(parsed ?? -1)).toBe(text);
      }),
    );
  });
});

describe('wall-clock time stamps', () => {
  it('prints the show version form with the zone label and an unpadded day', () => {
    const zone = { zone: 'MET-DST', utcOffsetMinutes: 120 };
    expect(formatIosTimestamp(Date.UTC(2014, 6, 25, 21, 2, 42), zone)).toBe('23:02:42 MET-DST Fri Jul 25 2014');
    expect(formatIosTimestamp(Date.UTC(2019, 1, 1, 7, 15, 43), { zone: 'UTC', utcOffsetMinutes: 0 })).toBe('07:15:43 UTC Fri Feb 1 2019');
  });
});
