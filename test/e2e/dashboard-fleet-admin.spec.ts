import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleWatch, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { type DashboardStack, startDashboardStack } from '../support/dashboard-stack.js';
import { capture } from '../support/ios-captures.js';

/**
 * Fleet management in headless Chromium against the built api and a worker as real processes: fleets created,
 * renamed and deleted (with a confirmation naming what goes, and a refused delete's reason shown once); routers
 * added with the API's field messages next to their fields, generated, and imported (CSV and NetBox) with each
 * row's outcome; one router's output pasted on its page; many routers' captures uploaded as files and as a tar
 * archive with each file's outcome; and what a viewer is not offered. No page may log a console error beyond
 * the refused requests a test provokes (Chromium logs each 4xx answer).
 */
let stack: DashboardStack;
let browser: TestBrowser;
let keys: { operator: string; viewer: string };
const watches: ConsoleWatch[] = [];
const pages = new Map<Page, ConsoleWatch>();
const dir = mkdtempSync(join(tmpdir(), 'fleet-admin-'));
const REFUSED = /the server responded with a status of 4\d\d/;

beforeAll(async () => {
  stack = await startDashboardStack();
  keys = { operator: await stack.key('fleet-ops', 'operator'), viewer: await stack.key('fleet-noc', 'viewer') };
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  for (const watch of watches) expect(watch.take()).toEqual([]);
});

async function signedIn(key: string, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  const watch = new ConsoleWatch(page);
  watches.push(watch);
  pages.set(page, watch);
  await page.goto(`${stack.url}${path}`);
  await page.fill('#api-key', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  return page;
}

/** Runs `act` while the page's 4xx answers are expected (Chromium logs each as a console error). */
async function refused<T>(page: Page, act: () => Promise<T>): Promise<T> {
  return (pages.get(page) as ConsoleWatch).allow(REFUSED, act);
}

const rowsOf = (page: Page, table: string) =>
  page
    .locator(`[data-testid=${table}] tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-hostname') ?? r.getAttribute('data-file'), r.getAttribute('data-outcome')]));

describe('fleets from the dashboard', () => {
  it('creates a fleet, showing the API’s message next to a bad name once, renames it and refuses a taken name', async () => {
    const page = await signedIn(stack.adminKey, '/fleets');
    await page.waitForSelector('[data-testid=fleet-list]');
    await page.fill('[data-testid=fleet-name]', 'Lab Fleet');
    await refused(page, async () => {
      await page.click('[data-testid=create-fleet-submit]');
      await page.waitForSelector('[data-testid=field-error-name]');
    });
    expect(await page.textContent('[data-testid=field-error-name]')).toMatch(/a slug: lowercase letters, digits and "-"/);
    expect(await page.textContent('[data-testid=form-problem]')).toBe('The fleet was not created: see the field marked.');
    expect(await page.locator('text=/a slug: lowercase/').count()).toBe(1);
    await screenshot(page, 'fleet-admin-01-field-error');

    await page.fill('[data-testid=fleet-name]', 'lab');
    await page.click('[data-testid=create-fleet-submit]');
    await page.waitForSelector('[data-fleet=lab]');
    expect(await page.locator('[data-testid=field-error-name]').count()).toBe(0);

    await page.click('[data-fleet=lab] [data-testid=rename-fleet]');
    const taken = (await stack.admin<{ items: { name: string }[] }>('GET', '/api/v1/fleets')).items.find((f) => f.name !== 'lab')?.name as string;
    await page.fill('[data-fleet=lab] [data-testid=rename-fleet-name]', taken);
    await refused(page, async () => {
      await page.click('[data-fleet=lab] [data-testid=rename-fleet-submit]');
      await page.waitForSelector('[data-fleet=lab] [data-testid=form-problem]');
    });
    expect(await page.textContent('[data-fleet=lab] [data-testid=field-error-name]')).toBe('already taken');
    expect(await page.textContent('[data-fleet=lab] [data-testid=form-problem]')).toBe('The fleet was not renamed: see the field marked.');
    expect(await page.locator('.error-box').count()).toBe(0);
    await page.fill('[data-fleet=lab] [data-testid=rename-fleet-name]', 'lab-1');
    await page.click('[data-fleet=lab] [data-testid=rename-fleet-submit]');
    await page.waitForSelector('[data-fleet=lab-1]');
    expect(await page.locator('[data-fleet=lab]').count()).toBe(0);
    await page.close();
  });

  it('adds a router with each field’s message next to it, generates routers and imports CSV and NetBox inventories row by row', async () => {
    const page = await signedIn(stack.adminKey, '/fleets/lab-1');
    await page.waitForSelector('[data-testid=add-router]');
    await page.fill('[data-testid=router-hostname]', 'bad host!');
    await page.fill('[data-testid=router-serial]', 'x');
    await page.fill('[data-testid=router-version]', 'seventeen');
    await refused(page, async () => {
      await page.click('[data-testid=add-router-submit]');
      await page.waitForSelector('[data-testid=add-router] [data-testid=field-error-hostname]');
    });
    expect(await page.textContent('[data-testid=field-error-hostname]')).toMatch(/letters, digits, "\.", "_" and "-"/);
    expect(await page.textContent('[data-testid=field-error-serial]')).toBe('4 to 20 uppercase letters or digits');
    expect(await page.textContent('[data-testid=field-error-version]')).toMatch(/an IOS-XE version such as 17\.3\.4a/);
    expect(await page.textContent('[data-testid=add-router] [data-testid=form-problem]')).toBe('The router was not added: see the fields marked.');
    expect(await page.getAttribute('[data-testid=router-hostname]', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('[data-testid=router-model]', 'aria-invalid')).toBeNull();
    await screenshot(page, 'fleet-admin-02-router-fields');

    await page.fill('[data-testid=router-hostname]', 'lab-1006');
    await page.selectOption('[data-testid=router-model]', 'ASR1006');
    await page.fill('[data-testid=router-serial]', 'FOX2222B2BB');
    await page.fill('[data-testid=router-version]', '');
    await page.fill('[data-testid=router-labels]', 'site=lab, role=core');
    await page.click('[data-testid=add-router-submit]');
    await page.waitForSelector('[data-testid=router-added]');
    expect(await page.locator('[data-testid=add-router] [data-testid^=field-error]').count()).toBe(0);
    expect(await page.getAttribute('[data-testid=router-hostname]', 'aria-invalid')).toBeNull();
    const added = await stack.admin<{ model: string; serial: string; labels: Record<string, string> | { key: string; value: string }[] }>(
      'GET',
      '/api/v1/routers/lab-1006',
    );
    expect(added).toMatchObject({ model: 'ASR1006', serial: 'FOX2222B2BB' });

    await page.fill('[data-testid=generate-count]', '0');
    await refused(page, async () => {
      await page.click('[data-testid=generate-submit]');
      await page.waitForSelector('[data-testid=generate-routers] [data-testid=field-error-count]');
    });
    await page.fill('[data-testid=generate-count]', '5');
    await page.fill('[data-testid=generate-prefix]', 'gen');
    await page.selectOption('[data-testid=generate-models]', ['ASR1001-X', 'ASR1002-X']);
    await page.click('[data-testid=generate-submit]');
    expect(await page.textContent('[data-testid=generated]')).toBe('Generated 5 routers.');
    await expect.poll(() => page.textContent('[data-testid=fleet-summary]')).toMatch(/^6 routers:/);

    // A CSV with a syntax error: the line is named next to the text, nothing is imported.
    await page.fill('[data-testid=import-text]', 'hostname,model\nlab-x,"ASR1001\n');
    await refused(page, async () => {
      await page.click('[data-testid=import-submit]');
      await page.waitForSelector('[data-testid=import-inventory] [data-testid=field-error-content]');
    });
    expect(await page.textContent('[data-testid=field-error-content]')).toMatch(/line 2/);
    expect(await page.locator('[data-testid=import-result]').count()).toBe(0);

    // NetBox JSON pasted: a known router updated, a new one created, one refused.
    const netbox = {
      count: 3,
      next: null,
      previous: null,
      results: [
        {
          name: 'lab-1006',
          device_type: { model: 'ASR1006', manufacturer: { slug: 'cisco' } },
          serial: 'FOX3333C3CC',
          site: { slug: 'lab' },
          role: { slug: 'core' },
        },
        { name: 'lab-new', device_type: { model: 'ASR1002-X', manufacturer: { slug: 'cisco' } }, serial: '', site: { slug: 'lab' } },
        { name: 'lab-switch', device_type: { model: 'C9300-48P', manufacturer: { slug: 'cisco' } }, serial: '' },
      ],
    };
    await page.fill('[data-testid=import-text]', JSON.stringify(netbox, null, 2));
    await page.click('[data-testid=import-submit]');
    await page.waitForSelector('[data-testid=import-result]');
    expect(await rowsOf(page, 'import-rows')).toEqual([
      ['lab-1006', 'updated'],
      ['lab-new', 'created'],
      ['lab-switch', 'refused'],
    ]);
    expect(await page.textContent('[data-testid=import-rows] [data-outcome=updated]')).toMatch(/changed: .*serial/);
    expect(await page.textContent('[data-testid=import-rows] [data-outcome=refused]')).toMatch(/C9300-48P/);
    expect((await stack.admin<{ serial: string }>('GET', '/api/v1/routers/lab-1006')).serial).toBe('FOX3333C3CC');
    await screenshot(page, 'fleet-admin-03-netbox-import');
    await page.close();
  });

  it('applies one router’s pasted output, then answers unchanged, and shows a refusal’s reason once', async () => {
    const page = await signedIn(keys.operator, '/routers/lab-1006');
    await page.waitForSelector('[data-testid=observe-router]');
    await page.fill('[data-testid=observe-output]', capture('asr1006Redundancy'));
    await page.click('[data-testid=observe-submit]');
    await page.waitForSelector('[data-testid=observe-outcome][data-outcome=applied]');
    expect(await page.textContent('[data-testid=observe-outcome]')).toMatch(/Applied: \d+ fields changed/);
    expect(await page.textContent('[data-testid=observation-changes]')).toMatch(/softwareVersion.*17\.3\.4a.*16\.4\.20170425:070036/);
    // The same capture again, as a file this time: the twin already holds that state.
    await page.fill('[data-testid=observe-output]', '');
    await page.setInputFiles('[data-testid=observe-file]', {
      name: 'lab-1006_show_redundancy.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(capture('asr1006Redundancy')),
    });
    await expect.poll(() => page.inputValue('[data-testid=observe-output]')).toBe(capture('asr1006Redundancy'));
    await page.click('[data-testid=observe-submit]');
    await page.waitForSelector('[data-testid=observe-outcome][data-outcome=unchanged]');

    await page.fill('[data-testid=observe-output]', 'lab-1006#show ip route\nGateway of last resort is not set\n');
    await refused(page, async () => {
      await page.click('[data-testid=observe-submit]');
      await page.waitForSelector('[data-testid=observe-router] [data-testid=form-problem]');
    });
    expect(await page.locator('[data-testid=observe-outcome]').count()).toBe(0);
    // The reason, naming where in the paste, next to it; the form says so once, without repeating it.
    expect(await page.textContent('[data-testid=field-error-output]')).toMatch(/line \d/);
    expect(await page.textContent('[data-testid=observe-router] [data-testid=form-problem]')).toBe('Refused: nothing was written: see the field marked.');
    expect(await page.locator('.error-box').count()).toBe(0);
    await screenshot(page, 'fleet-admin-04-observe-refused');
    await page.close();
  });

  it('uploads many routers’ captures as files, a tar archive and a folder, with each file’s outcome', async () => {
    const page = await signedIn(keys.operator, '/fleets');
    await page.click('[data-testid=bulk-observations-link]');
    await page.waitForSelector('[data-testid=bulk-observe]');
    const version = await stack.admin<string>('GET', '/api/v1/routers/lab-new/show/version');
    expect(version).toMatch(/Cisco IOS XE Software/);
    const platform = capture('asr1006Platform');
    await page.setInputFiles('[data-testid=bulk-files]', [
      { name: 'lab-new_show_version.txt', mimeType: 'text/plain', buffer: Buffer.from(version) },
      { name: 'nosuch-router_sh_red.txt', mimeType: 'text/plain', buffer: Buffer.from(capture('asr1006Redundancy')) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('no capture') },
    ]);
    // A tar archive of a folder per router, as a collection tool writes it.
    mkdirSync(join(dir, 'caps', 'lab-1006'), { recursive: true });
    writeFileSync(join(dir, 'caps', 'lab-1006', 'show_platform.txt'), platform);
    writeFileSync(join(dir, 'caps', 'lab-1006', 'show_version.txt'), 'this is not show version output\n');
    execFileSync('tar', ['-C', dir, '-cf', join(dir, 'caps.tar'), 'caps']);
    await page.setInputFiles('[data-testid=bulk-files]', { name: 'caps.tar', mimeType: 'application/x-tar', buffer: readFileSync(join(dir, 'caps.tar')) });
    expect(await page.textContent('[data-testid=bulk-chosen]')).toBe('4 files chosen.');
    await page.click('[data-testid=bulk-submit]');
    await page.waitForSelector('[data-testid=bulk-results]');
    expect(await rowsOf(page, 'bulk-results')).toEqual([
      ['caps/lab-1006/show_platform.txt', 'refused'],
      ['caps/lab-1006/show_version.txt', 'refused'],
      ['lab-new_show_version.txt', 'unchanged'],
      ['nosuch-router_sh_red.txt', 'unknown-router'],
    ]);
    expect(await page.textContent('[data-file="caps/lab-1006/show_version.txt"]')).toMatch(/VALIDATION_FAILED/);
    expect(await page.textContent('[data-file="caps/lab-1006/show_platform.txt"]')).toMatch(/not applied: item \d+ of lab-1006 was refused/);
    expect(await page.textContent('[data-testid=bulk-summary]')).toBe('0 applied · 1 unchanged · 2 refused · 1 unknown router');
    expect(await page.textContent('[data-testid=bulk-skipped]')).toMatch(/notes\.txt: the name is not <hostname>_<command>\.txt/);
    await screenshot(page, 'fleet-admin-05-bulk');

    // A folder chosen whole: the router's platform alone applies (a failed supply, a single ESP).
    await page.click('[data-testid=bulk-clear]');
    mkdirSync(join(dir, 'fold', 'lab-1006'), { recursive: true });
    writeFileSync(join(dir, 'fold', 'lab-1006', 'show_platform.txt'), platform);
    await page.setInputFiles('[data-testid=bulk-folder]', join(dir, 'fold'));
    expect(await page.textContent('[data-testid=bulk-chosen]')).toBe('1 file chosen.');
    await page.click('[data-testid=bulk-submit]');
    await page.waitForSelector('[data-testid=bulk-results] [data-outcome=applied]');
    expect(await rowsOf(page, 'bulk-results')).toEqual([['fold/lab-1006/show_platform.txt', 'applied']]);
    expect(await page.textContent('[data-testid=bulk-results] [data-outcome=applied]')).toMatch(/\d+ fields? changed on the router/);
    const psus = (await stack.admin<{ powerSupplies: { slot: string; state: string }[] }>('GET', '/api/v1/routers/lab-1006')).powerSupplies;
    expect(psus).toEqual([
      { slot: 'P0', state: 'ok' },
      { slot: 'P1', state: 'failed' },
    ]);
    await page.close();
  });

  it('deletes a fleet after a confirmation naming its routers, and keeps it on Keep', async () => {
    const page = await signedIn(stack.adminKey, '/fleets');
    await page.waitForSelector('[data-fleet=lab-1]');
    await page.click('[data-fleet=lab-1] [data-testid=delete-fleet]');
    expect(await page.textContent('[data-fleet=lab-1] [data-testid=delete-fleet-question]')).toBe(
      'Delete fleet lab-1 and its 7 routers? This cannot be undone.',
    );
    await screenshot(page, 'fleet-admin-06-delete-confirm');
    await page.click('[data-fleet=lab-1] [data-testid=keep-delete-fleet]');
    expect(await page.locator('[data-testid=delete-fleet-question]').count()).toBe(0);
    await stack.admin('GET', '/api/v1/fleets/lab-1');

    await page.click('[data-fleet=lab-1] [data-testid=delete-fleet]');
    await page.click('[data-fleet=lab-1] [data-testid=confirm-delete-fleet]');
    await page.waitForSelector('[data-fleet=lab-1]', { state: 'detached' });
    const after = await fetch(`${stack.url}/api/v1/routers/lab-1006`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
    expect(after.status).toBe(404);
    await page.close();
  });

  it('shows the API’s reason once when a delete is refused (the fleet went elsewhere while live updates were down)', async () => {
    await stack.admin('POST', '/api/v1/fleets', { name: 'doomed' });
    const page = await browser.context.newPage();
    const watch = new ConsoleWatch(page);
    watches.push(watch);
    pages.set(page, watch);
    // The live connection never reaches the api (as behind a proxy that drops WebSockets); every HTTP call is real.
    await page.routeWebSocket(/\/graphql/, () => undefined);
    await page.goto(`${stack.url}/fleets`);
    await page.fill('#api-key', stack.adminKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-fleet=doomed]');
    await stack.admin('DELETE', '/api/v1/fleets/doomed');
    await page.click('[data-fleet=doomed] [data-testid=delete-fleet]');
    await refused(page, async () => {
      await page.click('[data-fleet=doomed] [data-testid=confirm-delete-fleet]');
      await page.waitForSelector('[data-fleet=doomed] [data-testid=delete-fleet-error]');
    });
    expect(await page.textContent('[data-testid=delete-fleet-error]')).toMatch(/The fleet was not deleted\s*fleet \S+ does not exist.*NOT_FOUND/);
    expect(await page.locator('.error-box').count()).toBe(1);
    expect(await page.locator('text=/does not exist/').count()).toBe(1);
    await screenshot(page, 'fleet-admin-07-delete-refused');
    await page.close();
  });

  it('offers a viewer the fleets read-only: no create, rename, delete, import, observation or keys', async () => {
    await stack.admin('POST', '/api/v1/fleets', { name: 'viewed' });
    const page = await signedIn(keys.viewer, '/fleets');
    await page.waitForSelector('[data-fleet=viewed]');
    for (const control of ['create-fleet', 'rename-fleet', 'delete-fleet', 'bulk-observations-link']) {
      expect(await page.locator(`[data-testid=${control}]`).count(), control).toBe(0);
    }
    expect(await page.locator('nav >> text=API keys').count()).toBe(0);
    await page.click('[data-fleet=viewed] [data-testid=fleet-link]');
    await page.waitForSelector('[data-testid=read-only]');
    for (const control of ['import-inventory', 'add-router', 'generate-routers']) {
      expect(await page.locator(`[data-testid=${control}]`).count(), control).toBe(0);
    }
    const sample = (await stack.admin<{ items: { hostname: string }[] }>('GET', '/api/v1/routers?limit=1')).items[0]?.hostname as string;
    await page.goto(`${stack.url}/routers/${sample}`);
    await page.waitForSelector('[data-testid=chassis-diagram]');
    expect(await page.locator('[data-testid=observe-router]').count()).toBe(0);
    await page.goto(`${stack.url}/observations`);
    await page.waitForSelector('text=Uploading observations is for operators and admins.');
    await screenshot(page, 'fleet-admin-08-viewer');
    await page.close();
  });
});
