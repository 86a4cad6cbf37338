import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleForecastFleet } from '@asr-twin/forecast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, type RunningApi } from '../support/api.js';
import { type ForecastStack, startForecastStack } from '../support/forecasts.js';
import { codes, gql, subscribe, wsClient } from '../support/graphql.js';
import { spawnNode } from '../support/processes.js';

/**
 * Forecasts through GraphQL (mutation, queries, subscription) and `twin forecast --server`, whose report is the same
 * bytes as `twin forecast` embedded on a fleet file holding the same routers as the server's fleet.
 */
let stack: ForecastStack;
let api: RunningApi;

beforeAll(async () => {
  stack = await startForecastStack('forecastsgql');
  api = stack.api;
}, 60_000);
afterAll(() => stack?.stop());

describe('forecasts over GraphQL', () => {
  interface GqlForecast {
    id: string;
    status: string;
    trials: number;
    whatIf: Record<string, unknown> | null;
    progress: { routersDone: number; routerCount: number | null };
    summary: {
      routers: number;
      worstRouters: { rank: number; hostname: string; dataPlaneMeanS: number; causes: { cause: string; dataPlaneShare: number }[] }[];
      rollups: { byMode: { key: string; routers: number }[] };
      comparison: {
        refused: number;
        dataPlane: { deltaS: number };
        routers: { hostname: string; controlPlane: { baselineS: number; whatIfS: number } }[];
      } | null;
    } | null;
  }

  it('creates a forecast by mutation, follows it by forecastProgress, and reads the ranked routers, causes, roll-ups and comparison', async () => {
    const client = wsClient(api.url, api.adminKey);
    const progress = subscribe<{ forecastId: string; status: string; routersDone: number; routerCount: number | null }>(
      client,
      'subscription { forecastProgress { forecastId status routersDone routerCount } }',
      'forecastProgress',
    );
    await new Promise((r) => setTimeout(r, 500));
    const created = await gql<{ createForecast: { id: string; status: string } }>(
      api.url,
      'mutation { createForecast(input: { fleet: "sample", trials: 20, seed: 4, whatIf: { redundancy: "sso", esps: 2 }, shardSize: 5 }) { id status } }',
      {},
      api.adminKey,
    );
    expect(created.errors).toEqual([]);
    const id = created.data!.createForecast.id;
    const done = await progress.waitFor((e) => e.forecastId === id && e.status === 'completed', 90_000);
    expect(done).toEqual({ forecastId: id, status: 'completed', routersDone: 9, routerCount: 9 });
    progress.stop();
    await client.dispose();

    const read = await gql<{ forecast: GqlForecast }>(
      api.url,
      `query ($id: ID!) { forecast(id: $id) { id status trials whatIf progress { routersDone routerCount }
         summary { routers worstRouters { rank hostname dataPlaneMeanS causes { cause dataPlaneShare } } rollups { byMode { key routers } }
           comparison { refused dataPlane { deltaS } routers { hostname controlPlane { baselineS whatIfS } } } } } }`,
      { id },
      api.adminKey,
    );
    expect(read.errors).toEqual([]);
    const f = read.data!.forecast;
    expect(f).toMatchObject({ status: 'completed', trials: 20, whatIf: { redundancy: 'sso', esps: 2 }, progress: { routersDone: 9, routerCount: 9 } });
    const worst = f.summary!.worstRouters;
    expect(worst.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let k = 1; k < worst.length; k++) expect(worst[k - 1]!.dataPlaneMeanS).toBeGreaterThanOrEqual(worst[k]!.dataPlaneMeanS);
    expect(worst[0]!.causes.length).toBeGreaterThan(0);
    expect(f.summary!.rollups.byMode).toEqual([
      { key: 'none', routers: 1 },
      { key: 'rpr', routers: 1 },
      { key: 'sso', routers: 7 },
    ]);
    expect(f.summary!.comparison!.dataPlane.deltaS).toBeLessThan(0);
    const rpr = f.summary!.comparison!.routers.find((r) => r.hostname === 'lon-edge-02')!;
    expect(rpr.controlPlane.whatIfS).toBeLessThan(rpr.controlPlane.baselineS);

    const list = await gql<{ forecasts: { total: number; items: { id: string }[] } }>(
      api.url,
      '{ forecasts(limit: 1) { total items { id } } }',
      {},
      api.adminKey,
    );
    expect(list.data!.forecasts.items[0]?.id).toBe(id);
    const cancelled = await gql<{ cancelForecast: { status: string } }>(api.url, `mutation { cancelForecast(id: "${id}") { status } }`, {}, api.adminKey);
    expect(cancelled.data!.cancelForecast.status).toBe('completed');
  });

  it('refuses createForecast to a viewer and bad input as a validation error', async () => {
    const viewer = (await createKey(api, 'gql-forecast-viewer', 'viewer')).key;
    expect(codes(await gql(api.url, 'mutation { createForecast(input: { fleet: "sample" }) { id } }', {}, viewer))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(api.url, 'mutation { createForecast(input: { fleet: "sample", period: "3w" }) { id } }', {}, api.adminKey))).toEqual([
      'VALIDATION_FAILED',
    ]);
    expect(codes(await gql(api.url, 'mutation { createForecast(input: { fleet: "sample", whatIf: { esps: 3 } }) { id } }', {}, api.adminKey))).toEqual([
      'VALIDATION_FAILED',
    ]);
    expect(codes(await gql(api.url, 'mutation { createForecast(input: {}) { id } }', {}, api.adminKey))).toEqual(['VALIDATION_FAILED']);
    expect((await gql<{ forecast: null }>(api.url, '{ forecast(id: "nope") { id } }', {}, viewer)).data?.forecast).toBeNull();
  });
});

describe('twin forecast --server', () => {
  async function twin(args: string[]) {
    const p = spawnNode(['apps/cli/bin/twin.js', 'forecast', ...args], {});
    let stdout = '';
    p.child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const { code } = await p.exited;
    return { code, stdout, output: p.output() };
  }
  const server = () => ['--server', api.url, '--key', api.adminKey];

  for (const whatIf of [[], ['--what-if', 'redundancy=sso', '--what-if', 'esps=2']]) {
    it(`writes the server's report, the same bytes as the embedded forecast of a fleet file of the same routers${whatIf.length > 0 ? ', with a what-if' : ''}`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'twin-forecast-server-'));
      const fleetFile = join(dir, 'fleet.json');
      await writeFile(fleetFile, JSON.stringify({ routers: sampleForecastFleet().routers }));
      const options = ['--trials', '15', '--seed', '11', ...whatIf];
      const embedded = await twin([fleetFile, ...options, '--out', join(dir, 'embedded.json')]);
      expect(embedded.code, embedded.output).toBe(0);
      const onServer = await twin([...server(), '--fleet', 'sample', ...options, '--out', join(dir, 'server.json')]);
      expect(onServer.code, onServer.output).toBe(0);
      // Progress lines without a terminal, then the same summary as embedded.
      expect(onServer.output).toMatch(/forecast [0-9a-f-]{36}: \d+\/9 routers/);
      expect(onServer.stdout).toBe(embedded.stdout);
      const [a, b] = await Promise.all([readFile(join(dir, 'embedded.json'), 'utf8'), readFile(join(dir, 'server.json'), 'utf8')]);
      expect(b).toBe(a);
      expect(JSON.parse(b)).toMatchObject({ schema: 'asr-twin/forecast-report/v1', seed: 11, trials: 15 });
      if (whatIf.length > 0) expect(JSON.parse(b).comparison.changes).toEqual({ redundancy: 'sso', esps: 2 });
    }, 120_000);
  }

  it('prints the JSON report with --json and refuses bad input with exit 2', async () => {
    const json = await twin([...server(), '--hostname', 'lon-edge-02', '--trials', '5', '--json']);
    expect(json.code, json.output).toBe(0);
    expect(JSON.parse(json.stdout).baseline.routers[0].hostname).toBe('lon-edge-02');
    expect((await twin([...server()])).code).toBe(2);
    expect((await twin(['--fleet', 'sample'])).code).toBe(2);
    const badPeriod = await twin([...server(), '--fleet', 'sample', '--period', '3w']);
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.output).toMatch(/--period must be 1h to 10y/);
    const none = await twin([...server(), '--fleet', 'sample', '--label', 'site=nowhere']);
    expect(none.code).toBe(2);
    expect(none.output).toMatch(/no router matches the forecast selector/);
  }, 120_000);
});
