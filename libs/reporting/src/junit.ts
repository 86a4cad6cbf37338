import { formatDuration } from '@asr-twin/scenario';
import type { ExpectationResult, Report, RouterResult } from '@asr-twin/simulator';

/**
 * JUnit XML as Jenkins, GitLab and GitHub test reporters read it: one `<testsuite>` per scenario run (per
 * Monte Carlo iteration), one `<testcase>` per router and expectation, `<failure>` when it failed, `<error>`
 * when the router could not be simulated; classname `<scenario>.<hostname>`. Built in pieces so that a server
 * can stream a campaign's XML suite by suite, router by router.
 */
export const JUNIT_PROLOGUE = '<?xml version="1.0" encoding="UTF-8"?>\n';

export interface SuiteCounts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
}

export interface SuiteHead extends SuiteCounts {
  /** Suite name: the scenario, with `#<iteration>` for Monte Carlo runs. */
  readonly name: string;
  /** Scenario file or run id. */
  readonly source: string;
  readonly seed: number;
  readonly durationMs: number;
}

export function escapeXml(text: string): string {
  return (
    text
      .replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`)
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex -- control characters are what this pattern removes
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

const attrs = (pairs: Record<string, string | number>): string =>
  Object.entries(pairs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');

function show(value: number | null, expect: string): string {
  if (value === null) return 'never';
  return expect === 'switchovers' ? String(value) : formatDuration(value);
}

/** `dataPlaneOutage max 0ms`, `switchovers min 1 max 1`, `single-active`. */
export function expectationLabel(e: ExpectationResult): string {
  const bounds = [e.limit.min === null ? '' : `min ${show(e.limit.min, e.expect)}`, e.limit.max === null ? '' : `max ${show(e.limit.max, e.expect)}`].filter(
    Boolean,
  );
  return e.expect === 'single-active' ? e.expect : [e.expect, ...bounds].join(' ');
}

/** What failed, in one line: router, expectation, observed value and limit. */
export function failureMessage(e: ExpectationResult): string {
  const limit = expectationLabel(e).replace(`${e.expect} `, '');
  return `${e.router}: ${e.expect} observed ${show(e.observed, e.expect)}, limit ${e.expect === 'single-active' ? 'max 0ms of dual-active time' : limit}`;
}

export function openTestsuites(totals: SuiteCounts & { readonly durationMs: number }): string {
  const { tests, failures, errors } = totals;
  return `${JUNIT_PROLOGUE}<testsuites${attrs({ name: 'asr-twin', tests, failures, errors, time: (totals.durationMs / 1000).toFixed(3) })}>\n`;
}

export const CLOSE_TESTSUITES = '</testsuites>\n';

export function openSuite(h: SuiteHead): string {
  const head = attrs({
    name: h.name,
    file: h.source,
    tests: h.tests,
    failures: h.failures,
    errors: h.errors,
    skipped: 0,
    time: (h.durationMs / 1000).toFixed(3),
  });
  return `  <testsuite${head}>\n    <properties>\n      <property${attrs({ name: 'seed', value: h.seed })}/>\n    </properties>\n`;
}

export const CLOSE_SUITE = '  </testsuite>\n';

/** Where an expectation is written: its scenario file and 1-based line. */
export interface ExpectationPlace {
  readonly file: string;
  readonly line: number;
}

/**
 * Finds an expectation's place in the scenario file `source` names, from the result and its index among its
 * router's results (the index of the expectation in `spec.expect`); undefined when unknown.
 */
export type ExpectationLocator = (source: string, e: ExpectationResult, index: number) => ExpectationPlace | undefined;

/**
 * The places of a scenario's expectations, for test cases: the i-th result of a router is the i-th entry of
 * `spec.expect`, which the parser gave its line (a scenario read from JSON without positions has none).
 */
export function expectationPlaces(
  file: string,
  expectations: readonly { readonly position?: { readonly line: number } }[],
): (e: ExpectationResult, index: number) => ExpectationPlace | undefined {
  const lines = expectations.map((x) => x.position?.line);
  return (_e, index) => {
    const line = lines[index];
    return line === undefined ? undefined : { file, line };
  };
}

/**
 * The test cases of one router: one per expectation (or one `run completes`), one `simulation` error. With
 * `where`, each expectation's case carries the `file` and `line` of the expectation in its scenario file.
 */
export function routerCases(
  suiteName: string,
  router: Pick<RouterResult, 'hostname' | 'verdict' | 'error'>,
  expectations: readonly ExpectationResult[],
  where?: (e: ExpectationResult, index: number) => ExpectationPlace | undefined,
): string {
  const classname = `${suiteName}.${router.hostname}`;
  if (router.verdict === 'error') {
    const message = router.error ?? 'the router could not be simulated';
    return `    <testcase${attrs({ classname, name: 'simulation', time: 0 })}>\n      <error${attrs({ message, type: 'error' })}/>\n    </testcase>\n`;
  }
  if (expectations.length === 0) return `    <testcase${attrs({ classname, name: 'run completes', time: 0 })}/>\n`;
  let out = '';
  for (let i = 0; i < expectations.length; i++) {
    const e = expectations[i] as ExpectationResult;
    const place = where?.(e, i);
    const open = `    <testcase${attrs({ classname, name: expectationLabel(e), ...(place ? { file: place.file, line: place.line } : {}), time: 0 })}`;
    if (e.verdict === 'pass') {
      out += `${open}/>\n`;
      continue;
    }
    const tag = e.verdict === 'error' ? 'error' : 'failure';
    const message = failureMessage(e);
    out += `${open}>\n      <${tag}${attrs({ message, type: 'expectation' })}>${escapeXml(message)}</${tag}>\n    </testcase>\n`;
  }
  return out;
}

/** A report's expectations by router, in report order: one pass over them instead of one per router. */
export function expectationsByRouter(expectations: readonly ExpectationResult[]): ReadonlyMap<string, readonly ExpectationResult[]> {
  const by = new Map<string, ExpectationResult[]>();
  for (const e of expectations) {
    const own = by.get(e.router);
    if (own) own.push(e);
    else by.set(e.router, [e]);
  }
  return by;
}

const NONE: readonly ExpectationResult[] = [];

/** Test cases, failures and errors a report contributes (linear in routers and expectations). */
export function suiteCounts(report: Pick<Report, 'routers' | 'expectations'>, byRouter = expectationsByRouter(report.expectations)): SuiteCounts {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const r of report.routers) {
    const own = byRouter.get(r.hostname) ?? NONE;
    if (r.verdict === 'error') {
      tests += 1;
      errors += 1;
      continue;
    }
    tests += Math.max(own.length, 1);
    for (const e of own) {
      if (e.verdict === 'fail') failures++;
      else if (e.verdict === 'error') errors++;
    }
  }
  return { tests, failures, errors };
}

export interface JunitSuite {
  readonly report: Report;
  readonly source: string;
  readonly iteration?: number;
  readonly durationMs: number;
}

export function suiteName(scenario: string, iteration?: number): string {
  return iteration === undefined ? scenario : `${scenario}#${iteration}`;
}

/**
 * A whole JUnit document from reports held in memory (the CLI's case), in time linear in routers and
 * expectations: each report's expectations are grouped by router once. `locate` gives an expectation's place in
 * its scenario file, written as the test case's `file` and `line` (CI annotations point there).
 */
export function toJunitXml(suites: readonly JunitSuite[], locate?: ExpectationLocator): string {
  const grouped = suites.map((s) => expectationsByRouter(s.report.expectations));
  const counts = suites.map((s, i) => suiteCounts(s.report, grouped[i]));
  const sum = (k: keyof SuiteCounts) => counts.reduce((n, c) => n + c[k], 0);
  const parts = [
    openTestsuites({ tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), durationMs: suites.reduce((n, s) => n + s.durationMs, 0) }),
  ];
  suites.forEach((s, i) => {
    const name = suiteName(s.report.scenario, s.iteration);
    const byRouter = grouped[i] as ReadonlyMap<string, readonly ExpectationResult[]>;
    parts.push(openSuite({ name, source: s.source, seed: s.report.seed, durationMs: s.durationMs, ...(counts[i] as SuiteCounts) }));
    const where = locate ? (e: ExpectationResult, index: number) => locate(s.source, e, index) : undefined;
    for (const r of s.report.routers) parts.push(routerCases(name, r, byRouter.get(r.hostname) ?? NONE, where));
    parts.push(CLOSE_SUITE);
  });
  parts.push(CLOSE_TESTSUITES);
  return parts.join('');
}
