import {
  ACTIONS,
  CHASSIS_MODELS,
  chassisAnatomy,
  DURATION_METRICS,
  FAULTS,
  INVARIANTS,
  METRICS,
  REDUNDANCY_MODES,
  STEP_TARGETS,
  TIMING_KEYS,
  type ChassisModel,
  type Expectation,
  type RouterSelector,
  type Scenario,
  type ScenarioRouter,
  type ScenarioStep,
  type StepTarget,
  hardwareProblems,
} from '@asr-twin/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenario, SCENARIO_ERROR_CODES, SCENARIO_LIMITS, scenarioToDocument, validateScenarioObject, type ScenarioParseResult } from './index.js';
import { parseTarget } from './step-target.js';

/** Whatever came in, the result has the documented shape. */
function expectWellFormed(result: ScenarioParseResult): void {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(SCENARIO_ERROR_CODES).toContain(error.code);
    expect(error.message).not.toMatch(/\n/);
  }
}

const YAML_PIECES = [
  '[',
  ']',
  '{',
  '}',
  ':',
  ': ',
  '- ',
  '? ',
  ',',
  '&a ',
  '*a',
  '!t ',
  '!!str ',
  '"',
  "'",
  '#',
  '|',
  '>',
  '\n',
  '  ',
  '\t',
  '---\n',
  '%YAML 1.1\n',
  'spec',
  'steps',
  'at: 1s',
  '~',
  '0x1F',
  '1e400',
  '\\',
  '\uFFFD',
  '\u0000',
];
const yamlSoup = fc.array(fc.constantFrom(...YAML_PIECES), { maxLength: 60 }).map((pieces) => pieces.join(''));

const DESIGN_DOCUMENT = {
  apiVersion: 'asr-twin/v1',
  kind: 'Scenario',
  metadata: { name: 'iosd-crash-hot-standby', description: 'Active IOS crashes while the standby is hot.' },
  spec: {
    seed: 42,
    horizon: '30m',
    routers: [{ hostname: 'edge-1', model: 'ASR1002-X', redundancy: 'sso', version: '17.3.4a' }],
    timing: { standbyBootToHot: '3m' },
    steps: [
      { at: '60s', fault: 'iosd-crash', target: 'active' },
      { at: '20m', action: 'force-switchover' },
    ],
    expect: [{ metric: 'dataPlaneOutage', max: '0s' }, { invariant: 'single-active' }],
  },
};

/** The document with the value at one random path replaced by an arbitrary JSON value. */
const mutatedDocument = fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })).map(([pick, replacement]) => {
  const copy = JSON.parse(JSON.stringify(DESIGN_DOCUMENT)) as Record<string, unknown>;
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach((v, i) => (slots.push({ parent: value, key: i }), walk(v)));
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        slots.push({ parent: value as Record<string, unknown>, key: k });
        walk(v);
      }
    }
  };
  walk(copy);
  const slot = slots[pick % slots.length];
  if (slot !== undefined) (slot.parent as Record<string | number, unknown>)[slot.key] = replacement;
  return copy;
});

describe('parseScenario never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => expectWellFormed(parseScenario(text, 'f'))),
      { numRuns: 300 },
    );
  });

  it('on YAML-shaped junk', () => {
    fc.assert(
      fc.property(yamlSoup, (text) => expectWellFormed(parseScenario(text, 'f'))),
      { numRuns: 500 },
    );
  });

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => expectWellFormed(parseScenario(bytes, 'f'))),
      { numRuns: 200 },
    );
  });

  it('on arbitrary JSON, as text and as a value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectWellFormed(parseScenario(JSON.stringify(value) ?? 'null', 'f'));
        const result = validateScenarioObject(value, 'f');
        expect(result.ok || result.errors.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on the DESIGN.md document with one value replaced by anything', () => {
    fc.assert(
      fc.property(mutatedDocument, (doc) => {
        const fromText = parseScenario(stringify(doc), 'f');
        expectWellFormed(fromText);
        const fromValue = validateScenarioObject(doc, 'f');
        // Same verdict and the same problems, whether the document came as YAML text or as a value.
        const problems = (r: { ok: boolean; errors?: readonly { code: string; path: string }[] }) => (r.errors ?? []).map((e) => `${e.code} ${e.path}`).sort();
        expect(problems(fromValue)).toEqual(problems(fromText));
      }),
      { numRuns: 300 },
    );
  });
});

const MAX_MS = SCENARIO_LIMITS.maxDurationMs;
const hostname = fc.stringMatching(/^[A-Za-z](?:[A-Za-z0-9-]{0,12}[A-Za-z0-9])?$/);
const version = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._()-]{0,10}$/);
/** Text that may hold anything a UTF-8 file can: only U+FFFD is refused (it marks failed decoding). */
const text = (minLength: number) => fc.string({ unit: 'grapheme', minLength, maxLength: 20 }).filter((s) => !s.includes('\uFFFD'));

/** Routers the parser accepts: a release the model's default RP and ESP run (domain §8.11), maybe one supply. */
const router: fc.Arbitrary<ScenarioRouter> = fc
  .record(
    {
      hostname,
      model: fc.constantFrom(...CHASSIS_MODELS),
      redundancy: fc.constantFrom(...REDUNDANCY_MODES),
      version,
      hardware: fc.record({ psus: fc.integer({ min: 1, max: 2 }) }),
    },
    { requiredKeys: ['hostname', 'model', 'redundancy', 'version'] },
  )
  .filter((r) => hardwareProblems(r.model, r.version, r.hardware).length === 0);

const selector: fc.Arbitrary<RouterSelector> = fc.record(
  {
    fleet: text(1),
    model: fc.constantFrom(...CHASSIS_MODELS),
    labels: fc.dictionary(text(1), text(0), { maxKeys: 3 }),
    hostnames: fc.uniqueArray(hostname, { maxLength: 3, selector: (h) => h.toLowerCase() }),
  },
  { requiredKeys: [] },
);

/** Targets of a fault or action that exist on every given model. */
function targetsFor(name: keyof typeof STEP_TARGETS, models: readonly ChassisModel[]): StepTarget[] {
  const components = (model: ChassisModel): string[] => {
    const anatomy = chassisAnatomy(model);
    return [...anatomy.instances.map((i) => i.name), ...anatomy.rpSlots, ...anatomy.espSlots];
  };
  return ['active', 'standby', 'router', 'R0/0', 'R0/1', 'R1/0', 'R0', 'R1', 'F0', 'F1', 'P0']
    .filter((n) => ['active', 'standby', 'router', 'P0'].includes(n) || models.every((m) => components(m).includes(n)))
    .map((n) => parseTarget(n))
    .filter((t): t is StepTarget => t !== undefined && STEP_TARGETS[name].allowed.includes(t.kind));
}

function step(horizonMs: number, models: readonly ChassisModel[]): fc.Arbitrary<ScenarioStep> {
  const atMs = fc.integer({ min: 0, max: horizonMs - 1 });
  const fault = fc
    .constantFrom(...FAULTS)
    .chain((f) => fc.record({ kind: fc.constant('fault' as const), atMs, fault: fc.constant(f), target: fc.constantFrom(...targetsFor(f, models)) }));
  const plain = fc
    .constantFrom(...ACTIONS.filter((a) => a !== 'issu'))
    .chain((a) => fc.record({ kind: fc.constant('action' as const), atMs, action: fc.constant(a), target: fc.constantFrom(...targetsFor(a, models)) }));
  const params = fc.record({ toVersion: version, accept: fc.boolean(), stepDelayMs: fc.integer({ min: 0, max: MAX_MS }) });
  const issu = fc.record({
    kind: fc.constant('action' as const),
    atMs,
    action: fc.constant('issu' as const),
    target: fc.constant({ kind: 'router' as const }),
    params,
  });
  return fc.oneof(fault, plain, issu);
}

const expectation: fc.Arbitrary<Expectation> = fc.oneof(
  fc.record({ kind: fc.constant('invariant' as const), invariant: fc.constantFrom(...INVARIANTS) }),
  fc.tuple(fc.constantFrom(...METRICS), fc.integer({ min: 0, max: MAX_MS }), fc.integer({ min: 0, max: MAX_MS }), fc.nat(2)).map(([metric, a, b, which]) => {
    const limit = DURATION_METRICS.includes(metric) ? MAX_MS : SCENARIO_LIMITS.maxCount;
    const [min, max] = [Math.min(a, b) % (limit + 1), Math.max(a, b) % (limit + 1)].sort((x, y) => x - y);
    const bounds = which === 0 ? { max } : which === 1 ? { min } : { min, max };
    return { kind: 'metric' as const, metric, ...bounds };
  }),
);

const targets = fc.oneof(
  fc.constant({}),
  fc.uniqueArray(router, { minLength: 1, maxLength: 4, selector: (r) => r.hostname.toLowerCase() }).map((routers) => ({ routers })),
  selector.map((s) => ({ selector: s })),
);

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    horizonMs: fc.integer({ min: 1, max: MAX_MS }),
    targets,
    seed: fc.option(fc.integer({ min: 0, max: SCENARIO_LIMITS.maxSeed }), { nil: undefined }),
  })
  .chain(({ horizonMs, targets: t, seed }) => {
    const models = 'routers' in t ? t.routers.map((r) => r.model) : 'selector' in t && t.selector.model ? [t.selector.model] : [];
    return fc.record({
      apiVersion: fc.constant('asr-twin/v1' as const),
      kind: fc.constant('Scenario' as const),
      metadata: fc.record({ name: fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/), description: text(0) }, { requiredKeys: ['name'] }),
      spec: fc
        .record({
          horizonMs: fc.constant(horizonMs),
          timing: fc.dictionary(fc.constantFrom(...TIMING_KEYS), fc.integer({ min: 0, max: MAX_MS }), { maxKeys: 4 }),
          steps: fc.array(step(horizonMs, models), { minLength: 1, maxLength: 5 }),
          expect: fc.array(expectation, { maxLength: 4 }),
        })
        .map((spec) => ({ ...(seed === undefined ? {} : { seed }), ...t, ...spec })),
    });
  });

function stripPositions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'position' ? undefined : v))) as T;
}

describe('round trip', () => {
  it('a valid model, written as YAML and parsed back, is the same model', () => {
    fc.assert(
      fc.property(scenario, (model) => {
        const result = parseScenario(stringify(scenarioToDocument(model)), 'generated.yaml');
        expect(result.ok ? [] : result.errors).toEqual([]);
        expect(result.ok && stripPositions(result.scenario)).toEqual(stripPositions(model));
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('and as JSON, both as text and as a value', () => {
    fc.assert(
      fc.property(scenario, (model) => {
        const json = JSON.stringify(scenarioToDocument(model));
        const fromText = parseScenario(json, 'generated.json');
        expect(fromText.ok && stripPositions(fromText.scenario)).toEqual(stripPositions(model));
        expect(validateScenarioObject(JSON.parse(json), 'body')).toMatchObject({ ok: true, scenario: stripPositions(model) });
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
