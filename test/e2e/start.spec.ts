import type { Page, RouterSummary } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { baseDatabaseUrl } from '../support/context.js';
import { databaseUrl, adminQuery } from '../support/database.js';
import { freePort, spawnNode, type Spawned, waitForOk } from '../support/processes.js';

/**
 * The README's start command as a user runs it, minus the install and build that `npm start` does first:
 * `scripts/start.mjs` migrates a database that does not exist yet, seeds the sample fleet, and runs the api
 * and worker processes.
 */
describe('the start command', () => {
  const dbName = `asr_twin_e2e_${process.pid}`;
  let port: number;
  let service: Spawned;

  beforeAll(async () => {
    port = await freePort();
    service = spawnNode(['scripts/start.mjs'], {
      DATABASE_URL: databaseUrl(baseDatabaseUrl(), dbName),
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    await waitForOk(`http://127.0.0.1:${port}/health`, service, 45_000);
  });
  afterAll(async () => {
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
    await adminQuery(baseDatabaseUrl(), `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  it('serves the sample fleet', async () => {
    const page = (await (await fetch(`http://127.0.0.1:${port}/api/v1/routers?limit=5`)).json()) as Page<RouterSummary>;
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThanOrEqual(100);
    const asr1002x = (await (await fetch(`http://127.0.0.1:${port}/api/v1/routers/ams-edge-01`)).json()) as RouterTree;
    expect(asr1002x.model).toBe('ASR1002-X');
    expect(asr1002x.routeProcessors[0]?.host.hypervisor.guests.map((g) => g.rfState.name)).toEqual(['ACTIVE', 'STANDBY HOT']);
  });

  it('stops both processes gracefully on SIGTERM', async () => {
    service.child.kill('SIGTERM');
    const { code } = await service.exited;
    expect(code).toBe(0);
    expect(service.output()).not.toMatch(/"level":(50|60)/);
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
    const worker = spawnNode(['apps/worker/dist/main.js'], { REDIS_URL: 'redis://127.0.0.1:1' });
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
