import { readdirSync, readFileSync } from 'node:fs';
import { parseScenario } from '@asr-twin/scenario';
import { runScenario, type Report } from '@asr-twin/simulator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { expectationPlaces, toJunitXml } from './index.js';

const ROOT = new URL('../../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('docs/report.schema.json', ROOT), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

/** Every problem the schema finds in a value, one line each (empty: valid). */
function problems(value: unknown): readonly string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The report as a client reads it: the JSON text, parsed. */
function asRead(report: Report): unknown {
  return JSON.parse(JSON.stringify(report));
}

function scenarioOf(text: string, file: string) {
  const parsed = parseScenario(text, file);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  return parsed.scenario;
}

const examples = readdirSync(new URL('examples/', ROOT))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('docs/report.schema.json', () => {
  it('describes every property it defines', () => {
    const undescribed: string[] = [];
    const defs = (schema['$defs'] ?? {}) as Record<string, { description?: string }>;
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      for (const [name, child] of Object.entries((record['properties'] ?? {}) as Record<string, Record<string, unknown>>)) {
        const ref = typeof child['$ref'] === 'string' ? defs[(child['$ref'] as string).replace('#/$defs/', '')] : undefined;
        if (typeof child['description'] !== 'string' && typeof ref?.description !== 'string') undescribed.push(`${path}.${name}`);
      }
      for (const [key, child] of Object.entries(record)) walk(child, `${path}.${key}`);
    };
    walk(schema, '#');
    expect(undescribed).toEqual([]);
  });

  it.each(examples)('accepts the embedded report of examples/%s', (file) => {
    const report = runScenario(scenarioOf(readFileSync(new URL(`examples/${file}`, ROOT), 'utf8'), file));
    expect(report.routers.length).toBeGreaterThan(0);
    expect(problems(asRead(report))).toEqual([]);
  });

  const documented = [
    ...readFileSync(new URL('docs/scenario-format.md', ROOT), 'utf8').matchAll(/(<!-- doc-test: invalid [a-z-]+ -->\n)?```yaml\n([\s\S]*?)^```$/gm),
  ]
    .filter((m) => m[1] === undefined && !/^ {2}selector:/m.test(m[2] as string))
    .map((m) => m[2] as string);

  it.each(documented.map((text) => [/name: (\S+)/.exec(text)?.[1], text] as const))(
    'runs the %s example of docs/scenario-format.md to a pass, with a valid report',
    (name, text) => {
      const report = runScenario(scenarioOf(text, `${name}.yaml`));
      expect(report.expectations.filter((e) => e.verdict !== 'pass')).toEqual([]);
      expect(report.verdict).toBe('pass');
      expect(problems(asRead(report))).toEqual([]);
    },
  );

  it('accepts the report of a router that could not be simulated, with its error', () => {
    const scenario = scenarioOf(
      [
        'apiVersion: asr-twin/v1',
        'kind: Scenario',
        'metadata: { name: no-r1 }',
        'spec:',
        '  steps:',
        '    - at: 60s',
        '      fault: rp-failure',
        '      target: R1',
      ].join('\n'),
      'no-r1.yaml',
    );
    const report = runScenario(scenario, [{ hostname: 'edge-1', model: 'ASR1002-X', redundancy: 'sso', version: '17.3.4a' }]);
    expect(report.verdict).toBe('error');
    expect(report.routers[0]?.error).toMatch(/R1/);
    expect(problems(asRead(report))).toEqual([]);
  });

  it('refuses a report with a field it does not document, or a value out of its range', () => {
    const report = asRead(runScenario(scenarioOf(readFileSync(new URL('examples/iosd-crash.yaml', ROOT), 'utf8'), 'iosd-crash.yaml'))) as {
      routers: { metrics: Record<string, unknown>; final: { instances: Record<string, unknown>[] } }[];
      timeline: Record<string, unknown>[];
    };
    expect(problems(report)).toEqual([]);
    const router = report.routers[0];
    if (router === undefined) throw new Error('no router');
    router.metrics['lostPackets'] = 0;
    expect(problems(report).join('\n')).toMatch(/must NOT have additional properties.*lostPackets/);
    delete router.metrics['lostPackets'];
    (router.final.instances[0] as Record<string, unknown>)['rfState'] = 'STANDBY WARM';
    expect(problems(report).join('\n')).toMatch(/\/routers\/0\/final\/instances\/0\/rfState must be equal to one of the allowed values/);
  });
});

describe('docs/report-format.md', () => {
  const doc = readFileSync(new URL('docs/report-format.md', ROOT), 'utf8');
  const exampleText = (file: string): string => readFileSync(new URL(file, ROOT), 'utf8');

  it('shows the report of its example exactly, and that report is valid', () => {
    const blocks = [...doc.matchAll(/<!-- doc-test: report (\S+) -->\n```json\n([\s\S]*?)^```$/gm)];
    expect(blocks).toHaveLength(1);
    for (const [, file, json] of blocks) {
      const report = asRead(runScenario(scenarioOf(exampleText(file as string), file as string)));
      expect(JSON.parse(json as string)).toEqual(report);
      expect(problems(JSON.parse(json as string))).toEqual([]);
    }
  });

  it('shows the JUnit XML of its example exactly, times aside', () => {
    const block = /<!-- doc-test: junit (\S+) (\w+) max (\w+) -->\n```xml\n([\s\S]*?)^```$/m.exec(doc);
    if (block === null) throw new Error('docs/report-format.md has no JUnit example marked doc-test');
    const [, file, metric, bound, xml] = block as unknown as [string, string, string, string, string];
    const source = exampleText(file).replace(new RegExp(`(- metric: ${metric}\\n\\s+max: )\\S+`), `$1${bound}`);
    const scenario = scenarioOf(source, 'junit-demo.yaml');
    const places = expectationPlaces('junit-demo.yaml', scenario.spec.expect);
    const built = toJunitXml([{ report: runScenario(scenario), source: 'junit-demo.yaml', durationMs: 0 }], (_s, e, i) => places(e, i));
    const untimed = (text: string): string => text.replace(/ time="[0-9.]+"/g, ' time=""');
    expect(untimed(xml)).toBe(untimed(built));
  });
});
