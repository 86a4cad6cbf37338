import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi } from '../support/api.js';
import { gql } from '../support/graphql.js';
import { ROOT } from '../support/processes.js';
import { type RunBody, type RunStack, startRunStack, waitForRun } from '../support/runs.js';

/**
 * Why a run's routers failed, over REST and GraphQL: a fleet of two models where the active host panics, so
 * every single-RP ASR1002-X reloads (minutes without an ACTIVE) and fails the control-plane expectation, and
 * every dual-RP ASR1006 switches over and passes.
 */
const ROUTERS = 120;
const SOURCE = readFileSync(join(ROOT, 'test', 'fixtures', 'scenarios', 'active-host-panic.yaml'), 'utf8');

let stack: RunStack;
let api: RunningApi;
let run: RunBody;

const get = <T>(path: string) => request<T>(api.url, 'GET', path, undefined, bearer(api.adminKey));

interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
interface ResultRow {
  hostname: string;
  model: string;
  verdict: string;
  mode: string;
  startState: string;
  failedExpectations: string[];
}

beforeAll(async () => {
  stack = await startRunStack('diagnosis');
  api = stack.api;
  const admin = (method: string, path: string, body: unknown) => request(api.url, method, path, body, bearer(api.adminKey));
  expect((await admin('POST', '/api/v1/fleets', { name: 'mixed' })).status).toBe(201);
  expect((await admin('POST', '/api/v1/fleets/mixed/routers', { generate: { count: ROUTERS, models: ['ASR1002-X', 'ASR1006'] } })).status).toBe(201);
  const created = await request<RunBody>(
    api.url,
    'POST',
    '/api/v1/runs',
    { source: SOURCE, target: { selector: { fleet: 'mixed' } }, shardSize: 50 },
    bearer(api.adminKey),
  );
  expect(created.status).toBe(202);
  run = await waitForRun(api.url, created.body.id, api.adminKey);
  expect(run).toMatchObject({ status: 'completed', verdict: 'fail', aggregate: { verdicts: { pass: ROUTERS / 2, fail: ROUTERS / 2 } } });
}, 120_000);
afterAll(() => stack?.stop());

describe('why routers failed (REST)', () => {
  it('names the failing expectation with counts, the observed range and samples of observed value and limit', async () => {
    const res = await get<
      Page<{
        expect: string;
        failed: number;
        evaluated: number;
        observedMin: number;
        observedMax: number;
        samples: { router: string; observed: number; limit: { min: number | null; max: number | null } }[];
      }>
    >(`/api/v1/runs/${run.id}/failures`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    const [failing] = res.body.items;
    expect(failing).toMatchObject({ expect: 'controlPlaneOutage', failed: ROUTERS / 2, evaluated: ROUTERS });
    expect(failing?.observedMin).toBeGreaterThan(60_000);
    expect(failing?.samples.map((s) => s.router)).toEqual(['mixed-00001', 'mixed-00003', 'mixed-00005', 'mixed-00007', 'mixed-00009']);
    for (const s of failing?.samples ?? []) expect(s).toMatchObject({ limit: { min: null, max: 60_000 }, observed: expect.any(Number) });
    expect(failing?.samples.every((s) => s.observed > 60_000 && s.observed <= (failing?.observedMax ?? 0))).toBe(true);
  });

  it('groups the results by cause, the group that explains every failure and nothing else first', async () => {
    const res = await get<Page<{ dimension: string; value: string; failed: number; routers: number }>>(`/api/v1/runs/${run.id}/causes?limit=20`);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toEqual({ dimension: 'model', value: 'ASR1002-X', failed: ROUTERS / 2, routers: ROUTERS / 2 });
    expect(res.body.items).toContainEqual({ dimension: 'start', value: 'R0/0 ACTIVE, R0/1 STANDBY HOT', failed: ROUTERS / 2, routers: ROUTERS / 2 });
    expect(res.body.items).toContainEqual({ dimension: 'mode', value: 'sso', failed: ROUTERS / 2, routers: ROUTERS });
    expect(res.body.items).toContainEqual({ dimension: 'expectation', value: 'controlPlaneOutage', failed: ROUTERS / 2, routers: ROUTERS });
    // Groups without failures are left out: no ASR1006 group.
    expect(res.body.items.some((g) => g.value === 'ASR1006')).toBe(false);
    expect(res.body.total).toBe(res.body.items.length);
    const second = await get<Page<unknown>>(`/api/v1/runs/${run.id}/causes?limit=1&offset=1`);
    expect(second.body).toMatchObject({ total: res.body.total, limit: 1, offset: 1, items: [res.body.items[1]] });
  });

  it("lists a group's routers, all of them, by any filter, and finds a router by part of its hostname", async () => {
    const byModel = await get<Page<ResultRow>>(`/api/v1/runs/${run.id}/results?model=ASR1002-X&verdict=fail&limit=1000`);
    expect(byModel.status).toBe(200);
    expect(byModel.body.total).toBe(ROUTERS / 2);
    expect(byModel.body.items.every((r) => r.model === 'ASR1002-X' && r.verdict === 'fail' && r.failedExpectations.join() === 'controlPlaneOutage')).toBe(true);
    const start = encodeURIComponent('R0/0 ACTIVE, R0/1 STANDBY HOT');
    const byStart = await get<Page<ResultRow>>(`/api/v1/runs/${run.id}/results?start=${start}&limit=1000`);
    expect(byStart.body.items.map((r) => r.hostname)).toEqual(byModel.body.items.map((r) => r.hostname));
    const byExpectation = await get<Page<ResultRow>>(`/api/v1/runs/${run.id}/results?expectation=controlPlaneOutage&limit=10&offset=50`);
    expect(byExpectation.body).toMatchObject({ total: ROUTERS / 2, offset: 50 });
    expect(byExpectation.body.items).toHaveLength(10);
    const passed = await get<Page<ResultRow>>(`/api/v1/runs/${run.id}/results?verdict=pass&mode=sso&limit=1`);
    expect(passed.body).toMatchObject({ total: ROUTERS / 2, items: [{ hostname: 'mixed-00002', model: 'ASR1006', mode: 'sso', failedExpectations: [] }] });
    const found = await get<Page<ResultRow>>(`/api/v1/runs/${run.id}/results?q=ED-00117`);
    expect(found.body.items.map((r) => r.hostname)).toEqual(['mixed-00117']);
    const none = await get<Page<ResultRow>>(`/api/v1/runs/${run.id}/results?q=nowhere&offset=5`);
    expect(none.body).toMatchObject({ total: 0, items: [] });
  });

  it('shows why one router failed: start, metrics and each expectation with observed value and limit', async () => {
    const res = await get<{
      verdict: string;
      mode: string;
      startState: string;
      start: { operatingMode: string };
      metrics: { controlPlaneOutageMs: number };
      expectations: { expect: string; verdict: string; observed: number; limit: { max: number } }[];
    }>(`/api/v1/runs/${run.id}/results/mixed-00003`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verdict: 'fail', mode: 'sso', startState: 'R0/0 ACTIVE, R0/1 STANDBY HOT', start: { operatingMode: 'sso' } });
    expect(res.body.expectations).toEqual([
      {
        router: 'mixed-00003',
        expect: 'controlPlaneOutage',
        verdict: 'fail',
        observed: res.body.metrics.controlPlaneOutageMs,
        limit: { min: null, max: 60_000 },
      },
    ]);
    expect(res.body.metrics.controlPlaneOutageMs).toBeGreaterThan(60_000);
  });

  it('answers bad filters with 400 naming the field, and unknown runs or routers with 404', async () => {
    const bad = await get<{ code: string; errors: { field: string }[] }>(`/api/v1/runs/${run.id}/results?model=ASR9000&verdict=maybe&limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['limit', 'model', 'verdict']);
    expect((await get(`/api/v1/runs/${run.id}/causes?colour=red`)).status).toBe(400);
    const missing = await get<{ code: string; detail: string }>(`/api/v1/runs/${run.id}/results/no-such-router`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/no-such-router/);
    // Text that means something to SQL or to URLs is only text: no match, no error.
    const odd = await get<Page<ResultRow>>(`/api/v1/runs/${run.id}/results?q=${encodeURIComponent("%_'\\")}&start=${encodeURIComponent("x' OR 1=1 --")}`);
    expect(odd.status).toBe(200);
    expect(odd.body.total).toBe(0);
    expect((await get(`/api/v1/runs/${run.id}/results/${'r'.repeat(300)}`)).status).toBe(404);
    expect((await get(`/api/v1/runs/${run.id}/results/${encodeURIComponent('a/b c%')}`)).status).toBe(404);
    for (const path of ['failures', 'causes', 'results', 'results/x']) {
      expect((await get(`/api/v1/runs/00000000-0000-4000-8000-000000000000/${path}`)).status, path).toBe(404);
      expect((await get(`/api/v1/runs/not-a-uuid/${path}`)).status, path).toBe(404);
    }
  });
});

describe('why routers failed (GraphQL)', () => {
  it("answers the failing expectations, cause groups, a filtered search and one router's outcome", async () => {
    const res = await gql<{
      run: {
        failingExpectations: Page<{ expect: string; failed: number }>;
        causeGroups: Page<{ dimension: string; value: string; failed: number; routers: number }>;
        results: Page<ResultRow>;
        routerResult: { verdict: string; expectations: { expect: string; observed: number; limit: { max: number } }[] };
      };
    }>(
      api.url,
      `query($id: ID!) { run(id: $id) {
        failingExpectations { total items { expect failed } }
        causeGroups(limit: 1) { total items { dimension value failed routers } }
        results(search: "00118", limit: 5) { total items { hostname model verdict mode startState failedExpectations } }
        routerResult(hostname: "mixed-00001") { verdict expectations { expect observed limit { max } } }
      } }`,
      { id: run.id },
      api.adminKey,
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.run.failingExpectations).toEqual({ total: 1, items: [{ expect: 'controlPlaneOutage', failed: ROUTERS / 2 }] });
    expect(res.data?.run.causeGroups.items).toEqual([{ dimension: 'model', value: 'ASR1002-X', failed: ROUTERS / 2, routers: ROUTERS / 2 }]);
    expect(res.data?.run.results).toEqual({
      total: 1,
      items: [{ hostname: 'mixed-00118', model: 'ASR1006', verdict: 'pass', mode: 'sso', startState: 'R0/0 ACTIVE, R1/0 STANDBY HOT', failedExpectations: [] }],
    });
    expect(res.data?.run.routerResult.verdict).toBe('fail');
    expect(res.data?.run.routerResult.expectations[0]?.limit.max).toBe(60_000);
    const bad = await gql(api.url, `query($id: ID!) { run(id: $id) { results(model: "ASR9000", search: "") { total } } }`, { id: run.id }, api.adminKey);
    expect(bad.errors[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(bad.errors[0]?.extensions?.errors?.map((e) => e.field).sort()).toEqual(['model', 'search']);
  });
});
