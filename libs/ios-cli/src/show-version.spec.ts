import { readFileSync } from 'node:fs';
import { initialRouterState, RF, type ChassisModel } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { defaultShowContext } from './default-show-context.js';
import { iosImage } from './ios-image.js';
import type { ShowContext } from './show-context.js';
import { parseShowVersion } from './show-version.parser.js';
import { renderShowVersion } from './show-version.renderer.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from './uptime.format.js';
import { AUTONOMOUS_17_LICENSE_TEMPLATE } from './version-license.js';
import { CRYPTO_EXPORT_NOTICE, GPL_NOTICE } from './version-notices.js';

const fixture = (name: string): string => readFileSync(new URL(`../test-fixtures/${name}`, import.meta.url), 'utf8');

describe('parsing show version', () => {
  it('reads the captured ASR1001 IOS-XE 3.9.1S output: versions, uptimes, reload, chassis, serial', () => {
    expect(parseShowVersion(fixture('asr1001-show-version-03.09.01.S.txt'))).toEqual({
      ok: true,
      value: {
        command: 'show version',
        hostname: 'my_device',
        xeVersion: '3.9.1S',
        xeVersionText: '03.09.01.S',
        iosVersion: '15.3(2)S1',
        imageId: 'X86_64_LINUX_IOSD-UNIVERSALK9-M',
        releaseTrain: null,
        experimental: false,
        rommon: 'IOS-XE ROMMON',
        uptimeMs: DAY_MS + 15 * HOUR_MS + 32 * MINUTE_MS,
        controlProcessorUptimeMs: DAY_MS + 15 * HOUR_MS + 34 * MINUTE_MS,
        returnedToRomBy: 'reload',
        returnedToRomAt: '22:55:31 MET-DST Fri Jul 25 2014',
        systemRestartedAt: '23:02:42 MET-DST Fri Jul 25 2014',
        systemImage: 'bootflash:asr1001-universalk9.03.09.01.S.153-2.S1.bin',
        lastReloadReason: 'LocalSoft',
        licenseLevel: 'advipservices',
        licenseType: 'Permanent',
        licenseMode: null,
        smartLicensingStatus: null,
        routerOperatingMode: null,
        chassis: 'ASR1001',
        model: 'ASR1001',
        processorType: '1RU',
        processorMemory: '1133939K/6147K',
        serial: 'SSI1289001MH',
        configRegister: '0x2102',
        nextConfigRegister: null,
      },
    });
  });

  it('reads the 16.x/17.x heading forms quoted in §5.2', () => {
    const text = [
      'Cisco IOS XE Software, Version 17.05.01a',
      'Cisco IOS Software [Bengaluru], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.5.1a, RELEASE SOFTWARE (fc3)',
      'core-2 uptime is 4 weeks, 14 hours, 49 minutes',
      'cisco ASR1006 (RP2) processor (revision RP2) with 4138965K/6147K bytes of memory.',
      'Configuration register is 0x2000 (will be 0x2102 at next reload)',
    ].join('\n');
    expect(parseShowVersion(text)).toMatchObject({
      ok: true,
      value: {
        hostname: 'core-2',
        xeVersion: '17.5.1a',
        xeVersionText: '17.05.01a',
        releaseTrain: 'Bengaluru',
        uptimeMs: 4 * WEEK_MS + 14 * HOUR_MS + 49 * MINUTE_MS,
        controlProcessorUptimeMs: null,
        model: 'ASR1006',
        processorType: 'RP2',
        configRegister: '0x2000',
        nextConfigRegister: '0x2102',
      },
    });
  });

  it('fails clearly on output without banner or uptime, and on other commands', () => {
    const capture = fixture('asr1001-show-version-03.09.01.S.txt');
    expect(parseShowVersion(capture.replace(/^my_device uptime is .*$/m, ''))).toMatchObject({
      ok: false,
      error: { code: 'MISSING_FIELD' },
    });
    expect(parseShowVersion(capture.replace('1 day, 15 hours, 32 minutes', 'ages'))).toEqual({
      ok: false,
      error: { code: 'INVALID_VALUE', message: '"ages" is not an uptime', line: 13 },
    });
    expect(parseShowVersion(fixture('asr1006-show-redundancy-sso.txt'))).toMatchObject({
      ok: false,
      error: { code: 'UNRECOGNISED_OUTPUT' },
    });
  });
});

it('reads a long banner-like line in linear time (no catastrophic backtracking)', () => {
  const started = performance.now();
  const result = parseShowVersion(`Cisco IOS Software, ${' '.repeat(50_000)}x\nr uptime is 1 minute`);
  expect(result).toMatchObject({ ok: false, error: { code: 'UNRECOGNISED_OUTPUT' } });
  // The previous banner pattern needed about 4 s for 2,000 spaces and minutes for 8,000.
  expect(performance.now() - started).toBeLessThan(1_000);
});

describe('rendering show version', () => {
  it('prints the 17.x heading, processor revision and the answering instance after a switchover', () => {
    const base = initialRouterState({ model: 'ASR1006', redundancyMode: 'sso', softwareVersion: '17.3.4a' });
    const state = {
      ...base,
      instances: base.instances.map((i) => (i.name === 'R1/0' ? { ...i, rfState: RF.ACTIVE, softwareVersion: '17.6.5' } : { ...i, rfState: RF.STANDBY_HOT })),
    };
    const lines = renderShowVersion(defaultShowContext({ hostname: 'core-1', model: 'ASR1006', state })).split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Cisco IOS XE Software, Version 17.06.05',
      'Cisco IOS Software [Bengaluru], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.6.5, RELEASE SOFTWARE (fc1)',
    ]);
    expect(lines).toContain('System image file is "bootflash:asr1000rpx86-universalk9.17.06.05.SPA.bin"');
    expect(lines.find((l) => l.startsWith('cisco '))).toBe('cisco ASR1006 (RP2) processor (revision RP2) with 4138965K/6147K bytes of memory.');
    expect(lines).toContain('Router operating mode: Autonomous');
  });

  it('prints time stamps only with a clock, and the next configuration register when it differs', () => {
    const plain = renderShowVersion(defaultShowContext({ hostname: 'r', model: 'ASR1004', softwareVersion: '16.9.4' }));
    expect(plain).toContain('\nSystem returned to ROM by Reload Command\nSystem image file is');
    expect(plain).not.toContain('Router operating mode');
    const clocked = renderShowVersion(
      defaultShowContext(
        { hostname: 'r', model: 'ASR1004', softwareVersion: '16.9.4' },
        {
          systemUptimeMs: HOUR_MS,
          clock: { nowEpochMs: Date.UTC(2024, 2, 1, 12, 0, 0), zone: 'UTC', utcOffsetMinutes: 0 },
          nextConfigRegister: '0x2142',
        },
      ),
    );
    expect(clocked).toContain('\nSystem restarted at 11:00:00 UTC Fri Mar 1 2024\n');
    expect(clocked).toContain('\nConfiguration register is 0x2102 (will be 0x2142 at next reload)\n');
  });
});

describe('§8.13 show version text by release, mode and image', () => {
  const render = (version: string, overrides: Partial<ShowContext> = {}, model: ChassisModel = 'ASR1006'): string[] =>
    renderShowVersion(defaultShowContext({ hostname: 'r', model, softwareVersion: version }, overrides)).split('\n');
  const after = (lines: readonly string[], first: string, count: number): string[] => {
    const at = lines.indexOf(first);
    return at < 0 ? [] : lines.slice(at + 1, at + 1 + count);
  };

  it('§8.13: every release prints the 8-line GPL notice under the IOS-XE copyright line, then two empty lines and ROM', () => {
    for (const version of ['3.9.1S', '16.3.7', '17.5.1a', '17.15.1']) {
      const lines = render(version);
      const copyright = lines.findIndex((l) => l.startsWith('Cisco IOS-XE software, Copyright (c) 2005-'));
      expect(lines.slice(copyright + 1, copyright + 12)).toEqual([...GPL_NOTICE, '', '', lines[copyright + 11]]);
      expect(lines[copyright + 11]).toMatch(/^ROM: /);
    }
  });

  it('§8.13: a k9 image prints the 14-line export notice after the reload reason; a non-k9 image does not', () => {
    const k9 = render('16.9.4');
    expect(after(k9, 'Last reload reason: Reload Command', 18)).toEqual(['', '', '', ...CRYPTO_EXPORT_NOTICE, '']);
    const image = iosImage('ASR1004', '3.2.0S');
    const advipservices = { ...image, banner: image.banner.replace('UNIVERSALK9', 'ADVIPSERVICES') };
    const plain = render('3.2.0S', { images: { 'R0/0': advipservices } }, 'ASR1004');
    expect(plain).toContain(GPL_NOTICE[0]);
    expect(plain).not.toContain(CRYPTO_EXPORT_NOTICE[0]);
    expect(after(plain, 'Last reload reason: Reload Command', 4)).toEqual(['', ' ', '', 'License Level: advipservices']);
  });

  it('§8.13: 3.x prints Level / Type: Permanent / Next; 16.x Type: RightToUse / Level / Next; neither an operating mode', () => {
    expect(after(render('3.13.9S'), 'export@cisco.com.', 4)).toEqual([
      '',
      'License Level: advipservices',
      'License Type: Permanent',
      'Next reload license Level: advipservices',
    ]);
    const sixteen = render('16.12.5');
    expect(after(sixteen, 'export@cisco.com.', 4)).toEqual([
      '',
      'License Type: RightToUse',
      'License Level: advipservices',
      'Next reload license Level: advipservices',
    ]);
    expect(sixteen.some((l) => l.startsWith('Router operating mode'))).toBe(false);
    expect(sixteen.some((l) => l.startsWith('Smart Licensing'))).toBe(false);
  });

  it('§8.13: 17.x controller-managed prints License Mode, the smart status and the mode after the processor lines', () => {
    const lines = render('17.5.1a', { routerOperatingMode: 'controller-managed' });
    expect(after(lines, 'export@cisco.com.', 5)).toEqual([
      '',
      'License Mode: Controller-Managed',
      '',
      'Smart Licensing Status: Registration Not Applicable/Not Applicable',
      '',
    ]);
    const board = lines.findIndex((l) => l.startsWith('Processor board ID'));
    expect(lines[board + 1]).toBe('Router operating mode: Controller-Managed');
    expect(lines.some((l) => l.startsWith('License Type') || l.startsWith('License Level'))).toBe(false);
  });

  it('§8.13: 17.x autonomous prints Router operating mode: Autonomous and the configurable template, never the 16.x block', () => {
    const lines = render('17.9.5');
    expect(lines).toContain('Router operating mode: Autonomous');
    expect(after(lines, 'export@cisco.com.', 6)).toEqual(['', ...AUTONOMOUS_17_LICENSE_TEMPLATE.map((l) => l.replace('{level}', 'advipservices'))]);
    expect(lines.join('\n')).not.toContain('RightToUse');
    const custom = render('17.9.5', {
      license: { level: 'adventerprise', type: null, autonomousTemplate: ['License Level: {level}', 'Smart Licensing Status: Registered'] },
    });
    expect(after(custom, 'export@cisco.com.', 3)).toEqual(['', 'License Level: adventerprise', 'Smart Licensing Status: Registered']);
  });

  it('§8.13: ROM is IOS-XE ROMMON before 17.x and the answering RP’s ROMMON version from 17.x; a set text wins', () => {
    expect(render('16.3.7')).toContain('ROM: IOS-XE ROMMON');
    const base = initialRouterState({ model: 'ASR1006', redundancyMode: 'sso', softwareVersion: '17.3.4a' });
    const state = { ...base, instances: base.instances.map((i) => ({ ...i, rfState: i.name === 'R1/0' ? RF.ACTIVE : RF.STANDBY_HOT })) };
    const ctx = defaultShowContext({ hostname: 'r', model: 'ASR1006', state });
    const modules = { ...ctx.platform.modules, R0: { cpldVersion: '1', firmwareVersion: '16.9(4r)' }, R1: { cpldVersion: '1', firmwareVersion: '17.3(1r)' } };
    const rom = (c: ShowContext) =>
      renderShowVersion(c)
        .split('\n')
        .find((l) => l.startsWith('ROM: '));
    expect(rom({ ...ctx, platform: { ...ctx.platform, modules } })).toBe('ROM: 17.3(1r)');
    expect(rom({ ...ctx, rommon: 'IOS-XE ROMMON' })).toBe('ROM: IOS-XE ROMMON');
  });

  it('§8.13: the parser reads the licence mode, smart status and operating mode of the 17.5.1a capture and of twin output', () => {
    expect(parseShowVersion(fixture('asr1001x-show-version-17.05.01a.txt'))).toMatchObject({
      ok: true,
      value: {
        xeVersion: '17.5.1a',
        rommon: '16.9(4r)',
        licenseMode: 'Controller-Managed',
        smartLicensingStatus: 'Registration Not Applicable/Not Applicable',
        routerOperatingMode: 'Controller-Managed',
        licenseType: null,
        systemImage: 'bootflash:packages.conf',
      },
    });
    const twin = parseShowVersion(render('17.9.5').join('\n'));
    expect(twin).toMatchObject({ ok: true, value: { routerOperatingMode: 'Autonomous', licenseMode: null, licenseLevel: 'advipservices' } });
  });
});
