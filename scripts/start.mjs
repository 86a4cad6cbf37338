// Runs the service on one machine: applies migrations, creates the sample fleet on an empty database, then
// runs the api and the worker until one of them exits or a signal arrives. Configuration comes from the
// environment (see README), read by each process.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;

function step(args) {
  const result = spawnSync(node, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step(['apps/admin/dist/main.js', 'migrate', 'up']);
step(['apps/admin/dist/main.js', 'seed-sample']);

const children = ['apps/api/dist/main.js', 'apps/worker/dist/main.js'].map((entry) =>
  spawn(node, [entry], { cwd: root, stdio: 'inherit' }),
);

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
}

let exitCode = 0;
let running = children.length;
for (const child of children) {
  child.on('exit', (code, signal) => {
    if (!stopping && (code !== 0 || signal)) exitCode = code ?? 1;
    running -= 1;
    stop('SIGTERM');
    if (running === 0) process.exit(exitCode);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
