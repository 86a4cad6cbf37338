// A heavy Monte Carlo run through the real api and one real worker: the worker's peak resident set while the run
// works, then how long after `POST /runs/:id/cancel` the worker's BullMQ jobs of the run stop, and whether the run's
// progress moves after the cancel answer.
//   node bench/run-memory.mjs [routers=5000] [iterations=10000] [secondsBeforeCancel=40]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
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
  await withStack({ name: 'runmem', port: PORT, adminKey: ADMIN, workers: 1 }, async ({ call, workers }) => {
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
      else if (exitedAt !== null) rows.push({ bench: 'worker died after the cancel, after', value: Math.round((exitedAt - cancelAt) / 1000), unit: 's', pass: false });
      rows.push({ bench: 'routers done at the cancel answer / after', value: `${cancelled.progress.routersDone} / ${after.progress.routersDone}`, unit: 'routers', pass: after.progress.routersDone === cancelled.progress.routersDone });
      rows.push({ bench: 'cancel → no active job of the run', value: stopMs, unit: 'ms', target: '≤ 2000 ms', pass: stopMs !== null && stopMs <= 2000 });
    } finally {
      await queue.close();
    }
  });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [routers, iterations, seconds] = process.argv.slice(2).map(Number);
  const rows = await benchRunMemory({ routers: routers || 5000, iterations: iterations || 10_000, secondsBeforeCancel: seconds || 40 });
  console.table(rows);
  process.exitCode = rows.some((r) => r.pass === false) ? 1 : 0;
}
