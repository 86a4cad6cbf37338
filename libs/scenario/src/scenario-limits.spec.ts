import { describe, expect, it } from 'vitest';
import { parseScenario, SCENARIO_LIMITS, validateScenarioObject, type ScenarioParseResult } from './index.js';

const VALID = 'apiVersion: asr-twin/v1\nkind: Scenario\nmetadata:\n  name: t\nspec:\n  steps: [{ at: 1s, fault: iosd-crash }]\n';

function codes(result: ScenarioParseResult): string[] {
  return result.ok ? [] : result.errors.map((e) => `${e.code}@${e.line}:${e.column}`);
}

describe('input size', () => {
  it('accepts a file of exactly the maximum size', () => {
    const padding = '#'.repeat(SCENARIO_LIMITS.maxInputSize - VALID.length - 1);
    const text = `${VALID}${padding}\n`;
    expect(text.length).toBe(SCENARIO_LIMITS.maxInputSize);
    expect(parseScenario(text, 'big.yaml').ok).toBe(true);
  });

  it('rejects one character or byte more, before parsing', () => {
    const text = `${VALID}${'#'.repeat(SCENARIO_LIMITS.maxInputSize - VALID.length + 1)}`;
    expect(codes(parseScenario(text, 'big.yaml'))).toEqual(['input-too-large@1:1']);
    expect(codes(parseScenario(new TextEncoder().encode(text), 'big.yaml'))).toEqual(['input-too-large@1:1']);
  });
});

describe('nesting', () => {
  it('rejects deep flow nesting without composing it (which would exhaust the stack)', { timeout: 30_000 }, () => {
    expect(codes(parseScenario(`spec: ${'['.repeat(100_000)}`, 'deep.yaml'))).toEqual(['nesting-too-deep@1:70']);
    expect(codes(parseScenario(`${'{a: '.repeat(50_000)}`, 'deep.yaml'))).toEqual(['nesting-too-deep@1:257']);
  });

  it('rejects deep block nesting, compact or indented', { timeout: 30_000 }, () => {
    expect(codes(parseScenario(`${'- '.repeat(100_000)}x`, 'deep.yaml'))).toEqual(['nesting-too-deep@1:129']);
    const indented = Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(codes(parseScenario(indented, 'deep.yaml'))).toEqual(['nesting-too-deep@65:65']);
  });

  it('accepts nesting up to the limit, counting the top-level map, with values inside', () => {
    const depth = SCENARIO_LIMITS.maxDepth - 1;
    const result = parseScenario(`spec: ${'['.repeat(depth)}x${']'.repeat(depth)}`, 'ok.yaml');
    expect(codes(result)).not.toContainEqual(expect.stringMatching(/^nesting/));
    expect(codes(parseScenario(`spec: ${'['.repeat(depth + 1)}x${']'.repeat(depth + 1)}`, 'deep.yaml'))).toEqual(['nesting-too-deep@1:70']);
  });

  it('counts depth through aliases nested in aliases', () => {
    const layer = (inner: string) => `${'['.repeat(30)}${inner}${']'.repeat(30)}`;
    const text = `a: &a ${layer('x')}\nb: &b ${layer('*a')}\nc: &c ${layer('*b')}\n`;
    expect(codes(parseScenario(text, 'alias.yaml'))).toEqual(['nesting-too-deep@3:37']);
  });
});

describe('aliases', () => {
  it('rejects an alias inside the node it refers to', () => {
    expect(codes(parseScenario(`${VALID.replace('spec:', 'spec: &s')}  expect: *s\n`, 'cycle.yaml'))).toEqual(['yaml-alias@7:11']);
  });

  it('expands ordinary aliases', () => {
    const text = VALID.replace('[{ at: 1s, fault: iosd-crash }]', '[&c { at: 1s, fault: iosd-crash }, *c, *c]');
    const result = parseScenario(text, 'ok.yaml');
    expect(result.ok && result.scenario.spec.steps.length).toBe(3);
  });
});

describe('error volume', () => {
  it(`lists at most ${SCENARIO_LIMITS.maxErrors} errors, then says how many more there were`, () => {
    const keys = Array.from({ length: 150 }, (_, i) => `  junk${i}: 1`).join('\n');
    const result = parseScenario(`${VALID.replace('  name: t\n', `  name: t\n${keys}\n`)}`, 'many.yaml');
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(SCENARIO_LIMITS.maxErrors + 1);
    expect(errors[SCENARIO_LIMITS.maxErrors]).toMatchObject({ code: 'too-many-errors', line: 105, message: '50 more errors not listed; fix these first' });
  });

  it.each([
    ['commas', `[${','.repeat(100_000)}]`],
    ['anchors', `${'&a '.repeat(60_000)}x`],
    ['tags', `${'!t '.repeat(60_000)}x`],
    ['flow lines', '[a]\n'.repeat(60_000)],
  ])(
    'survives pathological YAML (%s) with a bounded error list and a true count',
    (_name, text) => {
      const result = parseScenario(text, 'junk.yaml');
      const errors = result.ok ? [] : result.errors;
      expect(errors).toHaveLength(SCENARIO_LIMITS.maxErrors + 1);
      const more = Number(/^(\d+) more errors/.exec(errors[SCENARIO_LIMITS.maxErrors]?.message ?? '')?.[1]);
      expect(more).toBeGreaterThan(10 * SCENARIO_LIMITS.maxErrors);
    },
    30_000,
  );
});

describe('never throws', () => {
  it('reports an internal error when reading the value itself throws', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    const result = validateScenarioObject(hostile, 'body');
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.message.includes('boom')])).toEqual([['internal-error', true]]);
  });
});
