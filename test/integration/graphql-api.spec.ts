import type { Problem } from '../../apps/api/src/common/problem.js';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { codes, gql, subscribe, wsClient } from '../support/graphql.js';
import { CountingLogger } from '../support/query-counter.js';

let db: TestDatabase;
let api: RunningApi;
let viewer: string;
let admin: string;
const queries = new CountingLogger();

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  admin = api.adminKey;
  viewer = (await createKey(api, 'gql-viewer', 'viewer')).key;
  for (const [fleet, models] of [
    ['core', ['ASR1006', 'ASR1002-X']],
    ['edge', ['ASR1001-X', 'ASR1013']],
  ] as const) {
    expect((await request(api.url, 'POST', '/api/v1/fleets', { name: fleet, labels: { tier: fleet } }, bearer(admin))).status).toBe(201);
    const added = await request(api.url, 'POST', `/api/v1/fleets/${fleet}/routers`, { generate: { count: 60, models } }, bearer(admin));
    expect(added.status).toBe(201);
  }
  // The data source of the app under test reports every statement it sends from here on.
  api.app.get(DataSource).setOptions({ logger: queries });
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const FULL_TREES = `{ routers(limit: 100) { total items { id hostname fleet { name }
  routeProcessors { slot host { state hypervisor { state guests { name role rfState { code name } } } } }
  esps { slot forwarding } } } }`;

describe('batched loading', () => {
  it('answers 100 routers with their fleets and whole trees in at most 5 SQL statements, the key check included', async () => {
    await gql(api.url, '{ me { name } }', {}, viewer); // the key's last use is recorded at most once a minute
    queries.count = 0;
    const res = await gql<{
      routers: { total: number; items: { id: string; hostname: string; fleet: { name: string }; routeProcessors: unknown[]; esps: unknown[] }[] };
    }>(api.url, FULL_TREES, {}, viewer);
    const statements = queries.count;
    expect(res.errors).toEqual([]);
    expect(res.data!.routers.total).toBe(120);
    expect(res.data!.routers.items).toHaveLength(100);
    expect(new Set(res.data!.routers.items.map((r) => r.fleet.name))).toEqual(new Set(['core', 'edge']));
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(5);
  });

  it('gives each router the same tree as GET /routers/:id', async () => {
    const res = await gql<{ routers: { items: { id: string; routeProcessors: unknown[]; esps: unknown[] }[] } }>(api.url, FULL_TREES, {}, viewer);
    for (const router of res.data!.routers.items.filter((_r, i) => i % 17 === 0)) {
      const rest = (
        await request<{
          routeProcessors: {
            slot: string;
            host: { state: string; hypervisor: { state: string; guests: { name: string; role: string; rfState: unknown }[] } };
          }[];
          esps: { slot: string; forwarding: boolean }[];
        }>(api.url, 'GET', `/api/v1/routers/${router.id}`, undefined, bearer(viewer))
      ).body;
      expect(router.routeProcessors).toEqual(
        rest.routeProcessors.map((rp) => ({
          slot: rp.slot,
          host: {
            state: rp.host.state,
            hypervisor: { state: rp.host.hypervisor.state, guests: rp.host.hypervisor.guests.map((g) => ({ name: g.name, role: g.role, rfState: g.rfState })) },
          },
        })),
      );
      expect(router.esps).toEqual(rest.esps.map((e) => ({ slot: e.slot, forwarding: e.forwarding })));
    }
  });

  it('§8.9–§8.11: gives each router the hardware and power supplies of GET /routers/:id', async () => {
    type Hw = { hardware: unknown; powerSupplies: unknown };
    const res = await gql<{ routers: { items: ({ id: string } & Hw)[] } }>(
      api.url,
      '{ routers(limit: 3) { items { id hardware { rp esp rps esps psus declared } powerSupplies { slot state } } } }',
      {},
      viewer,
    );
    expect(res.data!.routers.items).toHaveLength(3);
    for (const router of res.data!.routers.items) {
      const rest = (await request<Hw>(api.url, 'GET', `/api/v1/routers/${router.id}`, undefined, bearer(viewer))).body;
      expect({ hardware: router.hardware, powerSupplies: router.powerSupplies }).toEqual({ hardware: rest.hardware, powerSupplies: rest.powerSupplies });
    }
  });

  it('costs the same number of statements for 10 routers as for 100', async () => {
    queries.count = 0;
    await gql(api.url, FULL_TREES.replace('limit: 100', 'limit: 10'), {}, viewer);
    const small = queries.count;
    queries.count = 0;
    await gql(api.url, FULL_TREES, {}, viewer);
    expect(queries.count).toBe(small);
  });
});

describe('limits', () => {
  it('refuses a query nested 20 levels deep with QUERY_TOO_DEEP, naming the depth and the limit', async () => {
    // router → (fleet → routers → items) × 6 → hostname: 1 + 18 + 1 = 20 levels.
    const query = `{ router(id: "x") { ${'fleet { routers(limit: 1) { items { '.repeat(6)}hostname${' } } }'.repeat(6)} } }`;
    const res = await gql(api.url, query, {}, viewer);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['QUERY_TOO_DEEP']);
    expect(res.errors[0]!.message).toBe('the query is nested 20 levels deep; the limit is 15 (GRAPHQL_MAX_DEPTH)');
    expect(res.data).toBeNull();
    const shallow = `{ router(id: "x") { ${'fleet { routers(limit: 1) { items { '.repeat(4)}hostname${' } } }'.repeat(4)} } }`;
    expect(codes(await gql(api.url, shallow, {}, viewer))).toEqual([]);
  });

  it('refuses a query over the complexity limit with QUERY_TOO_COMPLEX, naming its cost and the limit', async () => {
    const res = await gql(api.url, '{ fleets(limit: 1000) { items { routers(limit: 10000) { items { hostname } } } } }', {}, viewer);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.errors[0]!.message).toMatch(/the query costs \d+; the limit is 250000/);
    expect(res.errors[0]!.extensions?.['complexity']).toBeGreaterThan(250_000);
  });

  it('counts variables: the same query passes with a small limit and is refused with a large one', async () => {
    const query = 'query ($n: Int!) { fleets(limit: $n) { items { routers(limit: 200) { items { hostname } } } } }';
    expect(codes(await gql(api.url, query, { n: 10 }, viewer))).toEqual([]);
    expect(codes(await gql(api.url, query, { n: 1000 }, viewer))).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('refuses a document longer than the limit with QUERY_TOO_LARGE before parsing it', async () => {
    const res = await gql(api.url, `{ me { name } } # ${'x'.repeat(20_000)}`, {}, viewer);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['QUERY_TOO_LARGE']);
    expect(res.errors[0]!.message).toMatch(/the limit is 16384/);
  });

  it('allows the standard introspection query with a key, and refuses it without one (401 UNAUTHENTICATED)', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    expect((await gql(api.url, getIntrospectionQuery(), {}, viewer)).errors).toEqual([]);
    const anonymous = await gql(api.url, getIntrospectionQuery());
    expect([anonymous.status, codes(anonymous)]).toEqual([401, ['UNAUTHENTICATED']]);
  });

  it('gives syntax and schema errors codes of their own', async () => {
    expect(codes(await gql(api.url, '{ me { name }', {}, viewer))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codes(await gql(api.url, '{ nope }', {}, viewer))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const badVariable = await gql(api.url, 'query ($n: Int!) { routers(limit: $n) { total } }', { n: 'ten' }, viewer);
    expect(badVariable.errors.map((e) => [e.extensions?.code, e.message])).toEqual([['GRAPHQL_VALIDATION_FAILED', expect.stringContaining('$n')]]);
  });

  it('answers malformed JSON bodies with a GraphQL error coded as REST would', async () => {
    const res = await request<{ errors: { extensions: { code: string } }[] }>(api.url, 'POST', '/graphql', '{"query": "{ me { name } }"', bearer(viewer));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]!.extensions.code).toBe('MALFORMED_REQUEST');
  });
});

describe('queries', () => {
  it('answers null for a fleet, router, scenario or run that does not exist', async () => {
    const res = await gql(api.url, '{ fleet(id: "nope") { id } router(id: "nope") { id } scenario(id: "nope") { id } run(id: "nope") { id } }', {}, viewer);
    expect(res.errors).toEqual([]);
    expect(res.data).toEqual({ fleet: null, router: null, scenario: null, run: null });
  });

  it('filters routers as GET /routers does, and pages', async () => {
    const res = await gql<{ routers: { total: number; items: { hostname: string; model: string; labels: unknown[] }[] } }>(
      api.url,
      '{ routers(filter: { fleet: "core", models: ["ASR1006"] }, limit: 5, offset: 2) { total limit offset items { hostname model labels { key value } } } }',
      {},
      viewer,
    );
    const rest = (
      await request<{ total: number; items: { hostname: string }[] }>(
        api.url,
        'GET',
        '/api/v1/routers?fleet=core&model=ASR1006&limit=5&offset=2',
        undefined,
        bearer(viewer),
      )
    ).body;
    expect(res.data!.routers.total).toBe(rest.total);
    expect(res.data!.routers.items.map((r) => r.hostname)).toEqual(rest.items.map((r) => r.hostname));
    expect(new Set(res.data!.routers.items.map((r) => r.model))).toEqual(new Set(['ASR1006']));
  });

  it('refuses bad filters and pages with VALIDATION_FAILED naming the field', async () => {
    const bad = await gql(api.url, '{ routers(filter: { models: ["ASR9000"] }) { total } }', {}, viewer);
    expect(codes(bad)).toEqual(['VALIDATION_FAILED']);
    expect(bad.errors[0]!.extensions?.errors?.[0]?.field).toBe('model.0');
    const page = await gql(api.url, '{ routers(limit: 10001) { total } }', {}, viewer);
    expect(codes(page)).toEqual(['VALIDATION_FAILED']);
    expect(page.errors[0]!.extensions?.errors?.[0]?.field).toBe('limit');
  });

  it('serves fleets with health counts, routers, and a router with chassis, redundancy, changes and show output', async () => {
    const res = await gql<{
      fleet: { name: string; routerCount: number; health: { protected: number }; labels: unknown; routers: { total: number; items: { hostname: string }[] } };
      router: Record<string, unknown>;
    }>(
      api.url,
      `{ fleet(id: "core") { name routerCount health { protected degraded down } labels { key value } routers(limit: 1) { total items { hostname } } }
         router(id: "core-00001") { hostname model stateVersion chassis { model rpSlots } redundancy { switchovers lastSwitchoverReason }
           changes { total items { action actor } } show(command: version) } }`,
      {},
      viewer,
    );
    expect(res.errors).toEqual([]);
    expect(res.data!.fleet).toMatchObject({ name: 'core', routerCount: 60, labels: [{ key: 'tier', value: 'core' }], routers: { total: 60 } });
    expect(res.data!.router).toMatchObject({ hostname: 'core-00001', stateVersion: 1, changes: { total: 1, items: [{ action: 'created' }] } });
    const show = (await request(api.url, 'GET', '/api/v1/routers/core-00001/show/version', undefined, bearer(viewer))).text;
    expect(res.data!.router['show']).toBe(show);
  });
});

describe('mutations', () => {
  it('manage fleets and routers end to end, with the actor in the change log', async () => {
    const created = await gql<{ createFleet: { id: string; name: string; labels: unknown } }>(
      api.url,
      'mutation { createFleet(name: "lab", description: "test bench", labels: [{ key: "site", value: "ams" }]) { id name labels { key value } } }',
      {},
      admin,
    );
    expect(created.errors).toEqual([]);
    expect(created.data!.createFleet.labels).toEqual([{ key: 'site', value: 'ams' }]);
    const generated = await gql(api.url, 'mutation { generateRouters(fleet: "lab", count: 3, models: ["ASR1004"], hostnamePrefix: "lab-") }', {}, admin);
    expect(generated.data).toEqual({ generateRouters: 3 });
    const moved = await gql<{ updateRouter: { fleet: { name: string }; serial: string } }>(
      api.url,
      'mutation { updateRouter(id: "lab-00001", fleet: "core", serial: "ABC12345") { fleet { name } serial } }',
      {},
      admin,
    );
    expect(moved.data).toEqual({ updateRouter: { fleet: { name: 'core' }, serial: 'ABC12345' } });
    const log = (await request<{ items: { actor: string }[] }>(api.url, 'GET', '/api/v1/routers/lab-00001/changes', undefined, bearer(admin))).body;
    expect(log.items[0]!.actor).toBe('key:bootstrap-admin');
    expect((await gql(api.url, 'mutation { deleteRouter(id: "lab-00002") }', {}, admin)).data).toEqual({ deleteRouter: true });
    expect((await gql(api.url, 'mutation { updateFleet(id: "lab", description: "renamed") { description } }', {}, admin)).data).toEqual({
      updateFleet: { description: 'renamed' },
    });
    expect((await gql(api.url, 'mutation { deleteFleet(id: "lab") }', {}, admin)).data).toEqual({ deleteFleet: true });
    expect((await request(api.url, 'GET', '/api/v1/fleets/lab', undefined, bearer(admin))).status).toBe(404);
  });

  const sameAsRest: [string, string, string, string, unknown][] = [
    ['a fleet name that is not a slug', 'mutation { createFleet(name: "Not A Slug") { id } }', 'POST', '/api/v1/fleets', { name: 'Not A Slug' }],
    ['a taken fleet name', 'mutation { createFleet(name: "core") { id } }', 'POST', '/api/v1/fleets', { name: 'core' }],
    ['an empty fleet patch', 'mutation { updateFleet(id: "core") { id } }', 'PATCH', '/api/v1/fleets/core', {}],
    ['generating zero routers', 'mutation { generateRouters(fleet: "core", count: 0) }', 'POST', '/api/v1/fleets/core/routers', { generate: { count: 0 } }],
    [
      'an unknown model',
      'mutation { generateRouters(fleet: "core", count: 1, models: ["ASR9000"]) }',
      'POST',
      '/api/v1/fleets/core/routers',
      { generate: { count: 1, models: ['ASR9000'] } },
    ],
    [
      'a bad serial',
      'mutation { updateRouter(id: "core-00001", serial: "bad serial") { id } }',
      'PATCH',
      '/api/v1/routers/core-00001',
      { serial: 'bad serial' },
    ],
    ['a missing router', 'mutation { deleteRouter(id: "nope") }', 'DELETE', '/api/v1/routers/nope', undefined],
    ['an invalid scenario', 'mutation { createScenario(source: "apiVersion: nope") { id } }', 'POST', '/api/v1/scenarios', { source: 'apiVersion: nope' }],
    ['a run without a scenario', 'mutation { startRun(input: { iterations: 2 }) { id } }', 'POST', '/api/v1/runs', { iterations: 2 }],
    ['a run of a missing scenario', 'mutation { startRun(input: { scenario: "nope" }) { id } }', 'POST', '/api/v1/runs', { scenario: 'nope' }],
    [
      'cancelling a missing run',
      `mutation { cancelRun(id: "${'6f1c1b9e-0000-4000-8000-000000000000'}") { id } }`,
      'POST',
      '/api/v1/runs/6f1c1b9e-0000-4000-8000-000000000000/cancel',
      undefined,
    ],
  ];

  it.each(sameAsRest)('refuse %s with the code and fields REST gives', async (_name, mutation, method, path, body) => {
    const res = await gql(api.url, mutation, {}, admin);
    const rest = await request<Problem>(api.url, method, path, body, bearer(admin));
    expect(rest.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]!.extensions?.code).toBe(rest.body.code);
    // A problem with the request as a whole is the body's in REST and the arguments' in GraphQL.
    const restFields = rest.body.errors?.map((e) => (e.field === 'body' ? 'arguments' : e.field)) ?? [];
    expect(res.errors[0]!.extensions?.errors?.map((e) => e.field) ?? []).toEqual(restFields);
    expect(res.errors[0]!.path).toHaveLength(1);
  });

  it('store, validate, replace and delete scenarios', async () => {
    const source = `apiVersion: asr-twin/v1\nkind: Scenario\nmetadata:\n  name: gql-crash\nspec:\n  routers:\n    - hostname: e1\n      model: ASR1002-X\n  steps:\n    - at: 10s\n      fault: iosd-crash\n      target: active\n`;
    const check = await gql(
      api.url,
      'query ($s: String!) { validateScenario(source: $s) { valid errors { line column code message } } }',
      { s: source.replace('iosd-crash', 'iosd-crush') },
      viewer,
    );
    expect(check.data).toMatchObject({ validateScenario: { valid: false, errors: [{ line: 11, code: expect.any(String) }] } });
    const created = await gql<{ createScenario: { id: string; revision: number } }>(
      api.url,
      'mutation ($s: String!) { createScenario(source: $s) { id name revision source } }',
      { s: source },
      admin,
    );
    expect(created.data!.createScenario).toMatchObject({ name: 'gql-crash', revision: 1, source });
    const listed = await gql(api.url, '{ scenarios { total items { name source } } }', {}, viewer);
    expect(listed.data).toEqual({ scenarios: { total: 1, items: [{ name: 'gql-crash', source }] } });
    const replaced = await gql(
      api.url,
      'mutation ($s: String!) { updateScenario(id: "gql-crash", source: $s) { revision } }',
      { s: source.replace('10s', '20s') },
      admin,
    );
    expect(replaced.data).toEqual({ updateScenario: { revision: 2 } });
    expect((await gql(api.url, 'mutation { deleteScenario(id: "gql-crash") }', {}, admin)).data).toEqual({ deleteScenario: true });
  });
});

describe('force-switchover', () => {
  it('hands activity to the peer, answers the router, and announces the change on routerStateChanged', async () => {
    const operator = (await createKey(api, 'gql-operator', 'operator')).key;
    const client = wsClient(api.url, viewer);
    const events = subscribe<{ hostname: string; change: string; stateVersion: number }>(
      client,
      'subscription { routerStateChanged(fleet: "' + (await fleetId('core')) + '") { hostname change stateVersion health } }',
      'routerStateChanged',
    );
    await new Promise((r) => setTimeout(r, 300));
    const res = await gql<{
      forceSwitchover: {
        hostname: string;
        stateVersion: number;
        redundancy: { switchovers: number; lastSwitchoverReason: string };
        routeProcessors: { host: { hypervisor: { guests: { name: string; rfState: { name: string } }[] } } }[];
      };
    }>(
      api.url,
      'mutation { forceSwitchover(router: "core-00002") { hostname stateVersion redundancy { switchovers lastSwitchoverReason } routeProcessors { host { hypervisor { guests { name rfState { name } } } } } } }',
      {},
      operator,
    );
    expect(res.errors).toEqual([]);
    const router = res.data!.forceSwitchover;
    expect(router.redundancy.switchovers).toBe(1);
    expect(router.stateVersion).toBe(2);
    const guests = router.routeProcessors.flatMap((rp) => rp.host.hypervisor.guests);
    // core-00002 is an ASR1002-X: its second IOS instance, on the same RP, takes over.
    expect(guests.filter((g) => g.rfState.name === 'ACTIVE').map((g) => g.name)).toEqual(['R0/1']);
    const event = await events.waitFor((e) => e.hostname === 'core-00002', 10_000);
    expect(event).toMatchObject({ change: 'updated', stateVersion: 2 });
    events.stop();
    await client.dispose();
  });

  it('refuses a simplex router with the code REST gives, and changes nothing', async () => {
    const created = await request(
      api.url,
      'POST',
      '/api/v1/fleets/core/routers',
      { hostname: 'simplex-9', model: 'ASR1002-X', redundancy: 'none' },
      bearer(admin),
    );
    expect(created.status).toBe(201);
    const res = await gql(api.url, 'mutation { forceSwitchover(router: "simplex-9") { id } }', {}, admin);
    const rest = await request<Problem>(api.url, 'POST', '/api/v1/routers/simplex-9/actions/force-switchover', undefined, bearer(admin));
    expect(rest.body.code).toBe('SWITCHOVER_REFUSED');
    expect(codes(res)).toEqual([rest.body.code]);
    expect(res.errors[0]!.message).toContain('simplex');
    const after = await gql(api.url, '{ router(id: "simplex-9") { stateVersion } }', {}, viewer);
    expect(after.data).toEqual({ router: { stateVersion: 1 } });
  });
});

async function fleetId(name: string): Promise<string> {
  return (await request<{ id: string }>(api.url, 'GET', `/api/v1/fleets/${name}`, undefined, bearer(admin))).body.id;
}
