import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request } from '../support/api.js';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';
import { exampleSource, type RunBody } from '../support/runs.js';

/**
 * Safe actions in headless Chromium against the built api and a worker as real processes: force switchover is
 * offered only when the router can take it (otherwise IOS's reason is shown instead); a refusal by the api
 * closes the confirmation and shows once; cancelling a run, an audit or a forecast, and deleting a scenario or a
 * forecast each ask first, and a cancelled run's progress stays where it stopped. No console error.
 */
let stack: DashboardStack;
let browser: TestBrowser;
let operator: string;
let sql: pg.Client;
const watches: ConsoleWatch[] = [];

beforeAll(async () => {
  stack = await startDashboardStack();
  operator = await stack.key('safe-ops', 'operator');
  sql = new pg.Client({ connectionString: stack.db.url });
  await sql.connect();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sql?.end();
  await stack?.stop();
});

afterEach(() => {
  for (const watch of watches) expect(watch.take()).toEqual([]);
});

async function signedIn(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  watches.push(new ConsoleWatch(page));
  await page.goto(`${stack.url}${path}`);
  await page.fill('#api-key', operator);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  await page.waitForSelector('[data-testid=live-status]:has-text("live")');
  return page;
}

const setPeer = (hostname: string, instance: string, rfState: number) =>
  sql.query(`UPDATE ios_instances SET rf_state = $3 WHERE name = $2 AND router_id = (SELECT id FROM routers WHERE hostname = $1)`, [
    hostname,
    instance,
    rfState,
  ]);

describe('force switchover', () => {
  it('is not offered while the standby is below STANDBY HOT; the page gives the reason IOS would', async () => {
    await setPeer('lon-edge-01', 'R0/1', 7);
    const page = await signedIn('/routers/lon-edge-01');
    await page.waitForSelector('[data-testid=force-switchover-unavailable]');
    expect(await page.locator('[data-testid=force-switchover]').count()).toBe(0);
    expect(await page.textContent('[data-testid=force-switchover-unavailable]')).toMatch(
      /^Force switchover is not available: Manual Swact = disabled \(peer unit not yet in terminal standby state\)/,
    );
    await page.close();
  });

  it('shows a refusal by the api once, with the confirmation closed, when the router changed after the page loaded', async () => {
    const page = await signedIn('/routers/fra-core-02');
    await page.click('[data-testid=force-switchover]');
    await page.waitForSelector('[data-testid=force-switchover-confirm]');
    // Behind the page's back, the standby drops to bulk sync: the api refuses, in IOS's words.
    await setPeer('fra-core-02', 'R1/0', 7);
    await page.click('[data-testid=confirm-force-switchover]');
    await page.waitForSelector('[data-testid=force-switchover-error]');
    expect(await page.locator('[role=alert]').count()).toBe(1);
    expect(await page.textContent('[role=alert]')).toMatch(
      /^The switchover was refused.*fra-core-02 refused the switchover: Manual Swact = disabled \(peer unit not yet in terminal standby state\).*\(SWITCHOVER_REFUSED\)/,
    );
    // IOS's reason once, not again as a field error under it.
    const body = (await page.textContent('body')) ?? '';
    expect(body.split('Manual Swact = disabled').length - 1).toBe(1);
    expect(await page.locator('[data-testid=force-switchover-confirm]').count()).toBe(0);
    await screenshot(page, '46-switchover-refused-once');
    // Asking again starts afresh: the old error goes.
    await page.click('[data-testid=force-switchover]');
    expect(await page.locator('[role=alert]').count()).toBe(0);
    await page.click('[data-testid=keep-force-switchover]');
    await page.close();
  });
});

describe('cancel and delete ask first', () => {
  it("cancels a run and an audit only once confirmed, and a cancelled run's progress stays where it stopped", async () => {
    stack.worker.child.kill('SIGSTOP');
    let page: Page | null = null;
    try {
      const run = await stack.admin<RunBody>('POST', '/api/v1/runs', { source: exampleSource('iosd-crash', true), target: { selector: { fleet: 'sample' } } });
      page = await signedIn(`/runs/${run.id}`);
      await page.waitForSelector('.page-head .badge.status-queued');
      await page.click('[data-testid=cancel-run]');
      expect(await page.textContent('[data-testid=cancel-run-confirm]')).toMatch(/^Cancel this queued run\?/);
      await page.click('[data-testid=keep-cancel-run]');
      expect((await request<{ status: string }>(stack.url, 'GET', `/api/v1/runs/${run.id}`, undefined, bearer(stack.adminKey))).body.status).toBe('queued');
      await page.click('[data-testid=cancel-run]');
      await page.click('[data-testid=confirm-cancel-run]');
      await page.waitForSelector('.page-head .badge.status-cancelled');
      const progress = await page.textContent('[data-testid=run-progress-text]');

      const router = await stack.admin<{ fleetId: string }>('GET', '/api/v1/routers/ams-core-01');
      const audit = await stack.admin<{ id: string }>('POST', '/api/v1/audits', { selector: { fleet: router.fleetId, hostnames: ['ams-core-01'] } });
      await page.goto(`${stack.url}/risk/${audit.id}`);
      await page.click('[data-testid=cancel-audit]');
      expect(await page.textContent('[data-testid=cancel-audit-confirm]')).toMatch(/^Cancel this audit\?/);
      await page.click('[data-testid=confirm-cancel-audit]');
      await page.waitForSelector('.page-head .badge.status-cancelled');

      stack.worker.child.kill('SIGCONT');
      await page.goto(`${stack.url}/runs/${run.id}`);
      await page.waitForSelector('.page-head .badge.status-cancelled');
      await page.waitForTimeout(3000);
      expect(await page.textContent('[data-testid=run-progress-text]')).toBe(progress);
      expect(await page.locator('.page-head .badge.status-cancelled').count()).toBe(1);
      expect(await page.locator('[data-testid=cancel-run]').count()).toBe(0);
    } finally {
      stack.worker.child.kill('SIGCONT');
      await page?.close();
    }
  });

  it('cancels a forecast, then deletes it, each only once confirmed', async () => {
    stack.worker.child.kill('SIGSTOP');
    let page: Page | null = null;
    try {
      const router = await stack.admin<{ fleetId: string }>('GET', '/api/v1/routers/ams-core-01');
      const forecast = await stack.admin<{ id: string }>('POST', '/api/v1/forecasts', { selector: { fleet: router.fleetId }, trials: 20 });
      const status = async () =>
        (await request<{ status: string }>(stack.url, 'GET', `/api/v1/forecasts/${forecast.id}`, undefined, bearer(stack.adminKey))).body.status;
      page = await signedIn(`/forecast/${forecast.id}`);
      await page.click('[data-testid=cancel-forecast]');
      expect(await page.textContent('[data-testid=cancel-forecast-question]')).toMatch(/^Cancel this forecast\?/);
      await page.click('[data-testid=keep-cancel-forecast]');
      expect(await status()).toBe('queued');
      expect(await page.locator('[data-testid=delete-forecast]').count()).toBe(0);
      await page.click('[data-testid=cancel-forecast]');
      await page.click('[data-testid=confirm-cancel-forecast]');
      await page.waitForSelector('[data-testid=delete-forecast]');
      expect(await status()).toBe('cancelled');

      await page.click('[data-testid=delete-forecast]');
      expect(await page.textContent('[data-testid=delete-forecast-question]')).toMatch(
        /^Delete this forecast with its results and report\? This cannot be undone\./,
      );
      await page.click('[data-testid=keep-delete-forecast]');
      expect(await status()).toBe('cancelled');
      await page.click('[data-testid=delete-forecast]');
      await page.click('[data-testid=confirm-delete-forecast]');
      await page.waitForURL(`${stack.url}/forecast`);
      expect((await request(stack.url, 'GET', `/api/v1/forecasts/${forecast.id}`, undefined, bearer(stack.adminKey))).status).toBe(404);
    } finally {
      stack.worker.child.kill('SIGCONT');
      await page?.close();
    }
  });

  it('deletes a scenario only once confirmed', async () => {
    await stack.admin('POST', '/api/v1/scenarios', { source: exampleSource('iosd-crash') });
    const page = await signedIn('/scenarios/iosd-crash');
    await page.click('[data-testid=delete-scenario]');
    expect(await page.textContent('[data-testid=delete-scenario-confirm]')).toMatch(/^Delete the scenario iosd-crash\? This cannot be undone\./);
    await page.click('[data-testid=keep-delete-scenario]');
    expect((await request(stack.url, 'GET', '/api/v1/scenarios/iosd-crash', undefined, bearer(stack.adminKey))).status).toBe(200);
    await page.click('[data-testid=delete-scenario]');
    await page.click('[data-testid=confirm-delete-scenario]');
    await page.waitForURL(`${stack.url}/scenarios`);
    expect((await request(stack.url, 'GET', '/api/v1/scenarios/iosd-crash', undefined, bearer(stack.adminKey))).status).toBe(404);
    await page.close();
  });
});
