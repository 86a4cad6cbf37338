import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';

/**
 * The Forecast page in headless Chromium against the built api and a worker as real processes: an operator launches
 * a forecast of the sample fleet with a what-if (RPR → SSO everywhere, a second ESP where the chassis takes one),
 * follows it to completion and reads the ranking with causes, the cause breakdown, the distribution chart, the
 * roll-ups and the comparison, each checked against what the api answers; a viewer sees the results and no launch
 * control. No page may log a console error.
 */
let stack: DashboardStack;
let browser: TestBrowser;
let keys: { operator: string; viewer: string };
const watches: ConsoleWatch[] = [];

interface Summary {
  routers: number;
  worstRouters: { hostname: string; rank: number; dataPlaneMeanS: number; causes: { cause: string; dataPlaneShare: number }[] }[];
  causes: { cause: string; dataPlaneS: number }[];
  rollups: { bySite: { key: string; routers: number }[]; byMode: { key: string }[] };
  comparison: { dataPlane: { deltaS: number }; routers: { hostname: string; dataPlane: { baselineS: number; whatIfS: number } }[] } | null;
}

beforeAll(async () => {
  stack = await startDashboardStack();
  keys = { operator: await stack.key('forecast-ops', 'operator'), viewer: await stack.key('forecast-noc', 'viewer') };
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(() => {
  for (const watch of watches) expect(watch.take()).toEqual([]);
  for (const p of [stack.api, stack.worker]) {
    expect({ code: p.child.exitCode, signal: p.child.signalCode }, p.output()).toEqual({ code: null, signal: null });
  }
});

async function signedIn(key: string, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  watches.push(new ConsoleWatch(page));
  await page.goto(`${stack.url}${path}`);
  await page.fill('#api-key', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  await page.waitForSelector('[data-testid=live-status]:has-text("live")');
  return page;
}

const rowsOf = (page: Page, table: string, attribute: string) =>
  page.$$eval(`[data-testid=${table}] tbody tr`, (rows, a) => rows.map((r) => r.getAttribute(a)), attribute);

describe('the Forecast page', () => {
  it('lets an operator launch a forecast of the sample fleet with a what-if and read the ranking, causes and comparison', async () => {
    const page = await signedIn(keys.operator, '/');
    await page.click('nav >> text=Forecast');
    await page.waitForURL(/\/forecast$/);
    await page.selectOption('[data-testid=forecast-fleet]', 'sample');
    await page.fill('[data-testid=forecast-trials]', '40');
    await page.fill('[data-testid=forecast-seed]', '3');
    await page.selectOption('[data-testid=whatif-redundancy]', 'sso');
    await page.selectOption('[data-testid=whatif-esps]', '2');
    await page.click('[data-testid=forecast-start]');
    await page.waitForURL(/\/forecast\/[0-9a-f-]{36}$/);
    const id = /\/forecast\/([0-9a-f-]{36})$/.exec(page.url())?.[1] as string;
    await page.waitForSelector('[data-testid=forecast-worst]', { timeout: 180_000 });

    const forecast = await stack.admin<{ status: string; trials: number; seed: number; whatIf: unknown; summary: Summary }>('GET', `/api/v1/forecasts/${id}`);
    expect(forecast).toMatchObject({ status: 'completed', trials: 40, seed: 3, whatIf: { redundancy: 'sso', esps: 2 } });
    const summary = forecast.summary;
    expect(await page.textContent('[data-testid=forecast-progress]')).toMatch(new RegExp(`${summary.routers} / ${summary.routers} routers forecast`));

    // The ranking: the worst routers in rank order, most expected data-plane downtime first, each with its causes.
    const ranked = await rowsOf(page, 'forecast-worst', 'data-hostname');
    expect(ranked).toEqual(summary.worstRouters.map((r) => r.hostname));
    for (let k = 1; k < summary.worstRouters.length; k++) {
      expect(summary.worstRouters[k - 1]!.dataPlaneMeanS).toBeGreaterThanOrEqual(summary.worstRouters[k]!.dataPlaneMeanS);
    }
    const worst = summary.worstRouters[0]!;
    const worstCause = worst.causes.find((c) => c.dataPlaneShare > 0)!;
    expect(await page.textContent(`[data-testid=forecast-worst] tr[data-hostname="${worst.hostname}"] [data-testid=forecast-router-causes]`)).toContain(
      `${worstCause.cause} ${Math.round(worstCause.dataPlaneShare * 100)} %`,
    );

    // The cause breakdown of the fleet, largest first, and the distribution chart drawn.
    expect(await rowsOf(page, 'forecast-causes', 'data-cause')).toEqual(summary.causes.map((c) => c.cause));
    expect(summary.causes.length).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid=forecast-histogram] canvas');
    await page.waitForSelector('[data-testid=forecast-causes-chart] canvas');

    // Roll-ups by site and mode.
    expect(await rowsOf(page, 'forecast-by-site', 'data-key')).toEqual(summary.rollups.bySite.map((g) => g.key));
    expect(await rowsOf(page, 'forecast-by-mode', 'data-key')).toEqual(['none', 'rpr', 'sso']);

    // The comparison: the what-if takes downtime off the fleet; the routers side by side in baseline rank order.
    const comparison = summary.comparison!;
    expect(comparison.dataPlane.deltaS).toBeLessThan(0);
    expect(await page.textContent('[data-testid=forecast-comparison-fleet]')).toMatch(/Fleet, data plane: −/);
    expect(await rowsOf(page, 'forecast-comparison', 'data-hostname')).toEqual(comparison.routers.map((r) => r.hostname));
    await screenshot(page, 'forecast-01-completed');

    await page.click('nav >> text=Forecast');
    await page.waitForSelector(`[data-testid=forecast-list] tr[data-forecast-id="${id}"]`);
    expect(await page.textContent(`[data-testid=forecast-list] tr[data-forecast-id="${id}"]`)).toContain('redundancy=sso, esps=2');
  }, 240_000);

  it('shows a viewer the forecasts and their results, with no launch control', async () => {
    const page = await signedIn(keys.viewer, '/forecast');
    await page.waitForSelector('[data-testid=forecast-list] tbody tr[data-forecast-id]');
    expect(await page.$('[data-testid=forecast-launch]')).toBeNull();
    await page.click('[data-testid=forecast-list] tbody tr[data-forecast-id] a');
    await page.waitForSelector('[data-testid=forecast-worst]');
    await page.waitForSelector('[data-testid=forecast-comparison]');
    expect(await page.$('button:has-text("Cancel forecast")')).toBeNull();
    await screenshot(page, 'forecast-02-viewer');
  }, 60_000);
});
