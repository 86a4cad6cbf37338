import { randomBytes } from 'node:crypto';
import { parseScenario } from '@asr-twin/scenario';
import { runScenario } from '@asr-twin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import { bearer, request, type RunningApi } from '../support/api.js';
import { exampleSource, type RunBody, type RunStack, startRunStack, waitForRun } from '../support/runs.js';

let stack: RunStack;
let api: RunningApi;

beforeAll(async () => {
  stack = await startRunStack('runs');
  api = stack.api;
});
afterAll(() => stack?.stop());

const auth = () => bearer(api.adminKey);
const post = <T>(path: string, body: unknown, headers: Record<string, string> = {}) => request<T>(api.url, 'POST', path, body, { ...auth(), ...headers });
const get = <T>(path: string) => request<T>(api.url, 'GET', path, undefined, auth());

async function runToEnd(body: unknown): Promise<RunBody> {
  const created = await post<RunBody>('/api/v1/runs', body);
  expect(created.status).toBe(202);
  return waitForRun(api.url, created.body.id, api.adminKey);
}

describe('scenarios', () => {
  it('stores a scenario posted as YAML, keeping its source verbatim', async () => {
    const source = exampleSource('iosd-crash');
    const res = await request<{ name: string; source: string; revision: number }>(api.url, 'POST', '/api/v1/scenarios', source, {
      ...auth(),
      'content-type': 'application/yaml',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'iosd-crash', revision: 1 });
    expect((await get<{ source: string }>('/api/v1/scenarios/iosd-crash')).body.source).toBe(source);
  });

  it('refuses an invalid scenario with every error at its line and column', async () => {
    const source = exampleSource('iosd-crash').replace('fault: iosd-crash', 'fault: iosd-crsh').replace('max: 1s', 'max: 1 second');
    const res = await post<Problem & { errors: { line: number; column: number; code: string }[] }>('/api/v1/scenarios', { source });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e) => e.code).sort()).toEqual(['invalid-duration', 'unknown-fault']);
    expect(res.body.errors.every((e) => (e.line ?? 0) > 1 && (e.column ?? 0) > 1)).toBe(true);
    const check = await post<{ valid: boolean; errors: { line: number }[] }>('/api/v1/scenarios/validate', { source });
    expect(check.status).toBe(200);
    expect(check.body.valid).toBe(false);
    expect(check.body.errors).toHaveLength(2);
    expect((await post<{ valid: boolean }>('/api/v1/scenarios/validate', { source: exampleSource('reload') })).body.valid).toBe(true);
  });
});

describe('runs', () => {
  it("runs a stored scenario on its own routers and gives the embedded simulator's report byte for byte", async () => {
    const run = await runToEnd({ scenario: 'iosd-crash' });
    expect(run).toMatchObject({ status: 'completed', verdict: 'pass', progress: { routersDone: 1, routerCount: 1 } });
    const report = await fetch(`${api.url}/api/v1/runs/${run.id}/report`, { headers: auth() });
    expect(report.headers.get('content-type')).toMatch(/^application\/json/);
    const parsed = parseScenario(exampleSource('iosd-crash'), 'x');
    if (!parsed.ok) throw new Error('example invalid');
    expect(await report.text()).toBe(JSON.stringify(runScenario(parsed.scenario)));
  });

  it("merges the timelines of many shards into the embedded report byte for byte, and answers each router's timeline from its chunk", async () => {
    const routers = Array.from({ length: 7 }, (_, i) => {
      const [model, redundancy] = [
        ['ASR1002-X', 'sso'],
        ['ASR1006', 'rpr'],
        ['ASR1001-X', 'sso'],
      ][i % 3] as [string, string];
      return `    - hostname: edge-${i}\n      model: ${model}\n      redundancy: ${redundancy}\n`;
    }).join('');
    const source = exampleSource('iosd-crash').replace(/ {2}routers:\n(?: {4}.*\n)+/, `  routers:\n${routers}`);
    const run = await runToEnd({ source, shardSize: 2 });
    expect(run).toMatchObject({ status: 'completed', progress: { routersDone: 7, routerCount: 7 } });
    const parsed = parseScenario(source, 'x');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const embedded = runScenario(parsed.scenario);
    const routerCount = new Set(embedded.timeline.map((e) => e.router)).size;
    expect(routerCount).toBe(7);
    const report = await fetch(`${api.url}/api/v1/runs/${run.id}/report`, { headers: auth() });
    expect(await report.text()).toBe(JSON.stringify(embedded));

    const one = embedded.timeline.filter((e) => e.router === 'edge-4');
    const page = await get<{ items: unknown[]; total: number }>(`/api/v1/runs/${run.id}/timeline?router=edge-4&limit=3&offset=1`);
    expect(page.body).toMatchObject({ total: one.length, items: one.slice(1, 4) });
    const all = await get<{ items: unknown[]; total: number }>(`/api/v1/runs/${run.id}/timeline?limit=5&offset=10`);
    expect(all.body).toMatchObject({ total: embedded.timeline.length, items: embedded.timeline.slice(10, 15) });
    expect((await get<{ items: unknown[]; total: number }>(`/api/v1/runs/${run.id}/timeline?router=nowhere`)).body).toMatchObject({ total: 0, items: [] });
  });

  it('runs an inline scenario with an explicit seed and Monte Carlo iterations', async () => {
    const run = await runToEnd({ source: exampleSource('iosd-hang'), seed: 11, iterations: 5 });
    expect(run.status).toBe('completed');
    expect(run.seed).toBe(11);
    expect(run.aggregate?.results).toBe(5);
    const report = (await get<{ seed: number; monteCarlo: { iterations: number } }>(`/api/v1/runs/${run.id}/report`)).body;
    expect(report.seed).toBe(11);
    expect(report.monteCarlo.iterations).toBe(5);
    const junit = await fetch(`${api.url}/api/v1/runs/${run.id}/junit`, { headers: auth() }).then((r) => r.text());
    expect(junit.match(/<testsuite /g)).toHaveLength(5);
  });

  it('reports a failed expectation in the verdict, the aggregate and the JUnit', async () => {
    const source = exampleSource('host-kernel-panic').replace(/- metric: controlPlaneOutage\n {6}min: 3m/, '- metric: controlPlaneOutage\n      max: 1s');
    const run = await runToEnd({ source });
    expect(run).toMatchObject({ status: 'completed', verdict: 'fail', aggregate: { verdicts: { fail: 1 } } });
    const junit = await fetch(`${api.url}/api/v1/runs/${run.id}/junit`, { headers: auth() }).then((r) => r.text());
    expect(junit).toMatch(/failures="1"/);
    expect(junit).toMatch(/<failure message="host-kernel-panic-r1: controlPlaneOutage observed \S+, limit max 1s"/);
  });

  it('serves the timeline in pages, filtered by router', async () => {
    const run = await runToEnd({ scenario: 'iosd-crash' });
    const page = await get<{ items: { tMs: number; router: string }[]; total: number }>(`/api/v1/runs/${run.id}/timeline?limit=3&router=iosd-crash-r1`);
    expect(page.body.items).toHaveLength(3);
    expect(page.body.total).toBeGreaterThan(3);
    const times = page.body.items.map((e) => e.tMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('returns the same run for a retried POST with the same Idempotency-Key, and refuses the key for another request', async () => {
    const key = { 'idempotency-key': `retry-${randomBytes(4).toString('hex')}` };
    const first = await post<RunBody>('/api/v1/runs', { scenario: 'iosd-crash' }, key);
    const again = await post<RunBody>('/api/v1/runs', { scenario: 'iosd-crash' }, key);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await post<Problem>('/api/v1/runs', { scenario: 'iosd-crash', seed: 5 }, key);
    expect(other.status).toBe(409);
    expect(other.body.errors?.[0]?.field).toBe('Idempotency-Key');
  });

  it('answers 409 for the report of a run that has not completed, and cancels it', async () => {
    await post('/api/v1/fleets', { name: 'big' });
    await post('/api/v1/fleets/big/routers', { generate: { count: 3000 } });
    const created = await post<RunBody>('/api/v1/runs', { source: exampleSource('iosd-crash', true), target: { selector: { fleet: 'big' } }, shardSize: 10 });
    const report = await get<Problem>(`/api/v1/runs/${created.body.id}/report`);
    expect(report.status).toBe(409);
    expect(report.body.code).toBe('PRECONDITION_FAILED');
    const cancelled = await post<RunBody>(`/api/v1/runs/${created.body.id}/cancel`, {});
    expect(cancelled.body.status).toBe('cancelled');
    const later = await waitForRun(api.url, created.body.id, api.adminKey, () => false, 1500);
    expect(later.status).toBe('cancelled');
    expect(later.progress.routersDone).toBeLessThan(3000);
  });

  const bad: [string, unknown, number, string][] = [
    ['neither scenario nor source', {}, 400, 'scenario'],
    ['both scenario and source', { scenario: 'iosd-crash', source: 'x' }, 400, 'scenario'],
    ['an unknown stored scenario', { scenario: 'nope' }, 404, ''],
    ['an invalid inline source', { source: 'kind: Nope' }, 400, 'apiVersion'],
    ['routers that do not exist', { scenario: 'iosd-crash', target: { routers: ['ghost-1'] } }, 400, 'target.routers'],
    ['a seed out of range', { scenario: 'iosd-crash', seed: -1 }, 400, 'seed'],
    ['too many iterations', { scenario: 'iosd-crash', iterations: 1e6 }, 400, 'iterations'],
    ['an empty selector', { scenario: 'iosd-crash', target: { selector: {} } }, 400, 'target.selector'],
  ];
  it.each(bad)('refuses %s with a 4xx problem', async (_name, body, status, field) => {
    const res = await post<Problem>('/api/v1/runs', body);
    expect(res.status).toBe(status);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    if (field) expect(res.body.errors?.map((e) => e.field).join(' ')).toContain(field);
  });

  it('answers 404 for unknown runs', async () => {
    expect((await get<Problem>('/api/v1/runs/6f1c1b9e-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get<Problem>('/api/v1/runs/not-a-uuid/report')).status).toBe(404);
  });
});
