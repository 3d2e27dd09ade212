// The HTML report in a real browser: what the static tests of html-reporter.ts cannot see, i.e.
// that the inline script runs under the page's CSP, the filters work, details expand, hostile
// bodies stay text, and the page asks the network for nothing.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OUTCOMES } from '../schemas/run-result.ts';
import type { Outcome, ScenarioResult } from '../schemas/run-result.ts';
import { CHROMIUM_PATH, launchChromium, writeReportFile } from './headless-chromium.ts';
import type { ReportFile } from './headless-chromium.ts';
import { renderHtml } from './html-reporter.ts';
import { sampleResult } from '../fixtures/sample-runs/sample-result.ts';

const haveChromium = existsSync(CHROMIUM_PATH);
const inCi = Boolean(process.env.CI);
// Outside CI a machine without Chromium skips (reported as skipped); in CI it must fail.
const browserIt = it.skipIf(!haveChromium && !inCi);

const result = sampleResult();

// The oracle is computed here from the scenarios, not with the reporter's own tally code.
function expectedCount(outcome: Outcome): number {
  return result.scenarios.filter((s) => s.outcome === outcome).length;
}

function scenario(pick: (s: ScenarioResult) => boolean, what: string): ScenarioResult {
  const s = result.scenarios.find(pick);
  if (!s) throw new Error(`the sample result has no ${what}`);
  return s;
}

interface Probe {
  page: Page;
  requests: string[];
  dialogs: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

describe('HTML report in Chromium', () => {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let file: ReportFile | undefined;

  beforeAll(async () => {
    if (!haveChromium && !inCi) return; // every test is skipped
    if (!haveChromium) {
      throw new Error(`CI is set but ${CHROMIUM_PATH} is missing: install Debian's chromium package (.ci/run does)`);
    }
    file = await writeReportFile(renderHtml(result));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // A guard, not the check: anything that is not the report file never leaves the machine.
    // The 'request' event still fires for it, so the check below sees the attempt.
    await context.route(/^(?!file:)/, (route) => route.abort());
  });

  afterAll(async () => {
    await browser?.close();
    await file?.remove();
  });

  async function open(): Promise<Probe> {
    if (!context || !file) throw new Error('browser not started');
    const page = await context.newPage();
    // A missing element should fail its test quickly and by name, not at the 30 s test timeout.
    page.setDefaultTimeout(5_000);
    const probe: Probe = { page, requests: [], dialogs: [], consoleErrors: [], pageErrors: [] };
    page.on('request', (r) => probe.requests.push(r.url()));
    page.on('dialog', (d) => {
      probe.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') probe.consoleErrors.push(m.text());
    });
    page.on('pageerror', (err) => probe.pageErrors.push(err.message));
    await page.goto(file.url, { waitUntil: 'load' });
    return probe;
  }

  async function visibleRows(page: Page): Promise<Array<{ id: string; outcome: string }>> {
    const rows = await page.locator('ol.scenarios > li').all();
    const out: Array<{ id: string; outcome: string }> = [];
    for (const row of rows) {
      if (await row.isVisible()) {
        out.push({ id: (await row.getAttribute('data-id')) ?? '', outcome: (await row.getAttribute('data-outcome')) ?? '' });
      }
    }
    return out;
  }

  async function expand(page: Page, id: string) {
    const row = page.locator(`ol.scenarios > li[data-id="${id}"]`);
    await row.locator('summary').click();
    expect(await row.locator('details').getAttribute('open'), `${id} expanded`).not.toBeNull();
    return row;
  }

  browserIt('shows every outcome count and the total as computed from the JSON', async () => {
    const { page } = await open();
    const shown = await page.locator('[data-count]').evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-count'), el.textContent] as const),
    );
    expect(shown.map(([k]) => k).sort()).toEqual([...OUTCOMES, 'total'].sort());
    for (const o of OUTCOMES) {
      expect(expectedCount(o), `sample has a ${o}`).toBeGreaterThan(0);
      const el = page.locator(`[data-count="${o}"]`);
      expect(await el.isVisible(), `count of ${o} visible`).toBe(true);
      expect(Number((await el.innerText()).trim()), `count of ${o}`).toBe(expectedCount(o));
    }
    expect(Number((await page.locator('[data-count="total"]').innerText()).trim())).toBe(result.scenarios.length);
    // The data the page embeds for download is the same result.
    expect(JSON.parse((await page.locator('#result-data').textContent()) ?? '')).toEqual(result);
    // The script ran: it fills in the "shown" line.
    expect(await page.locator('#shown').innerText()).toBe(`${result.scenarios.length} of ${result.scenarios.length} scenarios shown`);
    await page.close();
  });

  browserIt('filters rows by outcome', async () => {
    const { page } = await open();
    const fails = expectedCount('fail');
    const total = result.scenarios.length;
    expect(await visibleRows(page)).toHaveLength(total);

    // Clicking the outcome's count shows only that outcome.
    await page.locator('.counts li[data-only="fail"]').click();
    let rows = await visibleRows(page);
    expect(rows).toHaveLength(fails);
    expect(rows.every((r) => r.outcome === 'fail')).toBe(true);
    expect(await page.locator('#shown').innerText()).toBe(`${fails} of ${total} scenarios shown`);

    // The outcome filter buttons toggle: with every other outcome switched off, only fails remain...
    await page.locator('#all').click();
    expect(await visibleRows(page)).toHaveLength(total);
    for (const o of OUTCOMES.filter((x) => x !== 'fail')) {
      await page.locator(`.filters button[data-filter="outcome"][data-value="${o}"]`).click();
    }
    rows = await visibleRows(page);
    expect(rows).toHaveLength(fails);
    expect(rows.every((r) => r.outcome === 'fail')).toBe(true);

    // ...and switching "fail" off as well hides those too.
    const failButton = page.locator('.filters button[data-filter="outcome"][data-value="fail"]');
    expect(await failButton.getAttribute('aria-pressed')).toBe('true');
    await failButton.click();
    expect(await failButton.getAttribute('aria-pressed')).toBe('false');
    expect(await visibleRows(page)).toHaveLength(0);
    await page.close();
  });

  browserIt('expands a failure to show its exchange and curl command', async () => {
    const { page } = await open();
    const s = scenario((x) => x.outcome === 'fail' && (x.exchanges?.length ?? 0) > 0 && x.curl !== undefined, 'failure with exchanges and curl');
    const first = s.exchanges?.[0];
    if (!first || s.curl === undefined) throw new Error('unreachable: picked for its exchanges and curl');

    const row = page.locator(`ol.scenarios > li[data-id="${s.id}"]`);
    const request = row.locator('.exchange').first().locator('pre').first();
    const curl = row.locator('pre.curl');
    expect(await request.isVisible(), 'closed before the click').toBe(false);
    expect(await curl.isVisible(), 'closed before the click').toBe(false);

    await expand(page, s.id);
    expect(await request.isVisible()).toBe(true);
    expect((await request.innerText()).split('\n')[0]).toBe(`${first.method} ${first.url}`);
    expect(await row.locator('.exchange').count()).toBe(s.exchanges?.length);
    expect(await curl.isVisible()).toBe(true);
    expect(await curl.innerText()).toBe(s.curl);
    // Visible also means on screen with a real size, not clipped to nothing by the layout.
    await curl.scrollIntoViewIfNeeded();
    const box = await curl.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(box?.height ?? 0).toBeGreaterThan(10);
    await page.close();
  });

  browserIt('shows a hostile <script> body as text and runs nothing of it', async () => {
    const probe = await open();
    const { page } = probe;
    const s = scenario((x) => (x.exchanges ?? []).some((ex) => ex.responseBody?.includes('<script>')), 'response body with a <script>');
    const hostile = /<script>.*?<\/script>/.exec(s.exchanges?.find((ex) => ex.responseBody?.includes('<script>'))?.responseBody ?? '')?.[0];
    if (!hostile) throw new Error('unreachable: picked for its <script>');

    const row = await expand(page, s.id);
    const response = row.locator('.exchange .pair > div').nth(1).locator('pre');
    expect(await response.isVisible()).toBe(true);
    expect(await response.innerText()).toContain(hostile);
    // Give a stray script or timer a moment to fire before judging.
    await page.waitForTimeout(200);
    expect(probe.dialogs).toEqual([]);
    expect(probe.consoleErrors).toEqual([]);
    expect(probe.pageErrors).toEqual([]);
    // Exactly the report's own two script elements exist in the live DOM.
    expect(await page.locator('script').count()).toBe(2);
    await page.close();
  });

  browserIt('requests nothing but the report file, even while used', async () => {
    const probe = await open();
    const { page } = probe;
    await page.locator('.counts li[data-only="error"]').click();
    await page.locator('#all').click();
    await page.locator('.filters button[data-filter="level"]').first().click();
    await page.locator('#all').click();
    await page.locator('#q').fill('patch.replace');
    await page.locator('#q').fill('');
    for (const summary of await page.locator('ol.scenarios summary').all()) await summary.click();
    await page.waitForLoadState('networkidle');
    expect(probe.requests).toEqual([file?.url]);
    expect(probe.consoleErrors).toEqual([]);
    expect(probe.pageErrors).toEqual([]);
    await page.close();
  });
});
