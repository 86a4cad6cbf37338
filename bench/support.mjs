// Helpers shared by the service benchmarks: the processes of a service on a scratch database, and its client.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { workerNodeFlags } from '../scripts/worker-node-flags.mjs';
import { loadConfig } from '@asr-twin/config';
import { Redis } from 'ioredis';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A Node.js process of the repository (a built entry point), quiet. */
export function spawnNode(args, env) {
  return spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
}

/** Resolves when the child process has exited. */
export const exited = (child) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));

/** `call(method, path, body?)` against `http` with `key` as bearer token: the parsed JSON answer, or throws. */
export function apiClient(http, key) {
  return async (method, path, body) => {
    const res = await fetch(`${http}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : null;
  };
}

/**
 * A scratch database and queue prefix (named after `name`) with the api on `port` and `workers` worker
 * processes; `fn({ http, call, workers })` runs against them, then everything is stopped and removed (the
 * database, and the prefix's keys in Redis). Refuses to start when another process answers on the port.
 */
export async function withStack({ name, port, adminKey, workers: workerCount = 0, env: extra = {} }, fn) {
  const config = loadConfig();
  const http = `http://127.0.0.1:${port}`;
  if (
    await fetch(`${http}/health`).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(`port ${port} is in use by another process: stop it, the benchmark needs that port for its own api`);
  }
  const database = `asr_twin_bench_${name}_${process.pid}`;
  const url = new URL(config.database.url);
  url.pathname = `/${database}`;
  const prefix = `bench-${name}-${process.pid}`;
  const env = {
    DATABASE_URL: url.toString(),
    PORT: String(port),
    LOG_LEVEL: 'warn',
    SEED_SAMPLE_FLEET: 'false',
    ADMIN_API_KEY: adminKey,
    QUEUE_PREFIX: prefix,
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...extra,
  };
  await new Promise((resolve, reject) =>
    spawnNode(['apps/admin/dist/main.js', 'migrate', 'up'], env).on('exit', (c) => (c === 0 ? resolve() : reject(new Error('migrate failed')))),
  );
  // API_NODE_FLAGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the api process only, to profile it.
  const api = spawnNode([...(process.env.API_NODE_FLAGS ? process.env.API_NODE_FLAGS.split(' ') : []), 'apps/api/dist/main.js'], env);
  const workers = Array.from({ length: workerCount }, () =>
    spawnNode(
      [
        ...workerNodeFlags({ ...process.env, ...env }),
        ...(process.env.WORKER_NODE_FLAGS ? process.env.WORKER_NODE_FLAGS.split(' ') : []),
        'apps/worker/dist/main.js',
      ],
      env,
    ),
  );
  try {
    await waitForHealth(http);
    return await fn({ http, call: apiClient(http, adminKey), api, workers, databaseUrl: url.toString() });
  } finally {
    for (const p of [api, ...workers]) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all([api, ...workers].map(exited));
    await admin(config.database.url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await dropRedisPrefix(config.redis.url, prefix);
  }
}

/** Runs one statement on the `postgres` maintenance database next to `base`. */
export async function admin(base, sql) {
  const url = new URL(base);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Polls `<url>/health` until it answers 200; throws after `timeoutMs`. */
export async function waitForHealth(url, timeoutMs = 30_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('api did not become healthy');
}

/** Deletes every Redis key of a queue prefix: BullMQ's `{prefix}:…` and the api's `prefix:…`. */
export async function dropRedisPrefix(url, prefix) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    for (const pattern of [`{${prefix}}:*`, `${prefix}:*`]) {
      for await (const keys of redis.scanStream({ match: pattern, count: 1000 })) if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
