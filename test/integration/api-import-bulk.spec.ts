import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@asr-twin/config';
import { catalogChannel, type CatalogMessage, routerStateChannel, type RouterStateMessage } from '@asr-twin/jobs';
import type { Page, RouterSummary } from '@asr-twin/persistence';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import type { ImportReport } from '../../apps/api/src/inventory/inventory.service.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { codes, gql } from '../support/graphql.js';
import { ROOT } from '../support/processes.js';
import { testQueuePrefix } from '../support/redis-keys.js';
import { waitUntil } from '../support/router-state.js';

let db: TestDatabase;
let api: RunningApi;
let small: RunningApi;
let redis: Redis;
const prefix = testQueuePrefix('import');
const messages: (CatalogMessage | RouterStateMessage)[] = [];

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url, { QUEUE_PREFIX: prefix });
  small = await startApi(db.url, { IMPORT_BODY_LIMIT: '1024', ADMIN_API_KEY: api.adminKey });
  redis = new Redis(loadConfig().redis.url);
  redis.on('message', (_channel: string, text: string) => messages.push(JSON.parse(text) as CatalogMessage | RouterStateMessage));
  await redis.subscribe(catalogChannel(prefix), routerStateChannel(prefix));
  for (const name of ['big', 'gql', 'roles']) await admin('POST', '/api/v1/fleets', { name });
});
afterAll(async () => {
  await redis?.quit();
  await small?.close();
  await api?.close();
  await db?.drop();
});

function admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return request<T>(api.url, method, path, body, { ...bearer(api.adminKey), ...headers });
}
const importCsv = (base: string, fleet: string, csv: string, key = api.adminKey) =>
  request<ImportReport>(base, 'POST', `/api/v1/fleets/${fleet}/import`, csv, { ...bearer(key), 'content-type': 'text/csv' });
const csvOf = (count: number, labels: string) =>
  ['hostname,model,labels', ...Array.from({ length: count }, (_, i) => `big-${String(i).padStart(5, '0')},${i % 2 ? 'ASR1006' : 'ASR1002-X'},${labels}`)].join(
    '\n',
  );

describe('bulk', () => {
  it('imports 10,000 CSV rows, then updates all 10,000, with one routersAdded message and no router-state flood', async () => {
    const created = await importCsv(api.url, 'big', csvOf(10_000, 'wave=1'));
    expect(created.status).toBe(200);
    expect(created.body.summary).toEqual({ created: 10_000, updated: 0, unchanged: 0, refused: 0 });
    expect((await admin<Page<RouterSummary>>('GET', '/api/v1/routers?fleet=big&label=wave=1&limit=1')).body.total).toBe(10_000);

    const again = await importCsv(api.url, 'big', csvOf(10_000, 'wave=1'));
    expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 10_000, refused: 0 });
    const relabelled = await importCsv(api.url, 'big', csvOf(10_000, 'wave=2'));
    expect(relabelled.body.summary).toEqual({ created: 0, updated: 10_000, unchanged: 0, refused: 0 });
    expect((await admin<Page<RouterSummary>>('GET', '/api/v1/routers?fleet=big&label=wave=2&limit=1')).body.total).toBe(10_000);
    expect((await admin<Page<RouterSummary>>('GET', '/api/v1/routers?fleet=big&limit=1')).body.total).toBe(10_000);

    const added = await waitUntil('routersAdded', async () => messages.find((m) => 'entity' in m && m.change === 'routersAdded'));
    expect(added).toMatchObject({ name: 'big', count: 10_000, routersAnnounced: false });
    expect(messages.filter((m) => !('entity' in m))).toEqual([]);
  });

  it('announces each router of a small import, and a reset or a fleet move as updated', async () => {
    messages.length = 0;
    await importCsv(api.url, 'roles', 'hostname,model\nsmall-1,ASR1004\nsmall-2,ASR1004\n');
    await waitUntil('created messages', async () => (messages.filter((m) => 'routerId' in m).length >= 2 ? true : undefined));
    const second = await importCsv(api.url, 'roles', 'hostname,redundancy,fleet\nsmall-1,rpr,\nsmall-2,,gql\n');
    expect(second.body.rows.map((r) => r.outcome)).toEqual(['updated', 'updated']);
    const updates = await waitUntil('updated messages', async () => {
      const found = messages.filter((m): m is RouterStateMessage => 'routerId' in m && m.change === 'updated');
      return found.length >= 2 ? found : undefined;
    });
    expect(updates.map((m) => [m.hostname, m.health, m.stateVersion, m.previousFleetId !== undefined])).toEqual([
      ['small-1', 'degraded', 2, false],
      ['small-2', 'protected', 1, true],
    ]);
  });
});

describe('limits and access', () => {
  it('answers 413 above IMPORT_BODY_LIMIT and 400 above 100,000 rows, changing nothing', async () => {
    const tooLarge = await importCsv(small.url, 'roles', `hostname,model\n${'x,ASR1001\n'.repeat(200)}`);
    expect(tooLarge.status).toBe(413);
    expect((tooLarge.body as unknown as Problem).code).toBe('PAYLOAD_TOO_LARGE');
    const tooMany = await importCsv(api.url, 'roles', `hostname\n${'x\n'.repeat(100_001)}`);
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as unknown as Problem).detail).toBe('100001 rows: an import takes at most 100000');
    expect((await admin<Page<RouterSummary>>('GET', '/api/v1/routers?q=x&limit=1')).body.total).toBe(0);
  });

  it('needs the admin role: operator and viewer keys get 403, over REST and GraphQL', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      const key = (await createKey(api, `import-${role}`, role)).key;
      const res = await importCsv(api.url, 'roles', 'hostname,model\nnever,ASR1001\n', key);
      expect(res.status).toBe(403);
      expect((res.body as unknown as Problem).detail).toMatch(/admin/);
      const viaGql = await gql(
        api.url,
        'mutation { importInventory(fleet: "roles", format: csv, content: "hostname,model\\nnever,ASR1001") { summary { created } } }',
        {},
        key,
      );
      expect(codes(viaGql)).toEqual(['FORBIDDEN']);
    }
    expect((await admin('GET', '/api/v1/routers/never')).status).toBe(404);
  });
});

describe('GraphQL importInventory', () => {
  const mutation = `mutation($content: String!, $format: InventoryFormat!) {
    importInventory(fleet: "gql", format: $format, content: $content) {
      fleet { name } format summary { created updated unchanged refused } warnings rows { row hostname outcome reason changed warnings }
    } }`;

  it('imports a NetBox document given as text, then finds it unchanged', async () => {
    const content = readFileSync(join(ROOT, 'test/fixtures/inventory/netbox-devices.json'), 'utf8').replaceAll('nb-', 'gql-');
    const first = await gql(api.url, mutation, { content, format: 'netbox' }, api.adminKey);
    expect(first.errors).toEqual([]);
    expect(first.data!['importInventory']).toMatchObject({ fleet: { name: 'gql' }, format: 'netbox', summary: { created: 3, refused: 2 } });
    expect(first.data!['importInventory'].rows[2]).toMatchObject({ row: 2, hostname: 'gql-fra-branch-01', outcome: 'refused' });
    const second = await gql(api.url, mutation, { content, format: 'netbox' }, api.adminKey);
    expect(second.data!['importInventory'].summary).toEqual({ created: 0, updated: 0, unchanged: 3, refused: 2 });
  });

  it('refuses unreadable content with VALIDATION_FAILED', async () => {
    const res = await gql(api.url, mutation, { content: 'hostname\n"open', format: 'csv' }, api.adminKey);
    expect(codes(res)).toEqual(['VALIDATION_FAILED']);
    expect(res.errors[0]!.message).toMatch(/CSV line 2: a quoted field is never closed/);
  });
});
