import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';

/**
 * The fleet overview's health charts, freshness and reasons in headless Chromium against the built api and a
 * worker as real processes. The sample fleet has two routers that are not protected (RPR, simplex); two more
 * are arranged in PostgreSQL (a standby in bulk sync; a standby in STANDBY COLD with a failed ESP); a switchover
 * makes a fifth, live. The reason column says why each is not protected, the charts count by model, fleet and
 * site label, and an observation shows up as the newest one. No console error.
 */
const SAMPLE_ROUTERS = 109;
let stack: DashboardStack;
let browser: TestBrowser;
let page: Page;
let watch: ConsoleWatch;

beforeAll(async () => {
  stack = await startDashboardStack();
  const viewer = await stack.key('health-noc', 'viewer');
  const sql = new pg.Client({ connectionString: stack.db.url });
  await sql.connect();
  const router = (hostname: string) => `(SELECT id FROM routers WHERE hostname = '${hostname}')`;
  await sql.query(`UPDATE ios_instances SET rf_state = 7 WHERE name = 'R1/0' AND router_id = ${router('ams-core-01')}`);
  await sql.query(`UPDATE ios_instances SET rf_state = 4 WHERE name = 'R1/0' AND router_id = ${router('fra-core-01')}`);
  await sql.query(`UPDATE esps SET state = 'failed', forwarding = false WHERE slot = 'F1' AND router_id = ${router('fra-core-01')}`);
  await sql.query(`UPDATE routers SET health = 'degraded' WHERE hostname IN ('ams-core-01', 'fra-core-01')`);
  await sql.end();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watch = new ConsoleWatch(page);
  await page.goto(`${stack.url}/`);
  await page.fill('#api-key', viewer);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=live-status]:has-text("live")');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(() => {
  expect(watch.take()).toEqual([]);
});

/** Hostname → the reason column, for the rows shown. */
const reasons = () =>
  page
    .locator('[data-testid=router-rows] [data-hostname]')
    .evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-hostname'), r.querySelector('[data-testid=gap]')?.textContent ?? ''])));
const cell = (by: string, group: string, health: string) =>
  page.textContent(`[data-testid=health-table-${by}] tr[data-group="${group}"] td[data-health=${health}]`);

describe('why routers are not protected', () => {
  it('says it for every router that is not protected, and nothing for the others', async () => {
    await expect.poll(() => page.textContent('[data-testid=router-count]')).toBe(`${SAMPLE_ROUTERS} of ${SAMPLE_ROUTERS} routers`);
    expect(await page.textContent('[data-testid=health-degraded] .tile-count')).toBe('4');
    await page.click('[data-testid=health-degraded]');
    await expect.poll(reasons).toEqual({
      'lon-edge-02': 'operating RPR',
      'lon-edge-03': 'simplex',
      'ams-core-01': 'standby STANDBY COLD-BULK',
      'fra-core-01': 'standby STANDBY COLD; ESP F1 failed',
    });
    await screenshot(page, '44-overview-reasons');
    await page.click('[data-testid=health-degraded]');
    await page.click('[data-testid=health-protected]');
    const shown = await reasons();
    expect(Object.keys(shown).length).toBeGreaterThan(10);
    expect(new Set(Object.values(shown))).toEqual(new Set(['']));
    await page.click('[data-testid=health-protected]');
  });
});

describe('fleet health charts', () => {
  it('count routers by health per model, fleet and site label, and follow a switchover live', async () => {
    await page.waitForSelector('[data-testid=health-by-model] canvas');
    for (const by of ['model', 'fleet', 'site']) await page.click(`[data-testid=health-by-${by}] summary`);
    expect([await cell('model', 'ASR1006', 'protected'), await cell('model', 'ASR1006', 'degraded')]).toEqual(['25', '1']);
    expect([await cell('model', 'ASR1002-X', 'degraded'), await cell('model', 'ASR1001', 'degraded')]).toEqual(['0', '1']);
    expect([await cell('fleet', 'sample', 'protected'), await cell('fleet', 'sample', 'degraded'), await cell('fleet', 'sample', 'down')]).toEqual([
      '105',
      '4',
      '0',
    ]);
    expect([await cell('site', 'lon', 'degraded'), await cell('site', 'ams', 'degraded'), await cell('site', 'fra', 'degraded')]).toEqual(['2', '1', '1']);
    // The most exposed group first.
    expect(await page.textContent('[data-testid=health-table-site] tbody tr:first-child th')).toBe('lon');

    await stack.admin('POST', '/api/v1/routers/ams-edge-01/actions/force-switchover');
    await expect.poll(() => cell('model', 'ASR1002-X', 'degraded'), { timeout: 10_000 }).toBe('1');
    expect(await cell('site', 'ams', 'degraded')).toBe('2');
    expect(await page.textContent('[data-testid=health-degraded] .tile-count')).toBe('5');
    await page.fill('[data-testid=router-search]', 'ams-edge-01');
    await expect.poll(reasons, { timeout: 10_000 }).toEqual({ 'ams-edge-01': 'standby SHUTOFF' });
    await page.fill('[data-testid=router-search]', '');
    await screenshot(page, '45-overview-health-charts');
  });
});

describe('freshness of observed state', () => {
  it('says when the newest observation was, live', async () => {
    expect(await page.textContent('[data-testid=newest-observation]')).toBe('No router observed yet');
    const output = await stack.admin<string>('GET', '/api/v1/routers/ams-edge-02/show/version');
    await stack.admin('POST', '/api/v1/observations', [{ hostname: 'ams-edge-02', output }]);
    const observedAt = Date.now();
    await expect.poll(() => page.textContent('[data-testid=newest-observation]'), { timeout: 10_000 }).toMatch(/^Last observation (just now|\d+ s ago)$/);
    const at = Date.parse((await page.getAttribute('[data-testid=newest-observation] time', 'datetime')) ?? '');
    expect(Math.abs(at - observedAt)).toBeLessThan(30_000);
    expect(await page.getAttribute('[data-testid=newest-observation] time', 'title')).toMatch(/\d{4}/);
    expect(await page.textContent('[data-testid=freshness-fresh] .tile-count')).toBe('1');
  });
});
