import type { Page } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import type { ObservationResult } from '../../apps/api/src/routers/observations/observation.service.js';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import type { RouterListItem } from '../../apps/api/src/routers/router.service.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { codes, gql } from '../support/graphql.js';

const DAY = 86_400_000;

let db: TestDatabase;
let api: RunningApi;
let operator: string;
let viewer: string;

const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => request<T>(api.url, method, path, body, bearer(api.adminKey));
const show = async (router: string, command: string) => (await admin('GET', `/api/v1/routers/${router}/show/${command}`)).text;
const tree = async (router: string) => (await admin<RouterTree>('GET', `/api/v1/routers/${router}`)).body;
const listed = async (query: string, base = api.url) =>
  (await request<Page<RouterListItem>>(base, 'GET', `/api/v1/routers?fleet=fresh&${query}`, undefined, bearer(viewer))).body.items.map((r) => [
    r.hostname,
    r.freshness,
  ]);

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  operator = (await createKey(api, 'collector', 'operator')).key;
  viewer = (await createKey(api, 'watcher', 'viewer')).key;
  await admin('POST', '/api/v1/fleets', { name: 'fresh' });
  for (const hostname of ['r-never', 'r-single', 'r-stale', 'r-bulk']) {
    expect((await admin('POST', '/api/v1/fleets/fresh/routers', { hostname, model: 'ASR1002-X' })).status).toBe(201);
  }
  // The twin's own output back: unchanged, yet it proves the state current.
  const single = await request<ObservationResult>(api.url, 'POST', '/api/v1/routers/r-single/observations', await show('r-single', 'redundancy'), {
    ...bearer(operator),
    'content-type': 'text/plain',
  });
  expect(single.body.changes).toEqual([]);
  expect(single.body.router).toMatchObject({ freshness: 'fresh', observedCommand: 'show redundancy', stateVersion: 1 });
  const bulk = await request(
    api.url,
    'POST',
    '/api/v1/observations',
    [
      { hostname: 'r-stale', output: await show('r-stale', 'version'), observedAt: new Date(Date.now() - 2 * DAY).toISOString() },
      { hostname: 'r-bulk', output: await show('r-bulk', 'platform') },
    ],
    bearer(operator),
  );
  expect(bulk.status).toBe(200);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('freshness', () => {
  it('is recorded by the single-router route and the bulk route, and shown on the router', async () => {
    expect(await tree('r-never')).toMatchObject({ freshness: 'never', observedAt: null, observedCommand: null });
    expect(await tree('r-single')).toMatchObject({ freshness: 'fresh', observedCommand: 'show redundancy', stateVersion: 1 });
    const stale = await tree('r-stale');
    expect(stale).toMatchObject({ freshness: 'stale', observedCommand: 'show version' });
    expect(Math.abs(Date.now() - 2 * DAY - Date.parse(stale.observedAt ?? ''))).toBeLessThan(60_000);
    expect(await tree('r-bulk')).toMatchObject({ freshness: 'fresh', observedCommand: 'show platform' });
  });

  it('filters GET /routers by freshness, each row carrying it', async () => {
    expect(await listed('')).toEqual([
      ['r-bulk', 'fresh'],
      ['r-never', 'never'],
      ['r-single', 'fresh'],
      ['r-stale', 'stale'],
    ]);
    expect(await listed('freshness=fresh')).toEqual([
      ['r-bulk', 'fresh'],
      ['r-single', 'fresh'],
    ]);
    expect(await listed('freshness=stale')).toEqual([['r-stale', 'stale']]);
    expect(await listed('freshness=never,stale')).toEqual([
      ['r-never', 'never'],
      ['r-stale', 'stale'],
    ]);
    const bad = await request<Problem>(api.url, 'GET', '/api/v1/routers?freshness=recent', undefined, bearer(viewer));
    expect([bad.status, bad.body.code, bad.body.errors?.[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'freshness.0']);
  });

  it('judges staleness by OBSERVATION_STALE_AFTER', async () => {
    const week = await startApi(db.url, { OBSERVATION_STALE_AFTER: '7d', ADMIN_API_KEY: api.adminKey });
    try {
      expect(await listed('freshness=stale', week.url)).toEqual([]);
      expect(await listed('freshness=fresh', week.url)).toEqual([
        ['r-bulk', 'fresh'],
        ['r-single', 'fresh'],
        ['r-stale', 'fresh'],
      ]);
    } finally {
      await week.close();
    }
  });

  it('is a field and a filter in GraphQL, and observe is a mutation for operators', async () => {
    const query = `query($f: [Freshness!]) { routers(filter: { fleet: "fresh", freshness: $f }) { total items { hostname freshness observedAt observedCommand } } }`;
    const stale = await gql(api.url, query, { f: ['stale'] }, viewer);
    expect(stale.errors).toEqual([]);
    expect(stale.data?.routers).toMatchObject({ total: 1, items: [{ hostname: 'r-stale', freshness: 'stale', observedCommand: 'show version' }] });
    const never = await gql(api.url, query, { f: ['never'] }, viewer);
    expect(never.data?.routers.items).toEqual([{ hostname: 'r-never', freshness: 'never', observedAt: null, observedCommand: null }]);

    const mutation = `mutation($items: [ObservationItemInput!]!) { observe(items: $items) {
      summary { items applied unchanged refused unknownRouter } items { index hostname command outcome code reason } } }`;
    const items = [
      { hostname: 'r-never', command: 'show version', output: await show('r-never', 'version') },
      { hostname: 'nobody', output: 'x' },
      { hostname: 'r-bulk', output: 'garbage' },
    ];
    const refused = await gql(api.url, mutation, { items }, viewer);
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect((await tree('r-never')).freshness).toBe('never');
    const res = await gql(api.url, mutation, { items }, operator);
    expect(res.errors).toEqual([]);
    expect(res.data?.observe.summary).toEqual({ items: 3, applied: 0, unchanged: 1, refused: 1, unknownRouter: 1 });
    expect(res.data?.observe.items.map((i: { outcome: string; code: string | null }) => [i.outcome, i.code])).toEqual([
      ['unchanged', null],
      ['unknown_router', null],
      ['refused', 'VALIDATION_FAILED'],
    ]);
    expect((await tree('r-never')).freshness).toBe('fresh');
  });
});
