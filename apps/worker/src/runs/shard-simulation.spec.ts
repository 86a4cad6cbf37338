import { compareEntries, type RunTargetRouter } from '@asr-twin/persistence';
import { parseScenario } from '@asr-twin/scenario';
import { iterationSeed, simulateBatch } from '@asr-twin/simulator';
import { describe, expect, it } from 'vitest';
import { shardChunks } from './shard-simulation.js';

const SOURCE = `apiVersion: asr-twin/v1
kind: Scenario
metadata: { name: chunked }
spec:
  seed: 7
  steps: [{ at: 1m, fault: iosd-crash, target: active }]
  expect: [{ metric: dataPlaneOutage, max: 0s }]
`;

const parsed = parseScenario(SOURCE, 'chunked.yaml');
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const scenario = parsed.scenario;
const MODELS = ['ASR1002-X', 'ASR1006', 'ASR1001-X'] as const;
const targets: RunTargetRouter[] = Array.from({ length: 7 }, (_, i) => ({
  ordinal: 20 + i,
  hostname: `edge-${i}`,
  model: MODELS[i % MODELS.length] as string,
  redundancyMode: i === 5 ? 'rpr' : 'sso',
  softwareVersion: '17.3.4a',
}));
const input = { scenario, targets, seed: 7, iterations: 3, declaredStarts: false };

describe('shardChunks', () => {
  it('never holds more than the chunk size and yields every (iteration, router) once, in order', () => {
    for (const size of [1, 2, 3, 5, 7, 10, 100]) {
      const chunks = [...shardChunks(input, size)];
      expect(chunks.every((c) => c.results.length >= 1 && c.results.length <= size)).toBe(true);
      const keys = chunks.flatMap((c) => c.results.map((r) => `${r.iteration}:${r.ordinal}`));
      expect(keys).toEqual([0, 1, 2].flatMap((i) => targets.map((t) => `${i}:${t.ordinal}`)));
      expect(chunks.flatMap((c) => c.timeline.entries()).every((e) => e.ordinal >= 20)).toBe(true);
    }
  });

  it('gives the same rows, timeline and events whatever the chunk size, equal to one batch per iteration', () => {
    const routers = targets.map((t) => ({
      hostname: t.hostname,
      model: t.model as (typeof MODELS)[number],
      redundancy: t.redundancyMode as 'sso' | 'rpr',
      version: t.softwareVersion,
    }));
    const expected = [0, 1, 2].flatMap((i) => simulateBatch(scenario, routers, { seed: iterationSeed(7, i) }).results.map((r) => JSON.stringify(r)));
    const flat = (size: number) => {
      const chunks = [...shardChunks(input, size)];
      return {
        results: chunks.flatMap((c) => c.results),
        timeline: chunks.flatMap((c) => c.timeline.entries()).sort(compareEntries),
        events: chunks.reduce((n, c) => n + c.events, 0),
      };
    };
    const whole = flat(1000);
    expect(whole.results.map((r) => r.resultJson)).toEqual(expected);
    expect(whole.timeline.length).toBeGreaterThan(0);
    for (const size of [1, 3, 4]) {
      const chunked = flat(size);
      expect(chunked.results).toEqual(whole.results);
      expect(chunked.timeline).toEqual(whole.timeline);
      expect(chunked.events).toBe(whole.events);
    }
  });
});
