import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchesOf, commandOfName, findCaptureFiles, splitFlatName } from './capture-files.js';

describe('capture file names', () => {
  it('read commands with words separated by spaces, _ or -, abbreviations included', () => {
    expect(commandOfName('show_redundancy')).toBe('show redundancy');
    expect(commandOfName('show-platform')).toBe('show platform');
    expect(commandOfName('sh red')).toBe('show redundancy');
    expect(commandOfName('show_redundancy_states')).toBe('show redundancy states');
    expect(commandOfName('show_clock')).toBeUndefined();
    expect(commandOfName('session')).toBeUndefined();
  });

  it('split <hostname>_<command> where hostnames hold _ and - themselves', () => {
    expect(splitFlatName('ams-edge-01_show_redundancy')).toEqual({ hostname: 'ams-edge-01', command: 'show redundancy' });
    expect(splitFlatName('pe_1_show-version')).toEqual({ hostname: 'pe_1', command: 'show version' });
    expect(splitFlatName('core1 sh red sta')).toEqual({ hostname: 'core1', command: 'show redundancy states' });
    expect(splitFlatName('show-1_show_platform')).toEqual({ hostname: 'show-1', command: 'show platform' });
    expect(splitFlatName('notes')).toBeUndefined();
    expect(splitFlatName('show_version')).toBeUndefined();
  });
});

describe('findCaptureFiles', () => {
  it('finds both layouts, sorted by hostname, and skips names that say no command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-sync-'));
    mkdirSync(join(dir, 'r2'));
    for (const [name, text] of Object.entries({
      'r2/show_version.txt': 'v',
      'r2/session.log': 'paste',
      'r2/.hidden.txt': 'x',
      'r2/image.bin': 'x',
      'r1_show-platform.txt': 'p',
      'r1_sh red.txt': 'r',
      'README.txt': 'notes',
      'r3_show_version.csv': 'x',
    })) {
      writeFileSync(join(dir, name), text);
    }
    const { files, skipped } = await findCaptureFiles(dir);
    expect(files.map((f) => [f.name, f.hostname, f.command ?? null])).toEqual([
      ['r1_sh red.txt', 'r1', 'show redundancy'],
      ['r1_show-platform.txt', 'r1', 'show platform'],
      [join('r2', 'session.log'), 'r2', null],
      [join('r2', 'show_version.txt'), 'r2', 'show version'],
    ]);
    expect(skipped.map((s) => s.name)).toEqual(['README.txt']);
  });
});

describe('batchesOf', () => {
  const f = (hostname: string, size = 10) => ({ hostname, size });

  it('cuts at the item and byte limits, never between files of one router', () => {
    const files = [f('a'), f('a'), f('a'), f('b'), f('c'), f('c')];
    expect(batchesOf(files, 4, 1000).map((b) => b.map((x) => x.hostname).join(''))).toEqual(['aaab', 'cc']);
    expect(batchesOf(files, 2, 1000).map((b) => b.map((x) => x.hostname).join(''))).toEqual(['aaa', 'b', 'cc']);
    expect(batchesOf(files, 100, 30).map((b) => b.map((x) => x.hostname).join(''))).toEqual(['aaa', 'bcc']);
    expect(batchesOf([], 10, 10)).toEqual([]);
  });
});
