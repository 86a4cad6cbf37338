import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';
import { capture } from '../support/ios-captures.js';

/**
 * A new operator's first hour, all in headless Chromium against the built api and a worker as real processes on an
 * empty database: sign in with the admin key, create a fleet, import its inventory as CSV, paste one router's
 * `show redundancy` (its page then shows the observed state), write a scenario and launch it as a campaign on the
 * fleet, and read its result. No page may log a console error.
 */
let stack: DashboardStack;
let browser: TestBrowser;
let page: Page;
let watch: ConsoleWatch;

const INVENTORY = [
  'hostname,model,serial,version,redundancy,fleet,labels',
  'ams-core-01,ASR1006,FOX1111A1AA,17.3.4a,sso,,site=ams;role=core',
  'ams-edge-01,ASR1002-X,,17.3.4a,sso,,site=ams;role=edge',
  'ams-edge-02,ASR1001-X,,,,,site=ams;role=edge',
  'bad-row,ASR9000,,,,,',
].join('\n');

/** The captured ASR1006 `show redundancy` after a switchover: the second RP (slot 7) is active. */
const SWITCHED_OVER = capture('asr1006Redundancy')
  .replace('Switchovers system experienced = 0', 'Switchovers system experienced = 1')
  .replace('Last switchover reason = none', 'Last switchover reason = user forced')
  .replace('Active Location = slot 6', 'Active Location = slot 7')
  .replace('Standby Location = slot 7', 'Standby Location = slot 6');

const SCENARIO = `apiVersion: asr-twin/v1
kind: Scenario
metadata:
  name: first-campaign
  description: The active IOS instance crashes on every router of the fleet.
spec:
  seed: 7
  horizon: 30m
  steps:
    - at: 60s
      fault: iosd-crash
      target: active
  expect:
    - metric: dataPlaneOutage
      max: 0s
`;

beforeAll(async () => {
  stack = await startDashboardStack({}, { sample: false });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  watch = new ConsoleWatch(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('from an empty database to a campaign, in the browser', () => {
  it('creates a fleet, imports its inventory, syncs a router from its output and runs a campaign on the fleet', async () => {
    expect((await stack.admin<{ total: number }>('GET', '/api/v1/fleets')).total).toBe(0);
    await page.goto(`${stack.url}/`);
    await page.fill('#api-key', stack.adminKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=who]');

    // A fleet, from the Fleets page of the navigation.
    await page.click('nav >> text=Fleets');
    await page.waitForSelector('[data-testid=no-fleet]');
    await page.fill('[data-testid=fleet-name]', 'ams');
    await page.fill('[data-testid=fleet-description]', 'Amsterdam');
    await page.click('[data-testid=create-fleet-submit]');
    await page.waitForSelector('[data-fleet=ams]');
    expect(await page.textContent('[data-fleet=ams] [data-testid=fleet-router-count]')).toBe('0');
    await screenshot(page, 'journey-01-fleet');

    // Its inventory, chosen as a CSV file: three routers created, a bad row refused with its reason.
    await page.click('[data-fleet=ams] [data-testid=fleet-link]');
    await page.waitForSelector('[data-testid=import-inventory]');
    await page.setInputFiles('[data-testid=import-file]', { name: 'ams.csv', mimeType: 'text/csv', buffer: Buffer.from(INVENTORY) });
    await expect.poll(() => page.inputValue('[data-testid=import-text]')).toBe(INVENTORY);
    await page.click('[data-testid=import-submit]');
    await page.waitForSelector('[data-testid=import-result]');
    expect(await page.textContent('[data-testid=import-summary]')).toBe('3 created · 0 updated · 0 unchanged · 1 refused');
    const outcomes = await page
      .locator('[data-testid=import-rows] tbody tr')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-hostname'), r.getAttribute('data-outcome')]));
    expect(outcomes).toEqual([
      ['ams-core-01', 'created'],
      ['ams-edge-01', 'created'],
      ['ams-edge-02', 'created'],
      ['bad-row', 'refused'],
    ]);
    expect(await page.textContent('[data-outcome=refused]')).toMatch(/ASR9000/);
    await expect.poll(() => page.textContent('[data-testid=fleet-summary]')).toMatch(/^3 routers: 3 protected/);
    await screenshot(page, 'journey-02-import');

    // One router's real output pasted on its page: applied, and the page shows the observed state.
    await page.goto(`${stack.url}/routers/ams-core-01`);
    await page.waitForSelector('[data-testid=chassis-diagram]');
    expect(await page.textContent('[data-testid="rf-R0/0"]')).toMatch(/ACTIVE/);
    await page.fill('[data-testid=observe-output]', `ams-core-01#show redundancy\n${SWITCHED_OVER}\nams-core-01#`);
    await page.click('[data-testid=observe-submit]');
    await page.waitForSelector('[data-testid=observe-outcome][data-outcome=applied]');
    expect(await page.textContent('[data-testid=observation-changes]')).toMatch(/lastSwitchoverReason/);
    await expect.poll(() => page.textContent('[data-testid="rf-R1/0"]')).toMatch(/ACTIVE/);
    expect(await page.textContent('[data-testid="rf-R0/0"]')).toMatch(/STANDBY HOT/);
    expect(await page.textContent('dl.facts.wide')).toMatch(/Switchovers\s*1 \(last: user forced\)/);
    expect(await page.textContent('dl.facts.wide')).toContain('16.4.20170425:070036');
    const tree = await stack.admin<{ observedAt: string | null; stateVersion: number }>('GET', '/api/v1/routers/ams-core-01');
    expect(tree.observedAt).not.toBeNull();
    expect(tree.stateVersion).toBe(2);
    await screenshot(page, 'journey-03-observed');

    // A scenario written in the editor, then launched on the whole fleet.
    await page.click('nav >> text=Scenarios');
    await page.click('[data-testid=new-scenario]');
    await page.waitForSelector('.cm-content');
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(SCENARIO);
    await page.waitForSelector('[data-testid=validation] .ok');
    await page.click('[data-testid=save-scenario]');
    await page.waitForURL(/\/scenarios\/first-campaign$/);
    await page.waitForSelector('[data-testid=launch-form]');
    await page.selectOption('[data-testid=launch-kind]', 'fleet');
    await page.selectOption('[data-testid=launch-fleet]', 'ams');
    await page.click('[data-testid=launch]');
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split('/').pop() as string;

    // Its result, as the run page shows it and the API has it.
    await expect.poll(() => page.textContent('.page-head .badge.status-completed'), { timeout: 60_000 }).toBe('completed');
    const run = await stack.admin<{ verdict: string; aggregate: { results: number } }>('GET', `/api/v1/runs/${runId}`);
    expect(run.aggregate.results).toBe(3);
    await expect.poll(() => page.textContent('[data-testid=run-verdict]')).toBe(run.verdict);
    expect(await page.textContent('[data-testid=run-progress-text]')).toContain('3 of 3 routers');
    expect(await page.textContent('[data-testid=run-metrics]')).toMatch(/Control-plane outage/);
    await screenshot(page, 'journey-04-campaign');

    expect(watch.take()).toEqual([]);
  }, 180_000);
});
