import { readFileSync } from 'node:fs';
import { initialRouterState, type RouterTwinState } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { defaultShowContext } from './default-show-context.js';
import type { IosImage } from './ios-image.js';
import { renderShow } from './render-show.js';
import type { ShowContext } from './show-context.js';
import { splitShowOutput } from './split-show-output.parser.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from './uptime.format.js';

/**
 * Each §5.2 capture against the output of a twin router put into the same state. Lines are compared exactly,
 * trailing spaces included. A mask replaces a value the twin cannot hold (it is not modelled) in both lines
 * before comparing. Elision lines of the truncated captures (`...`, `[... GPL notice ...]`) match any run
 * of rendered lines.
 */
const fixture = (name: string): string => readFileSync(new URL(`../test-fixtures/${name}`, import.meta.url), 'utf8');
const linesOf = (text: string): string[] => text.replace(/\n$/, '').split('\n');
const ELISION = /^(\.\.\.|\[\.\.\. .+ \.\.\.\])$/;

interface Mask {
  readonly pattern: RegExp;
  readonly why: string;
}

const masked = (line: string, masks: readonly Mask[]): string =>
  masks.reduce((text, mask) => text.replace(mask.pattern, (m, value: string) => m.replace(value, '«value»')), line);

/** The first capture line that cannot be matched, or `null` when the capture matches the rendered lines. */
function mismatch(capture: readonly string[], rendered: readonly string[], masks: readonly Mask[], tail = false): string | null {
  let furthest = { ci: 0, text: '' };
  const match = (ci: number, ri: number): boolean => {
    const expected = capture[ci];
    if (expected === undefined) return ri === rendered.length || tail;
    if (ELISION.test(expected)) return Array.from({ length: rendered.length - ri + 1 }, (_, k) => ri + k).some((k) => match(ci + 1, k));
    const actual = rendered[ri];
    if (actual !== undefined && masked(actual, masks) === masked(expected, masks)) return match(ci + 1, ri + 1);
    if (ci >= furthest.ci) furthest = { ci, text: `capture line ${ci + 1} ${JSON.stringify(expected)} vs rendered ${JSON.stringify(actual)}` };
    return false;
  };
  const starts = tail ? rendered.map((_, i) => i) : [0];
  return starts.some((start) => match(0, start)) ? null : furthest.text;
}

const ASR1006_EXPERIMENTAL_16_4: IosImage = {
  banner:
    'Cisco IOS Software [Everest], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Experimental Version 16.4.20170425:070036 [v164_throttle-BLD-BLD_V164_THROTTLE_LATEST_20170425_075354 141]',
  bannerDetails: ['Copyright (c) 1986-2017 by Cisco Systems, Inc.', 'Compiled Tue 25-Apr-17 06:17 by mcpre'],
  xeCopyrightYears: '2005-2017',
  fileName: 'test-image-PE1-13116843',
};

describe('twin output against the captured §5.2 outputs', () => {
  it('show redundancy, ASR1006 SSO duplex: identical once the twin runs the captured engineering image', () => {
    const ctx = defaultShowContext(
      { hostname: 'PE1', model: 'ASR1006', softwareVersion: '16.4.1' },
      {
        systemUptimeMs: 15 * HOUR_MS + 4 * MINUTE_MS + 20_000,
        timeInStateMs: { 'R0/0': 15 * HOUR_MS + 4 * MINUTE_MS, 'R1/0': 15 * HOUR_MS + MINUTE_MS + 59_000 },
        images: { 'R0/0': ASR1006_EXPERIMENTAL_16_4, 'R1/0': ASR1006_EXPERIMENTAL_16_4 },
        bootVariable: 'harddisk:test-image-PE1-13116843,12;',
      },
    );
    const capture = linesOf(fixture('asr1006-show-redundancy-sso.txt'));
    expect(mismatch(capture, linesOf(renderShow('show redundancy', ctx)), [])).toBeNull();
  });

  it('show redundancy, ASR1002-X simplex: the captured tail appears in the twin output', () => {
    const ctx = defaultShowContext({ hostname: 'edge', model: 'ASR1002-X', redundancyMode: 'none', softwareVersion: '3.13.9S' });
    const capture = linesOf(fixture('asr1002x-show-redundancy-simplex-tail.txt'));
    expect(mismatch(capture, linesOf(renderShow('show redundancy', ctx)), [], true)).toBeNull();
  });

  it('show redundancy states, duplex SSO (dual-IOSd ASR1004): identical after the prompt line', () => {
    const ctx = defaultShowContext({ hostname: 'asr104', model: 'ASR1004' });
    const [part] = splitShowOutput(fixture('asr1000-show-redundancy-states-duplex.txt'));
    expect(part?.command).toBe('show redundancy states');
    expect(mismatch(linesOf(part?.text ?? ''), linesOf(renderShow('show redundancy states', ctx)), [])).toBeNull();
  });

  it('show redundancy states, simplex: identical but for the RF client count, which the twin does not model', () => {
    const ctx = defaultShowContext({ hostname: 'PE1', model: 'ASR1002-X', redundancyMode: 'none' });
    const masks = [{ pattern: /client count = (\d+)/, why: 'number of registered RF clients' }];
    const capture = linesOf(fixture('asr1000-show-redundancy-states-simplex.txt'));
    const rendered = linesOf(renderShow('show redundancy states', ctx));
    expect(rendered).not.toEqual(capture);
    expect(mismatch(capture, rendered, masks)).toBeNull();
  });

  it('show version, ASR1001 IOS-XE 3.9.1S (§5.2 block): identical but for the synthetic compile date', () => {
    const capture = linesOf(fixture('asr1001-show-version-03.09.01.S.txt'));
    expect(mismatch(capture, linesOf(renderShow('show version', asr1001VersionContext())), [COMPILED])).toBeNull();
  });
});

const COMPILED: Mask = { pattern: /^Compiled (.+) by mcpre$/, why: 'build date of the image, not modelled per release' };
const FC: Mask = { pattern: /RELEASE SOFTWARE \((fc\d+)\)$/, why: 'build number of the release, not modelled' };

function asr1001VersionContext(): ShowContext {
  const restartedAt = Date.UTC(2014, 6, 25, 21, 2, 42);
  const uptime = DAY_MS + 15 * HOUR_MS + 32 * MINUTE_MS + 7_000;
  return defaultShowContext(
    { hostname: 'my_device', model: 'ASR1001', softwareVersion: '3.9.1S', serial: 'SSI1289001MH' },
    {
      systemUptimeMs: uptime,
      controlProcessorUptimeMs: uptime + 2 * MINUTE_MS,
      clock: { nowEpochMs: restartedAt + uptime, zone: 'MET-DST', utcOffsetMinutes: 120 },
      lastReload: { reason: 'LocalSoft', returnedToRomBy: 'reload', returnedToRomAtEpochMs: Date.UTC(2014, 6, 25, 20, 55, 31) },
    },
  );
}

const ASR1006_EXPERIMENTAL_16_3: IosImage = {
  banner:
    'Cisco IOS Software [Denali], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Experimental Version 16.3.20170410:103306 [v163_mr_throttle-BLD-BLD_V163_MR_THROTTLE_LATEST_20170410_093453 118]',
  bannerDetails: ['Copyright (c) 1986-2017 by Cisco Systems, Inc.', 'Compiled Mon 10-Apr-17 04:35 by mcpre'],
  xeCopyrightYears: '2005-2017',
  fileName: 'test-image-PE1-13113029',
};

function asr1006Version16Context(): ShowContext {
  const restartedAt = Date.UTC(2017, 3, 10, 16, 8, 57);
  const uptime = 32 * MINUTE_MS + 30_000;
  const hardware = defaultShowContext({ hostname: 'PE1', model: 'ASR1006' }).hardware;
  return defaultShowContext(
    { hostname: 'PE1', model: 'ASR1006', softwareVersion: '16.3.3', serial: 'FOX1444GPXU' },
    {
      systemUptimeMs: uptime,
      controlProcessorUptimeMs: uptime + 2 * MINUTE_MS,
      clock: { nowEpochMs: restartedAt + uptime, zone: 'PDT', utcOffsetMinutes: -420 },
      lastReload: { reason: 'Reload Command', returnedToRomBy: 'reload', returnedToRomAtEpochMs: Date.UTC(2017, 3, 10, 9, 14, 51) },
      images: { 'R0/0': ASR1006_EXPERIMENTAL_16_3, 'R1/0': ASR1006_EXPERIMENTAL_16_3 },
      systemImage: 'harddisk:test-image-PE1-13113029',
      configRegister: '0x2000',
      nextConfigRegister: '0x2002',
      hardware: {
        ...hardware,
        interfaces: [{ count: 5, kind: 'Gigabit Ethernet' }],
        storage: [...hardware.storage, { sizeKb: 0, kind: '', device: 'webui:' }],
      },
    },
  );
}

function asr1001xVersion17Context(): ShowContext {
  const base = defaultShowContext({ hostname: 'COL-B-ASR1001-X-1', model: 'ASR1001-X' });
  const uptime = 4 * WEEK_MS + 14 * HOUR_MS + 49 * MINUTE_MS + 5_000;
  return defaultShowContext(
    { hostname: 'COL-B-ASR1001-X-1', model: 'ASR1001-X', softwareVersion: '17.5.1a', serial: 'FXS2412Q36T' },
    {
      systemUptimeMs: uptime,
      controlProcessorUptimeMs: uptime + 3 * MINUTE_MS,
      systemImage: 'bootflash:packages.conf',
      routerOperatingMode: 'controller-managed',
      platform: { ...base.platform, modules: { ...base.platform.modules, R0: { cpldVersion: '20010121', firmwareVersion: '16.9(4r)' } } },
    },
  );
}

describe('show version against the full public captures (§8.13: GPL and export notices, licence block, ROM)', () => {
  it('§8.13: ASR1001 3.9.1S (ntc show_version2.raw) prints both notices and the Permanent licence block, line for line', () => {
    const capture = linesOf(fixture('asr1001-show-version-03.09.01.S-full.txt'));
    expect(capture.some((l) => ELISION.test(l))).toBe(false);
    expect(mismatch(capture, linesOf(renderShow('show version', asr1001VersionContext())), [COMPILED])).toBeNull();
  });

  it('§8.13: ASR1006 RP2 16.3 (genie asr1k) prints the notices, RightToUse block and IOS-XE ROMMON, line for line', () => {
    const build: Mask = { pattern: /^Cisco IOS XE Software, Version (.+)$/, why: 'engineering build label, not a release' };
    const capture = linesOf(fixture('asr1006-show-version-16.3-engineering.txt'));
    expect(mismatch(capture, linesOf(renderShow('show version', asr1006Version16Context())), [build])).toBeNull();
  });

  it('§8.13: 17.x controller-managed ASR1001-X 17.5.1a (genie golden 6) prints the controller-managed block and ROMMON 16.9(4r)', () => {
    const [part] = splitShowOutput(fixture('asr1001x-show-version-17.05.01a.txt'));
    expect(part?.command).toBe('show version');
    const capture = linesOf(part?.text ?? '');
    expect(mismatch(capture, linesOf(renderShow('show version', asr1001xVersion17Context())), [COMPILED, FC])).toBeNull();
  });

  it('notices a missing notice line, and the autonomous licence lines against the controller-managed capture', () => {
    const capture = linesOf(fixture('asr1001-show-version-03.09.01.S-full.txt'));
    const rendered = linesOf(renderShow('show version', asr1001VersionContext()));
    expect(
      mismatch(
        capture,
        rendered.filter((l) => l !== 'export@cisco.com.'),
        [COMPILED],
      ),
    ).toContain('export@cisco.com.');
    const [part] = splitShowOutput(fixture('asr1001x-show-version-17.05.01a.txt'));
    const autonomous = { ...asr1001xVersion17Context(), routerOperatingMode: 'autonomous' as const };
    expect(mismatch(linesOf(part?.text ?? ''), linesOf(renderShow('show version', autonomous)), [COMPILED, FC])).toContain('License Mode');
  });
});

describe('the capture comparison itself', () => {
  const capture = linesOf(fixture('asr1006-show-redundancy-sso.txt'));

  it('notices a lost trailing space, a changed value and a missing line', () => {
    const trimmed = capture.map((l) => (l.includes('STANDBY HOT') ? l.trimEnd() : l));
    expect(mismatch(capture, trimmed, [])).toContain('STANDBY HOT ');
    expect(
      mismatch(
        capture,
        capture.map((l) => l.replace('= 0x2102', '= 0x2142')),
        [],
      ),
    ).toContain('0x2102');
    expect(mismatch(capture, capture.slice(0, -1), [])).not.toBeNull();
    expect(mismatch(capture, [...capture, 'extra'], [])).not.toBeNull();
  });

  it('lets an elision line stand for any run of lines, but nothing else', () => {
    expect(mismatch(['a', '...', 'd'], ['a', 'b', 'c', 'd'], [])).toBeNull();
    expect(mismatch(['a', '[... notice ...]', 'd'], ['a', 'd'], [])).toBeNull();
    expect(mismatch(['a', '...', 'd'], ['a', 'b', 'c'], [])).not.toBeNull();
  });
});

function asr1006PlatformContext(): ShowContext {
  const base = initialRouterState({ model: 'ASR1006', redundancyMode: 'sso', softwareVersion: '16.4.1' });
  const state: RouterTwinState = { ...base, esps: base.esps.filter((e) => e.slot === 'F0') };
  const sip = 33 * MINUTE_MS + 53_000;
  const bay = (n: number, type: string) => ({ bay: n, type, state: 'ok', insertedAgoMs: 2 * DAY_MS });
  const versions = (cpldVersion: string, firmwareVersion: string) => ({ cpldVersion, firmwareVersion });
  return defaultShowContext(
    { hostname: 'PE1', model: 'ASR1006', state },
    {
      controlProcessorUptimeMs: sip,
      platform: {
        carriers: [
          {
            slot: 0,
            type: 'ASR1000-SIP40',
            state: 'ok',
            ...versions('00200800', '16.2(1r)'),
            bays: [bay(0, 'SPA-1XCHSTM1/OC3'), bay(1, 'SPA-2XT3/E3'), bay(2, 'SPA-1XOC48POS/RPR'), bay(3, 'SPA-5X1GE-V2')],
          },
          {
            slot: 1,
            type: 'ASR1000-2T+20X1GE',
            state: 'ok',
            insertedAgoMs: 2 * DAY_MS,
            ...versions('14011701', '16.3(2r)'),
            bays: [bay(0, 'BUILT-IN-2T+20X1GE')],
          },
          { slot: 2, type: 'ASR1000-6TGE', state: 'ok', insertedAgoMs: 2 * DAY_MS, ...versions('14011701', '16.3(2r)'), bays: [bay(0, 'BUILT-IN-6TGE')] },
          { slot: 4, type: '', state: 'unknown', insertedAgoMs: 2 * DAY_MS, ...versions('N/A', 'N/A'), bays: [] },
        ],
        powerSupplies: [
          { slot: 'P0', type: 'ASR1006-PWR-AC', state: 'ok', insertedAgoMs: 33 * MINUTE_MS + 18_000 },
          { slot: 'P1', type: 'ASR1006-PWR-AC', state: 'ps, fail', insertedAgoMs: 33 * MINUTE_MS + 17_000 },
        ],
        modules: { R0: versions('10021901', '16.2(1r)'), R1: versions('14111801', '16.2(1r)'), F0: versions('08041102', '16.2(1r)') },
      },
    },
  );
}

describe('show platform against the ASR1006 capture', () => {
  const capture = linesOf(fixture('asr1006-show-platform.txt'));
  const rendered = linesOf(renderShow('show platform', asr1006PlatformContext()));

  it('matches line for line, trailing spaces included, except two lines of irregular capture padding', () => {
    expect(rendered).toHaveLength(capture.length);
    const differing = capture.flatMap((line, i) => (line === rendered[i] ? [] : [line.trimEnd()]));
    // The 0/3 row's insert-time column is one space shorter than all fourteen other rows; the F0 firmware
    // value, the last line of the capture, is cut short (the public original continues its padding on an
    // extra line). The twin keeps the regular column widths.
    expect(differing).toEqual([' 0/3      SPA-5X1GE-V2        ok                    2d00h', 'F0        08041102            16.2(1r)']);
    expect(capture.map((l) => l.trimEnd())).toEqual(rendered.map((l) => l.trimEnd()));
  });

  it('keeps the regular widths: 66-character rows in both tables', () => {
    const rows = rendered.filter((l) => /^ ?[0-9RFP]/.test(l) && !l.includes('N/A'));
    expect(new Set(rows.map((l) => l.length))).toEqual(new Set([66]));
  });
});
