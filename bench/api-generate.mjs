// Measures POST /fleets/:id/routers { generate } through the real api process on a scratch database.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@asr-twin/config';
import { admin, waitForHealth } from './support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

/** Rows: wall time of generating `count` routers in one request, for each count. */
export async function benchApiGenerate(counts = [10_000, 100_000]) {
  const base = loadConfig().database.url;
  const name = `asr_twin_bench_${process.pid}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  // Every route but /health needs an API key: the api stores this one as its admin key.
  const adminKey = `bench-admin-${randomBytes(24).toString('hex')}`;
  const env = { DATABASE_URL: url.toString(), PORT: '3917', LOG_LEVEL: 'warn', SEED_SAMPLE_FLEET: 'false', ADMIN_API_KEY: adminKey };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` };
  await run(['apps/admin/dist/main.js', 'migrate', 'up'], env);
  const api = spawn(process.execPath, ['apps/api/dist/main.js'], { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
  const http = 'http://127.0.0.1:3917';
  const rows = [];
  try {
    await waitForHealth(http);
    for (const count of counts) {
      const fleet = `bench-${count}`;
      await fetch(`${http}/api/v1/fleets`, { method: 'POST', headers, body: JSON.stringify({ name: fleet }) });
      const started = performance.now();
      const res = await fetch(`${http}/api/v1/fleets/${fleet}/routers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ generate: { count } }),
      });
      await res.arrayBuffer();
      const ms = performance.now() - started;
      if (res.status !== 201) throw new Error(`generate ${count}: HTTP ${res.status}`);
      rows.push({
        bench: `POST generate ${count} routers`,
        value: Math.round(ms),
        unit: 'ms',
        target: count === 10_000 ? '≤ 5000 ms' : '',
        pass: count === 10_000 ? ms <= 5000 : null,
      });
    }
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await admin(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchApiGenerate());
}
