import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnNode } from '../support/processes.js';

interface Element {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: Element[];
}

/** A strict little XML reader: balanced tags, quoted attributes, one root; throws on anything else. */
function parseXml(xml: string): Element {
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const root: Element = { name: '#document', attrs: {}, children: [] };
  const stack: Element[] = [root];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    if (m.index !== last) throw new Error(`unexpected text at ${last}: ${body.slice(last, last + 40)}`);
    last = tag.lastIndex;
    if (m[5] !== undefined) {
      if (/[<>]|&(?!(lt|gt|amp|quot|apos);)/.test(m[5])) throw new Error(`bad character data: ${m[5]}`);
      continue;
    }
    const [, close, name, attrText, selfClose] = m as unknown as [string, string, string, string, string];
    if (close) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attrs = Object.fromEntries([...attrText.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    const el: Element = { name, attrs: attrs as Record<string, string>, children: [] };
    (stack[stack.length - 1] as Element).children.push(el);
    if (!selfClose) stack.push(el);
  }
  if (last !== body.length || stack.length !== 1 || root.children.length !== 1) throw new Error('not one balanced root element');
  return root.children[0] as Element;
}

describe('npx twin run examples/*.yaml --junit out.xml', () => {
  it('passes every example and writes JUnit that common CI readers accept', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'twin-e2e-')), 'out.xml');
    const twin = spawnNode(['apps/cli/bin/twin.js', 'run', 'examples/*.yaml', '--junit', out], {});
    const { code } = await twin.exited;
    const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'));
    expect(examples.length).toBeGreaterThanOrEqual(17);
    expect(twin.output()).toContain(`${examples.length} of ${examples.length} run(s) passed`);
    expect(code).toBe(0);

    const suites = parseXml(readFileSync(out, 'utf8'));
    expect(suites.name).toBe('testsuites');
    expect(suites.children.map((s) => s.attrs['file']).sort()).toEqual(examples.map((f) => `examples/${f}`).sort());
    let tests = 0;
    for (const suite of suites.children) {
      expect(suite.name).toBe('testsuite');
      const cases = suite.children.filter((c) => c.name === 'testcase');
      expect(Number(suite.attrs['tests'])).toBe(cases.length);
      expect(Number(suite.attrs['failures'])).toBe(0);
      expect(cases.every((c) => c.attrs['classname']?.startsWith(`${suite.attrs['name']}.`) && c.attrs['name'])).toBe(true);
      tests += cases.length;
    }
    expect(Number(suites.attrs['tests'])).toBe(tests);
  });

  it('exits 1 and reports the failure in the JUnit when an expectation fails', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'twin-e2e-')), 'out.xml');
    const failing = join(ROOT, 'test/fixtures/scenarios/failing-expectation.yaml');
    const twin = spawnNode(['apps/cli/bin/twin.js', 'run', failing, '--junit', out], {});
    expect((await twin.exited).code).toBe(1);
    expect(twin.output()).toMatch(/single-rp-panic-r1: dataPlaneOutage observed \S+, limit max 1s/);
    const suites = parseXml(readFileSync(out, 'utf8'));
    const failures = suites.children
      .flatMap((s) => s.children)
      .flatMap((c) => c.children)
      .filter((x) => x.name === 'failure');
    expect(failures.map((f) => f.attrs['message'])).toEqual([expect.stringMatching(/^single-rp-panic-r1: dataPlaneOutage observed/)]);
    // Each expectation's test case points at its line of the scenario file, for CI annotations.
    const lines = readFileSync(failing, 'utf8').split('\n');
    const cases = suites.children.flatMap((s) => s.children).filter((c) => c.name === 'testcase');
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.attrs['file']).toBe(failing);
      const line = lines[Number(c.attrs['line']) - 1] ?? '';
      expect(line).toMatch(/^\s*- (metric|invariant):/);
      expect(line).toContain((c.attrs['name'] ?? '').split(' ')[0] as string);
    }
  });

  it('prints its version', async () => {
    const twin = spawnNode(['apps/cli/bin/twin.js', '--version'], {});
    expect((await twin.exited).code).toBe(0);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(twin.output()).toBe(`twin ${version} (asr-twin; Node.js ${process.versions.node})\n`);
  });

  it('exits 2 with file:line:col for an invalid file', async () => {
    const invalid = 'test/fixtures/scenarios/invalid-target.yaml';
    const twin = spawnNode(['apps/cli/bin/twin.js', 'run', invalid], {});
    expect((await twin.exited).code).toBe(2);
    expect(twin.output()).toMatch(/^test\/fixtures\/scenarios\/invalid-target\.yaml:\d+:\d+: .*R1/m);
  });
});
