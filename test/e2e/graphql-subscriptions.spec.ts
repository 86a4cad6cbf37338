import { loadConfig } from '@asr-twin/config';
import { catalogChannel, createRedis } from '@asr-twin/jobs';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, randomAdminKey, request } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { gql, subscribe, wsClient } from '../support/graphql.js';
import { freePort, spawnNode, type Spawned, waitForOk } from '../support/processes.js';
import { exampleSource, startWorker } from '../support/runs.js';
import { testQueuePrefix } from '../support/redis-keys.js';

interface FleetEvent {
  fleetId: string;
  name: string;
  change: string;
  count: number | null;
  routersAnnounced: boolean | null;
  at: string;
}

interface ScenarioEvent {
  scenarioId: string;
  name: string;
  change: string;
  revision: number;
  at: string;
}

interface ProgressEvent {
  runId: string;
  status: string;
  routersDone: number;
  routerCount: number | null;
  verdict: string | null;
}

/**
 * Two api processes and a worker process on one database and one Redis prefix, as `npm start` runs them: a
 * graphql-ws client of the first process follows a fleet campaign started (by the startRun mutation) through
 * the second, up to its completion, because every api process relays the workers' Redis messages; and it sees
 * the fleets and scenarios created, changed and deleted through the second (REST and GraphQL alike).
 */
describe('subscriptions across api processes', () => {
  const adminKey = randomAdminKey();
  const prefix = testQueuePrefix('gqlsub');
  let db: TestDatabase;
  let apis: { url: string; process: Spawned }[] = [];
  let worker: Spawned;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await migratedTestDatabase();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const env = { DATABASE_URL: db.url, PORT: String(port), QUEUE_PREFIX: prefix, ADMIN_API_KEY: adminKey, LOG_LEVEL: 'warn' };
      const api = { url: `http://127.0.0.1:${port}`, process: spawnNode(['apps/api/dist/main.js'], env) };
      await waitForOk(`${api.url}/health`, api.process, 30_000);
      apis.push(api);
    }
    worker = startWorker({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix });
    const [a] = apis;
    expect((await request(a!.url, 'POST', '/api/v1/fleets', { name: 'camp' }, bearer(adminKey))).status).toBe(201);
    const added = await request(a!.url, 'POST', '/api/v1/fleets/camp/routers', { generate: { count: 40, models: ['ASR1002-X', 'ASR1006'] } }, bearer(adminKey));
    expect(added.status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => Promise.resolve(c.dispose())));
    for (const p of [worker, ...apis.map((a) => a.process)]) p?.child.kill('SIGTERM');
    await Promise.all([worker, ...apis.map((a) => a.process)].map((p) => p?.exited));
    apis = [];
    await db?.drop();
  });

  it('delivers the progress of a campaign started through another process, up to completed', async () => {
    const [a, b] = [apis[0]!, apis[1]!];
    const client = wsClient(a.url, adminKey);
    clients.push(client);
    const all = subscribe<ProgressEvent>(client, 'subscription { runProgress { runId status routersDone routerCount verdict } }', 'runProgress');
    const other = subscribe<ProgressEvent>(client, 'subscription ($id: ID) { runProgress(runId: $id) { runId } }', 'runProgress', {
      id: '6f1c1b9e-0000-4000-8000-000000000000',
    });
    // Subscriptions start asynchronously: give the server a moment before the run can publish anything.
    await new Promise((r) => setTimeout(r, 500));

    const started = await gql<{ startRun: { id: string; status: string } }>(
      b.url,
      'mutation ($source: String!) { startRun(input: { source: $source, target: { fleet: "camp" }, shardSize: 10 }) { id status } }',
      { source: exampleSource('iosd-crash', true) },
      adminKey,
    );
    expect(started.errors).toEqual([]);
    const runId = started.data!.startRun.id;
    expect(started.data!.startRun.status).toBe('queued');

    const done = await all.waitFor((e) => e.runId === runId && e.status === 'completed', 60_000);
    expect(done).toEqual({ runId, status: 'completed', routersDone: 40, routerCount: 40, verdict: 'pass' });
    const mine = all.events.filter((e) => e.runId === runId);
    expect(mine.filter((e) => e.status === 'running').length).toBeGreaterThanOrEqual(2);
    const done_ = mine.map((e) => e.routersDone);
    expect(done_).toEqual([...done_].sort((x, y) => x - y));
    expect(other.events).toEqual([]);
    expect(all.errors).toEqual([]);
    all.stop();
    other.stop();

    // The finished run, from the first process: results, a histogram computed in SQL, and the aggregate.
    const run = await gql<{
      run: {
        status: string;
        aggregate: { results: number; pass: number; controlPlaneOutageMs: { max: number; missing: number } };
        results: { total: number; items: { hostname: string; verdict: string; switchovers: number }[] };
        failed: { total: number };
        histogram: { lower: number; upper: number; count: number }[];
        timeline: { total: number; items: { router: string }[] };
      };
    }>(
      a.url,
      `query ($id: ID!) { run(id: $id) { status aggregate { results pass controlPlaneOutageMs { max missing } }
         results(limit: 5) { total items { hostname verdict switchovers } } failed: results(verdict: fail) { total }
         histogram(metric: controlPlaneOutageMs, buckets: 4) { lower upper count }
         timeline(router: "camp-00001", limit: 3) { total items { router } } } }`,
      { id: runId },
      adminKey,
    );
    expect(run.errors).toEqual([]);
    const r = run.data!.run;
    expect(r.status).toBe('completed');
    expect(r.aggregate).toMatchObject({ results: 40, pass: 40 });
    expect(r.results.total).toBe(40);
    expect(r.results.items.map((i) => i.hostname)).toEqual(['camp-00001', 'camp-00002', 'camp-00003', 'camp-00004', 'camp-00005']);
    expect(r.results.items.every((i) => i.verdict === 'pass' && i.switchovers === 1)).toBe(true);
    expect(r.failed.total).toBe(0);
    expect(r.histogram.length).toBeGreaterThanOrEqual(1);
    expect(r.histogram.reduce((n, bucket) => n + bucket.count, 0)).toBe(40 - r.aggregate.controlPlaneOutageMs.missing);
    expect(r.histogram[r.histogram.length - 1]!.upper).toBe(r.aggregate.controlPlaneOutageMs.max);
    expect(r.timeline.total).toBeGreaterThan(0);
    expect(new Set(r.timeline.items.map((e) => e.router))).toEqual(new Set(['camp-00001']));
  });

  it('delivers fleet and scenario changes made through another process, REST and GraphQL alike, to a viewer', async () => {
    const [a, b] = [apis[0]!, apis[1]!];
    const admin = (method: string, path: string, body?: unknown) => request<{ id: string }>(b.url, method, path, body, bearer(adminKey));
    const viewer = await request<{ key: string }>(a.url, 'POST', '/api/v1/keys', { name: 'watcher', role: 'viewer' }, bearer(adminKey));
    expect(viewer.status).toBe(201);
    const camp = (await admin('GET', '/api/v1/fleets/camp')).body.id;
    const client = wsClient(a.url, viewer.body.key);
    clients.push(client);
    const fleets = subscribe<FleetEvent>(client, 'subscription { fleetChanged { fleetId name change count routersAnnounced at } }', 'fleetChanged');
    const campOnly = subscribe<FleetEvent>(client, 'subscription ($f: ID) { fleetChanged(fleet: $f) { fleetId change count } }', 'fleetChanged', { f: camp });
    const scenarios = subscribe<ScenarioEvent>(client, 'subscription { scenarioChanged { scenarioId name change revision at } }', 'scenarioChanged');
    const otherScenario = subscribe<ScenarioEvent>(client, 'subscription ($s: ID) { scenarioChanged(scenario: $s) { scenarioId } }', 'scenarioChanged', {
      s: '6f1c1b9e-0000-4000-8000-000000000000',
    });
    await new Promise((r) => setTimeout(r, 500));
    // Malformed messages on the channel are dropped, and the subscriptions go on.
    const redis = createRedis(loadConfig().redis.url, 'test-catalog-junk');
    await redis.connect();
    await redis.publish(catalogChannel(prefix), 'not json');
    await redis.publish(
      catalogChannel(prefix),
      JSON.stringify({ entity: 'fleet', change: 'exploded', fleetId: camp, name: 'x', at: new Date().toISOString() }),
    );
    await redis.publish(
      catalogChannel(prefix),
      JSON.stringify({ entity: 'scenario', change: 'created', scenarioId: camp, name: 'x', at: 'yesterday', revision: 1 }),
    );
    redis.disconnect();

    // A fleet's life through the other process: created (REST), renamed (GraphQL), routers added in bulk by
    // REST and GraphQL and one by one, deleted with its routers (REST).
    const lab = await admin('POST', '/api/v1/fleets', { name: 'lab' });
    expect(lab.status).toBe(201);
    const renamed = await gql(b.url, 'mutation ($id: ID!) { updateFleet(id: $id, name: "lab-2") { name } }', { id: lab.body.id }, adminKey);
    expect(renamed.errors).toEqual([]);
    expect((await admin('POST', '/api/v1/fleets/lab-2/routers', { generate: { count: 150, models: ['ASR1001-X'] } })).status).toBe(201);
    expect((await admin('POST', '/api/v1/fleets/lab-2/routers', [{ hostname: 'lab-one', model: 'ASR1006' }])).status).toBe(201);
    const generated = await gql(b.url, 'mutation ($f: ID!) { generateRouters(fleet: $f, count: 120, hostnamePrefix: "gen-") }', { f: lab.body.id }, adminKey);
    expect(generated.errors).toEqual([]);
    expect((await admin('DELETE', '/api/v1/fleets/lab-2')).status).toBe(204);
    // The filtered subscription hears only its own fleet.
    expect((await admin('POST', '/api/v1/fleets/camp/routers', { hostname: 'camp-extra', model: 'ASR1002-X' })).status).toBe(201);

    await fleets.waitFor((e) => e.fleetId === camp, 10_000);
    const id = lab.body.id;
    expect(fleets.events.map(({ at: _at, ...e }) => e)).toEqual([
      { fleetId: id, name: 'lab', change: 'created', count: null, routersAnnounced: null },
      { fleetId: id, name: 'lab-2', change: 'updated', count: null, routersAnnounced: null },
      { fleetId: id, name: 'lab-2', change: 'routersAdded', count: 150, routersAnnounced: false },
      { fleetId: id, name: 'lab-2', change: 'routersAdded', count: 1, routersAnnounced: true },
      { fleetId: id, name: 'lab-2', change: 'routersAdded', count: 120, routersAnnounced: false },
      { fleetId: id, name: 'lab-2', change: 'deleted', count: null, routersAnnounced: null },
      { fleetId: camp, name: 'camp', change: 'routersAdded', count: 1, routersAnnounced: true },
    ]);
    expect(fleets.events.every((e) => Date.parse(e.at) > Date.now() - 60_000)).toBe(true);
    await campOnly.waitFor(() => true, 10_000);
    expect(campOnly.events).toEqual([{ fleetId: camp, change: 'routersAdded', count: 1 }]);

    // A scenario's life: created (REST), replaced under a new description (GraphQL), deleted (REST).
    const source = exampleSource('iosd-crash');
    const created = await admin('POST', '/api/v1/scenarios', { source });
    expect(created.status).toBe(201);
    const replaced = await gql(
      b.url,
      'mutation ($id: ID!, $source: String!) { updateScenario(id: $id, source: $source) { revision } }',
      { id: created.body.id, source: source.replace('name: iosd-crash', 'name: iosd-crash-2') },
      adminKey,
    );
    expect(replaced.errors).toEqual([]);
    expect((await admin('DELETE', '/api/v1/scenarios/iosd-crash-2')).status).toBe(204);
    await scenarios.waitFor((e) => e.change === 'deleted', 10_000);
    expect(scenarios.events.map(({ at: _at, ...e }) => e)).toEqual([
      { scenarioId: created.body.id, name: 'iosd-crash', change: 'created', revision: 1 },
      { scenarioId: created.body.id, name: 'iosd-crash-2', change: 'updated', revision: 2 },
      { scenarioId: created.body.id, name: 'iosd-crash-2', change: 'deleted', revision: 2 },
    ]);
    expect(otherScenario.events).toEqual([]);
    for (const sub of [fleets, campOnly, scenarios, otherScenario]) {
      expect(sub.errors).toEqual([]);
      sub.stop();
    }
  });
});
