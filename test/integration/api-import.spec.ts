import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, RouterSummary } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import type { ImportReport } from '../../apps/api/src/inventory/inventory.service.js';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { ROOT } from '../support/processes.js';

let db: TestDatabase;
let api: RunningApi;

const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/inventory', name), 'utf8');
const call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  request<T>(api.url, method, path, body, { ...bearer(api.adminKey), ...headers });
const importCsv = (fleet: string, csv: string) => call<ImportReport>('POST', `/api/v1/fleets/${fleet}/import`, csv, { 'content-type': 'text/csv' });
const importJson = (fleet: string, body: unknown) => call<ImportReport>('POST', `/api/v1/fleets/${fleet}/import`, body);
const router = async (hostname: string) => (await call<RouterTree>('GET', `/api/v1/routers/${hostname}`)).body;
const fleetRouters = async (fleet: string) => (await call<Page<RouterSummary>>('GET', `/api/v1/routers?fleet=${fleet}&limit=1000`)).body;
const outcomes = (report: ImportReport) => report.rows.map((r) => [r.row, r.hostname, r.outcome]);

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  for (const name of ['netbox', 'csv', 'lab', 'rules']) await call('POST', '/api/v1/fleets', { name });
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('NetBox device list', () => {
  it('creates the ASR 1000 devices with the documented mapping, refuses the others by index, and reports unmapped custom fields', async () => {
    const res = await importJson('netbox', JSON.parse(fixture('netbox-devices.json')));
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ created: 3, updated: 0, unchanged: 0, refused: 2 });
    expect(outcomes(res.body)).toEqual([
      [0, 'nb-ams-edge-01', 'created'],
      [1, 'nb-ams-core-01', 'created'],
      [2, 'nb-fra-branch-01', 'refused'],
      [3, null, 'refused'],
      [4, 'nb-fra-edge-02', 'created'],
    ]);
    expect(res.body.rows[2]!.reason).toMatch(/model "ISR4451-X" is not an ASR 1000 chassis/);
    expect(res.body.rows[3]!.reason).toMatch(/no name/);
    expect(res.body.rows[1]!.warnings).toEqual(['NetBox status is "offline": imported, labelled status=offline']);
    expect(res.body.warnings).toEqual(['custom field(s) not mapped, ignored: owner_team']);

    const edge = await router('nb-ams-edge-01');
    expect(edge).toMatchObject({ model: 'ASR1002-X', serial: 'FXS1234Q0AB', softwareVersion: '17.6.5', redundancyMode: 'sso', fleetId: res.body.fleet.id });
    expect(edge.labels).toEqual({ site: 'ams1', role: 'edge-router', platform: 'ios-xe', status: 'active', 'tag/core': 'true' });
    const core = await router('nb-ams-core-01');
    expect(core).toMatchObject({ model: 'ASR1006', redundancyMode: 'rpr', softwareVersion: '17.3.4a', health: 'degraded' });
    expect(core.serial).toMatch(/^TWN/);
    const old = await router('nb-fra-edge-02');
    expect(old).toMatchObject({ model: 'ASR1001-X', serial: 'FXS9876Q1CD', redundancyMode: 'none' });
    expect(old.labels).toMatchObject({ role: 'edge-router', 'tag/core': 'true', 'tag/pci': 'true' });
  });

  it('imports the same list again as unchanged, never duplicating, also as a bare array or { format, content } text', async () => {
    const document = JSON.parse(fixture('netbox-devices.json'));
    for (const body of [document, document.results, { format: 'netbox', content: fixture('netbox-devices.json') }]) {
      const res = await importJson('netbox', body);
      expect(res.body.summary).toEqual({ created: 0, updated: 0, unchanged: 3, refused: 2 });
    }
    expect((await fleetRouters('netbox')).total).toBe(3);
  });

  it('updates what changed in NetBox: serial, labels, and the release of a router at rest (its twin state reset)', async () => {
    const document = JSON.parse(fixture('netbox-devices.json'));
    document.results[0].serial = 'FXS1234Q0ZZ';
    document.results[0].tags = [];
    document.results[4].custom_fields.sw_version = '17.9.4';
    const res = await importJson('netbox', document);
    expect(res.body.summary).toEqual({ created: 0, updated: 2, unchanged: 1, refused: 2 });
    expect(res.body.rows[0]).toMatchObject({ outcome: 'updated', changed: ['serial', 'labels'] });
    expect(res.body.rows[4]).toMatchObject({ outcome: 'updated', changed: ['version'] });
    expect((await router('nb-ams-edge-01')).labels).not.toHaveProperty('tag/core');
    const upgraded = await router('nb-fra-edge-02');
    expect(upgraded.softwareVersion).toBe('17.9.4');
    expect(upgraded.routeProcessors[0]!.host.hypervisor.guests.map((g) => g.softwareVersion)).toEqual(['17.9.4', '17.9.4']);
    const changes = (await call<Page<{ action: string; before: unknown; after: unknown }>>('GET', '/api/v1/routers/nb-ams-edge-01/changes')).body;
    expect(changes.items[0]).toMatchObject({ action: 'updated', before: { serial: 'FXS1234Q0AB' }, after: { serial: 'FXS1234Q0ZZ' } });
  });
});

describe('CSV', () => {
  it('creates the good rows and refuses each bad one by line number with its reason', async () => {
    const res = await importCsv('csv', fixture('routers.csv'));
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ created: 3, updated: 0, unchanged: 0, refused: 6 });
    const refusals = res.body.rows.filter((r) => r.outcome === 'refused').map((r) => [r.row, r.reason]);
    expect(refusals).toEqual([
      [4, expect.stringMatching(/model "ISR4451-X" is not an ASR 1000/)],
      [5, 'no hostname'],
      [6, expect.stringMatching(/redundancy "standby": one of sso, rpr, none/)],
      [7, expect.stringMatching(/labels: "site" is not key=value/)],
      [9, 'fleet "no-such-fleet" does not exist'],
      [10, 'hostname "csv-edge-01" already given in row 2'],
    ]);
    expect(res.body.warnings).toEqual([expect.stringMatching(/^unknown column\(s\) ignored: rack/)]);
    expect(await router('csv-core-01')).toMatchObject({ model: 'ASR1006', redundancyMode: 'rpr', labels: { site: 'ams1', note: 'spine, row 3' } });
    expect((await router('csv-lab-01')).fleetId).toBe((await fleetRouters('lab')).items[0]!.fleetId);
    expect((await fleetRouters('csv')).total).toBe(2);
  });

  it('imports the same file again without creating anything; columns may come in any order', async () => {
    const again = await importCsv('csv', fixture('routers.csv'));
    expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 3, refused: 6 });
    const reordered = await importCsv('csv', 'Labels,Model,HOSTNAME\r\nsite=ams1;tier=edge,ASR1002-X,csv-edge-01\r\n');
    expect(reordered.body.rows).toEqual([{ row: 2, hostname: 'csv-edge-01', outcome: 'unchanged' }]);
    expect((await fleetRouters('csv')).total).toBe(2);
  });
});

describe('what an update may change', () => {
  beforeAll(async () => {
    await importCsv('rules', 'hostname,model\nr-1,ASR1002-X\nr-2,ASR1002-X\nr-3,ASR1006\nr-4,ASR1004\n');
    const res = await call('POST', '/api/v1/routers/r-2/actions/force-switchover', {});
    expect(res.status).toBe(202);
  });

  it('refuses a model change, and a release or mode change of a router not at rest, leaving the row wholly unapplied', async () => {
    const csv = [
      'hostname,model,serial,version,redundancy,labels',
      'r-1,ASR1006,ZZZ0001,,,x=1',
      'r-2,ASR1002-X,ZZZ0002,17.9.4,,x=2',
      'r-3,ASR1006,,,rpr,x=3',
      'r-4,,,,,bad key=1',
    ].join('\n');
    const res = await importCsv('rules', csv);
    expect(res.body.summary).toEqual({ created: 0, updated: 1, unchanged: 0, refused: 3 });
    expect(res.body.rows[0]!.reason).toMatch(/model ASR1006 differs from the stored ASR1002-X: a chassis cannot change model in place/);
    expect(res.body.rows[1]!.reason).toMatch(/version 17.3.4a → 17.9.4 refused: the router's twin state has moved/);
    expect(res.body.rows[2]).toMatchObject({ row: 4, outcome: 'updated', changed: ['labels', 'redundancy'] });
    expect(res.body.rows[3]!.reason).toMatch(/^labels: "bad key": label keys: letters, digits/);
    expect(await router('r-1')).toMatchObject({ model: 'ASR1002-X', labels: {} });
    expect((await router('r-1')).serial).not.toBe('ZZZ0001');
    expect(await router('r-2')).toMatchObject({ softwareVersion: '17.3.4a', labels: {} });
    const r3 = await router('r-3');
    expect(r3).toMatchObject({ redundancyMode: 'rpr', health: 'degraded', labels: { x: '3' } });
    expect(r3.routeProcessors[1]!.host.hypervisor.guests[0]!.rfState.name).toBe('STANDBY COLD');
  });

  it("§8.11: refuses a release the model's RP has no image for, naming the PID and release; an ASR1002 without one runs 3.16.10S", async () => {
    const res = await importCsv('rules', 'hostname,model,version\nhw-1,ASR1002,17.3.4a\nhw-2,ASR1002,\n');
    expect(res.body.rows.map((r) => [r.outcome, r.reason ?? null])).toEqual([
      ['refused', expect.stringMatching(/^impossible ASR1002 on 17\.3\.4a: ASR1002-RP1 cannot run IOS XE 17\.3\.4a: no 17\.x image exists for it/)],
      ['created', null],
    ]);
    expect(await router('hw-2')).toMatchObject({ softwareVersion: '3.16.10S' });
    const update = await importCsv('rules', 'hostname,version\nhw-2,16.12.5\n');
    expect(update.body.rows[0]!.reason).toMatch(/^version 16\.12\.5 refused: ASR1002-RP1 cannot run IOS XE 16\.12\.5/);
  });

  it('moves a router to the fleet its row names, and a row without a model only updates', async () => {
    const res = await importCsv('rules', 'hostname,fleet\nr-4,lab\nr-new,\n');
    expect(res.body.rows.map((r) => [r.outcome, r.changed ?? r.reason])).toEqual([
      ['updated', ['fleet']],
      ['refused', 'no model: a new router needs one'],
    ]);
    expect((await fleetRouters('lab')).items.map((r) => r.hostname)).toContain('r-4');
  });
});

describe('bad input', () => {
  it('answers 400 problems for files that cannot be read, 404 for an unknown fleet, 415 for other content types', async () => {
    const cases: [Promise<{ status: number; body: unknown }>, number, RegExp][] = [
      [importCsv('csv', 'hostname,model\n"r-1,ASR1001\n'), 400, /CSV line 2: a quoted field is never closed/],
      [importCsv('csv', 'model,serial\nASR1001,ABCD1234\n'), 400, /no hostname column/],
      [importCsv('csv', ''), 400, /empty/],
      [importJson('csv', { format: 'netbox', content: '{not json' }), 400, /content is not JSON/],
      [importJson('csv', { devices: [] }), 400, /NetBox device list/],
      [importJson('csv', { format: 'netbox', content: { results: 'x' } }), 400, /NetBox device list/],
      [importJson('csv', { format: 'xml', content: 'x' }), 400, /format/],
      [importCsv('nope', 'hostname\nx\n'), 404, /fleet nope does not exist/],
      [
        call('POST', '/api/v1/fleets/csv/import', 'hostname\nx\n', { 'content-type': 'text/plain' }),
        415,
        /takes a body of type application\/json, text\/csv, application\/csv; got text\/plain/,
      ],
    ];
    for (const [pending, status, detail] of cases) {
      const res = await pending;
      expect(res.status).toBe(status);
      expect((res.body as Problem).detail).toMatch(detail);
    }
  });
});
