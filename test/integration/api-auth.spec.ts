import { createHash } from 'node:crypto';
import { type ApiKeyInfo, type ApiRole, API_ROLES, type CreatedApiKey, type Page } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import { bearer, createKey, randomAdminKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import { testQueuePrefix } from '../support/redis-keys.js';
import type { TestDatabase } from '../support/database.js';

type Access = ApiRole | 'public';

/**
 * Every REST route and who may call it. The test below compares this table with the routes the running app
 * registers and with its OpenAPI document: a new route fails it until it is listed here with its role.
 */
const ROUTES: Readonly<Record<string, Access>> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'viewer',
  'POST /api/v1/keys': 'admin',
  'GET /api/v1/keys': 'admin',
  'GET /api/v1/keys/:id': 'admin',
  'DELETE /api/v1/keys/:id': 'admin',
  'POST /api/v1/fleets': 'admin',
  'GET /api/v1/fleets': 'viewer',
  'GET /api/v1/fleets/:id': 'viewer',
  'PATCH /api/v1/fleets/:id': 'admin',
  'DELETE /api/v1/fleets/:id': 'admin',
  'POST /api/v1/fleets/:id/routers': 'admin',
  'POST /api/v1/fleets/:id/import': 'admin',
  'GET /api/v1/routers': 'viewer',
  'GET /api/v1/routers/:id': 'viewer',
  'PATCH /api/v1/routers/:id': 'admin',
  'DELETE /api/v1/routers/:id': 'admin',
  'GET /api/v1/routers/:id/changes': 'viewer',
  'GET /api/v1/routers/:id/show/redundancy': 'viewer',
  'GET /api/v1/routers/:id/show/redundancy-states': 'viewer',
  'GET /api/v1/routers/:id/show/version': 'viewer',
  'GET /api/v1/routers/:id/show/platform': 'viewer',
  'POST /api/v1/routers/:id/observations': 'operator',
  'POST /api/v1/routers/:id/actions/force-switchover': 'operator',
  'POST /api/v1/fleets/:id/routers/observations': 'admin',
  'POST /api/v1/observations': 'operator',
  'POST /api/v1/scenarios/validate': 'viewer',
  'GET /api/v1/timings': 'viewer',
  'POST /api/v1/scenarios': 'operator',
  'GET /api/v1/scenarios': 'viewer',
  'GET /api/v1/scenarios/:id': 'viewer',
  'PUT /api/v1/scenarios/:id': 'operator',
  'DELETE /api/v1/scenarios/:id': 'operator',
  'POST /api/v1/runs': 'operator',
  'GET /api/v1/runs': 'viewer',
  'GET /api/v1/runs/:id': 'viewer',
  'GET /api/v1/runs/:id/report': 'viewer',
  'GET /api/v1/runs/:id/junit': 'viewer',
  'GET /api/v1/runs/:id/timeline': 'viewer',
  'POST /api/v1/runs/:id/cancel': 'operator',
  'DELETE /api/v1/runs/:id': 'operator',
  'GET /api/v1/runs/:id/failures': 'viewer',
  'GET /api/v1/runs/:id/causes': 'viewer',
  'GET /api/v1/runs/:id/results': 'viewer',
  'GET /api/v1/runs/:id/results/:hostname': 'viewer',
  'POST /api/v1/audits': 'operator',
  'GET /api/v1/audits': 'viewer',
  'GET /api/v1/audits/:id': 'viewer',
  'GET /api/v1/audits/:id/matrix': 'viewer',
  'GET /api/v1/audits/:id/report': 'viewer',
  'GET /api/v1/audits/:id/junit': 'viewer',
  'POST /api/v1/audits/:id/cancel': 'operator',
  'POST /api/v1/forecasts': 'operator',
  'GET /api/v1/forecasts': 'viewer',
  'GET /api/v1/forecasts/:id': 'viewer',
  'GET /api/v1/forecasts/:id/report': 'viewer',
  'POST /api/v1/forecasts/:id/cancel': 'operator',
  'DELETE /api/v1/forecasts/:id': 'operator',
};

const NO_SUCH_ID = '6f1c1b9e-0000-4000-8000-000000000000';
const WELL_FORMED_UNKNOWN_KEY = `atw_aaaaaaaaaaaa_${'A'.repeat(43)}`;

let db: TestDatabase;
let api: RunningApi;
/** A second api process on the same database and Redis. */
let other: RunningApi;
const registered: string[] = [];
const keys: Partial<Record<ApiRole | 'revoked', string>> = {};

beforeAll(async () => {
  db = await migratedTestDatabase();
  // The dashboard's public files at `/` are tested in api-dashboard.spec.ts; this table is the API's.
  // Two api processes of one deployment: they share Redis and its prefix, as they share the queues.
  const prefix = testQueuePrefix('auth');
  api = await startApi(db.url, { DASHBOARD_DIR: 'off', QUEUE_PREFIX: prefix }, (app) => {
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) registered.push(`${method} ${route.url}`);
      });
  });
  other = await startApi(db.url, { ADMIN_API_KEY: api.adminKey, QUEUE_PREFIX: prefix });
  for (const role of ['viewer', 'operator', 'admin'] as const) keys[role] = (await createKey(api, `matrix-${role}`, role)).key;
  const revoked = await createKey(api, 'matrix-revoked', 'admin');
  await request(api.url, 'DELETE', `/api/v1/keys/${revoked.id}`, undefined, bearer(api.adminKey));
  keys.revoked = revoked.key;
});
afterAll(async () => {
  await other?.close();
  await api?.close();
  await db?.drop();
});

const call = <T = Problem>(method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  request<T>(api.url, method, path, body ?? (method === 'POST' || method === 'PATCH' ? {} : undefined), headers);

function expectProblem(res: { status: number; contentType: string; body: Problem }, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
}

describe('the route table', () => {
  it('lists exactly the routes the app registers', () => {
    // HEAD routes are Fastify's automatic twins of GET routes (same handler, same guard); /docs is the public
    // documentation (its static files), tested below; /graphql guards each of its fields (graphql-auth.spec.ts).
    const rest = registered.filter((r) => !/^(HEAD|OPTIONS) /.test(r) && !r.startsWith('GET /docs') && !/ \/graphql$/.test(r)).sort();
    expect(rest.length).toBeGreaterThan(0);
    expect(rest).toEqual(Object.keys(ROUTES).sort());
  });

  it('matches the OpenAPI document, which names the role of every route', async () => {
    const doc = (await request<{ paths: Record<string, Record<string, { 'x-required-role'?: string }>> }>(api.url, 'GET', '/docs/openapi.json')).body;
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ':$1')}`, op['x-required-role']]),
    );
    expect(Object.fromEntries(documented)).toEqual(
      Object.fromEntries(Object.entries(ROUTES).map(([route, access]) => [route, access === 'public' ? 'none' : access])),
    );
  });
});

const guarded = Object.entries(ROUTES).filter(([, access]) => access !== 'public') as [string, ApiRole][];
const cases = guarded.map(([route, role]) => {
  const [method, pattern] = route.split(' ') as [string, string];
  return [route, method, pattern.replaceAll(':id', NO_SUCH_ID), role] as const;
});

describe.each(cases)('%s', (_route, method, path, role) => {
  it('answers 401 without a key, with a malformed header, an unknown key and a revoked key', async () => {
    const unauthenticated = [
      {},
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { authorization: 'Bearer short' },
      bearer(WELL_FORMED_UNKNOWN_KEY),
      bearer(keys.revoked!),
    ];
    for (const headers of unauthenticated) {
      const res = await call(method, path, headers);
      expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="asr-twin"/);
    }
  });

  it(`answers 403 naming the ${role} role to weaker keys, and lets ${role} keys through`, async () => {
    const weaker = API_ROLES.slice(0, API_ROLES.indexOf(role));
    for (const held of weaker) {
      const res = await call(method, path, bearer(keys[held]!));
      expectProblem(res, 403, 'FORBIDDEN');
      expect(res.body.detail).toContain(`needs the ${role} role`);
    }
    const allowed = await call(method, path, bearer(keys[role]!));
    expect([401, 403]).not.toContain(allowed.status);
  });
});

describe('HEAD twins of GET routes', () => {
  it.each(cases.filter(([, method]) => method === 'GET'))('%s answers 401 without a key', async (_route, _method, path) => {
    expect((await call('HEAD', path, {})).status).toBe(401);
  });
});

describe('public routes', () => {
  it('serve /health and the documentation without a key, and ignore a bad one', async () => {
    for (const path of ['/health', '/docs', '/docs/openapi.json']) {
      expect((await request(api.url, 'GET', path)).status).toBe(200);
      expect((await request(api.url, 'GET', path, undefined, bearer(WELL_FORMED_UNKNOWN_KEY))).status).toBe(200);
    }
  });

  it('keep the unknown-route answer for clients without a key', async () => {
    expectProblem(await call('GET', '/api/v1/nothing-here', {}), 404, 'ROUTE_NOT_FOUND');
  });
});

describe('API keys', () => {
  let created: CreatedApiKey;

  it('creates a key whose secret appears in the creation answer only', async () => {
    const res = await request<CreatedApiKey>(api.url, 'POST', '/api/v1/keys', { name: 'ci-pipeline', role: 'operator' }, bearer(api.adminKey));
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    created = res.body;
    expect(created.key).toMatch(/^atw_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'ci-pipeline', role: 'operator', prefix: created.key.slice(0, 16), lastUsedAt: null, revokedAt: null });

    expect((await request(api.url, 'GET', '/api/v1/routers', undefined, bearer(created.key))).status).toBe(200);
    const secret = created.key.slice(17);
    const hash = createHash('sha256').update(created.key).digest();
    const later = [
      await request(api.url, 'GET', '/api/v1/keys?limit=1000', undefined, bearer(api.adminKey)),
      await request(api.url, 'GET', `/api/v1/keys/${created.id}`, undefined, bearer(api.adminKey)),
      await request(other.url, 'GET', `/api/v1/keys/${created.id}`, undefined, bearer(api.adminKey)),
    ];
    for (const res of later) {
      expect(res.status).toBe(200);
      expect(res.text).toContain(created.id);
      for (const forbidden of [created.key, secret, hash.toString('hex'), hash.toString('base64'), api.adminKey, '"key"', 'secret', 'hash']) {
        expect(res.text).not.toContain(forbidden);
      }
    }
    const listed = (later[0]!.body as unknown as Page<ApiKeyInfo>).items.map((k) => k.name);
    expect(listed).toEqual(expect.arrayContaining(['bootstrap-admin', 'matrix-viewer', 'matrix-revoked', 'ci-pipeline']));
  });

  it('records when a key was last used, at most once a minute', async () => {
    const info = (await request<ApiKeyInfo>(api.url, 'GET', `/api/v1/keys/${created.id}`, undefined, bearer(api.adminKey))).body;
    expect(info.lastUsedAt).not.toBeNull();
    await request(api.url, 'GET', '/api/v1/routers', undefined, bearer(created.key));
    const again = (await request<ApiKeyInfo>(api.url, 'GET', `/api/v1/keys/${created.id}`, undefined, bearer(api.adminKey))).body;
    expect(again.lastUsedAt).toBe(info.lastUsedAt);
  });

  it('revokes a key for every api process from the next request on', async () => {
    expect((await request(other.url, 'GET', '/api/v1/routers', undefined, bearer(created.key))).status).toBe(200);
    const revoked = await request(api.url, 'DELETE', `/api/v1/keys/${created.id}`, undefined, bearer(api.adminKey));
    expect(revoked.status).toBe(204);
    for (const base of [api.url, other.url]) {
      const res = await request<Problem>(base, 'GET', '/api/v1/routers', undefined, bearer(created.key));
      expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(res.body.detail).toBe('the API key is unknown or revoked');
    }
    const info = (await request<ApiKeyInfo>(api.url, 'GET', `/api/v1/keys/${created.id}`, undefined, bearer(api.adminKey))).body;
    expect(info.revokedAt).not.toBeNull();
    expect((await request(api.url, 'DELETE', `/api/v1/keys/${created.id}`, undefined, bearer(api.adminKey))).status).toBe(204);
    const twice = (await request<ApiKeyInfo>(api.url, 'GET', `/api/v1/keys/${created.id}`, undefined, bearer(api.adminKey))).body;
    expect(twice.revokedAt).toBe(info.revokedAt);
  });

  const invalid: [string, unknown, number, string, string][] = [
    ['a taken name, even of a revoked key', { name: 'ci-pipeline', role: 'viewer' }, 409, 'CONFLICT', 'name'],
    ['the reserved name of the configured key', { name: 'bootstrap-admin', role: 'viewer' }, 400, 'VALIDATION_FAILED', 'name'],
    ['an unknown role', { name: 'x', role: 'root' }, 400, 'VALIDATION_FAILED', 'role'],
    ['a name with a space', { name: 'my key', role: 'viewer' }, 400, 'VALIDATION_FAILED', 'name'],
    ['a client-chosen secret', { name: 'y', role: 'viewer', key: 'atw_mine' }, 400, 'VALIDATION_FAILED', 'body'],
  ];
  it.each(invalid)('refuses %s', async (_name, body, status, code, field) => {
    const res = await request<Problem>(api.url, 'POST', '/api/v1/keys', body, bearer(api.adminKey));
    expectProblem(res, status, code);
    expect(res.body.errors?.map((e) => e.field)).toContain(field);
  });

  it('answers 404 for an unknown key', async () => {
    expectProblem(await call('DELETE', `/api/v1/keys/${NO_SUCH_ID}`, bearer(api.adminKey)), 404, 'NOT_FOUND');
    expectProblem(await call('GET', '/api/v1/keys/not-a-uuid', bearer(api.adminKey)), 404, 'NOT_FOUND');
  });
});

describe('the change log', () => {
  it('names the key that made a change', async () => {
    const alice = await createKey(api, 'alice', 'admin');
    expect((await request(api.url, 'POST', '/api/v1/fleets', { name: 'audit' }, bearer(alice.key))).status).toBe(201);
    expect((await request(api.url, 'POST', '/api/v1/fleets/audit/routers', { hostname: 'audit-1', model: 'ASR1001-X' }, bearer(alice.key))).status).toBe(201);
    await request(api.url, 'PATCH', '/api/v1/routers/audit-1', { labels: { site: 'ams' } }, bearer(api.adminKey));
    const log = await request<Page<{ actor: string; action: string }>>(api.url, 'GET', '/api/v1/routers/audit-1/changes', undefined, bearer(keys.viewer!));
    expect(log.body.items.map((c) => [c.action, c.actor])).toEqual([
      ['updated', 'key:bootstrap-admin'],
      ['created', 'key:alice'],
    ]);
  });
});

describe('ADMIN_API_KEY', () => {
  let own: TestDatabase;
  beforeAll(async () => {
    own = await migratedTestDatabase();
  });
  afterAll(() => own?.drop());

  const routers = (a: RunningApi, key: string) => request(a.url, 'GET', '/api/v1/routers', undefined, bearer(key));

  it('is accepted as the admin key bootstrap-admin, replaced when it changes, and stays revoked until then', async () => {
    const first = randomAdminKey();
    const a = await startApi(own.url, { ADMIN_API_KEY: first });
    try {
      expect((await routers(a, first)).status).toBe(200);
      const listed = (await request<Page<ApiKeyInfo>>(a.url, 'GET', '/api/v1/keys', undefined, bearer(first))).body.items;
      expect(listed).toEqual([expect.objectContaining({ name: 'bootstrap-admin', role: 'admin', prefix: null, revokedAt: null })]);
      expect((await request(a.url, 'DELETE', `/api/v1/keys/${listed[0]!.id}`, undefined, bearer(first))).status).toBe(204);
      expect((await routers(a, first)).status).toBe(401);
    } finally {
      await a.close();
    }

    const same = await startApi(own.url, { ADMIN_API_KEY: first });
    try {
      expect((await routers(same, first)).status).toBe(401);
    } finally {
      await same.close();
    }

    const second = randomAdminKey();
    const b = await startApi(own.url, { ADMIN_API_KEY: second });
    try {
      expect((await routers(b, second)).status).toBe(200);
      expect((await routers(b, first)).status).toBe(401);
      const listed = (await request<Page<ApiKeyInfo>>(b.url, 'GET', '/api/v1/keys', undefined, bearer(second))).body.items;
      expect(listed.map((k) => [k.name, k.revokedAt])).toEqual([['bootstrap-admin', null]]);
    } finally {
      await b.close();
    }
  });
});
