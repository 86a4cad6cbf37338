import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderShow, type ShowCommand } from '@asr-twin/ios-cli';
import { RouterRepository } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showContextOf } from '../../apps/api/src/routers/show/show-context.factory.js';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { capture } from '../support/ios-captures.js';
import { freePort, spawnNode } from '../support/processes.js';

/** `twin sync`: the real CLI process against a real api, over a temporary folder of captured outputs. */
let db: TestDatabase;
let api: RunningApi;
let operator: string;
let viewer: string;
const dirs: string[] = [];

const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => request<T>(api.url, method, path, body, bearer(api.adminKey));
const show = async (router: string, command: string) => (await admin('GET', `/api/v1/routers/${router}/show/${command}`)).text;
const tree = async (router: string) => (await admin<RouterTree>('GET', `/api/v1/routers/${router}`)).body;

async function twin(args: string[], env: Record<string, string> = {}) {
  const p = spawnNode(['apps/cli/bin/twin.js', ...args], env);
  const { code } = await p.exited;
  return { code, output: p.output() };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'twin-sync-e2e-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    if (name.includes('/')) mkdirSync(join(dir, name.slice(0, name.indexOf('/'))), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  operator = (await createKey(api, 'collector', 'operator')).key;
  viewer = (await createKey(api, 'watcher', 'viewer')).key;
  await admin('POST', '/api/v1/fleets', { name: 'lab' });
  for (const [hostname, model] of [
    ['PE1', 'ASR1006'],
    ['edge-01', 'ASR1002-X'],
    ['edge_02', 'ASR1002-X'],
  ]) {
    expect((await admin('POST', '/api/v1/fleets/lab/routers', { hostname, model })).status).toBe(201);
  }
});
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await api?.close();
  await db?.drop();
});

describe('twin sync', () => {
  it('uploads both layouts, reports refused, unknown and skipped files, and exits 1; then 0 when all is current', async () => {
    const files = {
      'PE1/show_redundancy.txt': capture('asr1006Redundancy'),
      'PE1/show-platform.txt': await show('PE1', 'platform'),
      'edge-01_show_version.txt': await show('edge-01', 'version'),
      'edge-01_sh red.txt': await show('edge-01', 'redundancy'),
      'edge_02/session.log': `edge_02#show version\n${await show('edge_02', 'version')}edge_02#show platform\n${await show('edge_02', 'platform')}edge_02#`,
      'ghost-7_show_version.txt': await show('edge-01', 'version'),
      'edge-01_show_platform.txt': 'this file was truncated by the collector',
      'inventory.txt': 'not a capture',
    };
    const dir = folder(files);
    const first = await twin(['sync', dir, '--server', api.url, '--key', operator, '--batch', '2']);
    expect(first.code).toBe(1);
    expect(first.output).toContain('inventory.txt: skipped: the name is not <hostname>_<command>.txt');
    expect(first.output).toContain('ghost-7_show_version.txt: unknown-router: no router is named ghost-7');
    expect(first.output).toMatch(/edge-01_show_platform\.txt: refused VALIDATION_FAILED: .*not the output of/);
    expect(first.output).toMatch(/edge-01_show_version\.txt: refused VALIDATION_FAILED: not applied: item \d of edge-01 was refused/);
    expect(first.output).toContain('7 files of 4 routers: 2 applied, 1 unchanged, 3 refused, 1 of unknown routers; 1 skipped');
    expect(first.output).toMatch(/twin sync: 7\/7 files sent/);
    expect(await tree('PE1')).toMatchObject({ stateVersion: 2, freshness: 'fresh', observedCommand: 'show redundancy, show platform' });
    expect(await tree('edge_02')).toMatchObject({ freshness: 'fresh', observedCommand: 'show version, show platform' });
    expect((await tree('edge-01')).freshness).toBe('never');

    const clean = folder(
      Object.fromEntries(Object.entries(files).filter(([name]) => name.startsWith('PE1/') || name.startsWith('edge_02') || name === 'edge-01_sh red.txt')),
    );
    const second = await twin(['sync', clean], { TWIN_SERVER: api.url, TWIN_API_KEY: operator });
    expect(second.output).toContain('4 files of 3 routers: 0 applied, 4 unchanged, 0 refused, 0 of unknown routers; 0 skipped');
    expect(second.code).toBe(0);
    expect((await tree('edge-01')).observedCommand).toBe('show redundancy');
  });

  it("counts printed uptimes back from each file's modification time, so captures synced minutes later change nothing", async () => {
    // Captures taken 150 s after now (past the minute a printed uptime leaves open), as a collector would leave
    // them for a sync that runs later: the files' times say when the routers printed them.
    const capturedAtMs = Date.now() + 150_000;
    const commands: readonly ShowCommand[] = ['show version', 'show redundancy', 'show platform'];
    const captured = async (hostname: string) => {
      expect((await admin('POST', '/api/v1/fleets/lab/routers', { hostname, model: 'ASR1006' })).status).toBe(201);
      const [router] = await api.app.get(RouterRepository).findDetailsByHostnames([hostname]);
      const files = Object.fromEntries(commands.map((c) => [`${hostname}/${c.replaceAll(' ', '_')}.txt`, renderShow(c, showContextOf(router!, capturedAtMs))]));
      const dir = folder(files);
      for (const name of Object.keys(files)) utimesSync(join(dir, name), capturedAtMs / 1000, capturedAtMs / 1000);
      return dir;
    };

    const byMtime = await twin(['sync', await captured('late-a'), '--server', api.url, '--key', operator]);
    expect(byMtime.output).toContain('3 files of 1 routers: 0 applied, 3 unchanged, 0 refused, 0 of unknown routers; 0 skipped');
    expect(byMtime.code).toBe(0);
    expect((await tree('late-a')).observedAt).toBe(new Date(capturedAtMs).toISOString());

    // Read as if seen on arrival, the same captures move every uptime origin by 150 s.
    const byArrival = await twin(['sync', await captured('late-b'), '--server', api.url, '--key', operator, '--observed-at', 'now']);
    expect(byArrival.output).toContain('3 files of 1 routers: 3 applied, 0 unchanged');
    expect((await twin(['sync', folder({ 'x_show_version.txt': 'x' }), '--server', api.url, '--key', operator, '--observed-at', 'ctime'])).output).toContain(
      '--observed-at takes mtime or now, got "ctime"',
    );
  });

  it('exits 2 for bad arguments or a refused key, and 3 when the server cannot be reached', async () => {
    const dir = folder({ 'PE1_show_version.txt': 'x' });
    expect((await twin(['sync', dir])).code).toBe(2);
    expect((await twin(['sync', '--server', api.url, '--key', operator])).code).toBe(2);
    const missing = await twin(['sync', join(dir, 'nope'), '--server', api.url, '--key', operator]);
    expect([missing.code, missing.output]).toEqual([2, expect.stringMatching(/is not a directory/)]);
    const empty = await twin(['sync', folder({}), '--server', api.url, '--key', operator]);
    expect([empty.code, empty.output]).toEqual([2, expect.stringMatching(/holds no capture files/)]);
    const forbidden = await twin(['sync', dir, '--server', api.url, '--key', viewer]);
    expect([forbidden.code, forbidden.output]).toEqual([2, expect.stringMatching(/the server refused the API key \(403 FORBIDDEN/)]);
    const port = await freePort();
    const unreachable = await twin(['sync', dir, '--server', `http://127.0.0.1:${port}`, '--key', operator]);
    expect([unreachable.code, unreachable.output]).toEqual([3, expect.stringContaining(`cannot reach the server at http://127.0.0.1:${port}`)]);
  });
});
