import { bearer, randomAdminKey, request } from './api.js';
import { migratedTestDatabase } from './context.js';
import type { TestDatabase } from './database.js';
import { freePort, spawnNode, type Spawned, waitForOk } from './processes.js';
import { startWorker } from './runs.js';
import { testQueuePrefix } from './redis-keys.js';

export interface DashboardStack {
  readonly url: string;
  readonly adminKey: string;
  readonly db: TestDatabase;
  readonly api: Spawned;
  readonly worker: Spawned;
  /** A REST call with the admin key; throws on any answer but 2xx. */
  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  /** A new API key with the role; returns the key. */
  key(name: string, role: 'viewer' | 'operator' | 'admin'): Promise<string>;
  stop(): Promise<void>;
}

async function stopProcess(p: Spawned): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  await p.exited;
}

/**
 * The built api and one worker as real processes on a database of the test's own (a clone of the migrated
 * template) and a queue prefix of their own, with the sample fleet unless `sample: false` (an empty database);
 * the api serves the built dashboard.
 */
export async function startDashboardStack(env: Record<string, string> = {}, options: { readonly sample?: boolean } = {}): Promise<DashboardStack> {
  const db = await migratedTestDatabase();
  const port = await freePort();
  const adminKey = randomAdminKey();
  const shared = {
    DATABASE_URL: db.url,
    QUEUE_PREFIX: testQueuePrefix('dash'),
    LOG_LEVEL: 'warn',
    ...env,
  };
  if (options.sample ?? true) {
    const seeded = spawnNode(['apps/admin/dist/main.js', 'seed-sample'], { ...shared, SEED_SAMPLE_FLEET: 'true' });
    if ((await seeded.exited).code !== 0) throw new Error(`seeding the sample fleet failed:\n${seeded.output()}`);
  }
  const api = spawnNode(['apps/api/dist/main.js'], {
    ...shared,
    HOST: '127.0.0.1',
    PORT: String(port),
    ADMIN_API_KEY: adminKey,
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const url = `http://127.0.0.1:${port}`;
  const worker = startWorker(shared);
  try {
    await waitForOk(`${url}/health`, api, 30_000);
  } catch (error) {
    await Promise.all([stopProcess(api), stopProcess(worker)]);
    await db.drop();
    throw error;
  }
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await request<T>(url, method, path, body, bearer(adminKey));
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  return {
    url,
    adminKey,
    db,
    api,
    worker,
    admin,
    key: async (name, role) => (await admin<{ key: string }>('POST', '/api/v1/keys', { name, role })).key,
    stop: async () => {
      await Promise.all([stopProcess(api), stopProcess(worker)]);
      await db.drop();
    },
  };
}
