import type { Report, TimelineEntry, Verdict } from '@asr-twin/simulator';

type Source<T> = AsyncIterable<T> | Iterable<T>;

/**
 * A run report in parts, each section a stream, so that a report of 100,000 routers is written without holding
 * it: the api reads the sections from the database a batch at a time, a report held in memory gives its arrays.
 */
export interface ReportParts {
  readonly scenario: string;
  readonly seed: number;
  readonly verdict: Verdict;
  /** Each router's `RouterResult` as JSON text, in router order. */
  readonly routers: Source<string>;
  /**
   * Expectation results as JSON text, in report order. An element may hold several results separated by commas
   * (a router's stored array without its brackets); an empty element is skipped.
   */
  readonly expectations: Source<string>;
  /** Timeline entries in report order: time, then router, then event. */
  readonly timeline: Source<TimelineEntry>;
  /** Monte Carlo runs: the number of iterations and the distribution of all of them. */
  readonly monteCarlo?: { readonly iterations: number; readonly aggregate: unknown };
}

/**
 * One timeline entry as the report writes it, whatever else the caller's object carries (a stored row has its
 * ordinal and sequence too): the fields and their order of `TimelineEntry`.
 */
export function timelineEntryJson(e: TimelineEntry): string {
  return JSON.stringify({ tMs: e.tMs, router: e.router, component: e.component, event: e.event, from: e.from, to: e.to });
}

async function* joined(items: Source<string>): AsyncGenerator<string> {
  let n = 0;
  for await (const item of items) {
    if (item.length > 0) yield (n++ === 0 ? '' : ',') + item;
  }
}

/**
 * The one writer of run reports (docs/report-format.md), as chunks of JSON text. Key order is the report's:
 * scenario, seed, verdict, routers, expectations, timeline, then `monteCarlo` for several iterations. The bytes of a
 * report held in memory equal `JSON.stringify(report)` ({@link reportPartsOf}).
 */
export async function* reportChunks(parts: ReportParts): AsyncGenerator<string> {
  yield `{"scenario":${JSON.stringify(parts.scenario)},"seed":${parts.seed},"verdict":${JSON.stringify(parts.verdict)},"routers":[`;
  yield* joined(parts.routers);
  yield '],"expectations":[';
  yield* joined(parts.expectations);
  yield '],"timeline":[';
  yield* joined(mapSource(parts.timeline, timelineEntryJson));
  yield parts.monteCarlo === undefined
    ? ']}'
    : `],"monteCarlo":${JSON.stringify({ iterations: parts.monteCarlo.iterations, aggregate: parts.monteCarlo.aggregate })}}`;
}

async function* mapSource<T, U>(items: Source<T>, f: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield f(item);
}

/** The parts of a report held in memory (the embedded simulator's `runScenario`). */
export function reportPartsOf(report: Report): ReportParts {
  return {
    scenario: report.scenario,
    seed: report.seed,
    verdict: report.verdict,
    routers: report.routers.map((r) => JSON.stringify(r)),
    expectations: report.expectations.map((e) => JSON.stringify(e)),
    timeline: report.timeline,
  };
}

/** The whole report text of a report held in memory, through the same writer. */
export async function reportText(report: Report): Promise<string> {
  let text = '';
  for await (const chunk of reportChunks(reportPartsOf(report))) text += chunk;
  return text;
}
