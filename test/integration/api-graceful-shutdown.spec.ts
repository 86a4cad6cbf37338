import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomAdminKey, request, startApi, type RunningApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { freePort, spawnNode, type Spawned, waitForOk } from '../support/processes.js';
import { testQueuePrefix } from '../support/redis-keys.js';
import { startPrivateRedis } from '../support/redis-server.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await migratedTestDatabase();
});
afterAll(() => db?.drop());

describe('api health probes', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi(db.url);
  });
  afterAll(() => api?.close());

  it('answers liveness without checking dependencies, readiness with PostgreSQL, Redis and the queues, and /health as before', async () => {
    const live = await request(api.url, 'GET', '/health/live');
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await request<{ status: string; details: Record<string, { status: string }> }>(api.url, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toMatchObject({
      shutdown: { status: 'up' },
      database: { status: 'up' },
      redis: { status: 'up' },
      queues: { status: 'up' },
    });
    const legacy = await request<{ details: Record<string, unknown> }>(api.url, 'GET', '/health');
    expect(legacy.status).toBe(200);
    expect(Object.keys(legacy.body.details)).toEqual(['database', 'redis']);
  });

  it('names Redis and the queues in a 503 from readiness while liveness stays 200', async () => {
    const redis = await startPrivateRedis();
    const other = await startApi(db.url, { REDIS_URL: redis.url });
    try {
      expect((await request(other.url, 'GET', '/health/ready')).status).toBe(200);
      await redis.stop();
      const ready = await request<{ details: Record<string, { status: string }> }>(other.url, 'GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'down' }, queues: { status: 'down' } });
      expect((await request(other.url, 'GET', '/health/live')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

/** Raw HTTP/1.1 over a socket: lets the test hold a request in flight by sending its body slowly. */
function openRequest(port: number, path: string, key: string, body: string): { socket: Socket; sendRest: () => void; response: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  const half = Math.floor(body.length / 2);
  socket.write(
    `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${key}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body.slice(0, half)}`,
  );
  let received = '';
  const response = new Promise<string>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
  return { socket, sendRest: () => socket.write(body.slice(half)), response };
}

async function statusOf(url: string): Promise<number | 'refused'> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 'refused';
  }
}

describe('SIGTERM drains the api', () => {
  let port: number;
  let api: Spawned;
  const key = randomAdminKey();

  beforeAll(async () => {
    port = await freePort();
    api = spawnNode(['apps/api/dist/main.js'], {
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ADMIN_API_KEY: key,
      QUEUE_PREFIX: testQueuePrefix('drain'),
      SHUTDOWN_DRAIN_DELAY_S: '2',
      SHUTDOWN_TIMEOUT_S: '10',
    });
    await waitForOk(`http://127.0.0.1:${port}/health/ready`, api, 45_000);
  });
  afterAll(() => {
    if (api.child.exitCode === null) api.child.kill('SIGKILL');
  });

  it('goes unready first, keeps answering through the drain delay, finishes the request in flight, then closes and exits 0', async () => {
    const body = JSON.stringify({ source: 'name: drain\n' });
    const inFlight = openRequest(port, '/api/v1/scenarios/validate', key, body);
    await new Promise((r) => setTimeout(r, 200));
    const sigtermAt = Date.now();
    api.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));

    // Draining: readiness 503 naming the shutdown, while every other request is still served.
    const ready = await request<{ details: Record<string, { status: string; message?: string }> }>(`http://127.0.0.1:${port}`, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details['shutdown']).toMatchObject({ status: 'down', message: expect.stringMatching(/draining/) });
    expect(await statusOf(`http://127.0.0.1:${port}/health/live`)).toBe(200);
    const served = await request(`http://127.0.0.1:${port}`, 'GET', '/api/v1/fleets', undefined, { authorization: `Bearer ${key}` });
    expect(served.status).toBe(200);

    // After the delay the listener closes: new connections are refused...
    let refused = false;
    while (!refused && Date.now() - sigtermAt < 8000) {
      refused = (await statusOf(`http://127.0.0.1:${port}/health/live`)) === 'refused';
      if (!refused) await new Promise((r) => setTimeout(r, 100));
    }
    expect(refused).toBe(true);
    expect(Date.now() - sigtermAt).toBeGreaterThanOrEqual(1900);
    expect(api.child.exitCode).toBeNull();

    // ...while the request that was in flight is still answered in full.
    inFlight.sendRest();
    const raw = await inFlight.response;
    expect(raw).toMatch(/^HTTP\/1\.1 (200|422) /);
    expect(raw).toMatch(/\r\n\r\n\{/);
    expect(await api.exited).toEqual({ code: 0, signal: null });
    expect(api.output()).toMatch(/draining: \/health\/ready answers 503/);
  });
});
