import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request } from '../support/api.js';
import { ROOT } from '../support/processes.js';
import { exampleSource, type RunBody, type RunStack, startRunStack, waitForRun } from '../support/runs.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs/report.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function problems(value: unknown): readonly string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

let stack: RunStack;

beforeAll(async () => {
  stack = await startRunStack('report-schema');
});
afterAll(() => stack?.stop());

async function reportOf(body: unknown): Promise<Record<string, unknown>> {
  const created = await request<RunBody>(stack.api.url, 'POST', '/api/v1/runs', body, bearer(stack.api.adminKey));
  expect(created.status).toBe(202);
  const run = await waitForRun(stack.api.url, created.body.id, stack.api.adminKey);
  expect(run.status).toBe('completed');
  const report = await request<Record<string, unknown>>(stack.api.url, 'GET', `/api/v1/runs/${run.id}/report`, undefined, bearer(stack.api.adminKey));
  expect(report.status).toBe(200);
  return report.body;
}

describe('GET /api/v1/runs/:id/report against docs/report.schema.json', () => {
  it('a run of a scenario on its own routers, with a declared starting state', async () => {
    const report = await reportOf({ source: exampleSource('starting-state') });
    expect((report['routers'] as unknown[]).length).toBeGreaterThan(0);
    expect(problems(report)).toEqual([]);
  });

  it('a Monte Carlo run, with its aggregate', async () => {
    const report = await reportOf({ source: exampleSource('host-kernel-panic'), seed: 3, iterations: 3 });
    expect(report['monteCarlo']).toMatchObject({ iterations: 3 });
    expect(problems(report)).toEqual([]);
    const broken = { ...report, monteCarlo: { ...(report['monteCarlo'] as object), shards: 1 } };
    expect(problems(broken).join('\n')).toMatch(/\/monteCarlo must NOT have additional properties/);
  });
});
