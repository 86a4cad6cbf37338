import { readFileSync } from 'node:fs';
import { RF, ValidationError } from '@asr-twin/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandFromCommandLine, detectShowCommand } from './detect-show-command.js';
import { toValidationError } from './parse-result.js';
import { parseShowOutput, parseShowOutputs, SHOW_PARSERS } from './parse-show-output.js';
import { splitShowOutput } from './split-show-output.parser.js';

const fixture = (name: string): string => readFileSync(new URL(`../test-fixtures/${name}`, import.meta.url), 'utf8');

const FIXTURE_COMMANDS = [
  ['asr1006-show-redundancy-sso.txt', 'show redundancy'],
  ['asr1002x-show-redundancy-simplex-tail.txt', 'show redundancy'],
  ['asr1000-show-redundancy-states-duplex.txt', 'show redundancy states'],
  ['asr1000-show-redundancy-states-simplex.txt', 'show redundancy states'],
  ['asr1006-show-platform.txt', 'show platform'],
  ['asr1001-show-version-03.09.01.S.txt', 'show version'],
] as const;

describe('detectShowCommand', () => {
  it('tells every captured output apart, with or without an echoed prompt', () => {
    for (const [name, command] of FIXTURE_COMMANDS) {
      expect(detectShowCommand(fixture(name))).toEqual({ ok: true, value: command });
    }
  });

  it('accepts IOS abbreviations in echoed commands and refuses other commands', () => {
    expect(commandFromCommandLine('sh red')).toBe('show redundancy');
    expect(commandFromCommandLine('sh redundancy sta')).toBe('show redundancy states');
    expect(commandFromCommandLine('do show ver')).toBe('show version');
    expect(commandFromCommandLine('show plat')).toBe('show platform');
    expect(commandFromCommandLine('show platform diag')).toBeUndefined();
    expect(commandFromCommandLine('show running-config')).toBeUndefined();
    expect(detectShowCommand('r1#show clock\n12:00:00.000 UTC Mon Jan 1 2024')).toMatchObject({
      ok: false,
      error: { code: 'UNRECOGNISED_OUTPUT', line: 1 },
    });
  });

  it('refuses empty text, unrelated text and a blob holding several commands', () => {
    expect(detectShowCommand('')).toMatchObject({ ok: false, error: { code: 'EMPTY_INPUT' } });
    expect(detectShowCommand('interface GigabitEthernet0/0/0\n ip address 10.0.0.1 255.255.255.0')).toMatchObject({
      ok: false,
      error: { code: 'UNRECOGNISED_OUTPUT' },
    });
    const both = `${fixture('asr1006-show-redundancy-sso.txt')}${fixture('asr1006-show-platform.txt')}`;
    expect(detectShowCommand(both)).toEqual({
      ok: false,
      error: {
        code: 'UNRECOGNISED_OUTPUT',
        message: 'the text looks like the output of several commands (show redundancy, show platform)',
      },
    });
  });
});

const paste = [
  'PE1#terminal length 0',
  'PE1#show version',
  fixture('asr1001-show-version-03.09.01.S.txt').trimEnd(),
  'PE1#sh red',
  fixture('asr1006-show-redundancy-sso.txt').trimEnd(),
  fixture('asr1000-show-redundancy-states-duplex.txt').trimEnd(),
  'asr104#',
].join('\n');

describe('multi-command pastes', () => {
  it('splits at prompts, keeping host names, typed commands and line numbers', () => {
    const parts = splitShowOutput(paste);
    const lines = paste.split('\n');
    expect(parts.map((p) => [p.hostname, p.commandText, p.command])).toEqual([
      ['PE1', 'terminal length 0', null],
      ['PE1', 'show version', 'show version'],
      ['PE1', 'sh red', 'show redundancy'],
      ['asr104', 'show redundancy states', 'show redundancy states'],
    ]);
    expect(parts.map((p) => lines[p.firstLine - 2])).toEqual(['PE1#terminal length 0', 'PE1#show version', 'PE1#sh red', 'asr104#show redundancy states ']);
    expect(parts[2]?.text.split('\n')[0]).toBe('Redundant System Information :');
  });

  it('parses each part and leaves other commands unparsed', () => {
    const results = parseShowOutputs(paste);
    expect(results.map((r) => (r.result?.ok ? r.result.value.command : r.result))).toEqual([null, 'show version', 'show redundancy', 'show redundancy states']);
  });

  it('points errors at the line of the paste, not of the part', () => {
    const broken = paste.replace('STANDBY HOT \n       Uptime in current state = 15 hours, 1 minute', 'STANDBY HOT \n       Uptime in current state = soon');
    const [, , redundancy] = parseShowOutputs(broken);
    const line = redundancy?.result?.ok === false ? (redundancy.result.error.line ?? 0) : 0;
    expect(redundancy?.result).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', message: '"soon" is not an uptime' } });
    expect(line).toBeGreaterThan(40);
    expect(broken.split('\n')[line - 1]).toBe('       Uptime in current state = soon');
  });

  it('parses a single output without naming the command, and refuses a paste of several', () => {
    const single = parseShowOutput(fixture('asr1000-show-redundancy-states-duplex.txt'));
    expect(single.ok && single.value.command === 'show redundancy states' && single.value.peerState).toBe(RF.STANDBY_HOT);
    expect(parseShowOutput(paste)).toMatchObject({ ok: false, error: { code: 'UNRECOGNISED_OUTPUT' } });
    expect(parseShowOutput(fixture('asr1006-show-platform.txt'), 'show version')).toMatchObject({ ok: false });
  });

  it('turns a parse error into the domain validation error the edges map to 400', () => {
    const error = toValidationError({ code: 'INVALID_VALUE', message: '"soon" is not an uptime', line: 64 });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues).toEqual([{ field: 'output', message: '"soon" is not an uptime (line 64)' }]);
  });
});

describe('robustness', () => {
  const captures = FIXTURE_COMMANDS.map(([name]) => fixture(name).split('\n'));

  it('never throws, whatever the text: arbitrary strings and damaged captures give a result', () => {
    const damaged = fc
      .record({
        lines: fc.constantFrom(...captures),
        cut: fc.nat(),
        keep: fc.nat(),
        junk: fc.string({ maxLength: 40 }),
      })
      .map(({ lines, cut, keep, junk }) => {
        const from = cut % lines.length;
        return [...lines.slice(0, from), junk, ...lines.slice(from + (keep % 4))].join('\n');
      });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), damaged), (text) => {
        for (const parse of Object.values(SHOW_PARSERS)) expect(typeof parse(text).ok).toBe('boolean');
        expect(typeof parseShowOutput(text).ok).toBe('boolean');
        expect(Array.isArray(parseShowOutputs(text))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
