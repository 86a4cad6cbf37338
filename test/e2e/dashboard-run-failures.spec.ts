import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/a11y.js';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';
import { ROOT } from '../support/processes.js';

/**
 * The run page explains failures, in headless Chromium against the built api and a worker as real processes.
 * A fleet of two models meets an active-host kernel panic: every single-RP ASR1002-X reloads (minutes without
 * an ACTIVE instance) and fails the control-plane expectation, every dual-RP ASR1006 switches over and passes.
 * The page shows, without scrolling, the failing expectation and the cause group that explains every failure;
 * the group lists exactly the failed routers; a router's "Why" shows its failed expectation; the timeline's
 * picker finds a router beyond the first 50 by search. Cancelling a run asks first. No console error. Screenshots in test-results/screenshots/.
 */
const ROUTERS = 120;
const SOURCE = readFileSync(join(ROOT, 'test', 'fixtures', 'scenarios', 'active-host-panic.yaml'), 'utf8');
/** Models are generated in turn, so the ASR1002-X routers are the odd-numbered ones. */
const FAILING = Array.from({ length: ROUTERS / 2 }, (_, k) => `mixed-${String(2 * k + 1).padStart(5, '0')}`);

let stack: DashboardStack;
let browser: TestBrowser;
let viewerKey: string;
let operatorKey: string;
let runId: string;
let page: Page;
const watches: ConsoleWatch[] = [];

beforeAll(async () => {
  stack = await startDashboardStack({ RUN_SHARD_SIZE: '50' });
  viewerKey = await stack.key('noc', 'viewer');
  operatorKey = await stack.key('ops', 'operator');
  await stack.admin('POST', '/api/v1/fleets', { name: 'mixed' });
  await stack.admin('POST', '/api/v1/fleets/mixed/routers', { generate: { count: ROUTERS, models: ['ASR1002-X', 'ASR1006'] } });
  const run = await stack.admin<{ id: string }>('POST', '/api/v1/runs', { source: SOURCE, target: { selector: { fleet: 'mixed' } } });
  runId = run.id;
  const deadline = Date.now() + 60_000;
  let status = 'queued';
  while (!['completed', 'failed', 'cancelled'].includes(status) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    status = (await stack.admin<{ status: string }>('GET', `/api/v1/runs/${runId}`)).status;
  }
  if (status !== 'completed') throw new Error(`the campaign ended ${status}, not completed`);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watches.push(new ConsoleWatch(page));
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

/** Whether the element lies wholly in the viewport of an unscrolled page. */
async function inFirstScreen(selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const viewport = page.viewportSize();
  const scrolled = await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
  return box !== null && viewport !== null && scrolled === 0 && box.y >= 0 && box.y + box.height <= viewport.height;
}

/** Hostnames of every page of the run page's router list. */
async function listedRouters(): Promise<string[]> {
  const hostnames: string[] = [];
  for (;;) {
    hostnames.push(
      ...(await page.locator('[data-testid=run-results] tr[data-hostname]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-hostname') as string))),
    );
    const next = page.locator('[data-testid=run-routers] .pager button:has-text("Older")');
    if ((await next.count()) === 0 || (await next.isDisabled())) return hostnames;
    const first = hostnames.at(-1) as string;
    await next.click();
    await page.waitForFunction(
      (h) =>
        !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector(
          `[data-testid=run-results] tr[data-hostname="${h}"]`,
        ),
      first,
    );
  }
}

describe('the run page explains failures', () => {
  it('shows, without scrolling, the failing expectation with observed against limit and the cause that explains every failure', async () => {
    await page.goto(`${stack.url}/runs/${runId}`);
    await page.fill('#api-key', viewerKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=cause-group]');
    const expectation = page.locator('[data-testid=failing-expectations] tr[data-expect=controlPlaneOutage]');
    expect(await expectation.textContent()).toMatch(/^Control-plane outage60 of 120\d+ min( \d+ s)? – \d+ min( \d+ s)?at most 1 minmixed-00001: \d+ min/);
    const first = page.locator('[data-testid=cause-group]').first();
    expect(await first.textContent()).toBe('model ASR1002-X: 60 failed of 60');
    expect(await page.locator('[data-testid=cause-groups] li').first().textContent()).toContain('every failure, and only failures');
    expect(await page.textContent('[data-testid=why-failed]')).toContain('60 of 120 routers failed.');
    expect(await inFirstScreen('[data-testid=failing-expectations] tr[data-expect=controlPlaneOutage]')).toBe(true);
    expect(await inFirstScreen('[data-testid=cause-group] >> nth=0')).toBe(true);
    await page.waitForSelector('[data-testid=outage-chart] canvas');
    expect(await page.getAttribute('[data-testid=outage-chart]', 'aria-label')).toMatch(/^Routers by Control-plane outage \((ms|s|min)\)$/);
    await screenshot(page, '20-run-why-failed');
    await expectAccessible(page, '20-run-why-failed');
  });

  it('lists exactly the failed routers of a cause group, over every page', async () => {
    await page.locator('[data-testid=cause-group]').first().click();
    await expect.poll(() => page.textContent('[data-testid=result-group]')).toContain('model ASR1002-X');
    await expect.poll(() => page.textContent('[data-testid=result-count]')).toBe('60 routers');
    const listed = await listedRouters();
    expect(listed).toEqual(FAILING);
    const verdicts = await page.locator('[data-testid=run-results] tr[data-hostname] .badge').allTextContents();
    expect(new Set(verdicts)).toEqual(new Set(['fail']));
    await screenshot(page, '21-run-failed-group');
    await expectAccessible(page, '21-run-failed-group');
  });

  it('shows why one router failed: its failed expectation with observed value and limit, its start and timeline', async () => {
    const row = page.locator('[data-testid=run-results] tr[data-hostname]').first();
    const hostname = (await row.getAttribute('data-hostname')) as string;
    expect(FAILING).toContain(hostname);
    await row.locator('[data-testid=why-router]').click();
    const why = page.locator(`[data-testid=router-why][data-hostname="${hostname}"]`);
    await why.locator('[data-testid=router-failed-expectations]').waitFor();
    expect(await why.locator('[data-testid=router-failed-expectations] tbody').textContent()).toMatch(/^Control-plane outage\d+ min( \d+ s)?at most 1 min$/);
    expect(await why.locator('[data-testid=router-start]').textContent()).toMatch(/^Started operating SSO · R0\/0 ACTIVE on \S+ · R0\/1 STANDBY HOT/);
    await why.locator('[data-testid=timeline-chart] canvas').waitFor();
    await screenshot(page, '22-run-router-why');
    await expectAccessible(page, '22-run-router-why');
  });

  it('finds a router beyond the first 50 for the timeline by searching the run', async () => {
    const target = 'mixed-00117';
    await page.fill('[data-testid=timeline-search]', '0117');
    await expect.poll(() => page.textContent('[data-testid=timeline-matches]')).toBe('1 router match “0117”');
    await page.selectOption('[data-testid=timeline-router]', target);
    await expect.poll(() => page.inputValue('[data-testid=timeline-router]')).toBe(target);
    await expect.poll(() => page.locator('[data-testid=timeline-chart]').count()).toBeGreaterThan(0);
    // A partial hostname submitted with one match picks that router.
    await page.fill('[data-testid=timeline-search]', 'ed-00118');
    await expect.poll(() => page.textContent('[data-testid=timeline-matches]')).toBe('1 router match “ed-00118”');
    await page.press('[data-testid=timeline-search]', 'Enter');
    await expect.poll(() => page.inputValue('[data-testid=timeline-router]')).toBe('mixed-00118');
    await screenshot(page, '23-run-timeline-search');
    await expectAccessible(page, '23-run-timeline-search');
  });
});

describe('cancelling a run', () => {
  it('asks an operator to confirm, keeps the run when told to, cancels it when confirmed; a viewer has no cancel', async () => {
    // With the worker stopped the run stays queued, so the page offers to cancel it for as long as the test needs.
    stack.worker.child.kill('SIGSTOP');
    try {
      const queued = await stack.admin<{ id: string }>('POST', '/api/v1/runs', { source: SOURCE, target: { selector: { fleet: 'mixed' } } });
      const status = async () => (await stack.admin<{ status: string }>('GET', `/api/v1/runs/${queued.id}`)).status;
      await page.goto(`${stack.url}/runs/${queued.id}`);
      await page.waitForSelector('.page-head .badge.status-queued');
      expect(await page.locator('[data-testid=cancel-run]').count()).toBe(0);

      const operator = await browser.context.newPage();
      watches.push(new ConsoleWatch(operator));
      await operator.goto(`${stack.url}/runs/${queued.id}`);
      // The key lives in each tab's session storage: this tab signs in as the operator.
      await operator.fill('#api-key', operatorKey);
      await operator.click('button[type=submit]');
      await operator.click('[data-testid=cancel-run]');
      expect(await operator.textContent('[data-testid=cancel-run-confirm]')).toMatch(
        /^Cancel this queued run\? Its routers will not be simulated, and the run gets no verdict or report\./,
      );
      await screenshot(operator, '24-run-cancel-confirm');
      await expectAccessible(operator, '24-run-cancel-confirm');
      await operator.click('[data-testid=keep-cancel-run]');
      expect(await operator.locator('[data-testid=cancel-run-confirm]').count()).toBe(0);
      expect(await status()).toBe('queued');
      await operator.click('[data-testid=cancel-run]');
      await operator.click('[data-testid=confirm-cancel-run]');
      await operator.waitForSelector('.page-head .badge.status-cancelled');
      expect(await status()).toBe('cancelled');
      expect(await operator.locator('[data-testid=cancel-run]').count()).toBe(0);
      await operator.close();
    } finally {
      stack.worker.child.kill('SIGCONT');
    }
  });
});
