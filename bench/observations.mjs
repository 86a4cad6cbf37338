// Measures POST /observations with 10,000 routers × 3 outputs (show redundancy, show version, show platform) in one
// request, through the real api process on a scratch database: one router in ten reports two switchovers the twin
// has not seen (applied), the others their own state (unchanged). The outputs are rendered from the stored routers
// before the clock starts; the row is the wall time of the request, from sending the body to the whole answer.
import { loadConfig } from '@asr-twin/config';
import { renderShow } from '@asr-twin/ios-cli';
import { createDataSource, TypeormRouterRepository } from '@asr-twin/persistence';
import { showContextOf } from '../apps/api/dist/routers/show/show-context.factory.js';
import { apiClient, withStack } from './support.mjs';

const ADMIN = 'bench-admin-key-obs-0123456789abcdef0123456789abcdef';
const PORT = 3937;
const COMMANDS = ['show redundancy', 'show version', 'show platform'];
const TARGET_MS = 15_000;

/** The body: every router's three outputs, one router in ten with a changed switchover counter. */
async function observationItems(databaseUrl, hostnames) {
  const ds = await createDataSource({ url: databaseUrl }).initialize();
  try {
    const routers = await new TypeormRouterRepository(ds).findDetailsByHostnames(hostnames);
    const now = Date.now();
    return routers.flatMap((r, n) =>
      COMMANDS.map((command) => {
        const output = renderShow(command, showContextOf(r, now));
        return {
          hostname: r.hostname,
          command,
          output: n % 10 === 0 && command === 'show redundancy' ? output.replace(/(Switchovers system experienced = )0/, '$12') : output,
        };
      }),
    );
  } finally {
    await ds.destroy();
  }
}

async function post(http, body) {
  const started = performance.now();
  const res = await fetch(`${http}/api/v1/observations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body,
  });
  const answer = await res.json();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`POST /observations: HTTP ${res.status} ${JSON.stringify(answer).slice(0, 200)}`);
  return { ms, summary: answer.summary };
}

/** Rows: the bulk observation of 10,000 routers × 3 outputs (the target row), and the same body posted again. */
export async function benchObservations(count = 10_000) {
  return withStack({ name: 'obs', port: PORT, adminKey: ADMIN }, async ({ http }) => {
    const call = apiClient(http, ADMIN);
    await call('POST', '/api/v1/fleets', { name: 'observed' });
    const created = await call('POST', '/api/v1/fleets/observed/routers', { generate: { count, models: ['ASR1001-X', 'ASR1002-X', 'ASR1006'] } });
    // withStack's scratch database, which the bench reads the stored routers from.
    const databaseUrl = new URL(loadConfig().database.url);
    databaseUrl.pathname = `/asr_twin_bench_obs_${process.pid}`;
    const body = JSON.stringify(
      await observationItems(
        databaseUrl.toString(),
        created.routers.map((r) => r.hostname),
      ),
    );
    const first = await post(http, body);
    const again = await post(http, body);
    const expectApplied = Math.ceil(count / 10) * 3;
    if (first.summary.applied !== expectApplied || again.summary.unchanged !== count * 3) {
      throw new Error(`unexpected outcomes: ${JSON.stringify(first.summary)} then ${JSON.stringify(again.summary)}`);
    }
    const mb = (Buffer.byteLength(body) / 1e6).toFixed(0);
    return [
      {
        bench: `POST /observations ${count} routers × 3 outputs (${mb} MB, 10% applied)`,
        value: Math.round(first.ms),
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        pass: first.ms <= TARGET_MS,
      },
      { bench: `the same body again (all unchanged)`, value: Math.round(again.ms), unit: 'ms', target: '', pass: null },
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchObservations());
}
