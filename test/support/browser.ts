import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { ROOT } from './processes.js';

/** Debian's Chromium (`apt-get install chromium`); playwright-core drives it and never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for Chromium on a machine without a display, sandbox or network beyond loopback. Without the
 * background-networking ones, Chromium's own connections get refused and it stalls or logs errors.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

export interface TestBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile of its own, removed on close. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium); .ci/run does it`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'asr-twin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  // Every Content-Security-Policy violation becomes a console error, named, whatever Chromium logs itself.
  await context.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));",
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Every console error and uncaught page error of a page (CSP violations and failed requests are console
 * errors in Chromium). `allow` admits one expected message pattern while `during` runs.
 */
export class ConsoleWatch {
  private readonly errors: string[] = [];
  private allowed: RegExp | null = null;

  constructor(page: Page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = `${message.text()} (${message.location().url})`;
      if (!this.allowed?.test(text)) this.errors.push(text);
    });
    page.on('pageerror', (error) => this.errors.push(`page error: ${error.message}`));
  }

  async allow<T>(pattern: RegExp, during: () => Promise<T>): Promise<T> {
    this.allowed = pattern;
    try {
      return await during();
    } finally {
      this.allowed = null;
    }
  }

  /** The errors seen since the last call. */
  take(): string[] {
    return this.errors.splice(0);
  }
}

/** Saves a full-page screenshot as a test artefact (test-results/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
