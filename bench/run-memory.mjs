// A heavy Monte Carlo run through the real api and one real worker: the worker's peak resident set while the run
// works, then how long after `POST /runs/:id/cancel` the worker's BullMQ jobs of the run stop, and whether the run's
// progress moves after the cancel answer.
//   node bench/run-memory.mjs [routers=5000] [iterations=10000] [secondsBeforeCancel=40]
//   node bench/run-memory.mjs complete [routers=2000] [iterations=250]   (a run to completion: rate, storage, report memory)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import pg from 'pg';
import { loadConfig } from '@asr-twin/config';
import { withStack } from './support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = 'bench-admin-key-0123456789abcdef0123456789abcdef';
const PORT = 3928;
const CRASH = readFileSync(`${root}examples/iosd-crash.yaml`, 'utf8').replace(/ {2}routers:\n(?: {4}.*\n)+/, '');

/** `VmHWM` (peak) and `VmRSS` (now) of a process, MB, from /proc; null once it has exited. */
function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Math.round(Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(`${name}:`)))[1]) / 1024);
    return { peak: field('VmHWM'), now: field('VmRSS') };
  } catch {
    return null;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Submits `iterations` iterations over a fleet of `routers` (the default shard size), lets it work for
 * `secondsBeforeCancel` (or until it finishes), cancels it, and measures the worker until its jobs stop.
 */
export async function benchRunMemory({ routers = 5000, iterations = 10_000, secondsBeforeCancel = 40 } = {}) {
  const rows = [];
  // Raised for this run: by default (RUN_MAX_ROUTER_ITERATIONS) a run this large is refused at submission.
  const env = { RUN_MAX_ROUTER_ITERATIONS: String(routers * iterations) };
  await withStack({ name: 'runmem', port: PORT, adminKey: ADMIN, workers: 1, env }, async ({ call, workers }) => {
    const worker = workers[0];
    let exitedAt = null;
    worker.once('exit', () => (exitedAt = performance.now()));
    const prefix = `bench-runmem-${process.pid}`;
    const queue = new Queue('runs', { connection: { url: loadConfig().redis.url }, prefix: `{${prefix}}` });
    try {
      await call('POST', '/api/v1/fleets', { name: 'bench-runmem' });
      await call('POST', '/api/v1/fleets/bench-runmem/routers', { generate: { count: routers } });
      const baseline = rssMb(worker.pid);
      const run = await call('POST', '/api/v1/runs', { source: CRASH, iterations, target: { selector: { fleet: 'bench-runmem' } } });
      const started = performance.now();
      let state = run;
      let died = null;
      while (performance.now() - started < secondsBeforeCancel * 1000 && !['completed', 'failed', 'cancelled'].includes(state.status)) {
        await sleep(1000);
        const rss = rssMb(worker.pid);
        if (rss === null) {
          died = Math.round((performance.now() - started) / 1000);
          break;
        }
        state = await call('GET', `/api/v1/runs/${run.id}`);
        console.error(`t=${Math.round((performance.now() - started) / 1000)}s rss=${rss.now}MB peak=${rss.peak}MB done=${state.progress.routersDone}`);
      }
      const cancelled = await call('POST', `/api/v1/runs/${run.id}/cancel`);
      const cancelAt = performance.now();
      let stopMs = null;
      for (; performance.now() - cancelAt < 120_000 && exitedAt === null; await sleep(50)) {
        if ((await queue.getActiveCount()) === 0) {
          stopMs = Math.round(performance.now() - cancelAt);
          break;
        }
      }
      await sleep(1000);
      const after = await call('GET', `/api/v1/runs/${run.id}`);
      const rss = rssMb(worker.pid);
      rows.push({ bench: `worker idle RSS before the run`, value: baseline?.now ?? null, unit: 'MB' });
      rows.push({
        bench: `worker peak RSS, ${routers} routers × ${iterations} iterations, ${secondsBeforeCancel} s of work`,
        value: rss?.peak ?? null,
        unit: 'MB',
        target: '≤ 512 MB',
        pass: rss !== null && rss.peak <= 512,
      });
      if (died !== null) rows.push({ bench: 'worker died during the run after', value: died, unit: 's', pass: false });
      else if (exitedAt !== null)
        rows.push({ bench: 'worker died after the cancel, after', value: Math.round((exitedAt - cancelAt) / 1000), unit: 's', pass: false });
      rows.push({
        bench: 'routers done at the cancel answer / after',
        value: `${cancelled.progress.routersDone} / ${after.progress.routersDone}`,
        unit: 'routers',
        pass: after.progress.routersDone === cancelled.progress.routersDone,
      });
      rows.push({ bench: 'cancel → no active job of the run', value: stopMs, unit: 'ms', target: '≤ 2000 ms', pass: stopMs !== null && stopMs <= 2000 });
    } finally {
      await queue.close();
    }
  });
  return rows;
}

/**
 * A run of `routers` × `iterations` to completion with two workers: its time, the bytes its results take in
 * PostgreSQL per result, and the api's peak resident set while it streams the run's report and JUnit XML.
 */
export async function benchCompletedRun({ routers = 2000, iterations = 250 } = {}) {
  const rows = [];
  await withStack({ name: 'runfull', port: PORT, adminKey: ADMIN, workers: 2 }, async ({ call, http, api, workers, databaseUrl }) => {
    await call('POST', '/api/v1/fleets', { name: 'bench-runfull' });
    await call('POST', '/api/v1/fleets/bench-runfull/routers', { generate: { count: routers } });
    const started = performance.now();
    let state = await call('POST', '/api/v1/runs', { source: CRASH, iterations, target: { selector: { fleet: 'bench-runfull' } } });
    while (!['completed', 'failed', 'cancelled'].includes(state.status)) {
      await sleep(200);
      state = await call('GET', `/api/v1/runs/${state.id}`);
    }
    const ms = performance.now() - started;
    if (state.status !== 'completed') throw new Error(`run ${state.status}: ${state.error}`);
    const results = routers * iterations;
    rows.push({ bench: `run ${routers} routers × ${iterations} iterations, 2 workers`, value: Math.round(ms), unit: 'ms' });
    rows.push({ bench: 'router-simulations written per second', value: Math.round(results / (ms / 1000)), unit: '/s' });
    rows.push({ bench: 'worker peak RSS (max of 2)', value: Math.max(...workers.map((w) => rssMb(w.pid)?.peak ?? 0)), unit: 'MB', target: '≤ 512 MB' });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const size = await client.query(`SELECT pg_total_relation_size('run_result_chunks') AS bytes`);
    await client.end();
    rows.push({ bench: 'run_result_chunks bytes per result (table, TOAST, indexes)', value: Math.round(Number(size.rows[0].bytes) / results), unit: 'B' });
    for (const part of ['report', 'junit']) {
      const t = performance.now();
      const res = await fetch(`${http}/api/v1/runs/${state.id}/${part}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      let bytes = 0;
      for await (const chunk of res.body) bytes += chunk.length;
      rows.push({ bench: `GET /runs/:id/${part}: bytes, ms`, value: `${bytes}, ${Math.round(performance.now() - t)}`, unit: 'B, ms' });
      rows.push({ bench: `api peak RSS after the ${part}`, value: rssMb(api.pid)?.peak ?? null, unit: 'MB' });
    }
  });
  return rows;
}

if (process.argv[2] === 'complete') {
  const [routers, iterations] = process.argv.slice(3).map(Number);
  console.table(await benchCompletedRun({ routers: routers || 2000, iterations: iterations || 250 }));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const [routers, iterations, seconds] = process.argv.slice(2).map(Number);
  const rows = await benchRunMemory({ routers: routers || 5000, iterations: iterations || 10_000, secondsBeforeCancel: seconds || 40 });
  console.table(rows);
  process.exitCode = rows.some((r) => r.pass === false) ? 1 : 0;
}
