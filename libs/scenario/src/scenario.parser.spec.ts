import { readFileSync } from 'node:fs';
import {
  ACTIONS,
  CHASSIS_MODELS,
  chassisAnatomy,
  DEFAULT_HORIZON_MS,
  DEFAULT_SOFTWARE_VERSION,
  FAULTS,
  STEP_TARGETS,
  TIMING_KEYS,
  type Scenario,
  type TargetKind,
} from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import { formatScenarioError, formatScenarioWarning, parseScenario, scenarioToDocument, validateScenarioObject, type ScenarioParseResult } from './index.js';

const HEADER = 'apiVersion: asr-twin/v1\nkind: Scenario\nmetadata:\n  name: t\n';
/** A scenario whose `spec:` block is `lines`, indented by two spaces. */
const withSpec = (...lines: string[]): string => `${HEADER}spec:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;

function scenarioOf(result: ScenarioParseResult): Scenario {
  if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'));
  return result.scenario;
}
function errorsOf(result: ScenarioParseResult): readonly [string, string, number][] {
  return result.ok ? [] : result.errors.map((e) => [e.code, e.path, e.line]);
}

describe('parseScenario: the DESIGN.md example', () => {
  const text = readFileSync(new URL('../test-fixtures/valid/iosd-crash-hot-standby.yaml', import.meta.url), 'utf8');

  it('yields the defaulted model with positions', () => {
    const expected: Scenario = {
      apiVersion: 'asr-twin/v1',
      kind: 'Scenario',
      metadata: { name: 'iosd-crash-hot-standby', description: 'Active IOS crashes while the standby is hot.' },
      spec: {
        seed: 42,
        horizonMs: 1_800_000,
        routers: [{ hostname: 'edge-1', model: 'ASR1002-X', redundancy: 'sso', version: '17.3.4a' }],
        timing: { standbyBootToHot: 180_000 },
        steps: [
          { kind: 'fault', atMs: 60_000, fault: 'iosd-crash', target: { kind: 'active' }, position: { line: 18, column: 7 } },
          { kind: 'action', atMs: 1_200_000, action: 'force-switchover', target: { kind: 'router' }, position: { line: 21, column: 7 } },
        ],
        expect: [
          { kind: 'metric', metric: 'dataPlaneOutage', max: 0, position: { line: 24, column: 7 } },
          { kind: 'metric', metric: 'redundancyRestored', max: 600_000, position: { line: 26, column: 7 } },
          { kind: 'invariant', invariant: 'single-active', position: { line: 28, column: 7 } },
        ],
      },
    };
    const result = parseScenario(text, 'x.yaml');
    expect(result).toMatchObject({ ok: true, scenario: expected });
    // §8.19: DESIGN.md's standbyBootToHot still runs (split over iosBoot + bulkSync) but says what it stands for.
    expect(result.warnings.map((w) => [w.code, w.path, w.line])).toEqual([['deprecated-timing-key', 'spec.timing.standbyBootToHot', 16]]);
    expect(result.warnings[0]?.message).toMatch(/iosBoot and bulkSync/);
  });

  it('gives the same model from CRLF line endings and a byte-order mark', () => {
    const crlf = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    expect(parseScenario(crlf, 'x.yaml')).toEqual(parseScenario(text, 'x.yaml'));
  });
});

describe('parseScenario: defaults', () => {
  it('fills horizon, timing, steps and expect, and warns about a scenario without steps', () => {
    const result = parseScenario(`${HEADER}spec: {}\n`, 'min.yaml');
    expect(scenarioOf(result).spec).toEqual({ horizonMs: DEFAULT_HORIZON_MS, timing: {}, steps: [], expect: [] });
    expect(result.warnings.map((w) => [w.code, w.line, w.column])).toEqual([['no-steps', 5, 1]]);
  });

  it('gives routers redundancy sso and the default software version', () => {
    const spec = scenarioOf(parseScenario(withSpec('routers: [{ hostname: r1, model: ASR1013 }]'), 'r.yaml')).spec;
    expect(spec.routers).toEqual([{ hostname: 'r1', model: 'ASR1013', redundancy: 'sso', version: DEFAULT_SOFTWARE_VERSION }]);
  });

  const roleDefaults = [...FAULTS, ...ACTIONS].filter((n) => STEP_TARGETS[n].defaultTarget !== 'psu');
  it.each(roleDefaults.map((n) => ((FAULTS as readonly string[]).includes(n) ? `fault: ${n}` : `action: ${n}`)))('applies the default target of %s', (what) => {
    const name = what.split(': ')[1] as keyof typeof STEP_TARGETS;
    const params = name === 'issu' ? ', params: { toVersion: 17.6.5 }' : '';
    const spec = scenarioOf(parseScenario(withSpec(`steps: [{ at: 1s, ${what}${params} }]`), 's.yaml')).spec;
    expect(spec.steps[0]?.target).toEqual({ kind: STEP_TARGETS[name].defaultTarget });
  });

  it('psu-failure names its supply: no default target (domain §8.9)', () => {
    const missing = parseScenario(withSpec('steps: [{ at: 1s, fault: psu-failure }]'), 's.yaml');
    expect(missing.ok ? '' : missing.errors[0]?.message).toBe('fault psu-failure needs a target: a power supply (P0, P1)');
    expect(scenarioOf(parseScenario(withSpec('steps: [{ at: 1s, fault: psu-failure, target: P1 }]'), 's.yaml')).spec.steps[0]?.target).toEqual({
      kind: 'psu',
      slot: 'P1',
    });
  });

  it('defaults issu accept to true and stepDelay to 60s, and reads them when given', () => {
    const read = (params: string) => {
      const step = scenarioOf(parseScenario(withSpec(`steps: [{ at: 0s, action: issu, params: ${params} }]`), 'i.yaml')).spec.steps[0];
      return step?.kind === 'action' && step.action === 'issu' ? step.params : undefined;
    };
    expect(read('{ toVersion: 17.6.5 }')).toEqual({ toVersion: '17.6.5', accept: true, stepDelayMs: 60_000 });
    expect(read('{ toVersion: "17.9.4a", accept: false, stepDelay: 2m30s }')).toEqual({ toVersion: '17.9.4a', accept: false, stepDelayMs: 150_000 });
  });
});

describe('parseScenario: image-mismatch params (domain §8.12)', () => {
  it('reads the release a unit is given, and refuses params on other faults or without a version', () => {
    const parsed = scenarioOf(parseScenario(withSpec('steps: [{ at: 0s, fault: image-mismatch, params: { version: 17.6.5 } }]'), 'm.yaml'));
    expect(parsed.spec.steps[0]).toMatchObject({ kind: 'fault', fault: 'image-mismatch', params: { version: '17.6.5' } });
    expect(scenarioOf(parseScenario(withSpec('steps: [{ at: 0s, fault: image-mismatch }]'), 'm.yaml')).spec.steps[0]).not.toHaveProperty('params');
    const codes = (text: string) => {
      const r = parseScenario(withSpec(text), 'm.yaml');
      return r.ok ? [] : r.errors.map((e) => e.code);
    };
    expect(codes('steps: [{ at: 0s, fault: iosd-crash, params: { version: 17.6.5 } }]')).toEqual(['field-not-allowed']);
    expect(codes('steps: [{ at: 0s, fault: image-mismatch, params: {} }]')).toEqual(['missing-field']);
    expect(codes('steps: [{ at: 0s, fault: image-mismatch, params: { version: "not a version!" } }]')).toEqual(['invalid-version']);
  });
});

describe('parseScenario: behaviour (domain §8.5, §8.8)', () => {
  it('reads the split-brain rule and the integrated-ESP failure action per model, with defaults', () => {
    const parsed = scenarioOf(parseScenario(withSpec('behaviour: { integratedEspFailure: { ASR1002-X: reload-esp-only } }'), 'b.yaml'));
    expect(parsed.spec.behaviour).toEqual({ splitBrain: 'incumbent', integratedEspFailure: { 'ASR1002-X': 'reload-esp-only' } });
    const codes = (text: string) => {
      const r = parseScenario(withSpec(text), 'b.yaml');
      return r.ok ? [] : r.errors.map((e) => e.code);
    };
    expect(codes('behaviour: { integratedEspFailure: { ASR1004: reload-esp-only } }')).toEqual(['unknown-behaviour']);
    expect(codes('behaviour: { integratedEspFailure: { ASR1001-X: reload-slowly } }')).toEqual(['unknown-behaviour']);
    expect(codes('behaviour: { splitBrain: primary-wins, espFailure: x }')).toEqual(['unknown-key']);
  });

  it('§8.21: reads the config-sync failure action (reload-loop by default, stay-cold) and refuses others', () => {
    const parsed = scenarioOf(parseScenario(withSpec('behaviour: { configSyncFailure: stay-cold }'), 'b.yaml'));
    expect(parsed.spec.behaviour?.configSyncFailure).toBe('stay-cold');
    const refused = parseScenario(withSpec('behaviour: { configSyncFailure: reload-forever }'), 'b.yaml');
    expect(errorsOf(refused)).toEqual([['unknown-behaviour', 'spec.behaviour.configSyncFailure', 6]]);
    expect(refused.ok ? '' : refused.errors[0]?.message).toMatch(/reload-loop, stay-cold/);
  });
});

describe('parseScenario: step targets', () => {
  const TARGET_TEXT: Record<TargetKind, string> = {
    active: 'active',
    standby: 'standby',
    router: 'router',
    instance: 'R0/0',
    host: 'R0',
    esp: 'F0',
    psu: 'P1',
  };

  it('accepts exactly the target kinds STEP_TARGETS allows, for every fault and action', () => {
    for (const [name, rule] of Object.entries(STEP_TARGETS)) {
      const what = (FAULTS as readonly string[]).includes(name) ? `fault: ${name}` : `action: ${name}`;
      const params = name === 'issu' ? ', params: { toVersion: 17.6.5 }' : '';
      for (const [kind, text] of Object.entries(TARGET_TEXT)) {
        const result = parseScenario(withSpec(`steps: [{ at: 1s, ${what}, target: ${text}${params} }]`), 's.yaml');
        const allowed = rule.allowed.includes(kind as TargetKind);
        expect(errorsOf(result), `${name} → ${kind}`).toEqual(allowed ? [] : [['target-not-allowed', 'spec.steps[0].target', 6]]);
      }
    }
  });

  it('checks named targets against the anatomy of every embedded router model', () => {
    for (const model of CHASSIS_MODELS) {
      const anatomy = chassisAnatomy(model);
      const names = [...anatomy.instances.map((i) => i.name), ...anatomy.rpSlots, ...anatomy.espSlots];
      for (const target of ['R0/0', 'R0/1', 'R1/0', 'R0', 'R1', 'F0', 'F1']) {
        const text = withSpec(`routers: [{ hostname: r1, model: ${model} }]`, `steps: [{ at: 1s, action: repair, target: ${target} }]`);
        const codes = errorsOf(parseScenario(text, 'c.yaml')).map(([code]) => code);
        expect(codes, `${target} on ${model}`).toEqual((names as string[]).includes(target) ? [] : ['target-not-on-chassis']);
      }
    }
  });

  it('names the router and model that lack the target, once per model', () => {
    const text = withSpec(
      'routers:',
      '  - { hostname: a1, model: ASR1001-X }',
      '  - { hostname: a2, model: ASR1001-X }',
      '  - { hostname: c1, model: ASR1006 }',
      'steps: [{ at: 1s, fault: esp-failure, target: F1 }]',
    );
    const result = parseScenario(text, 'c.yaml');
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual(['the ESP F1 does not exist on routers a1, a2 (ASR1001-X has ESPs: F0)']);
  });

  it("checks the selector's model, and leaves targets of unknown routers to the run", () => {
    const step = 'steps: [{ at: 1s, fault: rp-failure, target: R1 }]';
    expect(errorsOf(parseScenario(withSpec('selector: { model: ASR1004 }', step), 's.yaml'))).toEqual([['target-not-on-chassis', 'spec.steps[0].target', 7]]);
    expect(errorsOf(parseScenario(withSpec('selector: { fleet: core }', step), 's.yaml'))).toEqual([]);
    expect(errorsOf(parseScenario(withSpec(step), 's.yaml'))).toEqual([]);
  });
});

describe('parseScenario: rules and messages', () => {
  it('reports every error of a file, sorted by position, with paths', () => {
    const text = withSpec(
      'horizon: 1h',
      'steps:',
      '  - { at: 2h, fault: iosd-crash }',
      '  - { at: 1s, fault: vm-crash, target: R9 }',
      '  - { at: 1s, action: reload, target: F0 }',
    );
    expect(errorsOf(parseScenario(text, 's.yaml'))).toEqual([
      ['step-beyond-horizon', 'spec.steps[0].at', 8],
      ['invalid-target', 'spec.steps[1].target', 9],
      ['target-not-allowed', 'spec.steps[2].target', 10],
    ]);
  });

  it('prints errors and warnings as compilers do', () => {
    const result = parseScenario(withSpec('steps: [{ at: 1s, fault: iosd-crsh }]'), 'dir/s.yaml');
    const [error] = result.ok ? [] : result.errors;
    expect(error && formatScenarioError(error)).toBe(
      'dir/s.yaml:6:28: unknown fault "iosd-crsh"; expected one of iosd-crash, iosd-hang, vm-crash, host-kernel-panic, host-oom, rp-failure, esp-failure, power-loss, config-sync-failure, ipc-loss, image-mismatch, psu-failure (did you mean "iosd-crash"?)',
    );
    const warned = parseScenario(withSpec('selector: {}'), 'w.yaml');
    expect(warned.warnings.map(formatScenarioWarning)).toEqual([
      'w.yaml:6:13: warning: the selector has no criteria, so it picks every router of the twin; add fleet, model, labels or hostnames',
      'w.yaml:5:1: warning: the scenario has no steps, so the run only watches routers without faults',
    ]);
    expect(formatScenarioError({ file: 'body', path: 'spec.seed', code: 'wrong-type', message: 'm' })).toBe('body: spec.seed: m');
  });

  it('accepts every timing key of the profile, as the simulator defines them', () => {
    const timing = TIMING_KEYS.map((key) => `${key}: 1s`).join(', ');
    const spec = scenarioOf(parseScenario(withSpec(`timing: { ${timing} }`), 't.yaml')).spec;
    expect(Object.keys(spec.timing)).toEqual([...TIMING_KEYS]);
  });

  it('§8.19: takes the old standbyBootToHot with a warning, and refuses it next to the keys it stands for', () => {
    const old = parseScenario(withSpec('timing: { standbyBootToHot: 4m }', 'steps: [{ at: 1m, fault: iosd-crash }]'), 'o.yaml');
    expect(scenarioOf(old).spec.timing).toEqual({ standbyBootToHot: 240_000 });
    expect(old.warnings.map((w) => [w.code, w.line, w.column])).toEqual([['deprecated-timing-key', 6, 13]]);
    const both = parseScenario(withSpec('timing: { standbyBootToHot: 4m, bulkSync: 10m }'), 'b.yaml');
    expect(errorsOf(both)).toEqual([['conflicting-fields', 'spec.timing', 6]]);
    expect(both.ok ? '' : both.errors[0]?.message).toMatch(/give iosBoot and bulkSync instead of it, not both \(bulkSync given\)/);
  });

  it.each([
    ['seed: 1.5', 'invalid-integer'],
    ['seed: -1', 'invalid-integer'],
    ['seed: 1e400', 'invalid-integer'],
    ['seed: "42"', 'wrong-type'],
    ['horizon: 721h', 'duration-out-of-range'],
    ['horizon: ~', 'wrong-type'],
    ['selector: { hostnames: [a1, A1] }', 'duplicate-hostname'],
    ['selector: { hostnames: edge-1 }', 'wrong-type'],
    ['selector: { labels: [site] }', 'wrong-type'],
    ['selector: { model: asr1004 }', 'unknown-model'],
    ['routers: [{ hostname: r1 }]', 'missing-field'],
    ['routers: [{ hostname: a-very-long-hostname-that-goes-on-and-on-and-on-for-more-than-63-chars, model: ASR1001 }]', 'invalid-hostname'],
    ['routers: { hostname: r1, model: ASR1001 }', 'wrong-type'],
    ['expect: [{ metric: switchovers }]', 'missing-field'],
    ['expect: [{ metric: switchovers, max: 1.5 }]', 'invalid-integer'],
    ['expect: [{ metric: dataPlaneOutage, max: 5 }]', 'missing-duration-unit'],
    ['expect: [{ metric: dataPlaneOutage, invariant: single-active }]', 'conflicting-fields'],
    ['expect: [{}]', 'missing-field'],
    ['steps: [{ at: 1s, action: issu, params: [17.6.5] }]', 'wrong-type'],
    ['steps: [{ at: 1s, action: issu, params: { toVersion: 17.6 } }]', 'wrong-type'],
    ['steps: [{ at: 1s, action: issu, params: { toVersion: x, stepDelay: 5 } }]', 'missing-duration-unit'],
    ['steps: [{ at: 1s, action: issu, params: { toVersion: x, rollback: true } }]', 'unknown-key'],
  ])('rejects %s with %s', (line, code) => {
    expect(errorsOf(parseScenario(withSpec(line), 's.yaml')).map(([c]) => c)).toEqual([code]);
  });

  it('explains that an unquoted number is not text', () => {
    const result = parseScenario(withSpec('routers: [{ hostname: r1, model: ASR1001, version: 17.3 }]'), 's.yaml');
    expect(result.ok ? '' : result.errors[0]?.message).toBe(
      'version must be an IOS-XE version string such as "17.3.4a"; found the number 17.3 (quote it, "17.3", to keep it as text)',
    );
  });

  it('quotes keys that are not identifiers in paths, and keeps a "__proto__" label', () => {
    const bad = parseScenario(withSpec('selector: { labels: { "site.name": 1 } }'), 's.yaml');
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual(['spec.selector.labels["site.name"]']);
    const odd = scenarioOf(parseScenario(withSpec('selector: { labels: { __proto__: x } }'), 's.yaml'));
    expect(Object.entries(odd.spec.selector?.labels ?? {})).toEqual([['__proto__', 'x']]);
  });

  it('treats keys named like Object members as plain unknown keys', () => {
    const result = parseScenario(withSpec('steps: [{ at: 1s, fault: iosd-crash, constructor: 1, __proto__: 2, toString: 3 }]'), 's.yaml');
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual(
      ['constructor', '__proto__', 'toString'].map((key) => `unknown key "${key}" in a step; expected at, fault, action, target, params`),
    );
  });

  it('explains that merge keys are not supported', () => {
    const result = parseScenario(withSpec('routers:', '  - &r { hostname: a1, model: ASR1001 }', '  - { <<: *r, hostname: a2 }'), 's.yaml');
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.line, e.column])).toEqual([
      ['missing-field', 8, 7],
      ['unknown-key', 8, 9],
    ]);
    expect(result.ok ? '' : result.errors[1]?.message).toContain('merge keys (<<) are not supported');
  });

  it('names list items and free keys in messages', () => {
    const result = parseScenario(withSpec('timing: { hostBoot: -3 }', 'steps: [1]'), 's.yaml');
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      'timing.hostBoot must be a duration of 0 or more such as 250ms, 60s, 1.5m or 1h30m; found the number -3',
      'steps[0] must be a map (a step) with keys at, fault, action, target, params; found the number 1',
    ]);
  });

  it('keeps positions of JSON input', () => {
    const text = readFileSync(new URL('../test-fixtures/valid/dual-rp.json', import.meta.url), 'utf8');
    const spec = scenarioOf(parseScenario(text, 'd.json')).spec;
    expect(spec.steps.map((s) => s.position)).toEqual([
      { line: 12, column: 7 },
      { line: 13, column: 7 },
      { line: 14, column: 7 },
    ]);
  });
});

describe('validateScenarioObject', () => {
  it('gives the model of parseScenario, without positions', () => {
    const text = readFileSync(new URL('../test-fixtures/valid/issu-fleet-selector.yaml', import.meta.url), 'utf8');
    const fromText = scenarioOf(parseScenario(text, 'i.yaml'));
    const body: unknown = JSON.parse(JSON.stringify(scenarioToDocument(fromText)));
    expect(validateScenarioObject(body, 'body')).toEqual({ ok: true, scenario: stripPositions(fromText), warnings: [] });
  });

  it('reports errors with paths and no positions', () => {
    const result = validateScenarioObject({ apiVersion: 'asr-twin/v1', kind: 'Scenario', metadata: { name: 'x' }, spec: { steps: [{ at: 60 }] } }, 'body');
    expect(result).toEqual({
      ok: false,
      warnings: [],
      errors: [
        { file: 'body', path: 'spec.steps[0].at', code: 'missing-duration-unit', message: expect.stringContaining('found the number 60') },
        { file: 'body', path: 'spec.steps[0].fault', code: 'missing-field', message: expect.stringContaining('found neither') },
      ],
    });
  });

  it('ignores keys whose value is undefined, and rejects values JSON cannot hold', () => {
    const base = { apiVersion: 'asr-twin/v1', kind: 'Scenario', metadata: { name: 'x', description: undefined } };
    expect(validateScenarioObject({ ...base, spec: {} }, 'b').ok).toBe(true);
    const odd = validateScenarioObject({ ...base, spec: { horizon: new Date(0), seed: 10n } }, 'b');
    expect(odd.ok ? [] : odd.errors.map((e) => e.message)).toEqual([
      'seed must be a whole number from 0 to 4294967295; found a bigint',
      'horizon must be a duration of 0 or more such as 250ms, 60s, 1.5m or 1h30m; found an object of type Date',
    ]);
  });

  it('stops at cycles instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = { apiVersion: 'asr-twin/v1' };
    cyclic['spec'] = cyclic;
    const result = validateScenarioObject(cyclic, 'b');
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['nesting-too-deep']);
  });
});

/** The model without source positions, for comparing text and object parses. */
function stripPositions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'position' ? undefined : v))) as T;
}

describe('parseScenario: hardware population (domain §8.9, §8.10, §8.11, §8.18)', () => {
  const router = (extra: string) => `routers: [{ hostname: core-1, model: ASR1006, version: 17.6.4${extra} }]`;

  it("reads routers[].hardware and a state's supplies; the start lists the installed ESPs only", () => {
    const parsed = scenarioOf(
      parseScenario(
        withSpec(router(', hardware: { esp: ASR1000-ESP40, esps: 1 }, state: { psus: { P1: failed } }'), 'steps: [{ at: 1s, fault: psu-failure, target: P0 }]'),
        'h.yaml',
      ),
    );
    const r = parsed.spec.routers?.[0];
    expect(r?.hardware).toEqual({ esp: 'ASR1000-ESP40', esps: 1 });
    expect(r?.start?.esps.map((e) => e.slot)).toEqual(['F0']);
    expect(r?.start?.psus).toEqual([
      { slot: 'P0', state: 'ok' },
      { slot: 'P1', state: 'failed' },
    ]);
    expect(parsed.spec.steps[0]?.target).toEqual({ kind: 'psu', slot: 'P0' });
  });

  it('refuses F1 on a single-ESP router and P1 on a single-supply router (§8.9, §8.10)', () => {
    expect(errorsOf(parseScenario(withSpec(router(', hardware: { esps: 1 }'), 'steps: [{ at: 1s, fault: esp-failure, target: F1 }]'), 'h.yaml'))).toEqual([
      ['target-not-on-chassis', 'spec.steps[0].target', 7],
    ]);
    const oneSupply = parseScenario(withSpec(router(', hardware: { psus: 1 }'), 'steps: [{ at: 1s, fault: psu-failure, target: P1 }]'), 'h.yaml');
    expect(oneSupply.ok ? '' : oneSupply.errors[0]?.message).toBe('the power supply P1 does not exist on router core-1 (ASR1006 has power supplies: P0)');
    expect(errorsOf(parseScenario(withSpec(router(', hardware: { esps: 1 }, state: { esps: { F1: ok } }')), 'h.yaml'))).toEqual([
      ['target-not-on-chassis', 'spec.routers[0].state.esps.F1', 6],
    ]);
  });

  it('refuses impossible combinations naming the PID and the release (§8.11)', () => {
    const rp1 = parseScenario(withSpec(router(', hardware: { rp: ASR1000-RP1, esp: ASR1000-ESP20 }')), 'h.yaml');
    expect(rp1.ok ? [] : rp1.errors.map((e) => [e.code, e.message])).toEqual([
      ['impossible-hardware', 'impossible ASR1006 on 17.6.4: ASR1000-RP1 cannot run IOS XE 17.6.4: no 17.x image exists for it (it runs 2.x, 3.x)'],
    ]);
    const asr1002 = parseScenario(withSpec('routers: [{ hostname: cpe-1, model: ASR1002, version: 17.3.4a }]'), 'h.yaml');
    expect(asr1002.ok ? [] : asr1002.errors.map((e) => e.message)).toEqual([
      'impossible ASR1002 on 17.3.4a: ASR1002-RP1 cannot run IOS XE 17.3.4a: no 17.x image exists for it (it runs 2.x, 3.x)',
      'impossible ASR1002 on 17.3.4a: ASR1000-ESP10 cannot run IOS XE 17.3.4a: no 17.x image exists for it (it runs 2.x, 3.x, 16.x)',
    ]);
    // Without a version an ASR1002 runs 3.16.10S, a release its RP1 has.
    expect(scenarioOf(parseScenario(withSpec('routers: [{ hostname: cpe-1, model: ASR1002 }]'), 'h.yaml')).spec.routers?.[0]?.version).toBe('3.16.10S');
  });

  it('one RP in a dual-RP chassis: R1 is not a target, its host starts down and the router simplex (§8.10)', () => {
    const parsed = scenarioOf(parseScenario(withSpec(router(', hardware: { rps: 1 }, state: { hosts: { R0: up } }')), 'h.yaml'));
    expect(parsed.spec.routers?.[0]?.start?.hosts).toEqual([
      { slot: 'R0', state: 'up' },
      { slot: 'R1', state: 'down' },
    ]);
    expect(parsed.spec.routers?.[0]?.start?.operatingMode).toBe('none');
    expect(errorsOf(parseScenario(withSpec(router(', hardware: { rps: 1 }'), 'steps: [{ at: 1s, fault: rp-failure, target: R1 }]'), 'h.yaml'))).toEqual([
      ['target-not-on-chassis', 'spec.steps[0].target', 7],
    ]);
  });

  it('reads behaviour espColdStartRole (F0 | first-ready) and writes it back', () => {
    const parsed = scenarioOf(parseScenario(withSpec('behaviour: { espColdStartRole: first-ready }'), 'b.yaml'));
    expect(parsed.spec.behaviour?.espColdStartRole).toBe('first-ready');
    const codes = (text: string) => {
      const r = parseScenario(withSpec(text), 'b.yaml');
      return r.ok ? [] : r.errors.map((e) => e.code);
    };
    expect(codes('behaviour: { espColdStartRole: F1 }')).toEqual(['unknown-behaviour']);
  });
});
