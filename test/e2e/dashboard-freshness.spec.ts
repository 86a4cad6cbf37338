import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/a11y.js';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';

/**
 * The fleet overview's freshness in headless Chromium against the built api as a real process: counts next to
 * the health counts, a column and a filter, and a bulk observation showing up live. No console error.
 */
const SAMPLE_ROUTERS = 109;
let stack: DashboardStack;
let browser: TestBrowser;
let viewer: string;
let watch: ConsoleWatch;
let page: Page;

beforeAll(async () => {
  stack = await startDashboardStack();
  viewer = await stack.key('noc', 'viewer');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const count = (freshness: string) => page.textContent(`[data-testid=freshness-${freshness}] .tile-count`);
const shownHostnames = () => page.locator('[data-testid=router-rows] [data-hostname]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-hostname')));

describe('freshness on the fleet overview', () => {
  it('counts fresh, stale and never-observed routers, follows a bulk observation live, and filters by freshness', async () => {
    page = await browser.context.newPage();
    watch = new ConsoleWatch(page);
    await page.goto(`${stack.url}/`);
    await page.fill('#api-key', viewer);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=live-status]:has-text("live")');
    await expect.poll(() => page.textContent('[data-testid=router-count]')).toBe(`${SAMPLE_ROUTERS} of ${SAMPLE_ROUTERS} routers`);
    expect([await count('fresh'), await count('stale'), await count('never')]).toEqual(['0', '0', String(SAMPLE_ROUTERS)]);
    await page.evaluate(() => ((globalThis as unknown as { e2eMark: boolean }).e2eMark = true));

    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const items = [
      { hostname: 'ams-core-01', output: await stack.admin<string>('GET', '/api/v1/routers/ams-core-01/show/redundancy') },
      { hostname: 'ams-edge-01', output: await stack.admin<string>('GET', '/api/v1/routers/ams-edge-01/show/version') },
      { hostname: 'lon-edge-02', output: await stack.admin<string>('GET', '/api/v1/routers/lon-edge-02/show/platform'), observedAt: twoDaysAgo },
    ];
    const answer = await stack.admin<{ summary: Record<string, number> }>('POST', '/api/v1/observations', items);
    expect(answer.summary).toMatchObject({ unchanged: 3 });

    await expect.poll(() => count('fresh'), { timeout: 10_000 }).toBe('2');
    expect([await count('stale'), await count('never')]).toEqual(['1', String(SAMPLE_ROUTERS - 3)]);
    expect(await page.evaluate(() => (globalThis as unknown as { e2eMark?: boolean }).e2eMark)).toBe(true);

    await page.click('[data-testid=freshness-stale]');
    await expect.poll(shownHostnames).toEqual(['lon-edge-02']);
    expect(page.url()).toContain('freshness=stale');
    expect(await page.textContent('[data-hostname="lon-edge-02"] .badge.freshness-stale')).toBe('stale');
    await page.click('[data-testid=freshness-stale]');
    await page.click('[data-testid=freshness-fresh]');
    await expect.poll(shownHostnames).toEqual(['ams-core-01', 'ams-edge-01']);
    await screenshot(page, '30-freshness');
    await expectAccessible(page, '30-freshness');
    await page.click('button:has-text("Observed")');
    await page.click('[data-testid=freshness-fresh]');
    await expect.poll(async () => (await shownHostnames()).length).toBeGreaterThan(3);
    expect((await page.textContent('[data-testid=router-rows] .router-row .badge.freshness-never')) ?? '').toBe('never');
    expect(watch.take()).toEqual([]);
  });
});
