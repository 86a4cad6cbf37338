import type { RouterStart } from '@asr-twin/domain';
import { parseScenario, startDocument } from '@asr-twin/scenario';
import { runScenario, type Report } from '@asr-twin/simulator';
import { FROZEN_START_SQL } from '@asr-twin/persistence';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bearer, request, type RunningApi } from '../support/api.js';
import { gql } from '../support/graphql.js';
import { exampleSource, type RunBody, type RunStack, startRunStack, waitForRun } from '../support/runs.js';

/**
 * Runs start from each router's stored twin state (issue "The twin of the real fleet", done-when 1): a fleet
 * whose states were set through observations of real IOS output gets an active-IOSd-crash campaign.
 */

let stack: RunStack;
let api: RunningApi;

const FLEET: Record<string, { model: string; redundancy?: string }> = {
  'cold-1': { model: 'ASR1002-X' },
  'esp-1': { model: 'ASR1006' },
  'gone-1': { model: 'ASR1006' },
  'ok-1': { model: 'ASR1002-X' },
  'ok-2': { model: 'ASR1006' },
  'rpr-1': { model: 'ASR1006' },
  'simplex-1': { model: 'ASR1002-X', redundancy: 'none' },
};

const auth = () => bearer(api.adminKey);
const call = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  request<T>(api.url, method, path, body, { ...auth(), ...headers });
const show = async (router: string, command: string) => (await call<string>('GET', `/api/v1/routers/${router}/show/${command}`)).text;

async function observe(router: string, output: string): Promise<void> {
  const res = await call<{ changes: unknown[] }>('POST', `/api/v1/routers/${router}/observations`, output, { 'content-type': 'text/plain' });
  expect(res.status, `${router}: ${res.text}`).toBe(200);
  expect(res.body.changes.length, router).toBeGreaterThan(0);
}

async function campaign(start: 'twin' | 'healthy'): Promise<{ run: RunBody & { start: string }; report: Report; text: string }> {
  const created = await call<RunBody & { start: string }>('POST', '/api/v1/runs', {
    source: exampleSource('iosd-crash', true),
    target: { selector: { fleet: 'real' } },
    start,
  });
  expect(created.status).toBe(202);
  const run = (await waitForRun(api.url, created.body.id, api.adminKey)) as RunBody & { start: string };
  expect(run.status).toBe('completed');
  const text = (await call<string>('GET', `/api/v1/runs/${run.id}/report`)).text;
  return { run, report: JSON.parse(text) as Report, text };
}

beforeAll(async () => {
  stack = await startRunStack('runs-from-twin');
  api = stack.api;
  expect((await call('POST', '/api/v1/fleets', { name: 'real' })).status).toBe(201);
  const routers = Object.entries(FLEET).map(([hostname, r]) => ({ hostname, serial: `FXS${hostname.replace('-', '').toUpperCase()}`, ...r }));
  const added = await call('POST', '/api/v1/fleets/real/routers', { routers });
  expect(added.status, added.text).toBe(201);
  // The standby's bulk sync never finished.
  await observe('cold-1', (await show('cold-1', 'redundancy')).replace(/STANDBY HOT\s?/g, 'STANDBY COLD-BULK'));
  // SSO configured, RPR operating.
  await observe(
    'rpr-1',
    (await show('rpr-1', 'redundancy'))
      .replace('Operating Redundancy Mode = sso', 'Operating Redundancy Mode = rpr')
      .replace(/STANDBY HOT\s?/g, 'STANDBY COLD'),
  );
  // ESP F0 failed; F1 took over.
  await observe(
    'esp-1',
    (await show('esp-1', 'platform')).replace(/^(F0\s+\S+\s+)ok, active\s?/m, '$1fail        ').replace(/^(F1\s+\S+\s+)ok, standby/m, '$1ok, active '),
  );
  // The peer RP is gone: simplex although SSO is configured.
  await observe(
    'gone-1',
    (await show('gone-1', 'redundancy'))
      .replace('Hardware Mode = Duplex', 'Hardware Mode = Simplex')
      .replace('Operating Redundancy Mode = sso', 'Operating Redundancy Mode = Non-redundant')
      .replace('Communications = Up', 'Communications = Down      Reason: Failure')
      .replace(/Peer Processor Information :[\s\S]*$/, "Peer (slot: 7) information is not available because it is in 'DISABLED' state\n"),
  );
}, 120_000);
afterAll(() => stack?.stop());

describe('runs from the twin state', () => {
  it("an active-IOSd-crash campaign shows each exposed router's real outage; healthy routers stay hitless", async () => {
    const { run, report } = await campaign('twin');
    expect(run.start).toBe('twin');
    const by = new Map(report.routers.map((r) => [r.hostname, r]));
    const dp = (h: string) => by.get(h)?.metrics.dataPlaneOutageMs ?? -1;
    expect(by.get('cold-1')?.start?.instances[1]).toMatchObject({ name: 'R0/1', rfState: 'STANDBY COLD-BULK' });
    expect(by.get('rpr-1')?.start?.operatingMode).toBe('rpr');
    expect(by.get('esp-1')?.start?.esps).toEqual([
      { slot: 'F0', state: 'failed', forwarding: false },
      { slot: 'F1', state: 'ok', forwarding: true },
    ]);
    expect(by.get('gone-1')?.start).toMatchObject({
      operatingMode: 'none',
      hosts: [
        { slot: 'R0', state: 'up' },
        { slot: 'R1', state: 'down' },
      ],
    });
    for (const exposed of ['cold-1', 'rpr-1', 'simplex-1', 'gone-1']) expect(dp(exposed), exposed).toBeGreaterThan(60_000);
    // SSO from STANDBY HOT keeps forwarding on the surviving ESP: the failed F0 costs nothing in this fault.
    for (const hitless of ['ok-1', 'ok-2', 'esp-1']) expect(dp(hitless), hitless).toBe(0);
    expect(report.verdict).toBe('fail');
  });

  it('with start: healthy, every router configured for SSO is hitless', async () => {
    const { run, report } = await campaign('healthy');
    expect(run.start).toBe('healthy');
    for (const r of report.routers) {
      expect(r.start?.operatingMode, r.hostname).toBe(FLEET[r.hostname]?.redundancy ?? 'sso');
      // A router configured for simplex has no peer, healthy or not.
      if (r.hostname === 'simplex-1') expect(r.metrics.dataPlaneOutageMs).toBeGreaterThan(60_000);
      else expect(r.metrics.dataPlaneOutageMs, r.hostname).toBe(0);
    }
  });

  it("the same starting states declared in a scenario file give the server's report byte for byte, embedded", async () => {
    const { report, text } = await campaign('twin');
    const parsed = parseScenario(exampleSource('iosd-crash', true), 'iosd-crash.yaml');
    if (!parsed.ok) throw new Error('example invalid');
    const routers = report.routers.map((r) => ({
      hostname: r.hostname,
      model: r.model,
      redundancy: FLEET[r.hostname]?.redundancy ?? 'sso',
      version: (r.start as RouterStart).instances[0]?.image,
      state: startDocument(r.start as RouterStart),
    }));
    const source = exampleSource('iosd-crash', true).replace('spec:\n', `spec:\n${indent(stringify({ routers }))}`);
    const declared = parseScenario(source, 'declared.yaml');
    if (!declared.ok) throw new Error(JSON.stringify(declared.errors));
    expect(JSON.stringify(runScenario(declared.scenario))).toBe(text);
  });

  it('a state written after the run was planned does not change it: the start is frozen with the run', async () => {
    const created = await call<RunBody>('POST', '/api/v1/runs', { source: exampleSource('iosd-crash', true), target: { routers: ['ok-1'] } });
    const done = await waitForRun(api.url, created.body.id, api.adminKey, (r) => r.progress.routerCount !== null);
    await observe('ok-1', (await show('ok-1', 'redundancy')).replace(/STANDBY HOT\s?/g, 'STANDBY COLD'));
    await waitForRun(api.url, done.id, api.adminKey);
    const report = JSON.parse((await call<string>('GET', `/api/v1/runs/${done.id}/report`)).text) as Report;
    expect(report.routers[0]?.start?.instances[1]?.rfState).toBe('STANDBY HOT');
  });

  it("GraphQL startRun takes the start mode, and a run tells each router's start", async () => {
    const started = await gql<{ startRun: { id: string; start: string } }>(
      api.url,
      'mutation($input: StartRunInput!) { startRun(input: $input) { id start } }',
      { input: { source: exampleSource('iosd-crash', true), target: { routers: ['cold-1'] }, start: 'healthy' } },
      api.adminKey,
    );
    expect(started.errors).toEqual([]);
    expect(started.data?.startRun.start).toBe('healthy');
    await waitForRun(api.url, started.data?.startRun.id as string, api.adminKey);
    const read = await gql<{ run: { start: string; routerStart: RouterStart; none: RouterStart | null } }>(
      api.url,
      'query($id: ID!) { run(id: $id) { start routerStart(hostname: "cold-1") none: routerStart(hostname: "ok-1") } }',
      { id: started.data?.startRun.id },
      api.adminKey,
    );
    expect(read.data?.run.routerStart.instances[1]?.rfState).toBe('STANDBY HOT');
    expect(read.data?.run.none).toBeNull();
  });

  it('refuses an unknown start mode, naming the field', async () => {
    const res = await call<{ code: string; errors: { field: string }[] }>('POST', '/api/v1/runs', { scenario: 'x', start: 'yesterday' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.field)).toContain('start');
  });
});

describe('freezing the starts of a large fleet', () => {
  it('freezes exactly what the per-router expression gives, for the observed routers and the generated ones', async () => {
    const client = new pg.Client({ connectionString: stack.db.url });
    await client.connect();
    try {
      expect((await call('POST', '/api/v1/fleets', { name: 'large' })).status).toBe(201);
      expect((await call('POST', '/api/v1/fleets/large/routers', { generate: { count: 1200 } })).status).toBe(201);
      // The stored column a run copies, against the expression, over every router: the observed ones above with
      // their odd states among them.
      const both = await client.query<{ hostname: string; one: string; column: string }>(
        `SELECT r.hostname, (${FROZEN_START_SQL})::text AS one, r.frozen_start::text AS column FROM routers r ORDER BY 1`,
      );
      expect(both.rows.length).toBeGreaterThan(1200);
      expect(both.rows.filter((r) => r.one !== r.column)).toEqual([]);
      expect(new Set(both.rows.map((r) => r.one)).size).toBeGreaterThanOrEqual(5);

      const created = await call<RunBody>('POST', '/api/v1/runs', { source: exampleSource('iosd-crash', true), target: { selector: { fleet: 'large' } } });
      expect(created.status).toBe(202);
      const run = await waitForRun(api.url, created.body.id, api.adminKey);
      expect(run.status).toBe('completed');
      const frozen = await client.query<{ n: number; same: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE t.start = (${FROZEN_START_SQL}))::int AS same
           FROM run_targets t JOIN routers r ON r.id = t.router_id WHERE t.run_id = $1`,
        [run.id],
      );
      expect(frozen.rows).toEqual([{ n: 1200, same: 1200 }]);
    } finally {
      await client.end();
    }
  });
});

function indent(text: string): string {
  return text.replace(/^/gm, '  ').replace(/ +$/gm, '');
}
