import type { ScenarioRouter, StartMode } from '@asr-twin/domain';
import { formatDuration } from '@asr-twin/scenario';
import { type Report, runScenario, runSeedOf, seedOfIteration, type Verdict } from '@asr-twin/simulator';
import { writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { resolve } from 'node:path';
import { type CliIo, EXIT, type ExitCode, InfrastructureError, UsageError } from '../cli-io.js';
import { expectationPlaces, failureMessage, type JunitSuite, toJunitXml } from '@asr-twin/reporting';
import { digestJunit, JunitAssembly } from '../junit-stream.js';
import { Progress } from '../progress.js';
import { expandArguments, type LoadedScenario, loadScenarios } from '../scenario-files.js';
import { ServerClient } from '../server-client.js';

export const RUN_HELP = `usage: twin run <files or globs…> [--json] [--junit FILE] [--seed N] [--iterations N]
                [--start twin|healthy] [--server URL --key KEY]

Runs scenario files with the embedded simulator (no services needed) on the routers they embed, or on a
server (--server, or TWIN_SERVER) with an API key of role operator (--key, or TWIN_API_KEY), where a
scenario may also select routers of the twin's fleet.
  --json          print the report of each run (docs/report-format.md): one object, or an array when several
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

/** One run's outcome as the summary prints it; `report` is held for embedded runs and for `--json`. */
interface Outcome {
  readonly loaded: LoadedScenario;
  readonly iteration?: number;
  readonly durationMs: number;
  readonly verdict: Verdict;
  readonly seed: number;
  readonly routers: number;
  /** Expectations checked (router × expectation) and how many held. */
  readonly expectations: number;
  readonly held: number;
  /** Routers that could not be simulated, then the failed expectations, one indented line each. */
  readonly details: readonly string[];
  readonly report?: Report;
}

/** The summary of a report held in memory. */
function digestReport(r: Report): Pick<Outcome, 'verdict' | 'seed' | 'routers' | 'expectations' | 'held' | 'details'> {
  const errors = r.routers.filter((x) => x.verdict === 'error').map((x) => `      ${x.hostname}: error: ${x.error ?? 'not simulated'}`);
  const failures = r.expectations.filter((e) => e.verdict !== 'pass').map((e) => `      ${failureMessage(e)}`);
  return {
    verdict: r.verdict,
    seed: r.seed,
    routers: r.routers.length,
    expectations: r.expectations.length,
    held: r.expectations.filter((e) => e.verdict === 'pass').length,
    details: [...errors, ...failures],
  };
}

function runOne(loaded: LoadedScenario, options: RunOptions, iteration: number): Outcome {
  const base = runSeedOf(loaded.scenario, options.seed);
  const seed = seedOfIteration(base, options.iterations, iteration);
  const started = performance.now();
  const routers = loaded.scenario.spec.routers ?? [];
  const report = runScenario(loaded.scenario, options.start === 'healthy' ? routers.map(healthy) : routers, { seed });
  return {
    loaded,
    ...(options.iterations > 1 ? { iteration } : {}),
    ...digestReport(report),
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
  const label = o.iteration === undefined ? '' : ` #${o.iteration}`;
  return `${o.verdict.toUpperCase().padEnd(5)} ${o.loaded.scenario.metadata.name}${label}  ${o.loaded.file}  seed ${o.seed}  ${o.routers} router(s), ${o.held}/${o.expectations} expectation(s) held`;
}

function exitCodeOf(outcomes: readonly Outcome[]): ExitCode {
  if (outcomes.some((o) => o.verdict === 'error')) return EXIT.invalid;
  return outcomes.some((o) => o.verdict === 'fail') ? EXIT.failed : EXIT.ok;
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

/**
 * Runs each file on the server and waits, with progress. The summary and failure lines come from the run's
 * JUnit XML as it streams past (written to the `--junit` file on the way), so memory stays constant whatever
 * the fleet's size; the whole report is read only for `--json`, which prints it.
 */
async function runOnServer(
  loaded: readonly LoadedScenario[],
  options: RunOptions,
  server: { url: string; key: string },
  io: CliIo,
  junit: JunitAssembly | null,
): Promise<Outcome[]> {
  const client = new ServerClient(server.url, server.key);
  const outcomes: Outcome[] = [];
  for (const l of loaded) {
    const started = performance.now();
    let run = await client.submit(l.file, l.source, {
      iterations: options.iterations,
      start: options.start,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    });
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
    const report = options.json ? ((await client.report(run.id)) as Report) : undefined;
    let summary: Pick<Outcome, 'verdict' | 'seed' | 'routers' | 'expectations' | 'held' | 'details'> | null = report ? digestReport(report) : null;
    if (junit || !report) {
      const part = junit?.part() ?? null;
      const digest = await digestJunit(await client.runJunit(run.id, l.file), part?.stream ?? null);
      if (part) {
        part.stream.end();
        await finished(part.stream);
        junit?.add(digest);
      }
      summary ??= {
        verdict: run.verdict ?? 'error',
        seed: run.seed,
        routers: run.progress.routerCount ?? 0,
        expectations: digest.expectations,
        held: digest.held,
        details: digest.details,
      };
    }
    outcomes.push({ loaded: l, ...summary, ...(report ? { report } : {}), durationMs: performance.now() - started } as Outcome);
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
  const assembly = options.server && options.junit ? new JunitAssembly(resolve(io.cwd, options.junit)) : null;
  let outcomes: Outcome[];
  try {
    outcomes = options.server ? await runOnServer(loaded, options, options.server, io, assembly) : await runEmbedded(loaded, options, io);
    if (assembly) await assembly.write();
  } catch (error) {
    await assembly?.discard();
    throw error;
  }

  if (options.junit && !options.server) {
    const suites: JunitSuite[] = outcomes.map((o) => ({
      report: o.report as Report,
      source: o.loaded.file,
      durationMs: o.durationMs,
      ...(o.iteration === undefined ? {} : { iteration: o.iteration }),
    }));
    const places = new Map(loaded.map((l) => [l.file, expectationPlaces(l.file, l.scenario.spec.expect)]));
    await writeFile(
      resolve(io.cwd, options.junit),
      toJunitXml(suites, (source, e, i) => places.get(source)?.(e, i)),
    );
  }
  if (options.json) {
    const reports = outcomes.map((o) => o.report as Report);
    io.stdout.write(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
  } else {
    for (const o of outcomes) io.stdout.write([summaryLine(o), ...o.details].join('\n') + '\n');
    const failed = outcomes.filter((o) => o.verdict !== 'pass').length;
    const wallMs = Math.round(outcomes.reduce((n, o) => n + o.durationMs, 0));
    io.stdout.write(`${outcomes.length - failed} of ${outcomes.length} run(s) passed (${formatDuration(wallMs)} of wall time)\n`);
  }
  return exitCodeOf(outcomes);
}
