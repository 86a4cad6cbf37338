import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request } from '../support/api.js';
import { expectAccessible } from '../support/a11y.js';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';
import { exampleSource, type RunBody, waitForRun } from '../support/runs.js';

/**
 * The run page's delete button in headless Chromium against the built api and a worker as real processes: an
 * operator is asked to confirm, may keep the run, then deletes it and lands on the runs list without it; a viewer
 * is offered no delete. No page may log a console error.
 */
let stack: DashboardStack;
let browser: TestBrowser;
let keys: { operator: string; viewer: string };
const watches: ConsoleWatch[] = [];

beforeAll(async () => {
  stack = await startDashboardStack();
  keys = { operator: await stack.key('delete-ops', 'operator'), viewer: await stack.key('delete-noc', 'viewer') };
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(() => {
  for (const watch of watches) expect(watch.take()).toEqual([]);
});

async function signedIn(key: string, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  watches.push(new ConsoleWatch(page));
  await page.goto(`${stack.url}${path}`);
  await page.fill('#api-key', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  return page;
}

async function completedRun(): Promise<string> {
  const created = await stack.admin<RunBody>('POST', '/api/v1/runs', { source: exampleSource('iosd-crash') });
  expect((await waitForRun(stack.url, created.id, stack.adminKey)).status).toBe('completed');
  return created.id;
}

const runStatus = async (id: string) => (await request(stack.url, 'GET', `/api/v1/runs/${id}`, undefined, bearer(stack.adminKey))).status;

describe('deleting a run from its page', () => {
  it('offers a viewer no delete control', async () => {
    const id = await completedRun();
    const page = await signedIn(keys.viewer, `/runs/${id}`);
    await page.waitForSelector('[data-testid=run-metrics]');
    expect(await page.locator('[data-testid=delete-run]').count()).toBe(0);
    await page.close();
  });

  it('asks an operator to confirm, keeps the run on Keep, and deletes it on confirmation', async () => {
    const id = await completedRun();
    const page = await signedIn(keys.operator, `/runs/${id}`);
    await page.waitForSelector('[data-testid=run-metrics]');
    await page.click('[data-testid=delete-run]');
    expect(await page.textContent('[data-testid=delete-run-question]')).toMatch(
      /Delete this run of 1 router with its results and timeline\? This cannot be undone\./,
    );
    await screenshot(page, 'run-delete-confirm');
    await expectAccessible(page, 'run-delete-confirm');
    await page.click('[data-testid=keep-delete-run]');
    expect(await page.locator('[data-testid=delete-run-question]').count()).toBe(0);
    expect(await runStatus(id)).toBe(200);

    await page.click('[data-testid=delete-run]');
    await page.click('[data-testid=confirm-delete-run]');
    await page.waitForURL(`${stack.url}/runs`);
    await page.waitForSelector('[data-testid=run-list]');
    expect(await page.locator(`[data-run-id="${id}"]`).count()).toBe(0);
    expect(await runStatus(id)).toBe(404);
    await screenshot(page, 'run-delete-done');
    await expectAccessible(page, 'run-delete-done');
    await page.close();
  });

  it('drops a run deleted elsewhere from an open runs list and says so on its open page, without a reload', async () => {
    const id = await completedRun();
    const kept = await completedRun();
    const list = await signedIn(keys.viewer, '/runs');
    await list.waitForSelector(`[data-run-id="${id}"]`);
    const open = await signedIn(keys.viewer, `/runs/${id}`);
    await open.waitForSelector('[data-testid=run-metrics]');

    expect((await request(stack.url, 'DELETE', `/api/v1/runs/${id}`, undefined, bearer(keys.operator))).status).toBe(204);
    await list.waitForSelector(`[data-run-id="${id}"]`, { state: 'detached' });
    expect(await list.locator(`[data-run-id="${kept}"]`).count()).toBe(1);
    expect(await open.textContent('[data-testid=run-deleted]')).toBe(`Run ${id} was deleted.`);
    await screenshot(open, 'run-deleted-elsewhere');
    await expectAccessible(open, 'run-deleted-elsewhere');
    await list.close();
    await open.close();
  });
});
