import type { RunRecord, RunRepository } from '@asr-twin/persistence';
import {
  CLOSE_SUITE,
  CLOSE_TESTSUITES,
  expectationPlaces,
  openSuite,
  openTestsuites,
  reportChunks as writeReport,
  routerCases,
  suiteName,
} from '@asr-twin/reporting';
import { type ExpectationResult, type RouterResult, seedOfIteration } from '@asr-twin/simulator';

const BATCH = 2_000;

/** Every stored result of one iteration, in router order, a batch at a time. */
async function* resultsOf(runs: RunRepository, runId: string, iteration: number) {
  for (let after = -1; ;) {
    const batch = await runs.results(runId, iteration, after, BATCH);
    yield* batch;
    if (batch.length < BATCH) return;
    after = (batch[batch.length - 1] as { ordinal: number }).ordinal;
  }
}

/**
 * The report of a completed run (docs/report-format.md), streamed through the one report writer: the results of
 * the first iteration in router order, their expectations, and the timeline in report order (time, then router,
 * then event). For a single iteration the bytes are exactly `JSON.stringify(runScenario(...))` of the embedded
 * simulator with the same scenario, routers and seed. A Monte Carlo run adds `monteCarlo` at the end.
 */
export async function* reportChunks(runs: RunRepository, run: RunRecord): AsyncGenerator<string> {
  const [first] = await runs.iterationCounts(run.id, 0);
  yield* writeReport({
    scenario: run.scenarioName,
    seed: run.seed,
    verdict: first?.verdict ?? 'error',
    routers: mapped(resultsOf(runs, run.id, 0), (r) => r.resultJson),
    expectations: mapped(resultsOf(runs, run.id, 0), (r) => r.expectationsJson.slice(1, -1)),
    timeline: timelineOf(runs, run.id),
    ...(run.iterations > 1 ? { monteCarlo: { iterations: run.iterations, aggregate: run.aggregate } } : {}),
  });
}

async function* mapped<T, U>(items: AsyncIterable<T>, f: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield f(item);
}

/** The stored timeline of the first iteration in report order, merged from its compressed chunks a batch at a time. */
async function* timelineOf(runs: RunRepository, runId: string) {
  for await (const batch of runs.timelineInOrder(runId)) yield* batch;
}

/**
 * JUnit XML of a completed run, streamed: one suite per iteration, one test case per router and expectation.
 * `source` names the suites' file; with `file` (the scenario file as the client knows it), each expectation's
 * test case also carries its `file` and `line` there.
 */
export async function* junitChunks(runs: RunRepository, run: RunRecord, source: string, file?: string): AsyncGenerator<string> {
  const where = file === undefined ? undefined : expectationPlaces(file, run.scenario.spec.expect);
  const counts = await runs.iterationCounts(run.id);
  const sum = (k: 'tests' | 'failures' | 'errors') => counts.reduce((n, c) => n + c[k], 0);
  const durationMs = run.startedAt && run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : 0;
  yield openTestsuites({ tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), durationMs });
  for (const c of counts) {
    const name = suiteName(run.scenarioName, run.iterations > 1 ? c.iteration : undefined);
    const seed = seedOfIteration(run.seed, run.iterations, c.iteration);
    yield openSuite({ name, source, seed, durationMs: 0, tests: c.tests, failures: c.failures, errors: c.errors });
    for await (const r of resultsOf(runs, run.id, c.iteration)) {
      const result = JSON.parse(r.resultJson) as RouterResult;
      yield routerCases(name, result, JSON.parse(r.expectationsJson) as ExpectationResult[], where);
    }
    yield CLOSE_SUITE;
  }
  yield CLOSE_TESTSUITES;
}
