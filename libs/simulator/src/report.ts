import type { Scenario, ScenarioRouter } from '@asr-twin/domain';
import { simulateBatch } from './batch.js';
import type { Report, TimelineEntry, Verdict } from './report-types.js';
import { runSeedOf } from './simulation.js';

export interface RunOptions {
  /** Run seed; overrides `spec.seed`. @defaultValue `spec.seed ?? DEFAULT_SEED` */
  readonly seed?: number;
  /** Include the timeline in the report. @defaultValue true */
  readonly timeline?: boolean;
}

/**
 * Runs a scenario on routers (default: its embedded `spec.routers`) and builds the report of DESIGN.md
 * "Results". The verdict is `error` if any router could not be simulated or there is no router at all,
 * else `fail` if any expectation failed, else `pass`. The timeline merges every router's entries by time
 * (ties keep router order, then event order). Same scenario, seed and code → byte-identical
 * `JSON.stringify(report)`.
 */
export function runScenario(scenario: Scenario, routers: readonly ScenarioRouter[] = scenario.spec.routers ?? [], options: RunOptions = {}): Report {
  const seed = runSeedOf(scenario, options.seed);
  const timeline: TimelineEntry[] = [];
  const collect = (_host: string, entries: readonly TimelineEntry[]): void => {
    for (const e of entries) timeline.push(e);
  };
  const batch = simulateBatch(scenario, routers, options.timeline === false ? { seed } : { seed, onTimeline: collect });
  timeline.sort((a, b) => a.tMs - b.tMs);
  let verdict: Verdict = routers.length === 0 ? 'error' : 'pass';
  for (const r of batch.results) {
    if (r.verdict === 'error') verdict = 'error';
    else if (r.verdict === 'fail' && verdict === 'pass') verdict = 'fail';
  }
  return {
    scenario: scenario.metadata.name,
    seed,
    verdict,
    routers: batch.results,
    expectations: batch.expectations,
    timeline,
  };
}
