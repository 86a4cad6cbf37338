import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, request } from '../support/api.js';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';

/**
 * The API keys page in headless Chromium against the built api and a worker as real processes: only admins are
 * offered it; a key is created with its secret shown once (copied with a button, gone after "I have saved it" and
 * never in the list), the new key works, and revoking it (after a confirmation) makes the API refuse it. A bad
 * name gets the API's message next to the field. No page may log a console error beyond the refused requests a
 * test provokes.
 */
let stack: DashboardStack;
let browser: TestBrowser;
let operatorKey: string;
const watches: ConsoleWatch[] = [];
const REFUSED = /the server responded with a status of 4\d\d/;

beforeAll(async () => {
  stack = await startDashboardStack();
  operatorKey = await stack.key('keys-ops', 'operator');
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(() => {
  for (const watch of watches) expect(watch.take()).toEqual([]);
});

async function signedIn(key: string, path: string): Promise<{ page: Page; watch: ConsoleWatch }> {
  const page = await browser.context.newPage();
  const watch = new ConsoleWatch(page);
  watches.push(watch);
  await page.goto(`${stack.url}${path}`);
  await page.fill('#api-key', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  return { page, watch };
}

const status = async (key: string) => (await request(stack.url, 'GET', '/api/v1/fleets', undefined, bearer(key))).status;

describe('API keys from the dashboard', () => {
  it('is not offered to an operator, and says so at its address', async () => {
    const { page } = await signedIn(operatorKey, '/');
    expect(await page.locator('nav >> text=API keys').count()).toBe(0);
    await page.goto(`${stack.url}/keys`);
    await page.waitForSelector('text=API keys are managed by admins.');
    expect(await page.locator('[data-testid=create-key]').count()).toBe(0);
    await page.close();
  });

  it('creates a key showing its secret once with a copy button, and revokes it after a confirmation', async () => {
    const { page, watch } = await signedIn(stack.adminKey, '/');
    await page.click('nav >> text=API keys');
    await page.waitForSelector('[data-testid=key-list]');
    expect(await page.locator('[data-key-name=keys-ops]').count()).toBe(1);

    await page.fill('[data-testid=key-name]', '-bad name');
    await watch.allow(REFUSED, async () => {
      await page.click('[data-testid=create-key-submit]');
      await page.waitForSelector('[data-testid=field-error-name]');
    });
    expect(await page.textContent('[data-testid=field-error-name]')).toMatch(/starting with a letter or digit/);

    await page.fill('[data-testid=key-name]', 'ci-pipeline');
    await page.selectOption('[data-testid=key-role]', 'viewer');
    await page.click('[data-testid=create-key-submit]');
    await page.waitForSelector('[data-testid=new-key]');
    const secret = (await page.textContent('[data-testid=new-key-secret]')) as string;
    expect(secret).toMatch(/^atw_[a-z0-9]+_\S+$/);
    expect(await page.textContent('[data-testid=new-key]')).toMatch(/shown this once and cannot be seen again/);
    await page.click('[data-testid=copy-key]');
    await page.waitForSelector('[data-testid=copied]');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    expect(await status(secret)).toBe(200);
    await page.waitForSelector('[data-key-name=ci-pipeline]');
    expect(await page.textContent('[data-key-name=ci-pipeline]')).toMatch(/viewer/);
    await screenshot(page, 'keys-01-created');

    // Once hidden, the secret is nowhere on the page, nor in the list the API answers.
    await page.click('[data-testid=hide-key]');
    expect(await page.locator('[data-testid=new-key]').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect(JSON.stringify(await stack.admin('GET', '/api/v1/keys'))).not.toContain(secret);

    // The key this page is signed in with: revoking it would sign the admin out, and the question says so.
    await page.click('[data-key-name=bootstrap-admin] [data-testid=revoke-key]');
    expect(await page.textContent('[data-key-name=bootstrap-admin] [data-testid=revoke-key-question]')).toMatch(
      /you are signed in with it: you will be signed out/,
    );
    await page.click('[data-key-name=bootstrap-admin] [data-testid=keep-revoke-key]');

    const row = '[data-key-name=ci-pipeline]';
    await page.click(`${row} [data-testid=revoke-key]`);
    expect(await page.textContent(`${row} [data-testid=revoke-key-question]`)).toBe(
      'Revoke ci-pipeline (viewer)? Every request with it is refused from now on. This cannot be undone.',
    );
    await page.click(`${row} [data-testid=keep-revoke-key]`);
    expect(await status(secret)).toBe(200);
    await page.click(`${row} [data-testid=revoke-key]`);
    await page.click(`${row} [data-testid=confirm-revoke-key]`);
    await expect.poll(() => page.getAttribute(row, 'data-revoked')).toBe('yes');
    expect(await page.locator(`${row} [data-testid=revoke-key]`).count()).toBe(0);
    await expect.poll(() => status(secret), { timeout: 10_000 }).toBe(401);
    await screenshot(page, 'keys-02-revoked');
    await page.close();
  });

  it('warns an admin that revoking their own key signs them out, and does', async () => {
    const own = await stack.key('own-admin', 'admin');
    const { page, watch } = await signedIn(own, '/keys');
    await page.waitForSelector('[data-key-name=own-admin]');
    await page.click('[data-key-name=own-admin] [data-testid=revoke-key]');
    expect(await page.textContent('[data-key-name=own-admin] [data-testid=revoke-key-question]')).toMatch(/you are signed in with it: you will be signed out/);
    await watch.allow(REFUSED, async () => {
      await page.click('[data-key-name=own-admin] [data-testid=confirm-revoke-key]');
      await page.waitForSelector('#api-key');
    });
    expect(await page.textContent('[role=status]')).toMatch(/no longer accepts this key/);
    await page.close();
  });
});
