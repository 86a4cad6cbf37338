import { type ChassisModel, type RedundancyMode, type Scenario, type ScenarioRouter } from '@asr-twin/domain';
import { type RunTargetRouter, type ShardResultRow, TimelineChunk } from '@asr-twin/persistence';
import { seedOfIteration, simulateBatch } from '@asr-twin/simulator';

/** Part of a shard's outcome: results of consecutive (iteration, router) pairs and their timeline rows. */
export interface ShardChunk {
  readonly results: ShardResultRow[];
  /** Timeline of the first iteration's routers in the chunk. */
  readonly timeline: TimelineChunk;
  readonly events: number;
  /** Time spent simulating this chunk, ms. */
  readonly durationMs: number;
}

/** Most results a chunk holds: what a shard keeps in memory at once, whatever its routers × iterations. */
export const CHUNK_RESULTS = 2_000;

export interface ShardInput {
  readonly scenario: Scenario;
  readonly targets: readonly RunTargetRouter[];
  readonly seed: number;
  readonly iterations: number;
  /** A run of the scenario's embedded routers from the twin: they start as their scenario declares. */
  readonly declaredStarts: boolean;
}

/**
 * Simulates one shard of a run — every target router, every iteration — lazily, as chunks of at most
 * `maxResults` results (iteration by iteration, routers in order), so that memory does not grow with routers ×
 * iterations: the caller writes a chunk before asking for the next. Uses the same simulator entry point and the
 * same seeds as the embedded CLI (`seedOfIteration`; each router's own PRNG seed derives from that and its hostname), so a router's metrics do not depend
 * on which shard, chunk or process simulated it. The timeline is kept for iteration 0 only. Each router starts from
 * its frozen twin state, else (`declaredStarts`) from the state its scenario declares, else healthy.
 */
export function* shardChunks(input: ShardInput, maxResults = CHUNK_RESULTS): Generator<ShardChunk> {
  const { scenario, targets, seed, iterations } = input;
  const routers = targets.map((t) => scenarioRouter(t, scenario, input.declaredStarts));
  const perSlice = Math.max(1, Math.min(routers.length, maxResults));
  let chunk = emptyChunk();
  for (let iteration = 0; iteration < iterations; iteration++) {
    const iterationSeedOf = seedOfIteration(seed, iterations, iteration);
    for (let from = 0; from < routers.length; from += perSlice) {
      if (chunk.results.length > 0 && chunk.results.length + Math.min(perSlice, routers.length - from) > maxResults) {
        yield chunk;
        chunk = emptyChunk();
      }
      chunk = simulateSlice(chunk, scenario, iteration, iterationSeedOf, routers.slice(from, from + perSlice), targets.slice(from, from + perSlice));
    }
  }
  if (chunk.results.length > 0) yield chunk;
}

function emptyChunk(): ShardChunk {
  return { results: [], timeline: new TimelineChunk(), events: 0, durationMs: 0 };
}

function scenarioRouter(t: RunTargetRouter, scenario: Scenario, declaredStarts: boolean): ScenarioRouter {
  const start = t.start ?? (declaredStarts ? scenario.spec.routers?.[t.ordinal]?.start : undefined);
  const router = { hostname: t.hostname, model: t.model as ChassisModel, redundancy: t.redundancyMode as RedundancyMode, version: t.softwareVersion };
  return start === undefined ? router : { ...router, start };
}

/** Adds one iteration of `routers` (the simulator inputs of `targets`) to `chunk`. */
function simulateSlice(
  chunk: ShardChunk,
  scenario: Scenario,
  iteration: number,
  seed: number,
  routers: readonly ScenarioRouter[],
  targets: readonly RunTargetRouter[],
): ShardChunk {
  const started = performance.now();
  let index = 0;
  const outcome = simulateBatch(scenario, routers, {
    seed,
    timeline: iteration === 0,
    onRun: (run) => {
      const target = targets[index++] as RunTargetRouter;
      const m = run.result.metrics;
      chunk.results.push({
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
        startJson: run.result.start === undefined ? null : JSON.stringify(run.result.start),
        expectationsJson: JSON.stringify(run.expectations),
      });
      chunk.timeline.add(target.ordinal, run.timeline);
    },
  });
  return { ...chunk, events: chunk.events + outcome.events, durationMs: chunk.durationMs + performance.now() - started };
}
