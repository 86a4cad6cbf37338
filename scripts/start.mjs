// Runs the service on one machine: applies migrations, creates the sample fleet on an empty database, then
// runs the api and the worker until a signal arrives. Configuration comes from the environment (see README),
// read by each process. A worker that exits on its own is started again (after 1 s, doubling up to 30 s while
// it keeps failing): the api keeps serving meanwhile, and queued work waits in Redis and PostgreSQL. An api
// that exits on its own stops the whole service with its exit code.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { workerNodeFlags } from './worker-node-flags.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;
/** A worker that ran this long before exiting is restarted after the first delay again. */
const HEALTHY_RUN_MS = 60_000;
const MAX_RESTART_DELAY_MS = 30_000;

function step(args) {
  const result = spawnSync(node, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** One line on stderr, as JSON like the services' own logs. */
function log(level, msg, fields = {}) {
  process.stderr.write(`${JSON.stringify({ level, time: Date.now(), name: 'start', msg, ...fields })}\n`);
}

step(['apps/admin/dist/main.js', 'migrate', 'up']);
step(['apps/admin/dist/main.js', 'seed-sample']);

let stopping = false;
let exitCode = 0;
const running = new Set();
let restartTimer;

function stop(signal) {
  if (stopping) return;
  stopping = true;
  clearTimeout(restartTimer);
  for (const child of running) child.kill(signal);
  if (running.size === 0) process.exit(exitCode);
}

function start(name, entry, onExit, flags = []) {
  const child = spawn(node, [...flags, entry], { cwd: root, stdio: 'inherit' });
  const startedAt = Date.now();
  running.add(child);
  log(30, `${name} started`, { process: name, pid: child.pid });
  child.on('exit', (code, signal) => {
    running.delete(child);
    if (stopping) {
      if (running.size === 0) process.exit(exitCode);
      return;
    }
    onExit(code, signal, Date.now() - startedAt);
  });
  return child;
}

start('api', 'apps/api/dist/main.js', (code, signal) => {
  log(50, 'api exited; stopping the service', { process: 'api', code, signal });
  exitCode = code || 1;
  stop('SIGTERM');
});

let delay = 1000;
function startWorker() {
  start(
    'worker',
    'apps/worker/dist/main.js',
    (code, signal, ranMs) => {
      if (ranMs >= HEALTHY_RUN_MS) delay = 1000;
      log(50, `worker exited; starting it again in ${delay / 1000} s (the api keeps serving)`, { process: 'worker', code, signal });
      restartTimer = setTimeout(startWorker, delay);
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    },
    workerNodeFlags(),
  );
}
startWorker();

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
