import { readFileSync } from 'node:fs';
import {
  ACTIONS,
  CARD_GENERATIONS,
  CHASSIS_MODELS,
  CONFIG_SYNC_FAILURE_ACTIONS,
  DEPRECATED_TIMING_KEYS,
  DOMAIN_STATES,
  ESP_COLD_START_ROLES,
  ESP_STATES,
  FAULTS,
  HOST_STATES,
  INTEGRATED_ESP_FAILURE_ACTIONS,
  INVARIANTS,
  ISSU_METHODS,
  ISSU_PACKAGES,
  METRICS,
  MISMATCH_RELEASES,
  PSU_SLOTS,
  PSU_STATES,
  REDUNDANCY_MODES,
  RF_STATES,
  SINGLE_RP_IMAGE_ISSU_RULES,
  SPLIT_BRAIN_RULES,
  STEP_TARGETS,
  SWITCHOVER_REASONS,
  TIMING_KEYS,
  TIMING_PROFILE,
  type ActionName,
  type FaultName,
} from '@asr-twin/domain';
import { describe, expect, it } from 'vitest';
import {
  DURATION_UNITS,
  formatDuration,
  parseScenario,
  SCENARIO_DEFAULTS,
  SCENARIO_ERROR_CODES,
  SCENARIO_FIELDS,
  SCENARIO_WARNING_CODES,
  STEP_PARAMS,
  TARGET_NAMES,
  type ScenarioFieldPlace,
} from './index.js';

const DOC_URL = new URL('../../../docs/scenario-format.md', import.meta.url);
const doc = readFileSync(DOC_URL, 'utf8');

/** Where each place's keys sit in a document, written as the reference's field table writes them. */
const PREFIX: Readonly<Record<ScenarioFieldPlace, string>> = {
  root: '',
  metadata: 'metadata.',
  spec: 'spec.',
  router: 'spec.routers[].',
  hardware: 'spec.routers[].hardware.',
  state: 'spec.routers[].state.',
  stateInstance: 'spec.routers[].state.instances.<instance>.',
  stateHost: 'spec.routers[].state.hosts.<host>.',
  stateEsp: 'spec.routers[].state.esps.<esp>.',
  stateCounters: 'spec.routers[].state.counters.',
  selector: 'spec.selector.',
  step: 'spec.steps[].',
  issuParams: 'spec.steps[].params.',
  imageMismatchParams: 'spec.steps[].params.',
  expectation: 'spec.expect[].',
  behaviour: 'spec.behaviour.',
};

/** The text from a heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/scenario-format.md has no heading "${heading}"`);
  const level = heading.split(' ')[0] as string;
  const rest = doc.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{1,${level.length}} `, 'm'));
  return next < 0 ? rest : rest.slice(0, next);
}

/** Table rows of a text: cells trimmed, header and rule rows left out, keyed by the first cell without backticks. */
function rows(text: string): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('|') || /^\|[-| ]+\|$/.test(line)) continue;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    const key = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (key !== undefined) out.set(key, cells.slice(1));
  }
  return out;
}

/** The backticked words of a cell: "`active`, `standby`" → ["active", "standby"]. */
function codes(cell: string | undefined): readonly string[] {
  return [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
}

function mentions(text: string, value: string): boolean {
  return text.includes(`\`${value}\``);
}

describe('docs/scenario-format.md names everything the parser reads', () => {
  it('has a row for every field of every place, and no row for a field the parser does not read', () => {
    const expected = Object.entries(SCENARIO_FIELDS).flatMap(([place, keys]) => keys.map((k) => `${PREFIX[place as ScenarioFieldPlace]}${k}`));
    const documented = [...rows(section('## Fields')).keys()];
    expect(documented.filter((path) => !expected.includes(path))).toEqual([]);
    expect(expected.filter((path) => !documented.includes(path))).toEqual([]);
  });

  it('gives the defaults the validator applies', () => {
    const fields = rows(section('## Fields'));
    expect(codes(fields.get('spec.horizon')?.[1])).toContain(formatDuration(SCENARIO_DEFAULTS.horizonMs));
    expect(codes(fields.get('spec.routers[].redundancy')?.[1])).toEqual([SCENARIO_DEFAULTS.redundancy]);
    expect(codes(fields.get('spec.routers[].version')?.[1])).toContain(SCENARIO_DEFAULTS.version);
    expect(codes(fields.get('spec.steps[].params.accept')?.[1])).toEqual([String(SCENARIO_DEFAULTS.issuAccept)]);
    expect(codes(fields.get('spec.steps[].params.stepDelay')?.[1])).toEqual([formatDuration(SCENARIO_DEFAULTS.issuStepDelayMs)]);
    expect(codes(fields.get('spec.steps[].params.package')?.[1])).toEqual([SCENARIO_DEFAULTS.issuPackage]);
    expect(codes(fields.get('spec.steps[].params.version')?.[1])).toEqual([...MISMATCH_RELEASES]);
  });

  const stepRows = (heading: string, names: readonly (FaultName | ActionName)[]): void => {
    const table = rows(section(heading));
    it(`${heading.slice(4)}: every one has a row with its targets, default target and params`, () => {
      expect([...table.keys()].sort()).toEqual([...names].sort());
      for (const name of names) {
        const [targets, defaultTarget, params] = table.get(name) ?? [];
        const rule = STEP_TARGETS[name];
        const roleDefault = ['active', 'standby', 'router'].includes(rule.defaultTarget);
        expect({ name, targets: codes(targets) }).toEqual({ name, targets: rule.allowed });
        expect({ name, defaultTarget: roleDefault ? codes(defaultTarget) : defaultTarget }).toEqual({
          name,
          defaultTarget: roleDefault ? [rule.defaultTarget] : 'required',
        });
        expect({ name, params: codes(params) }).toEqual({ name, params: STEP_PARAMS[name] });
      }
    });
  };
  stepRows('### Faults', FAULTS);
  stepRows('### Actions', ACTIONS);

  it('lists every target kind and every name a target may take', () => {
    const targets = section('### Targets');
    const kinds = new Set(Object.values(STEP_TARGETS).flatMap((rule) => rule.allowed));
    expect([...rows(targets).keys()].sort()).toEqual([...kinds].sort());
    expect(TARGET_NAMES.filter((name) => !mentions(targets, name))).toEqual([]);
  });

  it('lists every timing key with its default, and the deprecated ones', () => {
    const table = rows(section('## Timing overrides'));
    expect([...table.keys()].sort()).toEqual([...TIMING_KEYS].sort());
    for (const key of TIMING_KEYS) expect({ key, default: table.get(key)?.[0] }).toEqual({ key, default: formatDuration(TIMING_PROFILE[key].defaultMs) });
    for (const key of Object.keys(DEPRECATED_TIMING_KEYS)) expect(mentions(section('## Timing overrides'), key)).toBe(true);
  });

  it('lists every metric, invariant and behaviour choice, default first', () => {
    const expectations = rows(section('## Expectations'));
    expect([...expectations.keys()].sort()).toEqual([...METRICS, ...INVARIANTS].sort());
    const behaviour = rows(section('## Behaviour'));
    const choices: Readonly<Record<string, readonly string[]>> = {
      splitBrain: SPLIT_BRAIN_RULES,
      integratedEspFailure: INTEGRATED_ESP_FAILURE_ACTIONS,
      singleRpImageIssu: SINGLE_RP_IMAGE_ISSU_RULES,
      configSyncFailure: CONFIG_SYNC_FAILURE_ACTIONS,
      espColdStartRole: ESP_COLD_START_ROLES,
    };
    expect([...behaviour.keys()].sort()).toEqual([...SCENARIO_FIELDS.behaviour].sort());
    for (const [key, values] of Object.entries(choices)) {
      expect({ key, values: codes(behaviour.get(key)?.[0]).slice(0, values.length) }).toEqual({ key, values });
    }
  });

  it('names every error and warning code as a row or in the text', () => {
    const errors = rows(section('## Errors and warnings'));
    expect([...errors.keys()].sort()).toEqual([...SCENARIO_ERROR_CODES].sort());
    expect(SCENARIO_WARNING_CODES.filter((code) => !mentions(doc, code))).toEqual([]);
  });

  it('names every value an enumerated field takes', () => {
    const values = [
      ...CHASSIS_MODELS,
      ...REDUNDANCY_MODES,
      ...RF_STATES.map((s) => s.name),
      ...DOMAIN_STATES,
      ...HOST_STATES,
      ...ESP_STATES,
      ...PSU_STATES,
      ...PSU_SLOTS,
      ...SWITCHOVER_REASONS,
      ...ISSU_METHODS,
      ...ISSU_PACKAGES,
      ...Object.keys(DURATION_UNITS),
      ...CARD_GENERATIONS.map((c) => c.pid),
    ];
    expect(values.filter((value) => !mentions(doc, value))).toEqual([]);
  });
});

interface YamlExample {
  readonly line: number;
  readonly text: string;
  /** The error code an intentionally invalid example must produce. */
  readonly invalid?: string;
}

/** Every ```yaml block, with the error code of a preceding `<!-- doc-test: invalid CODE -->`. */
export function yamlExamples(markdown: string): readonly YamlExample[] {
  const out: YamlExample[] = [];
  for (const match of markdown.matchAll(/(?:<!-- doc-test: invalid ([a-z-]+) -->\n)?```yaml\n([\s\S]*?)^```$/gm)) {
    const line = markdown.slice(0, match.index).split('\n').length;
    out.push({ line, text: match[2] as string, ...(match[1] === undefined ? {} : { invalid: match[1] }) });
  }
  return out;
}

describe('the yaml examples of docs/scenario-format.md', () => {
  const examples = yamlExamples(doc);

  it('are there, some valid and some invalid on purpose', () => {
    expect(examples.filter((e) => e.invalid === undefined).length).toBeGreaterThanOrEqual(10);
    expect(examples.filter((e) => e.invalid !== undefined).length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((e) => [e.line, e] as const))('the block at line %i parses as it says', (line, example) => {
    const result = parseScenario(example.text, `docs/scenario-format.md:${line}`);
    const problems = result.ok ? [] : result.errors.map((e) => `${e.line}:${e.column} ${e.code}: ${e.message}`);
    if (example.invalid === undefined) {
      expect(problems).toEqual([]);
      expect(result.warnings).toEqual([]);
    } else {
      expect(result.ok).toBe(false);
      expect(problems.map((p) => p.split(' ')[1]?.replace(':', ''))).toContain(example.invalid);
    }
  });
});
