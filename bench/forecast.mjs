// Availability forecast, embedded and single-process: router-trials per second of `forecastFleet` on a generated
// fleet (the sample fleet's generated edge models: ASR1001-X, ASR1002-X, ASR1004, ASR1006, SSO), one simulated year
// per trial, and the time that rate implies for the DESIGN target (10,000 routers × 1 year × 100 trials ≤ 60 s on
// two workers). Runs against the BUILT libs. Runnable directly: `node bench/forecast.mjs [routers] [trials]`.
import { forecastFleet } from '@asr-twin/forecast';

const MODELS = ['ASR1001-X', 'ASR1002-X', 'ASR1004', 'ASR1006'];
const TARGET_ROUTER_TRIALS = 10_000 * 100;
const TARGET_S = 60;
const WORKERS = 2;

export async function benchForecast(routers = 1000, trials = 10) {
  const fleet = Array.from({ length: routers }, (_, i) => ({
    hostname: `bench-${String(i).padStart(6, '0')}`,
    model: MODELS[i % MODELS.length],
    redundancy: 'sso',
    version: '17.3.4a',
    labels: { site: ['ams', 'fra', 'lon'][i % 3] },
  }));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = forecastFleet(fleet, { seed: 42, trials });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // CPU time, not wall time: the rate a worker gets from a core of its own, whatever else shares the machine.
  const cpuMs = (used.user + used.system) / 1000;
  const perSecond = (routers * trials) / (cpuMs / 1000);
  const projected = TARGET_ROUTER_TRIALS / perSecond / WORKERS;
  const rss = Math.round(process.memoryUsage().rss / 1048576);
  return [
    {
      bench: `forecast: ${routers} routers × ${trials} trials × 1 y, one process`,
      value: Math.round(ms),
      unit: 'ms',
      target: '',
      pass: report.baseline.totals.errors === 0,
    },
    { bench: 'forecast: CPU time', value: Math.round(cpuMs), unit: 'ms', target: '', pass: true },
    { bench: 'forecast: router-trials per CPU second', value: Math.round(perSecond), unit: '/s', target: '', pass: true },
    {
      bench: `forecast: simulations (${report.baseline.totals.events} engine events, ${report.baseline.totals.quietFailures} quiet failures not re-simulated)`,
      value: report.baseline.totals.simulations,
      unit: '',
      target: '',
      pass: true,
    },
    {
      bench: 'forecast: projected 10,000 × 100 trials on 2 workers',
      value: Math.round(projected),
      unit: 's',
      target: `<= ${TARGET_S}`,
      pass: projected <= TARGET_S,
    },
    { bench: 'forecast: RSS', value: rss, unit: 'MB', target: '<= 512', pass: rss <= 512 },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchForecast(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 10)));
