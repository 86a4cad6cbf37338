import type { RunRecord, RunRepository } from '@asr-twin/persistence';
import {
  CLOSE_SUITE,
  CLOSE_TESTSUITES,
  expectationPlaces,
  openSuite,
  openTestsuites,
  routerCases,
  suiteName,
} from '@asr-twin/reporting';
import { type ExpectationResult, iterationSeed, type RouterResult } from '@asr-twin/simulator';

const BATCH = 2_000;

/** Every stored result of one iteration, in router order, a batch at a time. */
async function* resultsOf(runs: RunRepository, runId: string, iteration: number) {
  for (let after = -1; ; ) {
    const batch = await runs.results(runId, iteration, after, BATCH);
    yield* batch;
    if (batch.length < BATCH) return;
    after = (batch[batch.length - 1] as { ordinal: number }).ordinal;
  }
}

/**
 * The report of a completed run (DESIGN.md "Results"), streamed: the results of the first iteration in router
 * order, their expectations, and the timeline in report order (time, then router, then event). For a single
 * iteration the bytes are exactly `JSON.stringify(runScenario(...))` of the embedded simulator with the same
 * scenario, routers and seed. A Monte Carlo run adds `monteCarlo: { iterations, aggregate }` at the end.
 */
export async function* reportChunks(runs: RunRepository, run: RunRecord): AsyncGenerator<string> {
  const [first] = await runs.iterationCounts(run.id, 0);
  const verdict = first?.verdict ?? 'error';
  yield `{"scenario":${JSON.stringify(run.scenarioName)},"seed":${run.seed},"verdict":${JSON.stringify(verdict)},"routers":[`;
  let n = 0;
  for await (const r of resultsOf(runs, run.id, 0)) yield (n++ === 0 ? '' : ',') + r.resultJson;
  yield '],"expectations":[';
  n = 0;
  for await (const r of resultsOf(runs, run.id, 0)) {
    const inner = r.expectationsJson.slice(1, -1);
    if (inner.length > 0) yield (n++ === 0 ? '' : ',') + inner;
  }
  yield '],"timeline":[';
  n = 0;
  for (let after: { tMs: number; ordinal: number; seq: number } | null = null; ; ) {
    const batch = await runs.timelineAfter(run.id, after, 10_000);
    for (const e of batch) {
      const entry = { tMs: e.tMs, router: e.router, component: e.component, event: e.event, from: e.from, to: e.to };
      yield (n++ === 0 ? '' : ',') + JSON.stringify(entry);
    }
    const last = batch[batch.length - 1];
    if (!last || batch.length < 10_000) break;
    after = { tMs: last.tMs, ordinal: last.ordinal, seq: last.seq };
  }
  yield run.iterations > 1 ? `],"monteCarlo":${JSON.stringify({ iterations: run.iterations, aggregate: run.aggregate })}}` : ']}';
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
    const seed = run.iterations > 1 ? iterationSeed(run.seed, c.iteration) : run.seed;
    yield openSuite({ name, source, seed, durationMs: 0, tests: c.tests, failures: c.failures, errors: c.errors });
    for await (const r of resultsOf(runs, run.id, c.iteration)) {
      const result = JSON.parse(r.resultJson) as RouterResult;
      yield routerCases(name, result, JSON.parse(r.expectationsJson) as ExpectationResult[], where);
    }
    yield CLOSE_SUITE;
  }
  yield CLOSE_TESTSUITES;
}
