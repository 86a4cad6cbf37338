import type { ScenarioRouter, StartMode } from '@asr-twin/domain';
import { formatDuration } from '@asr-twin/scenario';
import { iterationSeed, type Report, runScenario, runSeedOf } from '@asr-twin/simulator';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type CliIo, EXIT, type ExitCode, InfrastructureError, UsageError } from '../cli-io.js';
import { failureMessage, type JunitSuite, toJunitXml } from '@asr-twin/reporting';
import { Progress } from '../progress.js';
import { expandArguments, type LoadedScenario, loadScenarios } from '../scenario-files.js';
import { ServerClient } from '../server-client.js';

export const RUN_HELP = `usage: twin run <files or globs…> [--json] [--junit FILE] [--seed N] [--iterations N]
                [--start twin|healthy] [--server URL --key KEY]

Runs scenario files with the embedded simulator (no services needed) on the routers they embed, or on a
server (--server, or TWIN_SERVER) with an API key of role operator (--key, or TWIN_API_KEY), where a
scenario may also select routers of the twin's fleet.
  --json          print the report of each run (DESIGN.md format): one object, or an array when several
  --junit FILE    write JUnit XML (one testcase per router and expectation)
  --seed N        run seed (0–4294967295); overrides spec.seed
  --iterations N  Monte Carlo: run each scenario N times with seeds derived from the run seed (on a server:
                  one report, of the first iteration, with the distribution of all of them)
  --start MODE    where the routers start: twin (default; routers of the twin's fleet from their stored
                  state, embedded routers from their declared state:) or healthy (every router healthy)
  --server URL    submit to an asr-twin server and wait, showing progress on a terminal
  --key KEY       the API key for --server
Exit codes: 0 every expectation held, 1 an expectation failed, 2 invalid input, 3 infrastructure error.`;

export interface RunOptions {
  readonly json: boolean;
  readonly server?: { readonly url: string; readonly key: string };
  readonly junit?: string;
  readonly seed?: number;
  readonly iterations: number;
  readonly start: StartMode;
}

interface Outcome {
  readonly loaded: LoadedScenario;
  readonly iteration?: number;
  readonly report: Report;
  readonly durationMs: number;
}

function runOne(loaded: LoadedScenario, options: RunOptions, iteration: number): Outcome {
  const base = runSeedOf(loaded.scenario, options.seed);
  const seed = options.iterations > 1 ? iterationSeed(base, iteration) : base;
  const started = performance.now();
  const routers = loaded.scenario.spec.routers ?? [];
  const report = runScenario(loaded.scenario, options.start === 'healthy' ? routers.map(healthy) : routers, { seed });
  return {
    loaded,
    ...(options.iterations > 1 ? { iteration } : {}),
    report,
    durationMs: performance.now() - started,
  };
}

/** The router without its declared starting state (`--start healthy`). */
function healthy(router: ScenarioRouter): ScenarioRouter {
  const { start: _declared, ...plain } = router;
  return plain;
}

function embeddedTargets(l: LoadedScenario): void {
  if (l.scenario.spec.selector) {
    throw new UsageError(`${l.file}: selects routers of a fleet (spec.selector); run it against a server`);
  }
  if (!l.scenario.spec.routers?.length) throw new UsageError(`${l.file}: names no routers (spec.routers)`);
}

function summaryLine(o: Outcome): string {
  const r = o.report;
  const label = o.iteration === undefined ? '' : ` #${o.iteration}`;
  const held = r.expectations.filter((e) => e.verdict === 'pass').length;
  return `${r.verdict.toUpperCase().padEnd(5)} ${r.scenario}${label}  ${o.loaded.file}  seed ${r.seed}  ${r.routers.length} router(s), ${held}/${r.expectations.length} expectation(s) held`;
}

function detailLines(o: Outcome): string[] {
  const errors = o.report.routers.filter((r) => r.verdict === 'error').map((r) => `      ${r.hostname}: error: ${r.error ?? 'not simulated'}`);
  const failures = o.report.expectations.filter((e) => e.verdict !== 'pass').map((e) => `      ${failureMessage(e)}`);
  return [...errors, ...failures];
}

function exitCodeOf(outcomes: readonly Outcome[]): ExitCode {
  if (outcomes.some((o) => o.report.verdict === 'error')) return EXIT.invalid;
  return outcomes.some((o) => o.report.verdict === 'fail') ? EXIT.failed : EXIT.ok;
}

async function runEmbedded(loaded: readonly LoadedScenario[], options: RunOptions, io: CliIo): Promise<Outcome[]> {
  const progress = new Progress(io.stderr, loaded.length * options.iterations, 'runs');
  const outcomes: Outcome[] = [];
  for (const l of loaded) {
    for (let i = 0; i < options.iterations; i++) {
      outcomes.push(runOne(l, options, i));
      progress.update(outcomes.length, l.scenario.metadata.name);
      if (progress.enabled) await new Promise((r) => setImmediate(r));
    }
  }
  progress.clear();
  return outcomes;
}

async function runOnServer(
  loaded: readonly LoadedScenario[],
  options: RunOptions,
  server: { url: string; key: string },
  io: CliIo,
): Promise<Outcome[]> {
  const client = new ServerClient(server.url, server.key);
  const outcomes: Outcome[] = [];
  for (const l of loaded) {
    const started = performance.now();
    let run = await client.submit(l.file, l.source, { iterations: options.iterations, start: options.start, ...(options.seed === undefined ? {} : { seed: options.seed }) });
    let progress: Progress | null = null;
    while (!['completed', 'failed', 'cancelled'].includes(run.status)) {
      await new Promise((r) => setTimeout(r, 250));
      run = await client.run(run.id);
      if (run.progress.routerCount) {
        progress ??= new Progress(io.stderr, run.progress.routerCount, 'routers');
        progress.update(run.progress.routersDone, l.scenario.metadata.name);
      }
    }
    progress?.clear();
    if (run.status !== 'completed') throw new InfrastructureError(`${l.file}: run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}`);
    outcomes.push({ loaded: l, report: (await client.report(run.id)) as Report, durationMs: performance.now() - started });
  }
  return outcomes;
}

export async function runCommand(args: readonly string[], options: RunOptions, io: CliIo): Promise<ExitCode> {
  const files = await expandArguments(args, io.cwd);
  const { loaded, errors } = await loadScenarios(files, io.cwd);
  for (const e of errors) io.stderr.write(`${e}\n`);
  if (errors.length > 0) return EXIT.invalid;
  if (!options.server) for (const l of loaded) embeddedTargets(l);
  for (const w of loaded.flatMap((l) => l.warnings)) io.stderr.write(`${w}\n`);
  const outcomes = options.server ? await runOnServer(loaded, options, options.server, io) : await runEmbedded(loaded, options, io);

  if (options.junit) {
    const suites: JunitSuite[] = outcomes.map((o) => ({ report: o.report, source: o.loaded.file, durationMs: o.durationMs, ...(o.iteration === undefined ? {} : { iteration: o.iteration }) }));
    await writeFile(resolve(io.cwd, options.junit), toJunitXml(suites));
  }
  if (options.json) {
    const reports = outcomes.map((o) => o.report);
    io.stdout.write(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
  } else {
    for (const o of outcomes) io.stdout.write([summaryLine(o), ...detailLines(o)].join('\n') + '\n');
    const failed = outcomes.filter((o) => o.report.verdict !== 'pass').length;
    const wallMs = Math.round(outcomes.reduce((n, o) => n + o.durationMs, 0));
    io.stdout.write(`${outcomes.length - failed} of ${outcomes.length} run(s) passed (${formatDuration(wallMs)} of wall time)\n`);
  }
  return exitCodeOf(outcomes);
}
