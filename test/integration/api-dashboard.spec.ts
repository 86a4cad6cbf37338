import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardTarget } from '../../apps/api/src/dashboard/dashboard.plugin.js';
import { request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { ROOT } from '../support/processes.js';

/** The built dashboard served by the api at `/`, with client routes falling back to index.html. */
let db: TestDatabase;
let api: RunningApi;
let withoutDashboard: RunningApi;
const built = readFileSync(join(ROOT, 'apps/dashboard/dist/index.html'), 'utf8');
const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(built)?.[1] as string;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  withoutDashboard = await startApi(db.url, { ADMIN_API_KEY: api.adminKey, DASHBOARD_DIR: 'off' });
});
afterAll(async () => {
  await withoutDashboard?.close();
  await api?.close();
  await db?.drop();
});

describe('the dashboard at /', () => {
  it('serves index.html without a key, revalidated on every load, under the strict CSP', async () => {
    const res = await request(api.url, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/html/);
    expect(res.text).toBe(built);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers client routes (deep links, reloads) with index.html', async () => {
    for (const path of ['/routers/ams-edge-01', '/runs/6f1c', '/scenarios/new', '/?health=down', '/apiary', '/graphqlx']) {
      const res = await request(api.url, 'GET', path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).toBe(built);
    }
  });

  it('serves the hashed assets for a year, pre-compressed when the client accepts it', async () => {
    expect(entry).toBeDefined();
    const plain = await request(api.url, 'GET', entry, undefined, { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.contentType).toMatch(/javascript/);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const raw = await fetch(`${api.url}${entry}`, { headers: { 'accept-encoding': 'br' } });
    expect(raw.headers.get('content-encoding')).toBe('br');
    expect(await raw.text()).toBe(plain.text);
  });

  it('serves the other files of the build, and nothing outside it', async () => {
    const icon = await request(api.url, 'GET', '/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.contentType).toMatch(/^image\/svg\+xml/);
    for (const path of ['/.build-hash', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json']) {
      expect((await request(api.url, 'GET', path)).status, path).toBe(404);
    }
  });

  it('never answers API paths, missing files or other methods with the app: their 404s stay problem+json', async () => {
    const paths = ['/api/v1/nope', '/api', '/graphql/x', '/health/x', '/metrics/x', '/docs/x', '/docs-json/x', '/assets/missing.js', '/favicon.ico'];
    for (const path of paths) {
      const res = await request<{ code: string }>(api.url, 'GET', path, undefined, { authorization: 'Bearer not-even-looked-up' });
      expect(res.status, path).toBe(404);
      expect(res.contentType, path).toMatch(/^application\/problem\+json/);
      expect(res.body.code, path).toBe('ROUTE_NOT_FOUND');
    }
    const post = await request<{ code: string }>(api.url, 'POST', '/routers/x', {});
    expect(post.status).toBe(404);
    expect(post.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('leaves the API as it was: routes, keys and health', async () => {
    expect((await request(api.url, 'GET', '/health')).status).toBe(200);
    expect((await request<{ code: string }>(api.url, 'GET', '/api/v1/routers')).body.code).toBe('UNAUTHENTICATED');
    expect((await request(api.url, 'GET', '/docs/openapi.json')).status).toBe(200);
    const nest = await request<{ openapi: string }>(api.url, 'GET', '/docs-json');
    expect(nest.contentType).toMatch(/^application\/json/);
    expect(nest.body.openapi).toMatch(/^3\./);
  });

  it('is not served with DASHBOARD_DIR=off', async () => {
    const res = await request<{ code: string }>(withoutDashboard.url, 'GET', '/routers/x');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('dashboardTarget', () => {
  it('tells client routes from API paths and files', () => {
    expect(dashboardTarget('/')).toEqual({ kind: 'app' });
    expect(dashboardTarget('/routers/ams-edge-01?tab=log')).toEqual({ kind: 'app' });
    expect(dashboardTarget('/favicon.svg')).toEqual({ kind: 'file', file: 'favicon.svg' });
    expect(dashboardTarget('/docs-yaml')).toEqual({ kind: 'api' });
    expect(dashboardTarget('/docs-json')).toEqual({ kind: 'api' });
    expect(dashboardTarget('/metrics')).toEqual({ kind: 'api' });
    expect(dashboardTarget('/api/v1/x.json')).toEqual({ kind: 'api' });
    expect(dashboardTarget('/.build-hash')).toEqual({ kind: 'none' });
    expect(dashboardTarget('/assets/%2e%2e/x')).toEqual({ kind: 'none' });
  });
});
