import type { Page, RouterSummary } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { randomAdminKey } from '../support/api.js';
import { baseDatabaseUrl } from '../support/context.js';
import { databaseUrl, adminQuery } from '../support/database.js';
import { freePort, spawnNode, type Spawned, waitForOk } from '../support/processes.js';
import { testQueuePrefix } from '../support/redis-keys.js';

/**
 * The README's start command as a user runs it, minus the install and build that `npm start` does first:
 * `scripts/start.mjs` migrates a database that does not exist yet, seeds the sample fleet, and runs the api
 * and worker processes. The first key comes from `ADMIN_API_KEY`, as in the README's quick start, and further
 * keys from `npm run keys -- create`.
 */
describe('the start command', () => {
  const dbName = `asr_twin_e2e_${process.pid}`;
  const adminKey = randomAdminKey();
  let port: number;
  let service: Spawned;
  const getJson = async (path: string, key: string) => (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${key}` } })).json();

  beforeAll(async () => {
    port = await freePort();
    service = spawnNode(['scripts/start.mjs'], {
      DATABASE_URL: databaseUrl(baseDatabaseUrl(), dbName),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ADMIN_API_KEY: adminKey,
      QUEUE_PREFIX: testQueuePrefix('start'),
    });
    await waitForOk(`http://127.0.0.1:${port}/health`, service, 45_000);
  });
  afterAll(async () => {
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
    await adminQuery(baseDatabaseUrl(), `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  it('serves the sample fleet to a key, and nothing without one', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/routers?limit=5`)).status).toBe(401);
    const page = (await getJson('/api/v1/routers?limit=5', adminKey)) as Page<RouterSummary>;
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThanOrEqual(100);
    const asr1002x = (await getJson('/api/v1/routers/ams-edge-01', adminKey)) as RouterTree;
    expect(asr1002x.model).toBe('ASR1002-X');
    expect(asr1002x.routeProcessors[0]?.host.hypervisor.guests.map((g) => g.rfState.name)).toEqual(['ACTIVE', 'STANDBY HOT']);
  });

  it('creates a key with the admin command, printed once on stdout', async () => {
    const cli = spawnNode(['apps/cli/bin/twin.js', 'keys', 'create', '--name', 'e2e-viewer', '--role', 'viewer'], {
      DATABASE_URL: databaseUrl(baseDatabaseUrl(), dbName),
    });
    let stdout = '';
    cli.child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    expect((await cli.exited).code).toBe(0);
    const key = stdout.trim();
    expect(key).toMatch(/^atw_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    expect(cli.output()).toMatch(/created API key "e2e-viewer" \(role viewer/);
    expect(((await getJson('/api/v1/routers?limit=1', key)) as Page<RouterSummary>).items).toHaveLength(1);
    const refused = await fetch(`http://127.0.0.1:${port}/api/v1/fleets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '{"name":"nope"}',
    });
    expect(refused.status).toBe(403);
  });

  it('starts a worker that dies again, and the api keeps serving meanwhile', async () => {
    const workerPids = () => [...service.output().matchAll(/"msg":"worker started","process":"worker","pid":(\d+)/g)].map((m) => Number(m[1]));
    const [first] = workerPids();
    expect(first).toBeGreaterThan(0);
    process.kill(first as number, 'SIGKILL');
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    const deadline = Date.now() + 15_000;
    while (workerPids().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(service.output()).toMatch(/worker exited; starting it again in 1 s \(the api keeps serving\)/);
    expect(workerPids()).toHaveLength(2);
    expect(workerPids()[1]).not.toBe(first);
    expect(service.child.exitCode).toBeNull();
  });

  it('stops both processes gracefully on SIGTERM', async () => {
    service.child.kill('SIGTERM');
    const { code } = await service.exited;
    expect(code).toBe(0);
    // The only error lines are those of the worker killed on purpose above.
    expect(
      service
        .output()
        .split('\n')
        .filter((l) => /"level":(50|60)/.test(l) && !/"msg":"worker exited/.test(l)),
    ).toEqual([]);
  });
});

describe('preflight', () => {
  it('explains an unreachable PostgreSQL in one line and exits 1', async () => {
    const api = spawnNode(['apps/api/dist/main.js'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/asr_twin' });
    const { code } = await api.exited;
    expect(code).toBe(1);
    const lines = api.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cannot reach PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/asr_twin \(ECONNREFUSED\): start PostgreSQL/);
  });

  it('explains an unreachable Redis in one line and exits 1', async () => {
    const worker = spawnNode(['apps/worker/dist/main.js'], {
      // A database that always exists, so that Redis is the only thing missing.
      DATABASE_URL: databaseUrl(baseDatabaseUrl(), 'postgres'),
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    const { code } = await worker.exited;
    expect(code).toBe(1);
    const lines = worker.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 .*start Redis/);
  });

  it('names every invalid setting', async () => {
    const api = spawnNode(['apps/api/dist/main.js'], { PORT: 'eighty' });
    const { code } = await api.exited;
    expect(code).toBe(1);
    expect(api.output()).toMatch(/invalid configuration:\n\s+PORT:/);
  });
});
