import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  forecastFleet,
  parseForecastFleet,
  parsePeriod,
  parseRateOverrides,
  parseWhatIf,
  sampleForecastFleet,
  YEAR_MS,
  type ForecastFleet,
  type ForecastReport,
  type RouterRow,
} from '@asr-twin/forecast';
import { parse as parseYaml } from 'yaml';
import { type CliIo, EXIT, type ExitCode, InfrastructureError, UsageError } from '../cli-io.js';
import { Progress } from '../progress.js';
import { ServerClient, type ServerForecast } from '../server-client.js';

export const FORECAST_HELP = `usage: twin forecast [FLEET_FILE] [--period 1y] [--trials N] [--seed N] [--rates FILE]
                     [--what-if key=value …] [--json] [--out FILE]
       twin forecast --server URL --key KEY [--fleet F] [--model M] [--label k=v …] [--hostname H …]
                     [--period 1y] [--trials N] [--seed N] [--rates FILE] [--what-if key=value …] [--json] [--out FILE]

Availability forecast, embedded (no services needed): a Monte Carlo of failures drawn from the rates of
"twin rates" over the period, each played by the simulator from the router's configuration, with repairs.
Prints each router's expected annual control- and data-plane downtime (mean, p95, 99 % interval), its
availability in nines and its main causes, ranked, and roll-ups by model, mode and site.
  FLEET_FILE          YAML or JSON: routers (hostname, model, redundancy, version, hardware: { rps, esps,
                      psus }, labels: { site }, spares), optional rates (fleet overrides) and models
                      (per-model overrides); without it, the built-in sample fleet
  --period D          length of a trial: 1y (default); units y (365 days), d, h, e.g. 90d
  --trials N          trials per router (default 200)
  --seed N            forecast seed (default 1): same seed, same fleet → byte-identical report
  --rates FILE        rate overrides of this request, YAML or JSON keyed by class:
                      { esp-hardware: { mtbfHours: 150000, mttrHours: 2 } } (strongest layer)
  --what-if k=v       compare with a changed configuration (repeatable): redundancy=sso|rpr|none,
                      rps=1|2, esps=1|2, psus=1|2, spares=true|false; each router takes what its chassis can
  --json              print the report (schema asr-twin/forecast-report/v1) as JSON
  --out FILE          write the JSON report to FILE (the summary is still printed)
On a server (--server URL --key KEY, or TWIN_SERVER and TWIN_API_KEY; the key needs role operator): a queued
forecast of the server's stored routers chosen by --fleet (name or id), --model, --label k=v and --hostname
(repeatable), from their stored configuration; progress on stderr; the report is the server's, the same bytes
as an embedded forecast of the same routers, options and what-if.
Exit codes: 0 done, 2 invalid input, 3 infrastructure error (server unreachable, forecast failed).`;

export interface ForecastCommandOptions {
  readonly file?: string;
  /** Run on a server, over its stored routers chosen by `selector`. */
  readonly server?: { readonly url: string; readonly key: string };
  readonly selector?: { fleet?: string; model?: string; labels?: Record<string, string>; hostnames?: string[] };
  readonly period?: string;
  readonly trials?: number;
  readonly seed?: number;
  readonly rates?: string;
  readonly whatIf: readonly string[];
  readonly json: boolean;
  readonly out?: string;
}

async function readStructured(io: CliIo, file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseYaml(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file}: not YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}

const hours = (s: number): string => (s >= 3600 ? `${(s / 3600).toFixed(2)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`);

function routerLine(r: RouterRow): string {
  const nines = r.dataPlane.nines === null ? '∞' : r.dataPlane.nines.toFixed(2);
  const causes = r.causes
    .filter((c) => c.dataPlaneShare > 0)
    .slice(0, 3)
    .map((c) => `${c.cause} ${Math.round(c.dataPlaneShare * 100)}%`)
    .join(', ');
  return (
    `${String(r.rank).padStart(3)}  ${r.hostname.padEnd(14)} ${r.model.padEnd(10)} ${r.redundancy.padEnd(4)} ` +
    `DP ${hours(r.dataPlane.meanS).padStart(10)}/y (p95 ${hours(r.dataPlane.p95S)}, 99% ${hours(r.dataPlane.ciS.low)}–${hours(r.dataPlane.ciS.high)}) ` +
    `${nines} nines  CP ${hours(r.controlPlane.meanS)}/y  ${causes || 'no data-plane downtime'}`
  );
}

function summary(report: ForecastReport): string {
  const lines = [
    `forecast: ${report.baseline.totals.routers} router(s) × ${report.trials} trial(s) of ${(report.periodMs / YEAR_MS).toFixed(2)} y, seed ${report.seed} (${report.baseline.totals.simulations} simulations)`,
    'expected annual downtime, most data-plane downtime first:',
    ...report.baseline.routers.map(routerLine),
    'by model:',
    ...report.baseline.rollups.byModel.map(
      (g) => `  ${g.key.padEnd(10)} ${String(g.routers).padStart(4)} router(s)  DP ${hours(g.dataPlaneMeanS)}/y  CP ${hours(g.controlPlaneMeanS)}/y per router`,
    ),
    'by site:',
    ...report.baseline.rollups.bySite.map(
      (g) => `  ${g.key.padEnd(10)} ${String(g.routers).padStart(4)} router(s)  DP ${hours(g.dataPlaneMeanS)}/y  CP ${hours(g.controlPlaneMeanS)}/y per router`,
    ),
  ];
  const c = report.comparison;
  if (c) {
    const changes = Object.entries(c.changes)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    const d = (x: { deltaS: number; ciS: { low: number; high: number } }) =>
      `${x.deltaS >= 0 ? '+' : '−'}${hours(Math.abs(x.deltaS))}/y (99% ${x.ciS.low.toFixed(1)} s … ${x.ciS.high.toFixed(1)} s)`;
    lines.push(`what-if ${changes}: fleet DP ${d(c.fleet.dataPlane)}, CP ${d(c.fleet.controlPlane)}`);
    for (const r of c.routers)
      lines.push(
        `  ${r.hostname.padEnd(14)} DP ${hours(r.dataPlane.baselineS)} → ${hours(r.dataPlane.whatIfS)}  CP ${hours(r.controlPlane.baselineS)} → ${hours(r.controlPlane.whatIfS)}`,
      );
    for (const x of c.refused) lines.push(`  not changed: ${x.hostname} ${x.key}: ${x.reason}`);
  }
  if (report.baseline.totals.errors > 0) lines.push(`${report.baseline.totals.errors} simulation(s) ended in error; see the JSON report (firstError)`);
  return `${lines.join('\n')}\n`;
}

/** Polls a server's forecast to its end, with progress on stderr (a bar on a terminal, lines otherwise). */
async function follow(client: ServerClient, started: ServerForecast, io: CliIo): Promise<ServerForecast> {
  let forecast = started;
  let bar: Progress | null = null;
  let lastLine = '';
  while (!['completed', 'failed', 'cancelled'].includes(forecast.status)) {
    await new Promise((r) => setTimeout(r, 250));
    forecast = await client.forecast(forecast.id);
    const { routersDone, routerCount } = forecast.progress;
    if (!routerCount) continue;
    bar ??= new Progress(io.stderr, routerCount, 'routers');
    if (bar.enabled) bar.update(routersDone, 'forecast');
    else {
      const line = `forecast ${forecast.id}: ${routersDone}/${routerCount} routers`;
      if (line !== lastLine) io.stderr.write(`${line}\n`);
      lastLine = line;
    }
  }
  bar?.clear();
  return forecast;
}

async function serverForecast(options: ForecastCommandOptions, server: { url: string; key: string }, io: CliIo): Promise<ExitCode> {
  if (options.file !== undefined)
    throw new UsageError("with --server the routers are the server's: choose them with --fleet, --model, --label or --hostname, not a fleet file");
  if (options.selector === undefined || Object.keys(options.selector).length === 0) {
    throw new UsageError('twin forecast --server needs routers: --fleet, --model, --label or --hostname');
  }
  if (options.period !== undefined) parsePeriod(options.period, '--period');
  const rates = options.rates === undefined ? undefined : parseRateOverrides(await readStructured(io, options.rates, 'rates file'), 'rates');
  const whatIf = options.whatIf.length > 0 ? parseWhatIf(options.whatIf) : undefined;
  const client = new ServerClient(server.url, server.key);
  const body = {
    selector: options.selector,
    ...(options.period === undefined ? {} : { period: options.period }),
    ...(options.trials === undefined ? {} : { trials: options.trials }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(rates === undefined ? {} : { rates }),
    ...(whatIf === undefined ? {} : { whatIf }),
  };
  const forecast = await follow(client, await client.startForecast(body), io);
  if (forecast.status !== 'completed') {
    const why = `forecast ${forecast.id} ${forecast.status}${forecast.error ? `: ${forecast.error}` : ''}`;
    if (forecast.error?.startsWith('no router matches')) throw new UsageError(why);
    throw new InfrastructureError(why);
  }
  const json = await client.forecastReport(forecast.id);
  if (options.out !== undefined) await writeFile(resolve(io.cwd, options.out), json);
  io.stdout.write(options.json ? json : summary(JSON.parse(json) as ForecastReport));
  return EXIT.ok;
}

export async function forecastCommand(options: ForecastCommandOptions, io: CliIo): Promise<ExitCode> {
  if (options.server !== undefined) return serverForecast(options, options.server, io);
  const periodMs = options.period === undefined ? YEAR_MS : parsePeriod(options.period, '--period');
  const fleet: ForecastFleet = options.file === undefined ? sampleForecastFleet() : parseForecastFleet(await readStructured(io, options.file, 'fleet file'));
  const request = options.rates === undefined ? undefined : parseRateOverrides(await readStructured(io, options.rates, 'rates file'), 'rates');
  const whatIf = options.whatIf.length > 0 ? parseWhatIf(options.whatIf) : undefined;
  let progress: Progress | null = null;
  const report = forecastFleet(
    fleet.routers,
    {
      seed: options.seed ?? 1,
      trials: options.trials ?? 200,
      periodMs,
      rates: { ...fleet.rates, ...(request === undefined ? {} : { request }) },
    },
    whatIf,
    (done, total) => {
      progress ??= new Progress(io.stderr, total, 'router forecasts');
      progress.update(done, 'forecast');
    },
  );
  (progress as Progress | null)?.clear();
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (options.out !== undefined) await writeFile(resolve(io.cwd, options.out), json);
  io.stdout.write(options.json ? json : summary(report));
  return EXIT.ok;
}
