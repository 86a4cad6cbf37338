import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { freePort, type Spawned, waitForOk } from '../support/processes.js';
import { type PrivateRedisCluster, startPrivateRedisCluster } from '../support/redis-cluster.js';
import { testQueuePrefix } from '../support/redis-keys.js';
import { startWorker } from '../support/runs.js';

interface Readiness {
  status: string;
  details: Record<string, { status: string; message?: string }>;
}

/** How long the worker's log is watched once it is up, ms. */
const WATCH_MS = 5000;

/**
 * The setting forgotten: `REDIS_URL` names a master of a Redis Cluster that does not own the queues' slot and
 * `REDIS_CLUSTER_NODES` is unset, so every queue command gets MOVED. The worker used to write thousands of lines a
 * second, each with a whole Lua script; now each kind of error is one line per interval, and both processes'
 * readiness fails naming MOVED and the setting to fix.
 */
describe('a single-server client pointed at a Redis Cluster node that does not own the queues', () => {
  const prefix = testQueuePrefix('wrongnode');
  let cluster: PrivateRedisCluster;
  let db: TestDatabase;
  let worker: Spawned | undefined;
  let api: RunningApi | undefined;
  let ownerApi: RunningApi | undefined;
  let workerUrl: string;
  let wrongUrl: string;

  /** How many MOVED replies the wrong node has sent so far (Redis counts error replies by their first word). */
  async function movedReplies(): Promise<number> {
    const node = new Redis(wrongUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await node.connect();
    try {
      return Number(/errorstat_MOVED:count=(\d+)/.exec(await node.info('errorstats'))?.[1] ?? 0);
    } finally {
      node.disconnect();
    }
  }

  beforeAll(async () => {
    [cluster, db] = await Promise.all([startPrivateRedisCluster(), migratedTestDatabase()]);
    const { owner, other } = await cluster.owner(`{${prefix}}`);
    wrongUrl = `redis://${other.host}:${other.port}`;
    const port = await freePort();
    workerUrl = `http://127.0.0.1:${port}`;
    worker = startWorker({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, REDIS_URL: wrongUrl, WORKER_HTTP_PORT: String(port), LOG_LEVEL: 'info' });
    api = await startApi(db.url, { QUEUE_PREFIX: prefix, REDIS_URL: wrongUrl });
    ownerApi = await startApi(db.url, { QUEUE_PREFIX: prefix, REDIS_URL: `redis://${owner.host}:${owner.port}`, ADMIN_API_KEY: api.adminKey });
    await waitForOk(`${workerUrl}/health/live`, worker, 30_000);
  });

  afterAll(async () => {
    if (worker) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    await api?.close();
    await ownerApi?.close();
    await db?.drop();
    await cluster?.stop();
  });

  it('logs a few lines, not a storm, never a script, and polls the wrong node a few times a second', async () => {
    const before = await movedReplies();
    await new Promise((r) => setTimeout(r, WATCH_MS));
    // Four queue workers, their stalled-job checks and the api's probes; BullMQ alone polled thousands of times a second.
    const perSecond = ((await movedReplies()) - before) / (WATCH_MS / 1000);
    expect(perSecond).toBeGreaterThan(0);
    expect(perSecond).toBeLessThan(50);
    const lines = worker!
      .output()
      .split('\n')
      .filter((l) => l.length > 0);
    const problems = lines.filter((l) => !l.includes('"level":30'));
    // The worker did hit the wrong node, and said what to do about it.
    expect(problems.some((l) => l.includes('MOVED') && l.includes('REDIS_CLUSTER_NODES'))).toBe(true);
    // One line per queue worker and for the scheduler; a few lines a second at most over the whole run.
    expect(problems.length, problems.join('\n')).toBeLessThanOrEqual(10);
    expect(lines.every((l) => l.length < 2000)).toBe(true);
    expect(worker!.output()).not.toMatch(/evalsha|redis\.call|rcall/);
  });

  it('fails readiness of the worker and the api, naming MOVED and REDIS_CLUSTER_NODES', async () => {
    for (const url of [workerUrl, api!.url]) {
      const ready = await request<Readiness>(url, 'GET', '/health/ready');
      expect(ready.status, url).toBe(503);
      expect(ready.body.details['redis']?.status).toBe('up');
      expect(ready.body.details['queues']?.status).toBe('down');
      expect(ready.body.details['queues']?.message).toMatch(
        /^REDIS_URL names a node of a Redis Cluster \(cluster_enabled:1\).*; queues runs, maintenance, router-actions, audits, forecasts not writable: MOVED \d+ 127\.0\.0\.1:\d+: .*set REDIS_CLUSTER_NODES/,
      );
    }
  });

  it('fails readiness also on the node that owns the queues: rate limits and change epochs live in other slots', async () => {
    const ready = await request<Readiness>(ownerApi!.url, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details['queues']).toEqual({
      status: 'down',
      message: 'REDIS_URL names a node of a Redis Cluster (cluster_enabled:1), which serves only its own slots: set REDIS_CLUSTER_NODES',
    });
  });
});
