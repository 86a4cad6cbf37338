import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';

/**
 * The router page's switchover plan and change log in headless Chromium against the built api and a worker as
 * real processes: after a force switchover the page shows the plan of the later transitions live (steps, the
 * expected time to redundancy in simulated time, a countdown on the wall clock), ticks the steps off as the
 * worker applies them, then says when redundancy came back; the change log names RF states, shows times
 * relative with the exact time on hover, and filters by component. No console error.
 */
/** Later transitions run 10 times faster than real time: redundancy is back about 20 s after the switchover. */
const TIME_SCALE = 0.1;
let stack: DashboardStack;
let browser: TestBrowser;
let operator: string;
let page: Page;
let watch: ConsoleWatch;

beforeAll(async () => {
  stack = await startDashboardStack({ TWIN_TIME_SCALE: String(TIME_SCALE) });
  operator = await stack.key('plan-ops', 'operator');
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watch = new ConsoleWatch(page);
  await page.goto(`${stack.url}/routers/ams-edge-01`);
  await page.fill('#api-key', operator);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=live-status]:has-text("live")');
  await page.waitForSelector('[data-testid=change-log]');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(() => {
  expect(watch.take()).toEqual([]);
});

/** Seconds left on the countdown (`3 min 19 s` → 199). */
async function countdownSeconds(): Promise<number> {
  const text = (await page.textContent('[data-testid=plan-countdown]')) ?? '';
  const m = /^(?:(\d+) min)? ?(?:(\d+) s)?$/.exec(text.trim());
  if (!m) throw new Error(`not a countdown: ${text}`);
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

const appliedSteps = () => page.locator('[data-testid=plan-step][data-applied=true]').count();

describe('the switchover plan on the router page', () => {
  it('shows no plan before any action, then the pending plan live after a switchover, with a countdown to redundancy', async () => {
    expect(await page.locator('[data-testid=action-plan]').count()).toBe(0);
    await page.click('[data-testid=force-switchover]');
    await page.click('[data-testid=confirm-force-switchover]');
    await page.waitForSelector('[data-testid=action-plan][data-status=pending]');
    expect(await page.textContent('[data-testid=action-plan] h2')).toBe('Switchover in progress');
    expect(await page.textContent('[data-testid=action-plan]')).toContain('force-switchover by key:plan-ops');

    // The ASR1002-X's old active reloads and is STANDBY HOT again 3 min 19 s of simulated time later.
    const redundancy = (await page.textContent('[data-testid=plan-redundancy]')) ?? '';
    const simulated = /^Expected time to redundancy: 3 min (\d+) s after the switchover, at /.exec(redundancy);
    expect(simulated, redundancy).not.toBeNull();
    const steps = await page.locator('[data-testid=plan-step]').count();
    expect(steps).toBeGreaterThanOrEqual(7);
    expect(await page.textContent('[data-testid=plan-step]:last-child')).toMatch(/R0\/0 STANDBY HOT.*protected/);

    // On the wall clock that is a tenth of it, about 20 s; the countdown runs down by itself.
    const wallSeconds = (180 + Number(simulated?.[1])) * TIME_SCALE;
    const first = await countdownSeconds();
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThanOrEqual(Math.ceil(wallSeconds));
    await expect.poll(countdownSeconds, { timeout: 5000 }).toBeLessThan(first);
    await screenshot(page, '41-router-plan-pending');
  });

  it('ticks the steps off as the worker applies them, then says when redundancy came back', async () => {
    await expect.poll(appliedSteps, { timeout: 20_000 }).toBeGreaterThan(0);
    const steps = await page.locator('[data-testid=plan-step]').count();
    await page.waitForSelector('[data-testid=action-plan][data-status=completed]', { timeout: 40_000 });
    expect(await appliedSteps()).toBe(steps);
    expect(await page.textContent('[data-testid=action-plan] h2')).toBe('Last switchover');
    expect(await page.textContent('[data-testid=plan-redundancy]')).toMatch(/^Redundancy came back .+, 3 min \d+ s after the switchover\.$/);
    expect(await page.locator('[data-testid=plan-countdown]').count()).toBe(0);
    expect(await page.textContent('.page-head h1 .badge')).toBe('protected');
    await screenshot(page, '42-router-plan-done');
  });
});

describe('the change log', () => {
  it('names RF states, shows relative times with the exact time on hover, and filters by component', async () => {
    const log = page.locator('[data-testid=change-log]');
    await expect.poll(async () => (await log.textContent()) ?? '').toContain('rfState STANDBY HOT (8) → ACTIVE (13)');
    expect(await log.textContent()).toContain('→ STANDBY HOT (8)');
    expect(await log.textContent()).not.toMatch(/rfState: \d/);
    const times = await log
      .locator('tbody time')
      .evaluateAll((els) => els.map((e) => ({ text: e.textContent, title: e.getAttribute('title'), at: e.getAttribute('datetime') })));
    expect(times.length).toBeGreaterThan(5);
    for (const t of times) {
      expect(t.text).toMatch(/^(just now|\d+ s ago|\d+ min( \d+ s)? ago)$/);
      expect(t.title).not.toBe(t.at);
      expect(new Date(t.at ?? '').getTime()).not.toBeNaN();
    }

    const all = await log.locator('tbody tr').count();
    await page.selectOption('[data-testid=change-component]', 'instance R0/0');
    await expect.poll(async () => new Set(await log.locator('tbody tr td:nth-child(3)').allTextContents())).toEqual(new Set(['instance R0/0']));
    const r00 = await log.locator('tbody tr').count();
    expect(r00).toBeGreaterThan(3);
    expect(r00).toBeLessThan(all);
    await screenshot(page, '43-change-log-filtered');
    await page.selectOption('[data-testid=change-component]', 'esp F0');
    await expect.poll(async () => (await log.textContent()) ?? '').toMatch(/esp F0|No change of esp F0 recorded yet\./);
    await page.selectOption('[data-testid=change-component]', '');
    await expect.poll(() => log.locator('tbody tr').count()).toBe(all);
  });
});
