import { type ChassisModel, type RedundancyMode, type Scenario, type ScenarioRouter } from '@asr-twin/domain';
import type { RunTargetRouter, ShardResultRow, ShardTimelineRow } from '@asr-twin/persistence';
import { iterationSeed, simulateBatch } from '@asr-twin/simulator';

export interface ShardSimulation {
  readonly results: ShardResultRow[];
  readonly timeline: ShardTimelineRow[];
  readonly events: number;
}

/**
 * Simulates one shard of a run: every target router, every iteration. Uses the same simulator entry point
 * and the same seeds as the embedded CLI (`iterationSeed(seed, i)` when there are several iterations, the run
 * seed itself otherwise; each router's own PRNG seed derives from that and its hostname), so a router's
 * metrics do not depend on which shard or process simulated it. The timeline is kept for iteration 0 only. Each
 * router starts from its frozen twin state, else (`declaredStarts`, a run of the scenario's embedded routers from
 * the twin) from the state its scenario declares, else healthy.
 */
export function simulateShard(
  scenario: Scenario,
  targets: readonly RunTargetRouter[],
  seed: number,
  iterations: number,
  declaredStarts: boolean,
): ShardSimulation {
  const routers: ScenarioRouter[] = targets.map((t) => {
    const start = t.start ?? (declaredStarts ? scenario.spec.routers?.[t.ordinal]?.start : undefined);
    const router = { hostname: t.hostname, model: t.model as ChassisModel, redundancy: t.redundancyMode as RedundancyMode, version: t.softwareVersion };
    return start === undefined ? router : { ...router, start };
  });
  const results: ShardResultRow[] = [];
  const timeline: ShardTimelineRow[] = [];
  let events = 0;
  for (let iteration = 0; iteration < iterations; iteration++) {
    let index = 0;
    const outcome = simulateBatch(scenario, routers, {
      seed: iterations > 1 ? iterationSeed(seed, iteration) : seed,
      timeline: iteration === 0,
      onRun: (run) => {
        const target = targets[index++] as RunTargetRouter;
        const m = run.result.metrics;
        results.push({
          iteration,
          ordinal: target.ordinal,
          hostname: target.hostname,
          model: target.model,
          verdict: run.result.verdict,
          controlPlaneOutageMs: m.controlPlaneOutageMs,
          dataPlaneOutageMs: m.dataPlaneOutageMs,
          redundancyRestoredMs: m.redundancyRestoredMs,
          switchovers: m.switchovers,
          dualActiveMs: m.dualActiveMs,
          resultJson: JSON.stringify(run.result),
          expectationsJson: JSON.stringify(run.expectations),
        });
        run.timeline.forEach((e, seq) =>
          timeline.push({ ordinal: target.ordinal, seq, tMs: e.tMs, hostname: e.router, component: e.component, event: e.event, from: e.from, to: e.to }),
        );
      },
    });
    events += outcome.events;
  }
  return { results, timeline, events };
}
