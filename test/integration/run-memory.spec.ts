import { readFileSync } from 'node:fs';
import { loadConfig } from '@asr-twin/config';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { gql } from '../support/graphql.js';
import { spawnNode } from '../support/processes.js';
import { exampleSource, type RunBody, type RunStack, startRunStack, waitForRun } from '../support/runs.js';

/**
 * A heavy Monte Carlo run (2,000 routers × 10,000 iterations: 20 M results) through the api and one real worker
 * process: the worker's memory stays bounded while it works, and a cancel stops its jobs at once. Before shards were
 * written in chunks, this worker grew by about 100 MB a second until it died.
 *
 * The worker is started as every launcher starts it (`scripts/worker-node-flags.mjs`: V8's old space capped at
 * 384 MB). Without that cap, with other test files loading both cores, V8 let this worker's heap grow to 592 MB RSS
 * before collecting; with it, 203 MB under the same load.
 */
let stack: RunStack;
let runs: Queue;
const ROUTERS = 2_000;
/** The design's worker memory bound (DESIGN "Performance"); the unchunked worker crossed it within seconds. */
const PEAK_RSS_BOUND_MB = 512;

beforeAll(async () => {
  stack = await startRunStack('run-memory', { RUN_MAX_ROUTER_ITERATIONS: String(ROUTERS * 10_000) });
  runs = new Queue('runs', { connection: { url: loadConfig().redis.url }, prefix: `{${stack.prefix}}` });
  await post('/api/v1/fleets', { name: 'heavy' });
  const generated = await post<{ created: number }>('/api/v1/fleets/heavy/routers', { generate: { count: ROUTERS } });
  expect(generated.body.created).toBe(ROUTERS);
}, 60_000);
afterAll(async () => {
  await runs?.close();
  await stack?.stop();
});

function post<T = RunBody>(path: string, body: unknown) {
  return request<T>(stack.api.url, 'POST', path, body, bearer(stack.api.adminKey));
}

async function progressOf(id: string): Promise<RunBody> {
  return (await request<RunBody>(stack.api.url, 'GET', `/api/v1/runs/${id}`, undefined, bearer(stack.api.adminKey))).body;
}

/** Peak resident set (`VmHWM`) of a process so far, MB. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:')) as string;
  return Number(/(\d+) kB/.exec(line)?.[1]) / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a heavy run', () => {
  it('keeps the worker’s memory bounded while it works; a cancel stops its jobs within 2 s and progress never moves after it', async () => {
    const created = await post('/api/v1/runs', { source: exampleSource('iosd-crash', true), iterations: 10_000, target: { selector: { fleet: 'heavy' } } });
    expect(created.status).toBe(202);
    const id = created.body.id;
    const pid = stack.worker.child.pid as number;

    // Both shards (1,000 routers × 10,000 iterations each) in hand at once, for long enough to have grown by GBs.
    await waitForRun(stack.api.url, id, stack.api.adminKey, (r) => r.status === 'running', 30_000);
    for (const deadline = Date.now() + 20_000; (await runs.getActiveCount()) < 2 && Date.now() < deadline;) await sleep(100);
    expect(await runs.getActiveCount()).toBe(2);
    await sleep(12_000);
    expect(stack.worker.child.exitCode).toBeNull();
    expect((await progressOf(id)).status).toBe('running');

    const cancelled = await post(`/api/v1/runs/${id}/cancel`, undefined);
    const cancelAt = performance.now();
    expect(cancelled.body.status).toBe('cancelled');
    let stoppedMs = Infinity;
    for (; performance.now() - cancelAt < 10_000; await sleep(25)) {
      if ((await runs.getActiveCount()) === 0) {
        stoppedMs = performance.now() - cancelAt;
        break;
      }
    }
    expect(stoppedMs).toBeLessThanOrEqual(2_000);

    for (let i = 0; i < 10; i++, await sleep(200)) {
      const now = await progressOf(id);
      expect(now.status).toBe('cancelled');
      expect(now.progress.routersDone).toBe(cancelled.body.progress.routersDone);
    }
    expect(peakRssMb(pid)).toBeLessThanOrEqual(PEAK_RSS_BOUND_MB);
    expect(await storedRows(id)).toEqual({ results: 0, shards: 0 });
  }, 90_000);

  it('writes a run of many chunks per shard once, each (iteration, router) one row, and completes it', async () => {
    const created = await post('/api/v1/runs', {
      source: exampleSource('iosd-crash', true),
      iterations: 12,
      shardSize: 700,
      target: { selector: { fleet: 'heavy' } },
    });
    const run = await waitForRun(stack.api.url, created.body.id, stack.api.adminKey, undefined, 60_000);
    expect(run).toMatchObject({ status: 'completed', progress: { routersDone: ROUTERS, routerCount: ROUTERS } });
    expect(run.aggregate?.results).toBe(ROUTERS * 12);
    expect(await storedRows(run.id)).toEqual({ results: ROUTERS * 12, shards: 3 });
  }, 90_000);
});

async function storedRows(runId: string): Promise<{ results: number; shards: number }> {
  const client = new pg.Client({ connectionString: stack.db.url });
  await client.connect();
  try {
    const r = await client.query<{ results: string; distinct_pairs: string; shards: string }>(
      `SELECT (SELECT count(*) FROM run_results WHERE run_id = $1) AS results,
              (SELECT count(DISTINCT (iteration, ordinal)) FROM run_results WHERE run_id = $1) AS distinct_pairs,
              (SELECT count(*) FROM run_shards WHERE run_id = $1 AND events > 0) AS shards`,
      [runId],
    );
    const row = r.rows[0] as { results: string; distinct_pairs: string; shards: string };
    expect(row.distinct_pairs).toBe(row.results);
    return { results: Number(row.results), shards: Number(row.shards) };
  } finally {
    await client.end();
  }
}

describe('the size of a run', () => {
  let small: RunningApi;
  beforeAll(async () => {
    small = await startApi(stack.db.url, { QUEUE_PREFIX: stack.prefix, ADMIN_API_KEY: stack.api.adminKey, RUN_MAX_ROUTER_ITERATIONS: '5000' });
  });
  afterAll(() => small?.close());

  const source = exampleSource('iosd-crash', true);

  it('is checked at submission: a larger run is refused with 400 naming the limit and the figure, one at the limit accepted', async () => {
    const refused = await request<{ code: string; detail: string; errors: { field: string; code: string; message: string }[] }>(
      small.url,
      'POST',
      '/api/v1/runs',
      { source, iterations: 3, target: { selector: { fleet: 'heavy' } } },
      bearer(small.adminKey),
    );
    expect(refused.status).toBe(400);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.detail).toBe('the run asks for 2,000 routers × 3 iterations = 6,000 router-simulations; RUN_MAX_ROUTER_ITERATIONS allows 5,000');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'iterations', code: 'run-too-large' })]);

    const list = await request<{ items: { hostname: string }[] }>(small.url, 'GET', '/api/v1/routers?fleet=heavy&limit=2', undefined, bearer(small.adminKey));
    const hostnames = list.body.items.map((r) => r.hostname);
    expect(hostnames).toHaveLength(2);
    const over = await request(small.url, 'POST', '/api/v1/runs', { source, iterations: 2501, target: { routers: hostnames } }, bearer(small.adminKey));
    expect(over.status).toBe(400);
    const atLimit = await request<RunBody>(
      small.url,
      'POST',
      '/api/v1/runs',
      { source, iterations: 2500, target: { routers: hostnames } },
      bearer(small.adminKey),
    );
    expect(atLimit.status).toBe(202);
    await post(`/api/v1/runs/${atLimit.body.id}/cancel`, undefined);
  });

  it('refuses the same through GraphQL startRun and twin run --server', async () => {
    const res = await gql(
      small.url,
      'mutation ($s: String!) { startRun(input: { source: $s, iterations: 3, target: { fleet: "heavy" } }) { id } }',
      { s: source },
      small.adminKey,
    );
    expect(res.errors[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(res.errors[0]?.message).toContain('6,000 router-simulations; RUN_MAX_ROUTER_ITERATIONS allows 5,000');

    const cli = spawnNode(
      ['apps/cli/bin/twin.js', 'run', 'examples/iosd-crash.yaml', '--iterations', '5001', '--server', small.url, '--key', small.adminKey],
      {},
    );
    const { code } = await cli.exited;
    expect(code).toBe(2);
    expect(cli.output()).toContain('iterations: 5,001 router-simulations (1 router × 5,001 iterations) exceed RUN_MAX_ROUTER_ITERATIONS = 5,000');
  });
});
