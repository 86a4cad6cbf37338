import { readdirSync, readFileSync } from 'node:fs';
import { parseScenario } from '@asr-twin/scenario';
import { runScenario } from '@asr-twin/simulator';
import { describe, expect, it } from 'vitest';
import { reportChunks, reportPartsOf, reportText } from './report-writer.js';

const ROOT = new URL('../../../', import.meta.url);
const examples = readdirSync(new URL('examples/', ROOT))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function reportOf(file: string) {
  const parsed = parseScenario(readFileSync(new URL(`examples/${file}`, ROOT), 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return runScenario(parsed.scenario);
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

describe('reportChunks (the one run report writer)', () => {
  it.each(examples)('writes the embedded report of examples/%s byte for byte as JSON.stringify of the report', async (file) => {
    const report = reportOf(file);
    expect(report.timeline.length).toBeGreaterThan(0);
    expect(await reportText(report)).toBe(JSON.stringify(report));
  });

  it('joins expectation groups written as a stored array without brackets, skipping empty ones', async () => {
    const report = reportOf(examples[0] as string);
    const exps = report.expectations.map((e) => JSON.stringify(e));
    const grouped = ['', exps.slice(0, 1).join(','), '', exps.slice(1).join(','), ''];
    const written = await text(reportChunks({ ...reportPartsOf(report), expectations: grouped }));
    expect(written).toBe(JSON.stringify(report));
  });

  it('writes only the timeline fields of an entry, in the report order, whatever else a stored row carries', async () => {
    const report = reportOf(examples[0] as string);
    const stored = report.timeline.map((e, i) => ({ seq: i, ordinal: 0, ...e, extra: 'x' }));
    const written = await text(reportChunks({ ...reportPartsOf(report), timeline: stored }));
    expect(written).toBe(JSON.stringify(report));
  });

  it('ends a Monte Carlo report with its iterations and aggregate', async () => {
    const report = reportOf(examples[0] as string);
    const aggregate = { verdicts: { pass: 2, fail: 1, error: 0 } };
    const written = JSON.parse(await text(reportChunks({ ...reportPartsOf(report), monteCarlo: { iterations: 3, aggregate } }))) as Record<string, unknown>;
    expect(Object.keys(written)).toEqual(['scenario', 'seed', 'verdict', 'routers', 'expectations', 'timeline', 'monteCarlo']);
    expect(written['monteCarlo']).toEqual({ iterations: 3, aggregate });
  });
});
