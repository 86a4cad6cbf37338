import { QUEUE_NAMES } from '@asr-twin/jobs';
import type { Client } from 'graphql-ws';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, randomAdminKey, request } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { gql, subscribe, wsClient } from '../support/graphql.js';
import { freePort, spawnNode, type Spawned, waitForOk } from '../support/processes.js';
import { type PrivateRedisCluster, startPrivateRedisCluster } from '../support/redis-cluster.js';
import { testQueuePrefix } from '../support/redis-keys.js';
import { exampleSource, startWorker } from '../support/runs.js';

interface ProgressEvent {
  runId: string;
  status: string;
  routersDone: number;
  routerCount: number | null;
}

interface FleetEvent {
  fleetId: string;
  name: string;
  change: string;
}

const RATE_LIMIT = 40;

/**
 * Everything that uses Redis, through a real Redis Cluster of three masters (`REDIS_CLUSTER_NODES`): two api
 * processes and a worker process run a fleet campaign whose progress and fleet changes reach a GraphQL
 * subscription on the other api process (sharded pub/sub), count one rate limit together, and keep each queue under
 * a hash tag of its own.
 */
describe('Redis Cluster', () => {
  const adminKey = randomAdminKey();
  const prefix = testQueuePrefix('cluster');
  let cluster: PrivateRedisCluster;
  let db: TestDatabase;
  const apis: { url: string; process: Spawned }[] = [];
  let worker: Spawned | undefined;
  let workerUrl: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    [cluster, db] = await Promise.all([startPrivateRedisCluster(), migratedTestDatabase()]);
    const env = {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      REDIS_CLUSTER_NODES: cluster.seeds,
      // Nothing listens here: with cluster nodes set, REDIS_URL lends only credentials.
      REDIS_URL: 'redis://127.0.0.1:1',
      ADMIN_API_KEY: adminKey,
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      LOG_LEVEL: 'warn',
    };
    const ports = [await freePort(), await freePort(), await freePort()];
    for (const port of ports.slice(0, 2)) {
      apis.push({ url: `http://127.0.0.1:${port}`, process: spawnNode(['apps/api/dist/main.js'], { ...env, PORT: String(port) }) });
    }
    worker = startWorker({ ...env, WORKER_HTTP_PORT: String(ports[2]) });
    workerUrl = `http://127.0.0.1:${ports[2]}`;
    await Promise.all([...apis.map((a) => waitForOk(`${a.url}/health/ready`, a.process, 30_000)), waitForOk(`${workerUrl}/health/ready`, worker, 30_000)]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => Promise.resolve(c.dispose())));
    const processes = [worker, ...apis.map((a) => a.process)].filter((p): p is Spawned => p !== undefined);
    for (const p of processes) p.child.kill('SIGTERM');
    await Promise.all(processes.map((p) => p.exited));
    await db?.drop();
    await cluster?.stop();
  });

  it('is ready on every process, with each queue under its own hash tag', async () => {
    for (const url of [...apis.map((a) => a.url), workerUrl]) {
      const ready = await request<{ status: string; details: Record<string, { status: string }> }>(url, 'GET', '/health/ready');
      expect(ready.status, url).toBe(200);
      expect(ready.body.details['queues']).toEqual({ status: 'up' });
    }
    // The worker declared the maintenance scheduler, and the readiness probes wrote into every queue's slot.
    for (const queue of Object.values(QUEUE_NAMES)) {
      const tag = `{${prefix}:${queue}}`;
      const { owner } = await cluster.owner(tag);
      const node = new Redis({ ...owner, lazyConnect: true });
      await node.connect();
      try {
        expect(await node.exists(`${tag}:readiness-probe`), tag).toBe(1);
      } finally {
        node.disconnect();
      }
    }
    const node = new Redis({ ...(await cluster.owner(`{${prefix}}`)).owner, lazyConnect: true });
    await node.connect();
    try {
      // Nothing under the single-server tag: on a cluster all four queues would sit on one master.
      expect(await node.keys(`{${prefix}}*`)).toEqual([]);
    } finally {
      node.disconnect();
    }
  });

  it('runs a fleet campaign started on one api process and reports its progress and fleet changes on the other', async () => {
    const [a, b] = [apis[0]!, apis[1]!];
    const client = wsClient(a.url, adminKey);
    clients.push(client);
    const progress = subscribe<ProgressEvent>(client, 'subscription { runProgress { runId status routersDone routerCount } }', 'runProgress');
    const fleets = subscribe<FleetEvent>(client, 'subscription { fleetChanged { fleetId name change } }', 'fleetChanged');
    await new Promise((r) => setTimeout(r, 500));

    const fleet = await request<{ id: string }>(b.url, 'POST', '/api/v1/fleets', { name: 'camp' }, bearer(adminKey));
    expect(fleet.status).toBe(201);
    const added = await request(b.url, 'POST', '/api/v1/fleets/camp/routers', { generate: { count: 30, models: ['ASR1002-X', 'ASR1006'] } }, bearer(adminKey));
    expect(added.status).toBe(201);
    await fleets.waitFor((e) => e.fleetId === fleet.body.id && e.change === 'routersAdded', 10_000);
    expect(fleets.events.map((e) => [e.name, e.change])).toEqual([
      ['camp', 'created'],
      ['camp', 'routersAdded'],
    ]);

    const started = await gql<{ startRun: { id: string } }>(
      b.url,
      'mutation ($source: String!) { startRun(input: { source: $source, target: { fleet: "camp" }, shardSize: 10 }) { id } }',
      { source: exampleSource('iosd-crash', true) },
      adminKey,
    );
    expect(started.errors).toEqual([]);
    const runId = started.data!.startRun.id;
    const done = await progress.waitFor((e) => e.runId === runId && e.status === 'completed', 40_000);
    expect(done).toEqual({ runId, status: 'completed', routersDone: 30, routerCount: 30 });
    // One shard after another: the sharded channel keeps the order in which the worker published.
    const counts = progress.events.filter((e) => e.runId === runId).map((e) => e.routersDone);
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
    expect(progress.errors).toEqual([]);

    const report = await request<{ verdict: string; routers: unknown[] }>(a.url, 'GET', `/api/v1/runs/${runId}/report`, undefined, bearer(adminKey));
    expect(report.status).toBe(200);
    expect(report.body.verdict).toBe('pass');
    expect(report.body.routers).toHaveLength(30);
    progress.stop();
    fleets.stop();
  });

  it('counts one rate limit across api processes in the cluster', async () => {
    const [a, b] = [apis[0]!, apis[1]!];
    const created = await request<{ key: string; id: string }>(a.url, 'POST', '/api/v1/keys', { name: 'limited', role: 'viewer' }, bearer(adminKey));
    expect(created.status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 2; i++) {
      statuses.push((await request((i % 2 === 0 ? a : b).url, 'GET', '/api/v1/fleets', undefined, bearer(created.body.key))).status);
    }
    expect(statuses.slice(0, RATE_LIMIT)).toEqual(Array(RATE_LIMIT).fill(200));
    expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429]);

    const client = new Cluster(
      cluster.nodes.map((n) => ({ ...n })),
      { lazyConnect: true },
    );
    await client.connect();
    try {
      const count = await client.get(`${prefix}:rate-limit:key:${created.body.id}`);
      expect(Number(count)).toBe(RATE_LIMIT + 2);
    } finally {
      client.disconnect();
    }
  });
});
