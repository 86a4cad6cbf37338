import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { freePort, spawnNode } from '../support/processes.js';

/** `twin import`: the real CLI process against a listening api. */
let db: TestDatabase;
let api: RunningApi;
let dir: string;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  await request(api.url, 'POST', '/api/v1/fleets', { name: 'dc1' }, bearer(api.adminKey));
  dir = mkdtempSync(join(tmpdir(), 'twin-import-'));
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function twin(args: string[], env: Record<string, string> = {}) {
  const p = spawnNode(['apps/cli/bin/twin.js', ...args], env);
  const { code } = await p.exited;
  return { code, output: p.output() };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('twin import', () => {
  it('imports a NetBox device list, prints each row and the summary, and exits 1 because rows were refused', async () => {
    const r = await twin(['import', 'netbox', 'test/fixtures/inventory/netbox-devices.json', '--server', api.url, '--key', api.adminKey, '--fleet', 'dc1']);
    expect(r.code).toBe(1);
    expect(r.output).toContain('warning: custom field(s) not mapped, ignored: owner_team');
    expect(r.output).toContain('device 0  nb-ams-edge-01  created');
    expect(r.output).toMatch(/device 2 {2}nb-fra-branch-01 {2}refused: model "ISR4451-X" is not an ASR 1000 chassis/);
    expect(r.output).toMatch(/device 3 {2}\(no hostname\) {2}refused: the device has no name/);
    expect(r.output).toContain('netbox-devices.json into fleet dc1: 3 created, 0 updated, 0 unchanged, 2 refused');
  });

  it('exits 0 when every CSV row is applied, and reports unchanged rows on the second run (server, key and fleet from the environment)', async () => {
    const csv = file('good.csv', 'hostname,model,labels\ncli-1,ASR1001-X,site=ams1\ncli-2,ASR1006,\n');
    const env = { TWIN_SERVER: api.url, TWIN_API_KEY: api.adminKey, TWIN_FLEET: 'dc1' };
    const first = await twin(['import', 'csv', csv], env);
    expect(first.code).toBe(0);
    expect(first.output).toContain('line 2  cli-1  created');
    const second = await twin(['import', 'csv', csv, '--json'], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.output).summary).toEqual({ created: 0, updated: 0, unchanged: 2, refused: 0 });
  });

  it('exits 2 for bad arguments or a file the server refuses as a whole, and 3 when the server cannot be reached', async () => {
    const server = ['--server', api.url, '--key', api.adminKey];
    const operator = (await createKey(api, 'cli-operator', 'operator')).key;
    const cases: [string[], number, RegExp][] = [
      [['import', 'csv', 'x.csv', ...server], 2, /needs --fleet NAME/],
      [['import', 'xml', 'x.csv', ...server, '--fleet', 'dc1'], 2, /needs netbox or csv/],
      [['import', 'csv', join(dir, 'missing.csv'), ...server, '--fleet', 'dc1'], 2, /cannot read .*missing\.csv \(ENOENT\)/],
      [['import', 'netbox', file('bad.json', '{oops'), ...server, '--fleet', 'dc1'], 2, /bad\.json: not JSON/],
      [['import', 'csv', file('bad.csv', 'hostname\n"x\n'), ...server, '--fleet', 'dc1'], 2, /refused the file \(400 VALIDATION_FAILED\): CSV line 2/],
      [['import', 'csv', file('ok.csv', 'hostname\nx\n'), ...server, '--fleet', 'nope'], 2, /404 NOT_FOUND\): fleet nope does not exist/],
      [['import', 'csv', file('ok.csv', 'hostname\nx\n'), '--server', api.url, '--key', operator, '--fleet', 'dc1'], 2, /refused the API key \(403 FORBIDDEN/],
    ];
    for (const [args, code, output] of cases) {
      const r = await twin(args);
      expect(r.output).toMatch(output);
      expect(r.code).toBe(code);
    }
    const port = await freePort();
    const unreachable = await twin(['import', 'csv', file('ok.csv', 'hostname\nx\n'), '--server', `http://127.0.0.1:${port}`, '--key', 'k', '--fleet', 'dc1']);
    expect(unreachable.code).toBe(3);
    expect(unreachable.output).toContain('cannot reach the server');
  });
});
