import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, horizontalOverflow } from '../support/a11y.js';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';
import { exampleSource, type RunBody, waitForRun } from '../support/runs.js';

/**
 * Accessibility and small screens in headless Chromium against the built api and a worker as real processes:
 * axe-core finds no serious or critical violation on any page an operator visits (sign-in, fleet overview,
 * router, runs, run, scenarios, scenario editor, risk, audit, forecasts, forecast, fleets, fleet, observations, API
 * keys), at desktop width and at 390 px, where the page
 * never scrolls sideways; every control is reached and worked with the keyboard. No page may log a console error.
 */
let stack: DashboardStack;
let browser: TestBrowser;
let operator: string;
let runId: string;
let auditId: string;
let forecastId: string;
let sampleFleet: string;
const watches: ConsoleWatch[] = [];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

beforeAll(async () => {
  stack = await startDashboardStack();
  operator = await stack.key('a11y-ops', 'operator');
  await stack.admin('POST', '/api/v1/scenarios', { source: exampleSource('iosd-crash') });
  const run = await stack.admin<RunBody>('POST', '/api/v1/runs', { source: exampleSource('iosd-crash') });
  expect((await waitForRun(stack.url, run.id, stack.adminKey)).status).toBe('completed');
  runId = run.id;
  const router = await stack.admin<{ fleetId: string }>('GET', '/api/v1/routers/ams-core-01');
  const audit = await stack.admin<{ id: string }>('POST', '/api/v1/audits', { selector: { fleet: router.fleetId, hostnames: ['ams-core-01', 'ams-edge-01'] } });
  auditId = audit.id;
  sampleFleet = (await stack.admin<{ name: string }>('GET', `/api/v1/fleets/${router.fleetId}`)).name;
  const forecast = await stack.admin<{ id: string }>('POST', '/api/v1/forecasts', {
    selector: { fleet: router.fleetId },
    trials: 20,
    whatIf: { redundancy: 'sso' },
  });
  forecastId = forecast.id;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(() => {
  for (const watch of watches) expect(watch.take()).toEqual([]);
});

async function signedIn(path: string, key = operator): Promise<Page> {
  const page = await browser.context.newPage();
  watches.push(new ConsoleWatch(page));
  await page.goto(`${stack.url}${path}`);
  await page.fill('#api-key', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  await page.waitForSelector('[data-testid=live-status]:has-text("live")');
  return page;
}

/** Each page with what shows it has finished loading. */
const PAGES: readonly { readonly name: string; readonly path: () => string; readonly ready: () => string; readonly admin?: boolean }[] = [
  { name: 'overview', path: () => '/', ready: () => '[data-testid=health-charts] canvas' },
  { name: 'router', path: () => '/routers/ams-core-01', ready: () => '[data-testid=change-log]' },
  { name: 'runs', path: () => '/runs', ready: () => `a[href="/runs/${runId}"]` },
  { name: 'run', path: () => `/runs/${runId}`, ready: () => '[data-testid=run-metrics]' },
  { name: 'scenarios', path: () => '/scenarios', ready: () => 'a[href="/scenarios/iosd-crash"]' },
  { name: 'scenario-editor', path: () => '/scenarios/iosd-crash', ready: () => '[data-testid=validation] .ok' },
  { name: 'risk', path: () => '/risk', ready: () => `a[href="/risk/${auditId}"]` },
  { name: 'audit', path: () => `/risk/${auditId}`, ready: () => '[data-testid=audit-progress]' },
  { name: 'forecasts', path: () => '/forecast', ready: () => `[data-testid=forecast-list] a[href="/forecast/${forecastId}"]` },
  { name: 'forecast', path: () => `/forecast/${forecastId}`, ready: () => '[data-testid=forecast-comparison]' },
  { name: 'fleets', path: () => '/fleets', ready: () => '[data-testid=fleet-list] [data-testid=fleet-link]', admin: true },
  { name: 'fleet', path: () => `/fleets/${encodeURIComponent(sampleFleet)}`, ready: () => '[data-testid=fleet-summary]', admin: true },
  { name: 'observations', path: () => '/observations', ready: () => '[data-testid=bulk-observations-page]' },
  { name: 'keys', path: () => '/keys', ready: () => '[data-testid=key-list]', admin: true },
];

describe('accessibility on every page', () => {
  it('finds no serious or critical axe violation on the sign-in page, at desktop width and at 390 px', async () => {
    const page = await browser.context.newPage();
    watches.push(new ConsoleWatch(page));
    await page.goto(`${stack.url}/`);
    await page.waitForSelector('#api-key');
    await expectAccessible(page, 'sign-in');
    await page.setViewportSize(PHONE);
    expect(await horizontalOverflow(page)).toEqual({ overflowPx: 0, culprits: [] });
    await expectAccessible(page, 'sign-in at 390 px');
    await page.close();
  });

  for (const p of PAGES) {
    it(`finds no serious or critical axe violation on the ${p.name} page, and at 390 px the page does not scroll sideways`, async () => {
      const page = await signedIn(p.path(), p.admin ? stack.adminKey : operator);
      await page.waitForSelector(p.ready(), { timeout: 60_000 });
      await expectAccessible(page, p.name);
      await page.setViewportSize(PHONE);
      await page.waitForTimeout(300);
      expect(await horizontalOverflow(page), `${p.name} at 390 px`).toEqual({ overflowPx: 0, culprits: [] });
      await expectAccessible(page, `${p.name} at 390 px`);
      await screenshot(page, `40-a11y-${p.name}-390`);
      await page.setViewportSize(DESKTOP);
      await page.close();
    });
  }
});

/** What has the keyboard focus: its tag, accessible text and test id. */
const focused = (page: Page) =>
  page.evaluate(`(() => {
    const e = document.activeElement;
    return {
      tag: e ? e.tagName.toLowerCase() : '',
      text: ((e && (e.getAttribute('aria-label') || e.textContent)) || '').trim(),
      testId: (e && e.getAttribute('data-testid')) || '',
      href: (e && e.getAttribute('href')) || '',
    };
  })()`) as Promise<{ tag: string; text: string; testId: string; href: string }>;

async function tabUntil(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, limit = 80): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    seen.push(f.testId || f.text.slice(0, 30));
    if (match(f)) return seen;
  }
  throw new Error(`not reached with Tab in ${limit} steps; focus went through: ${seen.join(' → ')}`);
}

describe('the keyboard', () => {
  it('reaches the navigation, the filters, the sort buttons and a router on the overview, and opens the router with Enter', async () => {
    const page = await signedIn('/');
    await page.waitForSelector('[data-testid=router-rows] [data-hostname]');
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    const path = await tabUntil(page, (f) => f.href.startsWith('/routers/'));
    for (const control of ['Runs', 'health-degraded', 'freshness-never', 'router-search', 'fleet', 'model', 'Hostname']) {
      expect(
        path.some((s) => s.startsWith(control)),
        `${control} in ${path.join(' → ')}`,
      ).toBe(true);
    }
    const target = (await focused(page)).href;
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stack.url}${target}`);
    await page.waitForSelector('[data-testid=change-log]');
    await page.close();
  });

  it('opens the switchover confirmation with Enter, puts the focus on the safe button, and closes it with Escape', async () => {
    const page = await signedIn('/routers/ams-core-01');
    await page.waitForSelector('[data-testid=change-log]');
    await page.focus('[data-testid=force-switchover]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=force-switchover-confirm]');
    expect((await focused(page)).testId).toBe('keep-force-switchover');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=force-switchover]');
    expect(await page.locator('[data-testid=force-switchover-confirm]').count()).toBe(0);
    await expect.poll(async () => (await focused(page)).testId).toBe('force-switchover');
    await tabUntil(page, (f) => f.testId === 'change-component');
    await page.close();
  });
});
