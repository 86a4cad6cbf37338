import { readFileSync } from 'node:fs';
import { initialRouterState, RF } from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { defaultShowContext } from './default-show-context.js';
import { parseShowVersion } from './show-version.parser.js';
import { renderShowVersion } from './show-version.renderer.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from './uptime.format.js';

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
      instances: base.instances.map((i) =>
        i.name === 'R1/0' ? { ...i, rfState: RF.ACTIVE, softwareVersion: '17.6.5' } : { ...i, rfState: RF.STANDBY_HOT },
      ),
    };
    const lines = renderShowVersion(defaultShowContext({ hostname: 'core-1', model: 'ASR1006', state })).split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Cisco IOS XE Software, Version 17.06.05',
      'Cisco IOS Software [Bengaluru], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.6.5, RELEASE SOFTWARE (fc1)',
    ]);
    expect(lines).toContain('System image file is "bootflash:asr1000rpx86-universalk9.17.06.05.SPA.bin"');
    expect(lines.find((l) => l.startsWith('cisco '))).toBe(
      'cisco ASR1006 (RP2) processor (revision RP2) with 4138965K/6147K bytes of memory.',
    );
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
