import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/a11y.js';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';

/**
 * The operator dashboard in headless Chromium against the built api and a worker as real processes: sign-in,
 * the fleet overview, a router's anatomy, a force-switchover seen live in other tabs, what a viewer is not
 * offered, the scenario editor's errors at their lines, a fleet campaign followed live to its report, a
 * run launched on one router from its page, and fleets, bulk-added routers and scenarios appearing live.
 * No page may log a console error (CSP violations and failed requests included). Screenshots are kept in
 * test-results/screenshots/.
 */
const CAMPAIGN_ROUTERS = 600;
let stack: DashboardStack;
let browser: TestBrowser;
let keys: { operator: string; viewer: string };
const watches: ConsoleWatch[] = [];

beforeAll(async () => {
  // Shards of 100 routers: the campaign's progress moves in visible steps. Actions' later transitions run
  // about 30 times faster than real time, so a switched-over router is redundant again within seconds.
  stack = await startDashboardStack({ RUN_SHARD_SIZE: '100', TWIN_TIME_SCALE: '0.03' });
  keys = { operator: await stack.key('ops', 'operator'), viewer: await stack.key('noc', 'viewer') };
  await stack.admin('POST', '/api/v1/fleets', { name: 'campaign' });
  await stack.admin('POST', '/api/v1/fleets/campaign/routers', { generate: { count: CAMPAIGN_ROUTERS, models: ['ASR1002-X', 'ASR1006'] } });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(() => {
  for (const watch of watches) expect(watch.take()).toEqual([]);
  // Nothing a browser does may take the api or the worker down.
  for (const p of [stack.api, stack.worker]) {
    expect({ code: p.child.exitCode, signal: p.child.signalCode }, p.output()).toEqual({ code: null, signal: null });
  }
});

async function openPage(): Promise<Page> {
  const page = await browser.context.newPage();
  watches.push(new ConsoleWatch(page));
  return page;
}

async function signIn(page: Page, key: string, path = '/'): Promise<void> {
  await page.goto(`${stack.url}${path}`);
  await page.fill('#api-key', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  await page.waitForSelector('[data-testid=live-status]:has-text("live")');
}

/** Marks the document, so a test can tell that a change arrived live rather than through a reload. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((globalThis as unknown as { e2eMark: boolean }).e2eMark = true));
}
async function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { e2eMark?: boolean }).e2eMark === true);
}

const rfState = (page: Page, instance: string) => page.textContent(`[data-testid="rf-${instance}"]`);

let operatorPage: Page;
let viewerPage: Page;

describe('the operator dashboard', () => {
  it('refuses a wrong key with the API message, signs in with a key and signs out', async () => {
    const page = await openPage();
    await page.goto(`${stack.url}/`);
    await screenshot(page, '01-sign-in');
    await expectAccessible(page, '01-sign-in');
    await page.fill('#api-key', 'atw_nosuchkey000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[role=alert]')).toMatch(/key/i);
    await signIn(page, keys.operator);
    expect(await page.textContent('[data-testid=who]')).toMatch(/ops\s*operator/);
    await page.click('[data-testid=sign-out]');
    await page.waitForSelector('#api-key');
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(0);
    await page.close();
  });

  it('signs out, with a notice, a user whose key is revoked while signed in', async () => {
    const created = await stack.admin<{ id: string; key: string }>('POST', '/api/v1/keys', { name: 'temp', role: 'viewer' });
    const page = await openPage();
    await signIn(page, created.key, '/runs');
    await markDocument(page);
    await stack.admin('DELETE', `/api/v1/keys/${created.id}`);
    // No click, no reload: the api ends the key's subscriptions, and the dashboard signs out.
    await page.waitForSelector('#api-key', { timeout: 10_000 });
    expect(await stillSameDocument(page)).toBe(true);
    expect(await page.textContent('[role=status]')).toMatch(/no longer accepts this key/);
    await page.close();
  });

  it('shows the whole fleet by health, and filters it by search, health and fleet', async () => {
    operatorPage = await openPage();
    const page = operatorPage;
    await signIn(page, keys.operator);
    const total = 109 + CAMPAIGN_ROUTERS;
    await expect.poll(() => page.textContent('[data-testid=router-count]')).toBe(`${total} of ${total} routers`);
    // The sample fleet: one RPR and one simplex router are degraded, the rest protected.
    expect(await page.textContent('[data-testid=health-degraded] .tile-count')).toBe('2');
    expect(await page.textContent('[data-testid=health-protected] .tile-count')).toBe(String(total - 2));
    await screenshot(page, '02-overview');
    await expectAccessible(page, '02-overview');
    await page.fill('[data-testid=router-search]', 'lon-edge');
    await expect.poll(() => page.textContent('[data-testid=router-count]')).toBe(`3 of ${total} routers`);
    await page.click('[data-testid=health-degraded]');
    await expect
      .poll(() => page.locator('[data-testid=router-rows] [data-hostname]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-hostname'))))
      .toEqual(['lon-edge-02', 'lon-edge-03']);
    expect(page.url()).toContain('health=degraded');
    await page.click('[data-testid=health-degraded]');
    await page.fill('[data-testid=router-search]', '');
    await page.selectOption('select[aria-label=fleet]', { label: 'campaign' });
    await expect.poll(() => page.textContent('[data-testid=router-count]')).toBe(`${CAMPAIGN_ROUTERS} of ${total} routers`);
    await page.selectOption('select[aria-label=fleet]', '');
  });

  it('opens a router: chassis, RP, Linux host, KVM and IOS VMs with RF state names, its show redundancy and change log', async () => {
    const page = operatorPage;
    await page.fill('[data-testid=router-search]', 'ams-core-01');
    await page.click('[data-hostname="ams-core-01"]');
    await page.waitForSelector('[data-testid=chassis-diagram]');
    expect(await rfState(page, 'R0/0')).toBe('13 ACTIVE');
    expect(await rfState(page, 'R1/0')).toBe('8 STANDBY HOT');
    for (const part of ['rp-R0', 'rp-R1', 'esp-F0', 'esp-F1']) expect(await page.isVisible(`[data-testid=${part}]`), part).toBe(true);
    expect(await page.textContent('[data-testid=rp-R0]')).toMatch(/Linux host\s*up[\s\S]*KVM\s*running/i);
    await expect
      .poll(() => page.textContent('[data-testid=show-output]'))
      .toMatch(/Redundant System Information[\s\S]*Current Software state = ACTIVE[\s\S]*STANDBY HOT/);
    expect(await page.textContent('[data-testid=change-log]')).toMatch(/created/);
    await screenshot(page, '03-router');
    await expectAccessible(page, '03-router');
  });

  it('lets an operator force a switchover, and every open tab sees the new states live', async () => {
    viewerPage = await openPage();
    await signIn(viewerPage, keys.viewer, '/routers/ams-edge-01');
    await viewerPage.waitForSelector('[data-testid=chassis-diagram]');
    const overview = await openPage();
    await signIn(overview, keys.viewer);
    await expect.poll(() => overview.textContent('[data-testid=health-degraded] .tile-count')).toBe('2');
    await Promise.all([markDocument(viewerPage), markDocument(overview)]);

    const page = operatorPage;
    await page.goto(`${stack.url}/routers/ams-edge-01`);
    await page.waitForSelector('[data-testid=chassis-diagram]');
    expect(await rfState(page, 'R0/0')).toBe('13 ACTIVE');
    await page.click('[data-testid=force-switchover]');
    await page.click('[data-testid=confirm-force-switchover]');
    await expect.poll(() => rfState(page, 'R0/1'), { timeout: 10_000 }).toBe('13 ACTIVE');
    await screenshot(page, '04-switchover-operator');
    await expectAccessible(page, '04-switchover-operator');

    // The viewer's tab, never reloaded: the peer took activity, the old active reboots and is redundant again.
    await expect.poll(() => rfState(viewerPage, 'R0/1'), { timeout: 10_000 }).toBe('13 ACTIVE');
    await expect.poll(() => overview.textContent('[data-testid=health-degraded] .tile-count'), { timeout: 10_000 }).toBe('3');
    await screenshot(overview, '05-switchover-overview-degraded');
    await expectAccessible(overview, '05-switchover-overview-degraded');
    await expect.poll(() => rfState(viewerPage, 'R0/0'), { timeout: 30_000 }).toBe('8 STANDBY HOT');
    await expect.poll(() => overview.textContent('[data-testid=health-degraded] .tile-count'), { timeout: 10_000 }).toBe('2');
    expect(await stillSameDocument(viewerPage)).toBe(true);
    expect(await stillSameDocument(overview)).toBe(true);
    expect(await viewerPage.textContent('[data-testid=change-log]')).toMatch(/key:ops/);
    await screenshot(viewerPage, '06-switchover-viewer');
    await expectAccessible(viewerPage, '06-switchover-viewer');
    await overview.close();

    // A simplex router is offered no switchover; the page says why, in IOS's words (domain §8.3).
    await page.goto(`${stack.url}/routers/lon-edge-03`);
    await page.waitForSelector('[data-testid=force-switchover-unavailable]');
    expect(await page.locator('[data-testid=force-switchover]').count()).toBe(0);
    expect(await page.textContent('[data-testid=force-switchover-unavailable]')).toContain('Manual Swact = disabled (system is simplex (no peer unit))');
    // Under RPR, STANDBY COLD is the terminal standby state: offered.
    await page.goto(`${stack.url}/routers/lon-edge-02`);
    await page.waitForSelector('[data-testid=force-switchover]');
  });

  it('shows the scenario editor’s validation errors at their lines', async () => {
    const page = operatorPage;
    await page.goto(`${stack.url}/scenarios`);
    await page.click('[data-testid=new-scenario]');
    await page.waitForSelector('.cm-content');
    const broken = CAMPAIGN_SOURCE.replace('fault: iosd-crash', 'fault: iosd-explode');
    await replaceEditorText(page, broken);
    const line = broken.split('\n').findIndex((l) => l.includes('iosd-explode')) + 1;
    await page.waitForSelector(`[data-testid=validation] li[data-line="${line}"]`);
    expect(await page.textContent(`[data-testid=validation] li[data-line="${line}"]`)).toMatch(/iosd-explode/);
    // The underline sits on that line of the editor, with a marker in its gutter.
    const marked = await page.locator('.cm-line').evaluateAll((lines) => lines.flatMap((el, i) => (el.querySelector('.cm-lintRange-error') ? [i + 1] : [])));
    expect(marked).toEqual([line]);
    expect(await page.locator('.cm-lint-marker-error').count()).toBe(1);
    expect(await page.isDisabled('[data-testid=save-scenario]')).toBe(true);
    await screenshot(page, '07-editor-error');
    await expectAccessible(page, '07-editor-error');
    await replaceEditorText(page, CAMPAIGN_SOURCE);
    await page.waitForSelector('[data-testid=validation] .ok');
    await page.click('[data-testid=save-scenario]');
    await page.waitForURL(/\/scenarios\/e2e-campaign$/);
  });

  it('launches a campaign on a fleet and follows its progress live to 100 %, then the run page and the report', async () => {
    const page = operatorPage;
    const runs = await openPage();
    await signIn(runs, keys.viewer, '/runs');
    await runs.waitForSelector('[data-testid=run-list]');
    await markDocument(runs);

    await page.waitForSelector('[data-testid=launch-form]');
    await page.selectOption('[data-testid=launch-kind]', 'fleet');
    await page.selectOption('[data-testid=launch-fleet]', 'campaign');
    // The worker is paused while the run is launched, so the run page opens on a queued run at 0 %.
    stack.worker.child.kill('SIGSTOP');
    let runId: string;
    try {
      await page.click('[data-testid=launch]');
      await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
      runId = page.url().split('/').pop() as string;
      await page.waitForSelector('.page-head .badge.status-queued');
      expect(await page.getAttribute('[role=progressbar]', 'aria-valuenow')).toBe('0');
      await markDocument(page);
      // Every value the bar shows from now on, as the page renders it.
      await page.evaluate(`{
        const bar = document.querySelector('[role=progressbar]');
        const shown = (globalThis.e2eProgress = []);
        new MutationObserver(() => shown.push(bar.getAttribute('aria-valuenow'))).observe(bar, { attributeFilter: ['aria-valuenow'] });
      }`);
    } finally {
      stack.worker.child.kill('SIGCONT');
    }
    await expect.poll(() => page.getAttribute('[role=progressbar]', 'aria-valuenow'), { timeout: 60_000 }).toBe('100');
    await expect.poll(() => page.textContent('.page-head .badge.status-completed'), { timeout: 10_000 }).toBe('completed');
    expect(await stillSameDocument(page)).toBe(true);
    expect(await page.textContent('[data-testid=run-progress-text]')).toContain(`${CAMPAIGN_ROUTERS} of ${CAMPAIGN_ROUTERS} routers`);
    // The runs list in another tab: the new run appeared and its bar reached 100 % without a reload.
    const row = `[data-run-id="${runId}"] [role=progressbar]`;
    await expect.poll(() => runs.getAttribute(row, 'aria-valuenow'), { timeout: 10_000 }).toBe('100');
    expect(await stillSameDocument(runs)).toBe(true);
    await screenshot(runs, '08-runs-list');
    await expectAccessible(runs, '08-runs-list');
    // Shards of 100 of the 600 routers: the bar moved up in steps between 0 and 100 %, never back.
    const shown = (await page.evaluate(() => (globalThis as unknown as { e2eProgress: string[] }).e2eProgress)).map(Number);
    expect(shown.filter((p) => p > 0 && p < 100).length).toBeGreaterThan(0);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    expect(shown.at(-1)).toBe(100);

    const rest = await stack.admin<{ verdict: string; aggregate: { results: number } }>('GET', `/api/v1/runs/${runId}`);
    expect(rest.aggregate.results).toBe(CAMPAIGN_ROUTERS);
    await expect.poll(() => page.textContent('[data-testid=run-verdict]')).toBe(rest.verdict);
    expect(await page.textContent('[data-testid=run-metrics]')).toMatch(/Control-plane outage/);
    await page.waitForSelector('[data-testid=outage-chart] canvas');
    await page.waitForSelector('[data-testid=timeline-chart] canvas');
    // Launched with the form's default: every router from its stored state, each router's start shown with its timeline.
    expect(await page.textContent('[data-testid=run-start]')).toContain("from the twin's state");
    await expect
      .poll(() => page.textContent('[data-testid=router-start]'))
      .toMatch(/^Started operating SSO · R0\/0 ACTIVE on 17\.3\.4a · (R0\/1|R1\/0) STANDBY HOT on 17\.3\.4a · F0 ok \(forwarding\)/);
    await screenshot(page, '09-run');
    await expectAccessible(page, '09-run');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-report]')]);
    const report = JSON.parse(await streamText(await download.createReadStream())) as { verdict: string; routers: unknown[]; scenario: string };
    expect(report.scenario).toBe('e2e-campaign');
    expect(report.verdict).toBe(rest.verdict);
    expect(report.routers).toHaveLength(CAMPAIGN_ROUTERS);
    await runs.close();
  });

  it('launches a scenario on one router from its page, and shows that router’s timeline', async () => {
    const page = operatorPage;
    await page.goto(`${stack.url}/routers/fra-core-01`);
    await page.waitForSelector('[data-testid=launch-form]');
    await page.selectOption('[data-testid=launch-scenario]', 'e2e-campaign');
    await page.selectOption('[data-testid=launch-start]', 'healthy');
    await page.click('[data-testid=launch]');
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.textContent('.page-head .badge.status-completed'), { timeout: 30_000 }).toBe('completed');
    expect(await page.textContent('.page-head')).toContain('router fra-core-01');
    expect(await page.textContent('[data-testid=run-start]')).toContain('from healthy routers');
    await page.waitForSelector('[data-testid=timeline-chart] canvas');
    expect(await page.inputValue('[data-testid=timeline-router]')).toBe('fra-core-01');
    // One router: no distribution to draw.
    expect(await page.locator('[data-testid=outage-chart]').count()).toBe(0);
    await screenshot(page, '10-router-run');
    await expectAccessible(page, '10-router-run');
  });

  it('offers a viewer no launch, switchover, edit or cancel controls anywhere', async () => {
    const page = viewerPage;
    await page.goto(`${stack.url}/routers/ams-core-01`);
    await page.waitForSelector('[data-testid=chassis-diagram]');
    expect(await page.locator('[data-testid=force-switchover]').count()).toBe(0);
    expect(await page.locator('[data-testid=launch-form]').count()).toBe(0);
    await page.goto(`${stack.url}/scenarios`);
    await page.waitForSelector('[data-testid=scenario-list] a');
    expect(await page.locator('[data-testid=new-scenario]').count()).toBe(0);
    await page.click('[data-testid=scenario-list] a:has-text("e2e-campaign")');
    await page.waitForSelector('.cm-content');
    expect(await page.getAttribute('.cm-content', 'contenteditable')).toBe('false');
    expect(await page.locator('[data-testid=save-scenario]').count()).toBe(0);
    expect(await page.locator('[data-testid=launch-form]').count()).toBe(0);
    await page.goto(`${stack.url}/runs`);
    await page.waitForSelector('[data-testid=run-list] a');
    expect(await page.locator('text=Launch from a scenario').count()).toBe(0);
    await page.click('[data-testid=run-list] a');
    await page.waitForSelector('[data-testid=run-verdict]');
    expect(await page.locator('text=Cancel run').count()).toBe(0);
    await screenshot(page, '11-viewer-run');
    await expectAccessible(page, '11-viewer-run');
  });

  it('shows fleets, routers added in bulk and scenarios created through REST in open tabs, without a reload', async () => {
    const overview = await openPage();
    await signIn(overview, keys.viewer);
    const total = 109 + CAMPAIGN_ROUTERS;
    const count = () => overview.textContent('[data-testid=router-count]');
    await expect.poll(count).toBe(`${total} of ${total} routers`);
    const scenarios = viewerPage;
    await scenarios.goto(`${stack.url}/scenarios`);
    await scenarios.waitForSelector('[data-testid=scenario-list] a');
    await Promise.all([markDocument(overview), markDocument(scenarios)]);
    // The GraphQL operations the overview sends from now on, by name.
    const operations: string[] = [];
    overview.on('request', (r) => {
      const name = /^\s*query (\w+)/.exec((r.postDataJSON() as { query?: string } | null)?.query ?? '')?.[1];
      if (r.url().endsWith('/graphql') && name) operations.push(name);
    });

    // A fleet created through REST joins the fleet filter.
    await stack.admin('POST', '/api/v1/fleets', { name: 'bulk' });
    const fleetOptions = () => overview.locator('select[aria-label=fleet] option').allTextContents();
    await expect.poll(fleetOptions, { timeout: 10_000 }).toContain('bulk');
    // Routers generated into it, more than are announced one by one, appear with the right count.
    await stack.admin('POST', '/api/v1/fleets/bulk/routers', { generate: { count: 250, models: ['ASR1001-X', 'ASR1006'] } });
    const grown = total + 250;
    await expect.poll(count, { timeout: 10_000 }).toBe(`${grown} of ${grown} routers`);
    // Only that fleet's rows were read again, not every fleet and router (the reasons column reads the routers that
    // are not protected on its own, OverviewGaps).
    expect(operations.filter((name) => name !== 'OverviewGaps')).toEqual(['OverviewFleet', 'OverviewRouters']);
    await overview.selectOption('select[aria-label=fleet]', { label: 'bulk' });
    await expect.poll(count).toBe(`250 of ${grown} routers`);
    // Renamed: the filter keeps the fleet under its new name, and so do its rows.
    await stack.admin('PATCH', '/api/v1/fleets/bulk', { name: 'bulk-renamed' });
    await expect.poll(() => overview.locator('select[aria-label=fleet] option:checked').textContent(), { timeout: 10_000 }).toBe('bulk-renamed');
    expect(await overview.textContent('[data-hostname="bulk-00001"] [role=cell]:nth-child(3)')).toBe('bulk-renamed');
    await screenshot(overview, '12-bulk-fleet-live');
    await expectAccessible(overview, '12-bulk-fleet-live');

    // A scenario stored through REST joins the list in the other tab.
    await stack.admin('POST', '/api/v1/scenarios', { source: CAMPAIGN_SOURCE.replace('name: e2e-campaign', 'name: e2e-live') });
    await expect.poll(() => scenarios.locator('[data-testid=scenario-list] a').allTextContents(), { timeout: 10_000 }).toContain('e2e-live');
    await screenshot(scenarios, '13-scenario-live');
    await expectAccessible(scenarios, '13-scenario-live');

    // Deleted with its routers: they leave the overview, and the filter shows every fleet again.
    await stack.admin('DELETE', '/api/v1/fleets/bulk-renamed');
    await expect.poll(count, { timeout: 10_000 }).toBe(`${total} of ${total} routers`);
    expect(await fleetOptions()).not.toContain('bulk-renamed');
    expect(await stillSameDocument(overview)).toBe(true);
    expect(await stillSameDocument(scenarios)).toBe(true);
    await overview.close();
  });
});

const CAMPAIGN_SOURCE = `apiVersion: asr-twin/v1
kind: Scenario
metadata:
  name: e2e-campaign
  description: The active IOS instance crashes on every router of a fleet.
spec:
  seed: 11
  horizon: 30m
  steps:
    - at: 60s
      fault: iosd-crash
      target: active
  expect:
    - metric: dataPlaneOutage
      max: 0s
    - metric: redundancyRestored
      max: 10m
    - invariant: single-active
`;

/** Replaces the CodeMirror document with `text`, as typing it would (select all, then insert). */
async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}
