import type { Fleet } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import type { BulkObservationResult } from '../../apps/api/src/routers/observations/bulk-observation.service.js';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { capture } from '../support/ios-captures.js';

let db: TestDatabase;
let api: RunningApi;
let operator: string;
let viewer: string;

const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => request<T>(api.url, method, path, body, bearer(api.adminKey));
const bulk = <T = BulkObservationResult>(body: unknown, headers: Record<string, string> = {}, key = operator, base = api.url) =>
  request<T>(base, 'POST', '/api/v1/observations', body, { ...bearer(key), ...headers });
const show = async (router: string, command: string): Promise<string> => (await admin('GET', `/api/v1/routers/${router}/show/${command}`)).text;
const tree = async (router: string) => (await admin<RouterTree>('GET', `/api/v1/routers/${router}`)).body;
const addRouter = async (hostname: string, model: string) => {
  expect((await admin('POST', '/api/v1/fleets/lab/routers', { hostname, model })).status).toBe(201);
};
const outcomes = (res: BulkObservationResult) => res.items.map((i) => [i.index, i.hostname, i.outcome, i.code ?? null]);

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  operator = (await createKey(api, 'collector', 'operator')).key;
  viewer = (await createKey(api, 'watcher', 'viewer')).key;
  await admin<Fleet>('POST', '/api/v1/fleets', { name: 'lab' });
  for (const [h, m] of [
    ['PE1', 'ASR1006'],
    ['core-1', 'ASR1006'],
    ['edge-1', 'ASR1002-X'],
    ['edge-2', 'ASR1002-X'],
  ] as const)
    await addRouter(h, m);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('POST /observations', () => {
  it("§8.9, §8.10: the ASR1006 show platform capture in bulk removes F1 and records P1 ps, fail; posting the twin's output back changes nothing", async () => {
    await addRouter('pe-bulk', 'ASR1006');
    const res = await bulk([{ hostname: 'pe-bulk', output: capture('asr1006Platform') }]);
    expect(outcomes(res.body)).toEqual([[0, 'pe-bulk', 'applied', null]]);
    const t = await tree('pe-bulk');
    expect(t.esps.map((e) => e.slot)).toEqual(['F0']);
    expect(t.powerSupplies).toEqual([
      { slot: 'P0', state: 'ok' },
      { slot: 'P1', state: 'failed' },
    ]);
    const again = await bulk([{ hostname: 'pe-bulk', output: await show('pe-bulk', 'platform') }]);
    expect(outcomes(again.body)).toEqual([[0, 'pe-bulk', 'unchanged', null]]);
  });

  it("answers one outcome per item, combines a router's items into one update, and refuses a bad router without touching the others", async () => {
    const core = await Promise.all(['redundancy', 'version', 'platform'].map((c) => show('core-1', c)));
    const edge1Before = await tree('edge-1');
    const res = await bulk([
      { hostname: 'PE1', command: 'show redundancy', output: capture('asr1006Redundancy') },
      { hostname: 'core-1', command: 'show_redundancy', output: core[0] },
      { hostname: 'core-1', output: core[1] },
      { hostname: 'edge-1', output: 'hello, this is not a router' },
      { hostname: 'ghost-9', output: core[1] },
      { hostname: 'core-1', command: 'sh plat', output: core[2] },
      { hostname: 'edge-1', output: await show('edge-1', 'version') },
      { hostname: 'bad host!', output: core[1] },
    ]);
    expect(res.status).toBe(200);
    expect(outcomes(res.body)).toEqual([
      [0, 'PE1', 'applied', null],
      [1, 'core-1', 'unchanged', null],
      [2, 'core-1', 'unchanged', null],
      [3, 'edge-1', 'refused', 'VALIDATION_FAILED'],
      [4, 'ghost-9', 'unknown-router', null],
      [5, 'core-1', 'unchanged', null],
      [6, 'edge-1', 'refused', 'VALIDATION_FAILED'],
      [7, 'bad host!', 'refused', 'VALIDATION_FAILED'],
    ]);
    expect(res.body.summary).toEqual({ items: 8, applied: 1, unchanged: 3, refused: 3, unknownRouter: 1 });
    const [pe1, , , garbage, ghost, , sibling, badHost] = res.body.items;
    expect(pe1).toMatchObject({
      command: 'show redundancy',
      changes: expect.arrayContaining([expect.objectContaining({ entity: 'instance', key: 'R1/0', field: 'softwareVersion' })]),
    });
    expect(garbage?.reason).toMatch(/not the output of/);
    expect(sibling).toMatchObject({ command: 'show version', reason: expect.stringMatching(/^not applied: item 3 of edge-1 was refused/) });
    expect(ghost?.reason).toBe('no router is named ghost-9');
    expect(badHost?.reason).toMatch(/hostname/);

    expect((await tree('PE1')).routeProcessors[1]?.host.hypervisor.guests[0]?.softwareVersion).toBe('16.4.20170425:070036');
    const core1 = await tree('core-1');
    expect(core1).toMatchObject({ stateVersion: 1, freshness: 'fresh', observedCommand: 'show redundancy, show version, show platform' });
    expect(Date.now() - Date.parse(core1.observedAt ?? '')).toBeLessThan(60_000);
    expect(await tree('edge-1')).toEqual(edge1Before);
    expect((await tree('edge-1')).freshness).toBe('never');
  });

  it('answers unchanged for every item when the same outputs come again', async () => {
    const items = [
      { hostname: 'PE1', output: capture('asr1006Redundancy') },
      { hostname: 'edge-2', output: await show('edge-2', 'redundancy') },
      { hostname: 'edge-2', output: await show('edge-2', 'platform') },
    ];
    const first = await bulk(items);
    expect(first.body.items.map((i) => i.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const version = (await tree('PE1')).stateVersion;
    const again = await bulk(items);
    expect(again.body.summary).toEqual({ items: 3, applied: 0, unchanged: 3, refused: 0, unknownRouter: 0 });
    expect((await tree('PE1')).stateVersion).toBe(version);
  });

  it('takes NDJSON, refusing a line that is not JSON and going on with the others', async () => {
    const version = JSON.stringify({ hostname: 'edge-2', output: await show('edge-2', 'version') });
    const body = `${version}\n{"hostname": "edge-1", "output": \n\n${JSON.stringify({ hostname: 'nobody', output: 'x' })}\n`;
    const res = await bulk(body, { 'content-type': 'application/x-ndjson; charset=utf-8' });
    expect(res.status).toBe(200);
    expect(outcomes(res.body)).toEqual([
      [0, 'edge-2', 'unchanged', null],
      [1, null, 'refused', 'VALIDATION_FAILED'],
      [2, 'nobody', 'unknown-router', null],
    ]);
    expect(res.body.items[1]?.reason).toMatch(/^line 2 is not JSON/);
  });

  it('refuses an item whose command is not that of its output, or a command twice for one router', async () => {
    const version = await show('edge-2', 'version');
    const res = await bulk([
      { hostname: 'edge-2', command: 'show platform', output: version },
      { hostname: 'core-1', output: await show('core-1', 'version') },
      { hostname: 'core-1', output: await show('core-1', 'version') },
      { hostname: 'PE1', command: 'show ip route', output: capture('asr1006Redundancy') },
    ]);
    expect(outcomes(res.body)).toEqual([
      [0, 'edge-2', 'refused', 'VALIDATION_FAILED'],
      [1, 'core-1', 'refused', 'VALIDATION_FAILED'],
      [2, 'core-1', 'refused', 'VALIDATION_FAILED'],
      [3, 'PE1', 'refused', 'VALIDATION_FAILED'],
    ]);
    expect(res.body.items[0]?.reason).toBe('command is "show platform" but the output is that of show version');
    expect(res.body.items[1]?.reason).toMatch(/items 1 and 2 both hold show version/);
    expect(res.body.items[3]?.reason).toMatch(/"show ip route" is not one of/);
  });

  it('refuses an output of another chassis model with CONFLICT, an observation older than the last one, and one in the future', async () => {
    const day = 86_400_000;
    const res = await bulk([
      { hostname: 'edge-2', output: capture('asr1006Platform') },
      { hostname: 'core-1', output: await show('core-1', 'version'), observedAt: new Date(Date.now() - day).toISOString() },
      { hostname: 'PE1', output: capture('asr1006Redundancy'), observedAt: new Date(Date.now() + day).toISOString() },
    ]);
    expect(outcomes(res.body)).toEqual([
      [0, 'edge-2', 'refused', 'CONFLICT'],
      [1, 'core-1', 'refused', 'CONFLICT'],
      [2, 'PE1', 'refused', 'VALIDATION_FAILED'],
    ]);
    expect(res.body.items[0]?.reason).toMatch(/ASR1006.*ASR1002-X/);
    expect(res.body.items[1]?.reason).toMatch(/before the router's last observation/);
    expect(res.body.items[2]?.reason).toMatch(/lies in the future/);
  });

  it('refuses bodies of another shape with 400, other body types with 415, and needs an operator key', async () => {
    for (const body of [{ hostname: 'PE1', output: 'x' }, []]) {
      const res = await bulk<Problem>(body);
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const text = await bulk<Problem>('PE1 show version', { 'content-type': 'text/plain' });
    expect([text.status, text.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(text.body.detail).toBe('this operation takes a body of type application/json, application/x-ndjson; got text/plain');
    const malformed = await bulk<Problem>('[{"hostname":', { 'content-type': 'application/json' });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'MALFORMED_REQUEST']);
    const forbidden = await bulk<Problem>([{ hostname: 'PE1', output: capture('asr1006Redundancy') }], {}, viewer);
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await request<Problem>(api.url, 'POST', '/api/v1/observations', []);
    expect(anonymous.status).toBe(401);
  });
});

describe('size limits of POST /observations', () => {
  it('refuses more items than allowed, and an item over 256 KiB, with 413 naming the limit and the figure', async () => {
    const many = await bulk<Problem>(Array.from({ length: 50_001 }, () => ({ hostname: 'PE1', output: 'x' })));
    expect([many.status, many.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(many.body.detail).toBe('a request may carry at most 50000 items; got 50001');
    const huge = await bulk<Problem>([
      { hostname: 'PE1', output: 'x' },
      { hostname: 'core-1', output: 'y'.repeat(300_000) },
    ]);
    expect([huge.status, huge.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(huge.body.detail).toMatch(/^item 1 \(core-1\): .*262144 characters.*got 300000/);
  });

  it('takes bodies beyond HTTP_BODY_LIMIT, and refuses one beyond OBSERVATIONS_BODY_LIMIT with 413 naming both figures', async () => {
    const big = Array.from({ length: 25 }, (_, i) => ({ hostname: 'edge-1', output: `line ${i}\n`.repeat(20_000) }));
    const over4MiB = JSON.stringify(big);
    expect(over4MiB.length).toBeGreaterThan(4 * 1024 * 1024);
    const taken = await bulk(over4MiB);
    expect(taken.status).toBe(200);
    expect(taken.body.summary.refused).toBe(25);

    const small = await startApi(db.url, { OBSERVATIONS_BODY_LIMIT: '2000', ADMIN_API_KEY: api.adminKey });
    try {
      const body = JSON.stringify([{ hostname: 'PE1', output: 'z'.repeat(3000) }]);
      const res = await bulk<Problem>(body, {}, operator, small.url);
      expect([res.status, res.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(res.body.detail).toBe(`the request body is too large: this route takes at most 2000 bytes; got ${Buffer.byteLength(body)} bytes`);
      const otherRoute = await request<Problem>(small.url, 'POST', '/api/v1/fleets', { name: 'x', description: 'd'.repeat(3000) }, bearer(api.adminKey));
      expect(otherRoute.status).not.toBe(413);
    } finally {
      await small.close();
    }
  });
});
