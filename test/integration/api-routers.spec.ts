import type { Fleet, Page, RouterSummary } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import type { AddRoutersResult } from '../../apps/api/src/routers/router.service.js';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

let db: TestDatabase;
let api: RunningApi;
let fleet: Fleet;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  fleet = (await call<Fleet>('POST', '/api/v1/fleets', { name: 'core', labels: { region: 'eu' } })).body;
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

/** Every request of this file uses the admin key; access control has its own tests (api-auth.spec.ts). */
const call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => request<T>(api.url, method, path, body, bearer(api.adminKey));
const get = <T>(path: string) => call<T>('GET', path);
const post = <T>(path: string, body: unknown) => call<T>('POST', path, body);

describe('router anatomy over REST', () => {
  it('creates an ASR1002-X with one host, KVM, R0/0 ACTIVE, R0/1 STANDBY HOT and ESP F0', async () => {
    const created = await post<AddRoutersResult>(`/api/v1/fleets/${fleet.id}/routers`, { hostname: 'edge-1', model: 'ASR1002-X' });
    expect(created.status).toBe(201);
    expect(created.body.created).toBe(1);

    const { status, body } = await get<RouterTree>('/api/v1/routers/edge-1');
    expect(status).toBe(200);
    expect(body.health).toBe('protected');
    expect(body.routeProcessors.map((rp) => rp.slot)).toEqual(['R0']);
    const host = body.routeProcessors[0]!.host;
    expect(host.state).toBe('up');
    expect(host.hypervisor.kind).toBe('kvm');
    expect(host.hypervisor.guests.map((g) => [g.name, g.rfState.name, g.domainState])).toEqual([
      ['R0/0', 'ACTIVE', 'RUNNING'],
      ['R0/1', 'STANDBY HOT', 'RUNNING'],
    ]);
    expect(body.esps.map((e) => [e.slot, e.forwarding])).toEqual([['F0', true]]);
  });

  it('creates an ASR1006 with hosts R0 and R1, one IOS VM on each, ESPs F0 and F1', async () => {
    await post(`/api/v1/fleets/core/routers`, { routers: [{ hostname: 'core-1', model: 'ASR1006' }] });
    const created = await get<Page<RouterSummary>>('/api/v1/routers?q=core-');
    const { body } = await get<RouterTree>(`/api/v1/routers/${created.body.items[0]!.id}`);
    expect(body.chassis.redundancyType).toBe('hardware');
    expect(body.routeProcessors.map((rp) => [rp.slot, rp.host.hypervisor.guests.map((g) => `${g.name}:${g.rfState.code}`)])).toEqual([
      ['R0', ['R0/0:13']],
      ['R1', ['R1/0:8']],
    ]);
    expect(body.esps.map((e) => `${e.slot}:${e.role}`)).toEqual(['F0:active', 'F1:standby']);
  });

  it('§8.10, §8.11: creates a single-ESP ASR1006 with one supply; an ASR1002 defaults to 3.16.10S with its RP1 and ESP10', async () => {
    // A fleet of its own, removed at the end, so the counts of the other tests stay as they are.
    await post('/api/v1/fleets', { name: 'hw' });
    const created = await post<AddRoutersResult>(`/api/v1/fleets/hw/routers`, [
      { hostname: 'pe-1', model: 'ASR1006', version: '17.6.4', hardware: { esps: 1, esp: 'ASR1000-ESP40', psus: 1 } },
      { hostname: 'cpe-1', model: 'ASR1002' },
      { hostname: 'pe-2', model: 'ASR1009-X', hardware: { rps: 1 } },
    ]);
    expect(created.status).toBe(201);
    // One RP in a dual-RP chassis: simplex, the empty slot's host down, no R1 row in show platform.
    const pe2 = (await get<RouterTree>('/api/v1/routers/pe-2')).body;
    expect(pe2.routeProcessors.map((rp) => [rp.slot, rp.host.state, rp.host.hypervisor.guests.map((g) => g.rfState.name)])).toEqual([
      ['R0', 'up', ['ACTIVE']],
      ['R1', 'down', ['DISABLED']],
    ]);
    expect(pe2.health).toBe('degraded');
    expect((await call<string>('GET', '/api/v1/routers/pe-2/show/platform')).body).not.toMatch(/^R1 /m);
    const pe = (await get<RouterTree>('/api/v1/routers/pe-1')).body;
    expect(pe.esps.map((e) => [e.slot, e.pid, e.role])).toEqual([['F0', 'ASR1000-ESP40', 'active']]);
    expect(pe.hardware).toEqual({ rp: 'ASR1000-RP2', esp: 'ASR1000-ESP40', rps: 2, esps: 1, psus: 1, declared: true });
    expect(pe.powerSupplies).toEqual([
      { slot: 'P0', state: 'ok' },
      { slot: 'P1', state: 'empty' },
    ]);
    const platform = await call<string>('GET', '/api/v1/routers/pe-1/show/platform');
    expect(platform.body).not.toMatch(/^F1 /m);
    expect(platform.body).not.toMatch(/^P1 /m);
    const cpe = (await get<RouterTree>('/api/v1/routers/cpe-1')).body;
    expect([cpe.softwareVersion, cpe.routeProcessors[0]!.pid, cpe.esps[0]!.pid]).toEqual(['3.16.10S', 'ASR1002-RP1', 'ASR1000-ESP10']);
    expect((await call('DELETE', '/api/v1/fleets/hw')).status).toBe(204);
  });

  it('§8.10, §8.11: refuses impossible hardware, naming the PID and the release', async () => {
    const res = await post<Problem>(`/api/v1/fleets/core/routers`, [
      { hostname: 'old-1', model: 'ASR1004', version: '17.3.4a', hardware: { rp: 'ASR1000-RP1', esp: 'ASR1000-ESP20' } },
      { hostname: 'old-2', model: 'ASR1002', version: '16.12.5' },
      { hostname: 'old-3', model: 'ASR1004', hardware: { esps: 2 } },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      { field: 'routers.0.hardware.rp', message: 'old-1: ASR1000-RP1 cannot run IOS XE 17.3.4a: no 17.x image exists for it (it runs 2.x, 3.x)' },
      { field: 'routers.1.version', message: 'old-2: ASR1002-RP1 cannot run IOS XE 16.12.5: no 16.x image exists for it (it runs 2.x, 3.x)' },
      { field: 'routers.2.hardware.esps', message: 'old-3: an ASR1004 holds exactly one ESP (ESP slots: F0); 2 given' },
    ]);
    expect((await get<Page<RouterSummary>>('/api/v1/routers?q=old-')).body.items).toEqual([]);
  });

  it('leaves the peer STANDBY COLD under RPR and DISABLED in simplex, and reports them degraded', async () => {
    await post(`/api/v1/fleets/core/routers`, [
      { hostname: 'rpr-1', model: 'ASR1004', redundancy: 'rpr' },
      { hostname: 'simplex-1', model: 'ASR1001', redundancy: 'none' },
    ]);
    const rpr = (await get<RouterTree>('/api/v1/routers/rpr-1')).body;
    expect(rpr.routeProcessors[0]!.host.hypervisor.guests[1]!.rfState.name).toBe('STANDBY COLD');
    const simplex = (await get<RouterTree>('/api/v1/routers/simplex-1')).body;
    expect(simplex.routeProcessors[0]!.host.hypervisor.guests[1]).toMatchObject({ rfState: { name: 'DISABLED' }, domainState: 'SHUTOFF' });
    const degraded = await get<Page<RouterSummary>>('/api/v1/routers?health=degraded');
    expect(degraded.body.items.map((r) => r.hostname)).toEqual(['rpr-1', 'simplex-1']);
  });
});

describe('bulk generation, listing and pagination', () => {
  it('generates 10,000 routers in one request and lists the right total', async () => {
    await post('/api/v1/fleets', { name: 'bulk' });
    const res = await post<AddRoutersResult>('/api/v1/fleets/bulk/routers', { generate: { count: 10_000, models: ['ASR1002-X', 'ASR1006'] } });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(10_000);
    expect(new Set(res.body.routers.map((r) => r.hostname)).size).toBe(10_000);

    const page = await get<Page<RouterSummary>>('/api/v1/routers?fleet=bulk&limit=5');
    expect(page.body.total).toBe(10_000);
    expect(page.body.items.map((r) => r.hostname)).toEqual(['bulk-00001', 'bulk-00002', 'bulk-00003', 'bulk-00004', 'bulk-00005']);
    const asr1006 = await get<Page<RouterSummary>>('/api/v1/routers?fleet=bulk&model=ASR1006&limit=1');
    expect(asr1006.body.total).toBe(5_000);
    const last = await get<Page<RouterSummary>>('/api/v1/routers?fleet=bulk&limit=2&offset=9999');
    expect(last.body.items.map((r) => r.hostname)).toEqual(['bulk-10000']);
    const summary = await get<Fleet>('/api/v1/fleets/bulk');
    expect(summary.body.routerCount).toBe(10_000);
    expect(summary.body.health.protected).toBe(10_000);
  });

  it('continues numbering where the previous generation stopped', async () => {
    const res = await post<AddRoutersResult>('/api/v1/fleets/bulk/routers', { generate: { count: 2, models: ['ASR1004'] } });
    expect(res.body.routers.map((r) => r.hostname)).toEqual(['bulk-10001', 'bulk-10002']);
  });

  it('filters by label, model list and hostname prefix', async () => {
    await post('/api/v1/fleets/core/routers', { hostname: 'lab-1', model: 'ASR1013', labels: { site: 'ams', tier: 'lab' } });
    const bySite = await get<Page<RouterSummary>>('/api/v1/routers?label=site=ams&label=tier=lab');
    expect(bySite.body.items.map((r) => r.hostname)).toEqual(['lab-1']);
    const byModels = await get<Page<RouterSummary>>('/api/v1/routers?fleet=core&model=ASR1013,ASR1001');
    expect(byModels.body.items.map((r) => r.hostname).sort()).toEqual(['lab-1', 'simplex-1']);
  });
});

describe('changes', () => {
  it('updates labels and moves a router, recording who changed what', async () => {
    const patched = await call<RouterTree>('PATCH', '/api/v1/routers/edge-1', { labels: { site: 'fra' }, fleet: 'bulk' });
    expect(patched.status).toBe(200);
    expect(patched.body.labels).toEqual({ site: 'fra' });
    const log = await get<Page<{ action: string; before: unknown; after: unknown; actor: string }>>('/api/v1/routers/edge-1/changes');
    expect(log.body.items.map((c) => c.action)).toEqual(['updated', 'created']);
    expect(log.body.items[0]).toMatchObject({ actor: 'key:bootstrap-admin', before: { labels: {} }, after: { labels: { site: 'fra' } } });
  });

  it('deletes a router and then a fleet with its routers', async () => {
    expect((await call('DELETE', '/api/v1/routers/edge-1')).status).toBe(204);
    expect((await get('/api/v1/routers/edge-1')).status).toBe(404);
    expect((await call('DELETE', '/api/v1/fleets/bulk')).status).toBe(204);
    expect((await get<Page<RouterSummary>>('/api/v1/routers?limit=1')).body.total).toBe(4);
  });
});

describe('bad input gets a 4xx problem document that names the problem', () => {
  const cases: [string, string, string, unknown, number, string, string?][] = [
    ['unknown model', 'POST', '/api/v1/fleets/core/routers', { hostname: 'x1', model: 'ASR9000' }, 400, 'VALIDATION_FAILED', 'model'],
    ['missing hostname', 'POST', '/api/v1/fleets/core/routers', { model: 'ASR1004' }, 400, 'VALIDATION_FAILED', 'hostname'],
    [
      'duplicate hostname in the request',
      'POST',
      '/api/v1/fleets/core/routers',
      [
        { hostname: 'd1', model: 'ASR1004' },
        { hostname: 'd1', model: 'ASR1004' },
      ],
      400,
      'VALIDATION_FAILED',
      'routers.1.hostname',
    ],
    ['hostname already taken', 'POST', '/api/v1/fleets/core/routers', { hostname: 'core-1', model: 'ASR1004' }, 409, 'CONFLICT', 'routers.0.hostname'],
    ['wrong type of hostname', 'POST', '/api/v1/fleets/core/routers', { hostname: 42, model: 'ASR1004' }, 400, 'VALIDATION_FAILED', 'hostname'],
    ['wrong type of labels', 'POST', '/api/v1/fleets/core/routers', { hostname: 'l1', model: 'ASR1004', labels: [] }, 400, 'VALIDATION_FAILED', 'labels'],
    ['unknown field', 'POST', '/api/v1/fleets/core/routers', { hostname: 'u1', model: 'ASR1004', colour: 'red' }, 400, 'VALIDATION_FAILED'],
    ['generate count too big', 'POST', '/api/v1/fleets/core/routers', { generate: { count: 1e9 } }, 400, 'VALIDATION_FAILED', 'generate.count'],
    ['generate count a string', 'POST', '/api/v1/fleets/core/routers', { generate: { count: '10' } }, 400, 'VALIDATION_FAILED', 'generate.count'],
    ['body not an object', 'POST', '/api/v1/fleets/core/routers', 'null', 400, 'VALIDATION_FAILED', 'body'],
    ['malformed JSON', 'POST', '/api/v1/fleets/core/routers', '{"hostname": "x",', 400, 'MALFORMED_REQUEST'],
    ['unknown fleet', 'POST', '/api/v1/fleets/nope/routers', { hostname: 'n1', model: 'ASR1004' }, 404, 'NOT_FOUND'],
    ['unknown router id', 'GET', '/api/v1/routers/6f1c1b9e-0000-4000-8000-000000000000', undefined, 404, 'NOT_FOUND'],
    ['unknown router hostname', 'GET', '/api/v1/routers/no-such-router', undefined, 404, 'NOT_FOUND'],
    ['unknown fleet id', 'GET', '/api/v1/fleets/6f1c1b9e-0000-4000-8000-000000000000', undefined, 404, 'NOT_FOUND'],
    ['unknown route', 'GET', '/api/v1/nothing-here', undefined, 404, 'ROUTE_NOT_FOUND'],
    ['bad pagination', 'GET', '/api/v1/routers?limit=0', undefined, 400, 'VALIDATION_FAILED', 'limit'],
    ['unknown health filter', 'GET', '/api/v1/routers?health=fine', undefined, 400, 'VALIDATION_FAILED', 'health.0'],
    ['unknown query parameter', 'GET', '/api/v1/routers?colour=red', undefined, 400, 'VALIDATION_FAILED'],
    ['fleet name not a slug', 'POST', '/api/v1/fleets', { name: 'Core Routers' }, 400, 'VALIDATION_FAILED', 'name'],
    ['fleet name taken', 'POST', '/api/v1/fleets', { name: 'core' }, 409, 'CONFLICT', 'name'],
    ['empty patch', 'PATCH', '/api/v1/fleets/core', {}, 400, 'VALIDATION_FAILED'],
  ];

  it.each(cases)('%s', async (_name, method, path, body, status, code, field) => {
    const res = await call<Problem>(method, path, body);
    expect(res.status).toBe(status);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(res.body.detail.length).toBeGreaterThan(5);
    if (field) expect(res.body.errors?.map((e) => e.field)).toContain(field);
  });

  it('refuses a 10 MB body with 413 and keeps serving', async () => {
    const big = JSON.stringify({ routers: [{ hostname: 'x', model: 'ASR1004', labels: { pad: 'a'.repeat(10 * 1024 * 1024) } }] });
    const res = await call<Problem>('POST', '/api/v1/fleets/core/routers', big);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await get('/health')).status).toBe(200);
  });

  it('created nothing while refusing', async () => {
    const all = await get<Page<RouterSummary>>('/api/v1/routers?fleet=core&limit=100');
    expect(all.body.items.map((r) => r.hostname).sort()).toEqual(['core-1', 'lab-1', 'rpr-1', 'simplex-1']);
  });
});

describe('operations', () => {
  it('reports database and Redis health', async () => {
    const res = await get<{ status: string; details: Record<string, { status: string }> }>('/health');
    expect(res.status).toBe(200);
    expect(res.body.details['database']?.status).toBe('up');
    expect(res.body.details['redis']?.status).toBe('up');
  });

  it('serves the OpenAPI document with the fleet and router routes', async () => {
    const res = await get<{ paths: Record<string, unknown> }>('/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/fleets', '/api/v1/fleets/{id}/routers', '/api/v1/routers', '/api/v1/routers/{id}']),
    );
  });
});
