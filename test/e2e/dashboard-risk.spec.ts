import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/a11y.js';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';

/**
 * The Risk page in headless Chromium against the built api and a worker as real processes: an operator
 * launches an audit of a fleet where one router's standby is stuck in bulk sync and one is a single-RP,
 * single-ESP chassis, follows it to the counts by cause and by fault, the heat map and the exposed routers, and
 * clicks through to a router; a viewer sees the results and no launch control. No page may log a console error.
 */
let stack: DashboardStack;
let browser: TestBrowser;
let keys: { operator: string; viewer: string };
const watches: ConsoleWatch[] = [];
const BULK = 300;

beforeAll(async () => {
  stack = await startDashboardStack();
  keys = { operator: await stack.key('risk-ops', 'operator'), viewer: await stack.key('risk-noc', 'viewer') };
  await stack.admin('POST', '/api/v1/fleets', { name: 'riskfleet' });
  const routers = [...['r-ok-1', 'r-ok-2', 'r-cold'].map((hostname) => ({ hostname, model: 'ASR1006' })), { hostname: 'r-small', model: 'ASR1002-X' }];
  await stack.admin('POST', '/api/v1/fleets/riskfleet/routers', { routers });
  await stack.admin('POST', '/api/v1/fleets/riskfleet/routers', { generate: { count: BULK, models: ['ASR1006'], hostnamePrefix: 'z-bulk' } });
  const client = new pg.Client({ connectionString: stack.db.url });
  await client.connect();
  await client.query(`UPDATE ios_instances SET rf_state = 7 WHERE name = 'R1/0' AND router_id = (SELECT id FROM routers WHERE hostname = 'r-cold')`);
  await client.end();
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

const causeCount = (page: Page, cause: string) => page.textContent(`[data-testid=audit-causes] tr:has(th:text-is("${cause}")) td`);

describe('the Risk page', () => {
  it('lets an operator launch an audit and see the counts, the heat map and the exposed routers, then open one', async () => {
    const page = await signedIn(keys.operator, '/risk');
    await page.click('nav >> text=Risk');
    await page.selectOption('[data-testid=audit-fleet]', 'riskfleet');
    await page.click('[data-testid=audit-start]');
    await page.waitForURL(/\/risk\/[0-9a-f-]{36}$/);
    await page.waitForSelector('[data-testid=audit-causes]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=audit-exposed-count]')).toBe('2');
    expect(await page.textContent('[data-testid=audit-progress]')).toMatch(new RegExp(`${BULK + 4} / ${BULK + 4} routers audited`));
    expect(await causeCount(page, 'peer STANDBY COLD-BULK')).toBe('1');
    expect(await causeCount(page, 'single ESP')).toBe('1');
    expect(await causeCount(page, 'single RP')).toBe('1');
    expect(await page.textContent('[data-testid=audit-faults] tr:has(th:text-is("iosd-crash@active")) td')).toBe('1');
    await page.waitForSelector('[data-testid=audit-heatmap] canvas');
    expect(await page.getAttribute('[data-testid=audit-heatmap]', 'data-rows')).toBe(String(BULK + 4));
    const exposed = await page.$$eval('[data-testid=audit-exposed] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-hostname')));
    expect(exposed).toEqual(['r-cold', 'r-small']);
    expect(await page.textContent('[data-testid=audit-exposed] tr[data-hostname=r-cold]')).toContain('peer STANDBY COLD-BULK');
    await screenshot(page, 'risk-01-audit');
    await expectAccessible(page, 'risk-01-audit');
    await page.click('[data-testid=audit-exposed] a:text-is("r-cold")');
    await page.waitForURL(/\/routers\/r-cold$/);
    await expect.poll(() => page.textContent('[data-testid="rf-R1/0"]')).toMatch(/STANDBY COLD-BULK/);
  });

  it('shows a viewer the audits and their results, with no launch control', async () => {
    const page = await signedIn(keys.viewer, '/risk');
    await page.waitForSelector('[data-testid=audit-list] tbody tr[data-audit-id]');
    expect(await page.$('[data-testid=audit-launch]')).toBeNull();
    await page.click('[data-testid=audit-list] tbody tr[data-audit-id] a');
    await page.waitForSelector('[data-testid=audit-causes]');
    expect(await causeCount(page, 'peer STANDBY COLD-BULK')).toBe('1');
    expect(await page.$('[data-testid=cancel-audit]')).toBeNull();
    await screenshot(page, 'risk-02-viewer');
    await expectAccessible(page, 'risk-02-viewer');
  });
});
