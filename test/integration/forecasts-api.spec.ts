import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { forecastFleet, sampleForecastFleet, YEAR_MS, type ForecastOptions, type WhatIf } from '@asr-twin/forecast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import { bearer, createKey } from '../support/api.js';
import { type ForecastBody, type ForecastStack, startForecastStack } from '../support/forecasts.js';

/**
 * Availability forecasts through REST and a real worker process, on the routers of the built-in sample fleet stored
 * in the twin: the report is the same bytes as the embedded forecast of the same routers and options.
 */
let stack: ForecastStack;

beforeAll(async () => {
  stack = await startForecastStack('forecasts');
}, 60_000);
afterAll(() => stack?.stop());

const embedded = (options: ForecastOptions, whatIf?: WhatIf): string =>
  `${JSON.stringify(forecastFleet(sampleForecastFleet().routers, options, whatIf), null, 2)}\n`;

describe('a forecast on the server', () => {
  it('ranks the sample fleet by expected downtime with causes, compares a what-if, and gives the embedded report byte for byte', async () => {
    const created = await stack.post<ForecastBody>('/api/v1/forecasts', {
      selector: { fleet: 'sample' },
      trials: 20,
      seed: 7,
      whatIf: { esps: 2, redundancy: 'sso' },
      shardSize: 4,
    });
    expect(created.status).toBe(202);
    expect(created.headers.get('location')).toBe(`/api/v1/forecasts/${created.body.id}`);
    expect(created.body).toMatchObject({ status: 'queued', trials: 20, seed: 7, periodMs: YEAR_MS, summary: null });
    const forecast = await stack.waitForForecast(created.body.id);
    expect(forecast).toMatchObject({ status: 'completed', progress: { routersDone: 9, routerCount: 9, shards: 3 } });

    const text = await stack.reportText(forecast.id);
    expect(text).toBe(embedded({ seed: 7, trials: 20, periodMs: YEAR_MS, rates: {} }, { redundancy: 'sso', esps: 2 }));
    const report = JSON.parse(text) as {
      baseline: { routers: { rank: number; hostname: string; dataPlane: { meanS: number }; causes: { cause: string }[] }[] };
    };
    const ranked = report.baseline.routers;
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let k = 1; k < ranked.length; k++)
      expect((ranked[k - 1] as { dataPlane: { meanS: number } }).dataPlane.meanS).toBeGreaterThanOrEqual(
        (ranked[k] as { dataPlane: { meanS: number } }).dataPlane.meanS,
      );
    expect(ranked[0]?.causes.length).toBeGreaterThan(0);

    const summary = forecast.summary;
    expect(summary?.routers).toBe(9);
    expect(summary?.worstRouters.map((r) => r.hostname)).toEqual(ranked.map((r) => r.hostname));
    expect(summary?.worstRouters[0]?.causes[0]?.cause).toBe(ranked[0]?.causes[0]?.cause);
    expect(summary?.rollups.bySite).toEqual([
      expect.objectContaining({ key: 'ams', routers: 3 }),
      expect.objectContaining({ key: 'fra', routers: 3 }),
      expect.objectContaining({ key: 'lon', routers: 3 }),
    ]);
    expect(summary?.rollups.byMode.map((g) => g.key)).toEqual(['none', 'rpr', 'sso']);
    // Every router in one bucket of each plane's distribution; the fleet's causes, largest first.
    expect(summary?.histogram.dataPlane.reduce((a, b) => a + b, 0)).toBe(9);
    expect(summary?.histogram.controlPlane.reduce((a, b) => a + b, 0)).toBe(9);
    expect(summary?.histogram.buckets).toHaveLength(summary?.histogram.dataPlane.length ?? -1);
    const causes = summary?.causes ?? [];
    expect(causes.length).toBeGreaterThan(0);
    for (let k = 1; k < causes.length; k++)
      expect((causes[k - 1] as { dataPlaneS: number }).dataPlaneS).toBeGreaterThanOrEqual((causes[k] as { dataPlaneS: number }).dataPlaneS);
    // The what-if: RPR → SSO on lon-edge-02 shortens its control-plane downtime; the fleet loses downtime; the
    // single-ESP chassis that cannot take a second ESP are listed as not changed.
    const c = summary?.comparison;
    expect(c?.dataPlane.deltaS).toBeLessThan(0);
    const rpr = c?.routers.find((r) => r.hostname === 'lon-edge-02');
    expect(rpr?.controlPlane.whatIfS).toBeLessThan(rpr?.controlPlane.baselineS ?? 0);
    expect(c?.refused).toBe(5);
  });

  it('sends the stored gzip as it is to clients that take gzip, and the same text decompressed to the others', async () => {
    const created = await stack.post<ForecastBody>('/api/v1/forecasts', { selector: { fleet: 'sample', labels: { site: 'fra' } }, trials: 10 });
    const forecast = await stack.waitForForecast(created.body.id);
    expect(forecast.status).toBe('completed');
    const gz = await rawReport(forecast.id, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(String(gz.headers['vary'])).toMatch(/Accept-Encoding/);
    const plain = await stack.reportText(forecast.id);
    expect(gunzipSync(gz.body).toString('utf8')).toBe(plain);
    const fra = sampleForecastFleet().routers.filter((r) => r.labels?.['site'] === 'fra');
    expect(plain).toBe(`${JSON.stringify(forecastFleet(fra, { seed: 1, trials: 10, periodMs: YEAR_MS, rates: {} }), null, 2)}\n`);
    const br = await rawReport(forecast.id, 'br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(plain);
    const parsed = JSON.parse(plain) as { baseline: { routers: { hostname: string }[] } };
    expect(parsed.baseline.routers.map((r) => r.hostname).sort()).toEqual(['fra-bng-01', 'fra-core-01', 'fra-core-02']);
  });

  it('takes request rate overrides and a period, with the report the embedded forecast gives for them', async () => {
    const rates = { 'esp-hardware': { mtbfHours: 2000, mttrHours: 8 } };
    const created = await stack.post<ForecastBody>('/api/v1/forecasts', {
      selector: { hostnames: ['ams-core-01', 'lon-edge-01'] },
      trials: 12,
      seed: 3,
      period: '90d',
      rates,
    });
    expect(created.status).toBe(202);
    const forecast = await stack.waitForForecast(created.body.id);
    expect(forecast.status).toBe('completed');
    const routers = sampleForecastFleet().routers.filter((r) => ['ams-core-01', 'lon-edge-01'].includes(r.hostname));
    const expected = forecastFleet(routers, { seed: 3, trials: 12, periodMs: 90 * 86_400_000, rates: { request: rates } });
    expect(await stack.reportText(forecast.id)).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    const esp = expected.baseline.routers.find((r) => r.hostname === 'lon-edge-01')?.causes.find((x) => x.cause === 'esp-hardware');
    expect(esp?.failuresPerYear).toBeGreaterThan(1);
  });

  it('answers 409 for the report of a forecast not completed, cancels and deletes it', async () => {
    const created = await stack.post<ForecastBody>('/api/v1/forecasts', { selector: { fleet: 'sample' }, trials: 10_000, shardSize: 1 });
    const early = await stack.get<Problem>(`/api/v1/forecasts/${created.body.id}/report`);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/is (queued|running): its report exists once it has completed/);
    const cancelled = await stack.post<ForecastBody>(`/api/v1/forecasts/${created.body.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const list = await stack.get<{ total: number; items: ForecastBody[] }>('/api/v1/forecasts?status=cancelled');
    expect(list.body.items.map((f) => f.id)).toContain(created.body.id);
    const deleted = await fetch(`${stack.api.url}/api/v1/forecasts/${created.body.id}`, { method: 'DELETE', headers: bearer(stack.api.adminKey) });
    expect(deleted.status).toBe(204);
    expect((await stack.get(`/api/v1/forecasts/${created.body.id}`)).status).toBe(404);
    expect((await stack.get('/api/v1/forecasts/not-a-uuid')).status).toBe(404);
  });

  it('fails a forecast whose selector matches no router, with the reason', async () => {
    const created = await stack.post<ForecastBody>('/api/v1/forecasts', { selector: { fleet: 'sample', labels: { site: 'nowhere' } } });
    const forecast = await stack.waitForForecast(created.body.id);
    expect(forecast).toMatchObject({ status: 'failed', error: 'no router matches the forecast selector' });
  });

  it('rejects bad input with a problem naming the field, never a 5xx', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ selector: { fleet: 'sample' }, period: '3w' }, 'period', /period must be 1h to 10y/],
      [{ selector: { fleet: 'sample' }, period: '11y' }, 'period', /found "11y"/],
      [{ selector: { fleet: 'sample' }, trials: 1 }, 'trials', /.+/],
      [{ selector: { fleet: 'sample' }, trials: 20_000 }, 'trials', /.+/],
      [{ selector: { fleet: 'sample' }, whatIf: { esps: 3 } }, 'whatIf.esps', /.+/],
      [{ selector: { fleet: 'sample' }, whatIf: { turbo: true } }, 'whatIf', /turbo/],
      [{ selector: { fleet: 'sample' }, whatIf: {} }, 'whatIf', /at least one of redundancy/],
      [{ selector: { fleet: 'sample' }, rates: { 'warp-core': { mtbfHours: 1 } } }, 'rates.warp-core', /warp-core/],
      [{ selector: { fleet: 'sample' }, rates: { psu: { mtbfHours: -5 } } }, 'rates.psu.mtbfHours', /.+/],
      [{ selector: {} }, 'selector', /at least one of fleet/],
      [{ period: '1y' }, 'selector', /.+/],
    ];
    for (const [body, field, message] of cases) {
      const res = await stack.post<Problem & { errors?: { field: string; message: string }[] }>('/api/v1/forecasts', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const hit = res.body.errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`));
      expect(hit, `${JSON.stringify(body)} → ${JSON.stringify(res.body.errors)}`).toBeDefined();
      expect(hit?.message).toMatch(message);
    }
  });

  it('lets a viewer read forecasts but not start one', async () => {
    const viewer = await createKey(stack.api, 'forecast-viewer', 'viewer');
    const denied = await stack.post<Problem>('/api/v1/forecasts', { selector: { fleet: 'sample' } }, bearer(viewer.key));
    expect(denied.status).toBe(403);
    expect((await stack.get('/api/v1/forecasts', bearer(viewer.key))).status).toBe(200);
  });
});

/** The report's bytes and headers as sent for an `Accept-Encoding` (fetch would decompress them). */
function rawReport(id: string, encoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${stack.api.url}/api/v1/forecasts/${id}/report`, { headers: { ...bearer(stack.api.adminKey), 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
