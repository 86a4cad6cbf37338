// Service benchmarks on scratch databases, through the real processes: POST /runs per second on an idle service,
// a 100,000-router campaign end to end with two workers, and GET /routers/:id throughput and latency at 50 connections.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@asr-twin/config';
import autocannon from 'autocannon';
import { admin, dropRedisPrefix, waitForHealth } from './support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = 'bench-admin-key-0123456789abcdef0123456789abcdef';
const PORT = 3927;
const HTTP = `http://127.0.0.1:${PORT}`;
const auth = { authorization: `Bearer ${ADMIN}` };

function node(args, env) {
  return spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
}

const exited = (child) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", r)));

async function call(method, path, body) {
  const res = await fetch(`${HTTP}${path}`, {
    method,
    headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

/** VmHWM (peak resident set) of a process, MB, from /proc. */
function peakRssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 1024);
  } catch {
    return null;
  }
}

/**
 * Drives `path` with `connections` keep-alive connections for `seconds` with autocannon, a load generator that
 * costs far less CPU per request than `fetch` (on two cores a `fetch` client takes the CPU the api needs and
 * measures itself), after `warmupSeconds` of the same load that are not counted (the JIT compiles the hot
 * path; a service runs warm). `nextPath` varies the URL per request. Any non-2xx answer or socket error fails
 * the bench.
 */
async function load({ method = 'GET', path, body, connections = 50, seconds = 6, warmupSeconds = 2, nextPath }) {
  const result = await autocannon({
    warmup: { connections, duration: warmupSeconds },
    url: `${HTTP}${path}`,
    method,
    connections,
    duration: seconds,
    headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    ...(nextPath ? { requests: [{ setupRequest: (req) => ({ ...req, path: nextPath() }) }] } : {}),
  });
  for (const r of [result.warmup, result]) {
    if (r.non2xx > 0 || r.errors > 0) {
      throw new Error(`${method} ${path}: ${r.non2xx} non-2xx answers and ${r.errors} errors in ${r.requests.total} requests`);
    }
  }
  return { rate: Math.round(result.requests.total / (result.duration || seconds)), p50: result.latency.p50, p99: result.latency.p99 };
}

const CRASH = readFileSync(`${root}examples/iosd-crash.yaml`, 'utf8').replace(/ {2}routers:\n(?: {4}.*\n)+/, '');

async function campaign(routers) {
  await call('POST', '/api/v1/fleets', { name: 'bench-campaign' });
  await call('POST', '/api/v1/fleets/bench-campaign/routers', { generate: { count: routers } });
  const started = performance.now();
  const run = await call('POST', '/api/v1/runs', { source: CRASH, target: { selector: { fleet: 'bench-campaign' } } });
  let state = run;
  while (!['completed', 'failed', 'cancelled'].includes(state.status)) {
    await new Promise((r) => setTimeout(r, 100));
    state = await call('GET', `/api/v1/runs/${run.id}`);
  }
  if (state.status !== 'completed') throw new Error(`campaign ${state.status}: ${state.error}`);
  return { ms: performance.now() - started, verdicts: state.aggregate.verdicts };
}

/**
 * A scratch database and queue prefix with the api and `workers` worker processes on it; `fn` runs against
 * them, then everything is stopped and removed (the database, and the prefix's keys in Redis).
 */
async function withStack(suffix, workerCount, fn) {
  const config = loadConfig();
  if (await fetch(`${HTTP}/health`).then(() => true, () => false)) {
    throw new Error(`port ${PORT} is in use by another process: stop it, the benchmark needs that port for its own api`);
  }
  const name = `asr_twin_bench_${suffix}_${process.pid}`;
  const url = new URL(config.database.url);
  url.pathname = `/${name}`;
  const prefix = `bench-${suffix}-${process.pid}`;
  const env = {
    DATABASE_URL: url.toString(), PORT: String(PORT), LOG_LEVEL: 'warn', SEED_SAMPLE_FLEET: 'false',
    ADMIN_API_KEY: ADMIN, QUEUE_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '100000000',
  };
  await new Promise((resolve, reject) =>
    node(['apps/admin/dist/main.js', 'migrate', 'up'], env).on('exit', (c) => (c === 0 ? resolve() : reject(new Error('migrate failed')))),
  );
  const api = node(['apps/api/dist/main.js'], env);
  const workers = Array.from({ length: workerCount }, () => node(['apps/worker/dist/main.js'], env));
  try {
    await waitForHealth(HTTP);
    return await fn(workers);
  } finally {
    for (const p of [api, ...workers]) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all([api, ...workers].map(exited));
    await admin(config.database.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await dropRedisPrefix(config.redis.url, prefix);
  }
}

/**
 * Submissions on an idle service (no workers, so the runs stay queued and nothing else competes for the two
 * cores), then the campaign end to end with two workers, then reads of the campaign's routers.
 */
export async function benchService({ routers = 100_000 } = {}) {
  const rows = [];
  const tiny = { source: readFileSync(`${root}examples/reload.yaml`, 'utf8') };
  const posts = await withStack('submit', 0, () => load({ method: 'POST', path: '/api/v1/runs', body: tiny }));
  rows.push({ bench: 'POST /runs, 50 in flight', value: posts.rate, unit: 'req/s', target: '≥ 1000 req/s', pass: posts.rate >= 1000 });
  await withStack('campaign', 2, async (workers) => {
    const c = await campaign(routers);
    const rss = workers.map((w) => peakRssMb(w.pid));
    rows.push({ bench: `campaign ${routers} routers, 2 workers, timelines persisted`, value: Math.round(c.ms), unit: 'ms', target: '≤ 30000 ms', pass: c.ms <= 30_000 });
    rows.push({ bench: 'worker peak RSS during the campaign (max of 2)', value: Math.max(...rss), unit: 'MB', target: '≤ 512 MB', pass: Math.max(...rss) <= 512 });
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map(exited));
    const ids = (await call('GET', '/api/v1/routers?fleet=bench-campaign&limit=1000')).items.map((r) => r.id);
    let i = 0;
    const reads = await load({ path: '/api/v1/routers', nextPath: () => `/api/v1/routers/${ids[i++ % ids.length]}` });
    rows.push({ bench: 'GET /routers/:id, 50 connections', value: reads.rate, unit: 'req/s', target: '≥ 10000 req/s', pass: reads.rate >= 10_000 });
    rows.push({ bench: 'GET /routers/:id p99 latency', value: Math.round(reads.p99 * 10) / 10, unit: 'ms', target: '≤ 20 ms', pass: reads.p99 <= 20 });
  });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchService({ routers: Number(process.argv[2] ?? 100_000) }));
}
