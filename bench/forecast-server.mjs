// Availability forecast through the real processes: a 10,000-router fleet (generated, every chassis model)
// forecast over one simulated year with 100 trials per router by two workers, timed from POST /forecasts to
// completed (report built and stored), with each worker's peak RSS and the storage the forecast wrote.
// Runnable directly: `node bench/forecast-server.mjs [routers] [trials]`.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { withStack } from './support.mjs';

const ADMIN = 'bench-admin-key-0123456789abcdef0123456789abcdef';
const PORT = 3931;
const TARGET_MS = 60_000;
const TARGET_RSS_MB = 512;

/** Peak resident set (`VmHWM`) of a process, MB, from /proc; null once it has exited. */
function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, s, from /proc; null once it has exited. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Rows for `npm run bench`: the forecast's wall time, the workers' peak RSS and the storage. */
export async function benchForecastServer({ routers = 10_000, trials = 100 } = {}) {
  return withStack({ name: 'forecast', port: PORT, adminKey: ADMIN, workers: 2 }, async ({ call, databaseUrl, workers }) => {
    await call('POST', '/api/v1/fleets', { name: 'bench-forecast' });
    await call('POST', '/api/v1/fleets/bench-forecast/routers', { generate: { count: routers } });
    const load = loadavg()[0];
    const cpuBefore = workers.map((w) => cpuSeconds(w.pid) ?? 0);
    const started = performance.now();
    const forecast = await call('POST', '/api/v1/forecasts', { selector: { fleet: 'bench-forecast' }, period: '1y', trials });
    let state = forecast;
    while (!['completed', 'failed', 'cancelled'].includes(state.status)) {
      await new Promise((r) => setTimeout(r, 200));
      state = await call('GET', `/api/v1/forecasts/${forecast.id}`);
    }
    const ms = performance.now() - started;
    if (state.status !== 'completed') throw new Error(`forecast ${state.status}: ${state.error}`);
    const rss = Math.max(...workers.map((w) => peakRssMb(w.pid) ?? 0));
    // On a machine shared with other work the wall time says little; the CPU each worker used is what the
    // forecast would take on two idle cores (the two workers run in parallel).
    const cpu = Math.max(...workers.map((w, k) => (cpuSeconds(w.pid) ?? 0) - (cpuBefore[k] ?? 0)));
    const storage = await storageMb(databaseUrl);
    return [
      {
        bench: `forecast ${routers} routers × 1 y × ${trials} trials, 2 workers, POST → completed (load average at start ${load.toFixed(1)})`,
        value: Math.round(ms),
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        pass: ms <= TARGET_MS,
      },
      {
        bench: 'forecast: CPU time of the busier worker over the forecast (its wall time on two idle cores)',
        value: Math.round(cpu * 1000),
        unit: 'ms',
        target: '',
        pass: null,
      },
      {
        bench: 'forecast: worker peak RSS (the larger of the two)',
        value: rss,
        unit: 'MB',
        target: `≤ ${TARGET_RSS_MB} MB`,
        pass: rss > 0 && rss <= TARGET_RSS_MB,
      },
      {
        bench: 'storage of that forecast: distributions, frozen routers and the gzip report, indexes included',
        value: storage,
        unit: 'MB',
        target: '',
        pass: null,
      },
    ];
  });
}

/** Size of the forecast tables (one forecast in the scratch database), indexes and TOAST included. */
async function storageMb(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT pg_total_relation_size('forecast_results') + pg_total_relation_size('forecast_targets') + pg_total_relation_size('forecasts') AS bytes`,
    );
    return Math.round((Number(rows[0].bytes) / 1024 / 1024) * 10) / 10;
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchForecastServer({ routers: Number(process.argv[2] ?? 10_000), trials: Number(process.argv[3] ?? 100) }));
}
