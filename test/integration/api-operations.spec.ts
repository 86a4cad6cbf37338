import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import { bearer, createKey, randomAdminKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { testQueuePrefix } from '../support/redis-keys.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await migratedTestDatabase();
});
afterAll(() => db?.drop());

/** Apps the tests start, closed at the end; they share the database, so they share its admin key. */
const started: RunningApi[] = [];
const ADMIN_KEY = randomAdminKey();
async function start(env: Record<string, string> = {}): Promise<RunningApi> {
  const api = await startApi(db.url, { ADMIN_API_KEY: ADMIN_KEY, ...env });
  started.push(api);
  return api;
}
afterAll(async () => {
  await Promise.all(started.map((a) => a.close()));
});

const get = (api: RunningApi, path: string, headers: Record<string, string> = {}) => request<Problem>(api.url, 'GET', path, undefined, headers);

describe('rate limit', () => {
  const LIMIT = 5;
  let a: RunningApi;
  let b: RunningApi;

  beforeAll(async () => {
    // Two api processes on one Redis, with a key prefix of their own so no other test shares the counters.
    const env = { RATE_LIMIT_PER_MINUTE: String(LIMIT), QUEUE_PREFIX: testQueuePrefix('rl') };
    a = await start(env);
    b = await start(env);
  });

  it('counts per key across api processes and answers the next request with 429 and Retry-After', async () => {
    const viewer = (await createKey(a, 'rate-viewer', 'viewer')).key;
    const remaining: string[] = [];
    for (const api of [a, a, a, b, b]) {
      const res = await get(api, '/api/v1/routers', bearer(viewer));
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('x-ratelimit-remaining') ?? '');
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);

    for (const api of [b, a]) {
      const res = await get(api, '/api/v1/routers', bearer(viewer));
      expect(res.status).toBe(429);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('RATE_LIMITED');
      expect(res.body.detail).toMatch(/5 requests per minute/);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
  });

  it('gives every key its own budget', async () => {
    const other = (await createKey(a, 'rate-other', 'viewer')).key;
    expect((await get(b, '/api/v1/routers', bearer(other))).status).toBe(200);
  });

  it('counts requests with invented keys against the client address, so they buy no extra budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      const invented = `atw_${'a'.repeat(11)}${'abcdef'[i]}_${randomBytes(32).toString('base64url')}`;
      statuses.push((await get(i % 2 ? a : b, '/api/v1/routers', bearer(invented))).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('never limits /health', async () => {
    for (let i = 0; i < LIMIT * 3; i++) {
      const res = await get(a, '/health');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    }
  });
});

describe('/metrics', () => {
  it('needs a viewer key and exposes request durations by route pattern, not by URL', async () => {
    const api = await start();
    const viewer = (await createKey(api, 'metrics-viewer', 'viewer')).key;
    await get(api, '/api/v1/routers/no-such-router', bearer(viewer));
    await get(api, '/api/v1/routers?limit=1', bearer(viewer));
    await get(api, '/api/v1/no-such-route', bearer(viewer));

    expect((await get(api, '/metrics')).status).toBe(401);
    const res = await get(api, '/metrics', bearer(viewer));
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(/# TYPE http_request_duration_seconds histogram/);
    const series = (route: string, status: string) =>
      text
        .split('\n')
        .filter(
          (l) =>
            l.startsWith('http_request_duration_seconds_count{') &&
            l.includes(`route="${route}"`) &&
            l.includes(`status="${status}"`) &&
            l.includes('method="GET"'),
        );
    expect(series('/api/v1/routers/:id', '404')).toEqual([expect.stringMatching(/ 1$/)]);
    expect(series('/api/v1/routers', '200')).toEqual([expect.stringMatching(/ 1$/)]);
    expect(series('unmatched', '404')).toHaveLength(1);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*le="0\.005"/);
    expect(text).not.toContain('no-such-router');
    expect(text).not.toContain('no-such-route');
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('answers without a key when METRICS_PUBLIC=true', async () => {
    const api = await start({ METRICS_PUBLIC: 'true' });
    const res = await get(api, '/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/http_request_duration_seconds/);
  });
});

describe('security headers', () => {
  it('are on every answer, with a CSP under which the Swagger UI loads only its own files', async () => {
    const api = await start();
    for (const path of ['/health', '/api/v1/routers', '/docs']) {
      const res = await get(api, path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    }

    const page = await get(api, '/docs');
    expect(page.status).toBe(200);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      // script-src 'self' allows files of this origin and no inline code.
      expect(inline!.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes!)?.[1] ?? '';
      expect(src).toMatch(/^\.?\/[^/]/);
      expect((await get(api, new URL(src, `${api.url}/docs`).pathname)).status).toBe(200);
    }
  });
});

describe('CORS', () => {
  const ALLOWED = 'https://ops.example.com';
  const OTHER = 'https://evil.example.com';

  it('allows the configured origins and no other', async () => {
    const api = await start({ CORS_ORIGINS: `${ALLOWED},http://localhost:5173` });
    const ok = await get(api, '/api/v1/routers', { ...bearer(api.adminKey), origin: ALLOWED });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(ok.headers.get('access-control-expose-headers')).toContain('retry-after');

    const refused = await get(api, '/api/v1/routers', { ...bearer(api.adminKey), origin: OTHER });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = (origin: string) =>
      request(api.url, 'OPTIONS', '/api/v1/fleets', undefined, {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      });
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await preflight(OTHER)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS header at all by default', async () => {
    const api = await start();
    const res = await get(api, '/api/v1/routers', { ...bearer(api.adminKey), origin: ALLOWED });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('when PostgreSQL is gone', () => {
  it('still answers /health (503, naming the database) to a client that sends a key, and 503 on guarded routes', async () => {
    const own = await migratedTestDatabase();
    const api = await startApi(own.url);
    try {
      expect((await get(api, '/api/v1/routers', bearer(api.adminKey))).status).toBe(200);
      await own.drop();
      const health = await request<{ details: Record<string, { status: string }> }>(api.url, 'GET', '/health', undefined, bearer(api.adminKey));
      expect(health.status).toBe(503);
      expect(health.body.details['database']?.status).toBe('down');
      const guarded = await get(api, '/api/v1/routers', bearer(api.adminKey));
      expect(guarded.status).toBe(503);
      expect(guarded.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(guarded.headers.get('retry-after')).toBe('5');
      expect((await get(api, '/api/v1/routers')).status).toBe(401);
    } finally {
      await api.close();
    }
  });
});
