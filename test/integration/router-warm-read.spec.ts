import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RouterService } from '../../apps/api/src/routers/router.service.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { testQueuePrefix } from '../support/redis-keys.js';

/**
 * A warm `GET /routers/:id` is answered from the cached bytes before Nest's pipeline runs: the answer must be the
 * one the normal path gives, byte for byte and header for header, and every rule that runs before the route
 * (key, rate limit, media type, storable text) must still apply to it.
 */
const LIMIT = 40;
let db: TestDatabase;
let api: RunningApi;
/** Calls of the controller's service method: the normal path, which the warm reads must not take. */
let controllerReads = 0;

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** A GET as sent, with a body when given (which `fetch` refuses to send with GET); the answer as received. */
function raw(path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${api.url}${path}`, { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The headers of an answer that may differ between two answers of one route: the date and the remaining budget. */
function stable(headers: Record<string, string>): Record<string, string> {
  const { date, 'x-ratelimit-remaining': remaining, ...rest } = headers;
  expect(date).toBeDefined();
  expect(remaining).toMatch(/^\d+$/);
  return rest;
}

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url, { QUEUE_PREFIX: testQueuePrefix('warm-read'), RATE_LIMIT_PER_MINUTE: String(LIMIT) }, (app) => {
    const routers = app.get(RouterService);
    const original = routers.getCachedJson.bind(routers);
    routers.getCachedJson = (id, epoch) => {
      controllerReads++;
      return original(id, epoch);
    };
  });
  await request(api.url, 'POST', '/api/v1/fleets', { name: 'warm' }, bearer(api.adminKey));
  const added = await request(api.url, 'POST', '/api/v1/fleets/warm/routers', { generate: { count: 3, models: ['ASR1006'] } }, bearer(api.adminKey));
  expect(added.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('a warm GET /routers/:id', () => {
  it('answers exactly what the cold read answered, without reaching the controller', async () => {
    const viewer = (await createKey(api, 'warm-viewer', 'viewer')).key;
    const listed = await request<{ items: { id: string }[] }>(api.url, 'GET', '/api/v1/routers?fleet=warm&limit=1', undefined, bearer(viewer));
    // By hostname and by id: each is cached under what it was asked by.
    for (const path of ['/api/v1/routers/warm-00001', `/api/v1/routers/${listed.body.items[0]?.id}`]) {
      const before = controllerReads;
      const cold = await raw(path, bearer(viewer));
      expect(controllerReads).toBe(before + 1);
      const warm = await raw(path, bearer(viewer));
      const again = await raw(path, bearer(viewer));
      expect(controllerReads).toBe(before + 1);
      expect(cold.status).toBe(200);
      for (const answer of [warm, again]) {
        expect(answer.status).toBe(cold.status);
        expect(stable(answer.headers)).toEqual(stable(cold.headers));
        expect(answer.body.equals(cold.body)).toBe(true);
      }
      // The rate limit counted each of them: one less remaining each time.
      expect([cold, warm, again].map((a) => Number(a.headers['x-ratelimit-remaining']))).toEqual(
        [0, 1, 2].map((i) => Number(cold.headers['x-ratelimit-remaining']) - i),
      );
      expect(cold.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Object.keys(cold.headers)).toEqual(
        expect.arrayContaining(['content-security-policy', 'x-ratelimit-limit', 'x-ratelimit-reset', 'content-length']),
      );
    }
  });

  it('is refused without a key or with a revoked one, as the cold read is', async () => {
    const key = await createKey(api, 'warm-revoked', 'viewer');
    for (let i = 0; i < 2; i++) expect((await raw('/api/v1/routers/warm-00003', bearer(key.key))).status).toBe(200);
    const before = controllerReads;
    expect((await raw('/api/v1/routers/warm-00003', {})).status).toBe(401);
    expect((await raw('/api/v1/routers/warm-00003', bearer(`${key.key}x`))).status).toBe(401);
    expect((await request(api.url, 'DELETE', `/api/v1/keys/${key.id}`, undefined, bearer(api.adminKey))).status).toBe(204);
    const revoked = await raw('/api/v1/routers/warm-00003', bearer(key.key));
    expect(revoked.status).toBe(401);
    expect(revoked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(controllerReads).toBe(before);
  });

  it('still refuses unstorable text in the query and a body of a type the route does not take', async () => {
    const viewer = (await createKey(api, 'warm-rules', 'viewer')).key;
    for (let i = 0; i < 2; i++) expect((await raw('/api/v1/routers/warm-00001', bearer(viewer))).status).toBe(200);
    const unstorable = await raw('/api/v1/routers/warm-00001?note=%00', bearer(viewer));
    expect(unstorable.status).toBe(400);
    expect(JSON.parse(unstorable.body.toString())).toMatchObject({ code: 'VALIDATION_FAILED' });
    const form = await raw(
      '/api/v1/routers/warm-00001',
      { ...bearer(viewer), 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3' },
      'a=1',
    );
    expect(form.status).toBe(415);
    expect(JSON.parse(form.body.toString())).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('counts against the rate limit and is answered 429 past it', async () => {
    const viewer = (await createKey(api, 'warm-limited', 'viewer')).key;
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await raw('/api/v1/routers/warm-00002', bearer(viewer))).status);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429, 429]);
  });
});
