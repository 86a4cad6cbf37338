import { forecastFleet, type ForecastRouter } from '@asr-twin/forecast';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import type { ForecastBody } from '../support/forecasts.js';
import type { Spawned } from '../support/processes.js';
import { type PrivateRedis, startPrivateRedis } from '../support/redis-server.js';
import { startWorker } from '../support/runs.js';

/**
 * Forecasts through the api and two real worker processes on a Redis of the test's own: a worker killed
 * mid-forecast or Redis emptied mid-forecast still gives a completed forecast with exactly one result per router
 * and configuration, and the report of the same bytes as a forecast that nothing interrupted.
 */
let db: TestDatabase;
let redis: PrivateRedis;
let api: RunningApi;
let workers: Spawned[] = [];
const FLEET = 400;
const TRIALS = 50;
/** The machine may be shared: a forecast of this size takes a few seconds on a quiet one. */
const TEST_TIMEOUT_MS = 240_000;
const PREFIX = 'forecast-recovery';

beforeAll(async () => {
  db = await migratedTestDatabase();
  redis = await startPrivateRedis();
  api = await startApi(db.url, { REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX });
  await post('/api/v1/fleets', { name: 'forecast' });
  const generated = await post<{ created: number }>('/api/v1/fleets/forecast/routers', { generate: { count: FLEET } });
  expect(generated.body.created).toBe(FLEET);
}, 120_000);
afterEach(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  workers = [];
});
afterAll(async () => {
  await api?.close();
  await redis?.stop();
  await db?.drop();
});

function post<T>(path: string, body: unknown) {
  return request<T>(api.url, 'POST', path, body, bearer(api.adminKey));
}

async function waitForForecast(id: string, done: (f: ForecastBody) => boolean): Promise<ForecastBody> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const forecast = (await request<ForecastBody>(api.url, 'GET', `/api/v1/forecasts/${id}`, undefined, bearer(api.adminKey))).body;
    if (done(forecast) || Date.now() > deadline) return forecast;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startForecast(): Promise<string> {
  workers = [0, 1].map(() => startWorker({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX }));
  const res = await post<ForecastBody>('/api/v1/forecasts', {
    selector: { fleet: 'forecast' },
    trials: TRIALS,
    seed: 5,
    whatIf: { redundancy: 'sso' },
    shardSize: 10,
  });
  expect(res.status).toBe(202);
  return res.body.id;
}

async function query<R extends pg.QueryResultRow>(text: string, params: unknown[]): Promise<R[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function expectExactlyOnce(id: string): Promise<void> {
  const forecast = await waitForForecast(id, (f) => ['completed', 'failed', 'cancelled'].includes(f.status));
  expect(forecast).toMatchObject({ status: 'completed', progress: { routersDone: FLEET, routerCount: FLEET } });
  expect(forecast.summary?.routers).toBe(FLEET);
  const r = await query<{ rows: string; routers: string }>(
    `SELECT count(*) AS rows, count(DISTINCT ordinal) AS routers FROM forecast_results WHERE forecast_id = $1`,
    [id],
  );
  expect({ rows: Number(r[0]?.rows), routers: Number(r[0]?.routers) }).toEqual({ rows: 2 * FLEET, routers: FLEET });
}

describe('a forecast of 400 routers with a what-if', () => {
  it(
    'survives a worker killed with SIGKILL mid-forecast, with the report an uninterrupted forecast gives',
    async () => {
      const id = await startForecast();
      await waitForForecast(id, (f) => f.progress.routersDone >= 40);
      workers[0]?.child.kill('SIGKILL');
      await expectExactlyOnce(id);
      expect(workers[1]?.output()).toMatch(/job stalled; taken over from a lost worker/);
      // The same routers forecast here in one piece: the same bytes.
      const routers = (await query<{ router: ForecastRouter }>(`SELECT router FROM forecast_targets WHERE forecast_id = $1 ORDER BY ordinal`, [id])).map(
        (t) => t.router,
      );
      const expected = `${JSON.stringify(forecastFleet(routers, { seed: 5, trials: TRIALS, periodMs: 365 * 86_400_000, rates: {} }, { redundancy: 'sso' }), null, 2)}\n`;
      const res = await fetch(`${api.url}/api/v1/forecasts/${id}/report`, { headers: bearer(api.adminKey) });
      expect(await res.text()).toBe(expected);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'survives FLUSHALL of Redis mid-forecast',
    async () => {
      const id = await startForecast();
      await waitForForecast(id, (f) => f.progress.routersDone >= 40);
      expect(await redis.client.flushall()).toBe('OK');
      await expectExactlyOnce(id);
      expect(workers.map((w) => w.output()).join('')).toMatch(/reconciled forecasts: re-enqueued lost jobs/);
    },
    TEST_TIMEOUT_MS,
  );
});
