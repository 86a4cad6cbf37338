import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request, type RunningApi, startApi } from './api.js';
import { migratedTestDatabase } from './context.js';
import type { TestDatabase } from './database.js';
import { ROOT, spawnNode, type Spawned } from './processes.js';
import { testQueuePrefix } from './redis-keys.js';
import { workerNodeFlags } from '../../scripts/worker-node-flags.mjs';

export interface RunBody {
  readonly id: string;
  readonly status: string;
  readonly verdict: string | null;
  readonly error: string | null;
  readonly seed: number;
  readonly progress: { readonly routersDone: number; readonly routerCount: number | null };
  readonly aggregate: { readonly results: number; readonly verdicts: Record<string, number> } | null;
}

/** The text of an example scenario, optionally without its embedded routers (for fleet campaigns). */
export function exampleSource(name: string, withoutRouters = false): string {
  const text = readFileSync(join(ROOT, 'examples', `${name}.yaml`), 'utf8');
  if (!withoutRouters) return text;
  return text.replace(/ {2}routers:\n(?: {4}.*\n)+/, '');
}

/** Starts a real worker process (built) with the test's database, Redis and queue prefix. */
export function startWorker(env: Record<string, string>): Spawned {
  return spawnNode([...workerNodeFlags({ ...process.env, ...env }), 'apps/worker/dist/main.js'], {
    LOG_LEVEL: 'warn',
    RECONCILE_INTERVAL_S: '1',
    JOB_LOCK_MS: '2000',
    ...env,
  });
}

/** Polls a run until `done` holds (or the time is up), returning the last state seen. */
export async function waitForRun(
  base: string,
  id: string,
  key: string,
  done: (run: RunBody) => boolean = (r) => ['completed', 'failed', 'cancelled'].includes(r.status),
  timeoutMs = 60_000,
): Promise<RunBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await request<RunBody>(base, 'GET', `/api/v1/runs/${id}`, undefined, { authorization: `Bearer ${key}` })).body;
    if (done(run) || Date.now() > deadline) return run;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface RunStack {
  readonly db: TestDatabase;
  readonly api: RunningApi;
  /** The `QUEUE_PREFIX` of the stack: its queues and pub/sub channels. */
  readonly prefix: string;
  readonly worker: Spawned;
  stop(): Promise<void>;
}

/**
 * A database of the test's own, the api in-process and one worker process, on a queue prefix of their own.
 * `env` adds settings to both (e.g. `TWIN_TIME_SCALE`).
 */
export async function startRunStack(name: string, env: Record<string, string> = {}): Promise<RunStack> {
  const prefix = testQueuePrefix(name);
  const db = await migratedTestDatabase();
  const api = await startApi(db.url, { ...env, QUEUE_PREFIX: prefix });
  const worker = startWorker({ ...env, DATABASE_URL: db.url, QUEUE_PREFIX: prefix });
  return {
    db,
    api,
    prefix,
    worker,
    stop: async () => {
      worker.child.kill('SIGTERM');
      await worker.exited;
      await api.close();
      await db.drop();
    },
  };
}
