// Why routers failed, at fleet scale, through the real processes: a 10,000-router campaign of two models in which
// every ASR1002-X fails and every ASR1006 passes, then the run page's reads timed (median of 5 calls each).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { withStack } from './support.mjs';

const ADMIN = 'bench-admin-key-diagnosis-0123456789abcdef0123456789ab';
const SOURCE = readFileSync(new URL('../test/fixtures/scenarios/active-host-panic.yaml', import.meta.url), 'utf8');
const CALLS = 5;
/** Each read the run page makes, at most this long (median): interactive. */
const TARGET_MS = 250;

/** A TCP port free now on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function median(fn) {
  const times = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(CALLS / 2)];
}

/** Rows for `npm run bench`: the median time of each "why routers failed" read over a 10,000-router run. */
export async function benchRunDiagnosis({ routers = 10_000 } = {}) {
  const port = await freePort();
  return withStack({ name: 'diagnosis', port, adminKey: ADMIN, workers: 2 }, async ({ call }) => {
    await call('POST', '/api/v1/fleets', { name: 'mixed' });
    await call('POST', '/api/v1/fleets/mixed/routers', { generate: { count: routers, models: ['ASR1002-X', 'ASR1006'] } });
    const created = await call('POST', '/api/v1/runs', { source: SOURCE, target: { selector: { fleet: 'mixed' } } });
    let run = created;
    while (!['completed', 'failed', 'cancelled'].includes(run.status)) {
      await new Promise((r) => setTimeout(r, 200));
      run = await call('GET', `/api/v1/runs/${created.id}`);
    }
    if (run.status !== 'completed') throw new Error(`run ${run.status}: ${run.error}`);
    const base = `/api/v1/runs/${run.id}`;
    const last = `mixed-${String(routers - 1).padStart(5, '0')}`;
    const reads = [
      ['failing expectations (GET /runs/:id/failures)', `${base}/failures`],
      ['cause groups (GET /runs/:id/causes)', `${base}/causes`],
      ["a group's failed routers, first page (model, verdict)", `${base}/results?model=ASR1002-X&verdict=fail`],
      [
        "a group's failed routers, last page (starting state)",
        `${base}/results?verdict=fail&start=${encodeURIComponent('R0/0 ACTIVE, R0/1 STANDBY HOT')}&offset=${routers / 2 - 50}`,
      ],
      ['hostname search over every router', `${base}/results?q=${last.slice(-5)}`],
      ["one router's why (GET /runs/:id/results/:hostname)", `${base}/results/${last}`],
    ];
    const rows = [];
    for (const [what, path] of reads) {
      const answer = await call('GET', path);
      if (answer.total === 0) throw new Error(`${path} found nothing`);
      const ms = await median(() => call('GET', path));
      rows.push({
        bench: `${what}, ${routers} routers, median of ${CALLS}`,
        value: Math.round(ms * 10) / 10,
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        pass: ms <= TARGET_MS,
      });
    }
    return rows;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchRunDiagnosis({ routers: Number(process.argv[2] ?? 10_000) }));
}
