import { migrateUp } from '@asr-twin/persistence';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { type PrivatePostgres, startPrivatePostgres } from '../support/postgres-server.js';
import type { Spawned } from '../support/processes.js';
import { type PrivateRedis, startPrivateRedis } from '../support/redis-server.js';
import { exampleSource, type RunBody, startWorker, waitForRun } from '../support/runs.js';

/**
 * The chaos suite: a PostgreSQL cluster and a Redis of the test's own, the api and two worker processes, three
 * fleet campaigns and a steady stream of small runs, while PostgreSQL is stopped for 60 s, Redis is killed and
 * comes back empty, and a worker is SIGKILLed. Every run the api acknowledged (202) must complete exactly once:
 * none failed, none lost, none duplicated, none stuck. The counts are printed for the CI log.
 */
const FLEET = 3000;
const ITERATIONS = 4;
const PREFIX = 'chaos';
const PG_OUTAGE_MS = 60_000;

let postgres: PrivatePostgres;
let redis: PrivateRedis;
let api: RunningApi;
const workers: Spawned[] = [];

function post<T>(path: string, body: unknown, headers: Record<string, string> = {}) {
  return request<T>(api.url, 'POST', path, body, { ...bearer(api.adminKey), ...headers });
}

function addWorker(): void {
  workers.push(startWorker({ DATABASE_URL: postgres.url, REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX }));
}

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  await migrateUp(postgres.url);
  redis = await startPrivateRedis();
  api = await startApi(postgres.url, { REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX, RATE_LIMIT_PER_MINUTE: '100000' });
  expect((await post('/api/v1/fleets', { name: 'chaos' })).status).toBe(201);
  const generated = await post<{ created: number }>('/api/v1/fleets/chaos/routers', { generate: { count: FLEET } });
  expect(generated.body.created).toBe(FLEET);
  addWorker();
  addWorker();
}, 120_000);

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  await api?.close();
  await redis?.stop();
  await postgres?.destroy();
}, 60_000);

/** A steady stream of small runs (the scenario's own three routers), each acknowledged one remembered. */
function streamOfRuns() {
  const acknowledged: string[] = [];
  let refused = 0;
  let stopped = false;
  const done = (async () => {
    for (let n = 0; !stopped; n++) {
      const res = await post<RunBody>('/api/v1/runs', { source: exampleSource('iosd-crash'), seed: n }, { 'idempotency-key': `chaos-${n}` }).catch(() => null);
      if (res?.status === 202) acknowledged.push(res.body.id);
      else refused++;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    acknowledged,
    refused: () => refused,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

async function startCampaign(): Promise<string> {
  const res = await post<RunBody>('/api/v1/runs', {
    source: exampleSource('iosd-crash', true),
    target: { selector: { fleet: 'chaos' } },
    iterations: ITERATIONS,
    shardSize: 100,
  });
  expect(res.status).toBe(202);
  return res.body.id;
}

const progressed = (share: number) => (r: RunBody) => r.progress.routerCount !== null && r.progress.routersDone >= r.progress.routerCount * share;

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Outcome {
  readonly id: string;
  readonly status: string | null;
  readonly expected: number;
  readonly rows: number;
  readonly distinct: number;
}

/** Each run as PostgreSQL holds it: status, the results it should have, and the results it has. */
async function outcomes(ids: readonly string[]): Promise<Outcome[]> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const rows = await client.query<{ id: string; status: string | null; expected: number | null; rows: string; distinct: string }>(
      `SELECT i.id, r.status, r.router_count * r.iterations AS expected,
              (SELECT count(*) FROM run_results x WHERE x.run_id = i.id) AS rows,
              (SELECT count(*) FROM (SELECT DISTINCT iteration, ordinal FROM run_results x WHERE x.run_id = i.id) d) AS distinct
         FROM unnest($1::uuid[]) AS i(id) LEFT JOIN runs r ON r.id = i.id`,
      [ids],
    );
    return rows.rows.map((r) => ({ id: r.id, status: r.status, expected: r.expected ?? -1, rows: Number(r.rows), distinct: Number(r.distinct) }));
  } finally {
    await client.end();
  }
}

describe('chaos: PostgreSQL down 60 s, Redis restarted empty, a worker SIGKILLed', () => {
  it('completes every acknowledged run exactly once: none failed, lost, duplicated or stuck', async () => {
    const stream = streamOfRuns();
    const campaigns: string[] = [];

    // 1. PostgreSQL stops for 60 s in the middle of a campaign.
    campaigns.push(await startCampaign());
    await waitForRun(api.url, campaigns[0] as string, api.adminKey, progressed(0.1), 60_000);
    await postgres.stop();
    const down = Date.now();
    // While it is down the api refuses new work with 503 and the workers wait; none of them exits.
    const refusedAtStop = stream.refused();
    await new Promise((r) => setTimeout(r, PG_OUTAGE_MS - (Date.now() - down)));
    expect(stream.refused()).toBeGreaterThan(refusedAtStop);
    expect(workers.map((w) => w.child.exitCode)).toEqual([null, null]);
    await postgres.start();

    // 2. Redis is killed mid-campaign; while it is away the campaign says it waits for Redis; it comes back empty.
    campaigns.push(await startCampaign());
    await waitForRun(api.url, campaigns[1] as string, api.adminKey, progressed(0.1), 90_000);
    await redis.kill();
    await waitUntil(
      'the campaign shows that it waits for Redis',
      async () => {
        const run = await request<{ status: string; waiting: { since: string; reason: string } | null }>(
          api.url,
          'GET',
          `/api/v1/runs/${campaigns[1]}`,
          undefined,
          bearer(api.adminKey),
        );
        if (run.status === 200 && run.body.status !== 'running') throw new Error(`campaign ${run.body.status} while Redis was away`);
        return run.status === 200 && /Redis unavailable/.test(run.body.waiting?.reason ?? '');
      },
      10_000,
    );
    await new Promise((r) => setTimeout(r, 3000));
    await redis.start();

    // 3. A worker is SIGKILLed mid-campaign; another takes its place.
    campaigns.push(await startCampaign());
    await waitForRun(api.url, campaigns[2] as string, api.adminKey, progressed(0.1), 90_000);
    workers[0]?.child.kill('SIGKILL');
    addWorker();
    await new Promise((r) => setTimeout(r, 2000));
    await stream.stop();

    // Every acknowledged run reaches an end; none is failed, lost (unknown to PostgreSQL), duplicated or stuck.
    const acknowledged = [...campaigns, ...stream.acknowledged];
    const deadline = Date.now() + 120_000;
    let seen = await outcomes(acknowledged);
    while (seen.some((o) => o.status === 'queued' || o.status === 'running') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      seen = await outcomes(acknowledged);
    }
    const count = (f: (o: Outcome) => boolean) => seen.filter(f).length;
    const summary = {
      acknowledged: acknowledged.length,
      refusedDuringOutages: stream.refused(),
      completed: count((o) => o.status === 'completed'),
      failed: count((o) => o.status === 'failed'),
      lost: count((o) => o.status === null),
      duplicated: count((o) => o.rows !== o.distinct || (o.expected >= 0 && o.rows > o.expected)),
      stuck: count((o) => o.status === 'queued' || o.status === 'running'),
      incomplete: count((o) => o.status === 'completed' && o.rows !== o.expected),
    };
    console.log(`chaos: ${JSON.stringify(summary)}`);
    const failed = seen.filter((o) => o.status === 'failed').map((o) => o.id);
    expect({ ...summary, failedRuns: failed }).toEqual({
      ...summary,
      completed: acknowledged.length,
      failed: 0,
      lost: 0,
      duplicated: 0,
      stuck: 0,
      incomplete: 0,
      failedRuns: [],
    });
    expect(stream.acknowledged.length).toBeGreaterThan(20);
    // The outage was waited through, not retried into failure: the workers logged the wait.
    expect(workers.map((w) => w.output()).join('')).toMatch(/dependency unavailable; job waits and retries/);
  }, 300_000);
});
