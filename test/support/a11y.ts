import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** axe-core's browser build, read once. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** Impacts that fail a page. */
const FAILING = new Set(['serious', 'critical']);

export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  /** CSS selectors of the offending elements (at most five), with axe's summary of the first. */
  readonly targets: readonly string[];
  readonly summary: string;
}

interface AxeResultsLike {
  readonly violations: readonly {
    readonly id: string;
    readonly impact?: string | null;
    readonly help: string;
    readonly nodes: readonly { readonly target: readonly unknown[]; readonly failureSummary?: string }[];
  }[];
}

/**
 * Runs axe-core in the page (WCAG 2.0/2.1 A and AA rules plus axe's best practices) and answers the serious
 * and critical violations. axe is evaluated through the DevTools protocol, so the api's Content-Security-Policy
 * (scripts from its own origin only) stays as it is and logs nothing.
 */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  // Strings run in the page (this project's TypeScript has no DOM types): axe's WCAG A/AA rules and best practices.
  const run = `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] })`;
  const results = (await page.evaluate(run)) as AxeResultsLike;
  return results.violations
    .filter((v) => FAILING.has(v.impact ?? ''))
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
      summary: v.nodes[0]?.failureSummary ?? '',
    }));
}

/** Throws, naming each rule and element, when axe finds a serious or critical violation on the page. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const found = await axeViolations(page);
  if (found.length === 0) return;
  const lines = found.map((f) => `- ${f.impact} ${f.id}: ${f.help}\n    at ${f.targets.join(' | ')}\n    ${f.summary.replace(/\n/g, '\n    ')}`);
  throw new Error(`${where}: ${found.length} serious or critical accessibility violation(s)\n${lines.join('\n')}`);
}

/**
 * How far the page is wider than the window (0 when it fits), with the widest elements that stick out, so a
 * failure says what to fix. Elements inside a box that scrolls sideways by itself do not count.
 */
export async function horizontalOverflow(page: Page): Promise<{ readonly overflowPx: number; readonly culprits: readonly string[] }> {
  return page.evaluate(OVERFLOW_PROBE) as Promise<{ readonly overflowPx: number; readonly culprits: readonly string[] }>;
}

/** Runs in the page: the overflow of the document and the first five elements past the window's right edge. */
const OVERFLOW_PROBE = `(() => {
  const width = document.documentElement.clientWidth;
  const overflowPx = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
  const clipped = (e) => {
    for (let p = e.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '');
  const culprits = [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > width + 1 && !clipped(e))
    .slice(0, 5)
    .map((e) => name(e) + ' (right ' + Math.round(e.getBoundingClientRect().right) + ' px)');
  return { overflowPx, culprits };
})()`;
