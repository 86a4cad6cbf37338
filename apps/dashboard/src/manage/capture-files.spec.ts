import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveEntries, batchesOf, captureItems, commandOfName, itemOf, splitFlatName } from './capture-files';

const dir = mkdtempSync(join(tmpdir(), 'capture-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A folder of captures in both layouts, written to disk for tar and zip to pack. */
function captureFolder(): void {
  const root = join(dir, 'captures');
  mkdirSync(join(root, 'edge-01'), { recursive: true });
  writeFileSync(join(root, 'edge-01', 'show_version.txt'), 'version of edge-01\n');
  writeFileSync(join(root, 'edge-01', 'session.log'), 'edge-01#show platform\n');
  writeFileSync(join(root, 'ams_core-02_sh-red.txt'), 'red of ams_core-02\n');
  writeFileSync(join(root, 'notes.md'), 'not a capture');
}

describe('capture files in the browser', () => {
  it('reads command names as IOS abbreviates them, and refuses what spells no command', () => {
    expect(commandOfName('show_redundancy')).toBe('show redundancy');
    expect(commandOfName('sh red sta')).toBe('show redundancy states');
    expect(commandOfName('SHOW-PLATFORM')).toBe('show platform');
    expect(commandOfName('sh ver')).toBe('show version');
    expect(commandOfName('s ver')).toBeUndefined();
    expect(commandOfName('show ip route')).toBeUndefined();
    expect(commandOfName('session')).toBeUndefined();
  });

  it('splits flat names at the longest command tail, keeping separators inside hostnames', () => {
    expect(splitFlatName('ams-edge_01_show-version')).toEqual({ hostname: 'ams-edge_01', command: 'show version' });
    expect(splitFlatName('edge-01_sh_red_states')).toEqual({ hostname: 'edge-01', command: 'show redundancy states' });
    expect(splitFlatName('edge-01')).toBeUndefined();
  });

  it('names the router from the folder or the name, and says why a file is skipped', () => {
    expect(itemOf({ path: 'caps/edge-01/show_version.txt', text: 'x' })).toEqual({
      file: 'caps/edge-01/show_version.txt',
      hostname: 'edge-01',
      command: 'show version',
      output: 'x',
    });
    expect(itemOf({ path: 'edge-01/session.txt', text: 'x' })).toEqual({ file: 'edge-01/session.txt', hostname: 'edge-01', output: 'x' });
    expect(itemOf({ path: 'caps/edge-02_show_platform.out', text: 'y' })).toMatchObject({ hostname: 'edge-02', command: 'show platform' });
    expect(itemOf({ path: 'session.txt', text: 'x' })).toMatchObject({ reason: expect.stringMatching(/<hostname>_<command>\.txt/) });
    expect(itemOf({ path: 'edge-01/picture.png', text: '' })).toMatchObject({ reason: expect.stringMatching(/only \.txt, \.log and \.out/) });
    expect(itemOf({ path: 'a b/show version.txt', text: '' })).toMatchObject({ reason: 'the folder "a b" is not a hostname' });
  });

  it('keeps a router’s items together, in order and in one batch', () => {
    const { items, skipped } = captureItems([
      { path: 'b/show_version.txt', text: '1' },
      { path: 'a_show_platform.txt', text: '2' },
      { path: 'b/show_platform.txt', text: '3' },
      { path: 'readme.txt', text: '' },
    ]);
    expect(items.map((i) => `${i.hostname}:${i.command}`)).toEqual(['a:show platform', 'b:show platform', 'b:show version']);
    expect(skipped.map((s) => s.file)).toEqual(['readme.txt']);
    expect(batchesOf(items, 2).map((b) => b.map((i) => i.hostname))).toEqual([['a'], ['b', 'b']]);
    expect(batchesOf(items, 3).map((b) => b.length)).toEqual([3]);
  });

  it('opens tar, tar.gz and zip archives made by the usual tools (folder entries skipped)', async () => {
    captureFolder();
    const tar = execFileSync('tar', ['-C', dir, '-cf', '-', 'captures']);
    // Python's zipfile writes the zip (deflated), as most archivers do; the machine has python3, not always zip.
    const zipper = [
      'import os, sys, zipfile',
      "z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)",
      "for root, dirs, files in os.walk('captures'):",
      '    z.write(root)',
      '    for f in files: z.write(os.path.join(root, f))',
      'z.close()',
    ].join('\n');
    execFileSync('python3', ['-c', zipper, join(dir, 'captures.zip')], { cwd: dir });
    const expected = [
      { path: 'captures/ams_core-02_sh-red.txt', text: 'red of ams_core-02\n' },
      { path: 'captures/edge-01/session.log', text: 'edge-01#show platform\n' },
      { path: 'captures/edge-01/show_version.txt', text: 'version of edge-01\n' },
      { path: 'captures/notes.md', text: 'not a capture' },
    ];
    const sorted = (files: { path: string; text: string }[]) => [...files].sort((a, b) => a.path.localeCompare(b.path));
    expect(sorted(await archiveEntries('c.tar', new Uint8Array(tar)))).toEqual(expected);
    expect(sorted(await archiveEntries('c.tgz', new Uint8Array(gzipSync(tar))))).toEqual(expected);
    expect(sorted(await archiveEntries('c.zip', new Uint8Array(readFileSync(join(dir, 'captures.zip')))))).toEqual(expected);
    expect(captureItems(expected).items.map((i) => [i.hostname, i.command ?? 'paste'])).toEqual([
      ['ams_core-02', 'show redundancy'],
      ['edge-01', 'paste'],
      ['edge-01', 'show version'],
    ]);
  });

  it('refuses a file that is no zip archive with a clear message', async () => {
    await expect(archiveEntries('x.zip', new TextEncoder().encode('hello'))).rejects.toThrow(/not a zip archive/);
  });
});
