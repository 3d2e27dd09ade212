// The HTML report in a real browser: what the static tests of html-reporter.ts cannot see, i.e.
// that the inline script runs under the page's CSP, the page opens on the gate and the findings,
// the "show only" filters and the search work and live in the URL, anchors open their rows,
// details render on demand, copy buttons copy, hostile bodies stay text, and the page asks the
// network for nothing.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OUTCOMES } from '../schemas/run-result.ts';
import type { Outcome } from '../schemas/run-result.ts';
import { CHROMIUM_PATH, launchChromium, writeReportFile } from './headless-chromium.ts';
import type { ReportFile } from './headless-chromium.ts';
import { renderHtml } from './html-reporter.ts';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';

const haveChromium = existsSync(CHROMIUM_PATH);
const inCi = Boolean(process.env.CI);
// Outside CI a machine without Chromium skips (reported as skipped); in CI it must fail.
const browserIt = it.skipIf(!haveChromium && !inCi);

const result = findingsRun();
// The oracles are computed here from the result, not with the reporter's own code.
const idsWith = (pick: (s: (typeof result.scenarios)[number]) => boolean) => result.scenarios.filter(pick).map((s) => s.id).sort();
const expectedCount = (o: Outcome) => result.scenarios.filter((s) => s.outcome === o).length;

interface Probe {
  page: Page;
  requests: string[];
  dialogs: string[];
  errors: string[];
}

describe('HTML report in Chromium', () => {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let file: ReportFile | undefined;

  beforeAll(async () => {
    if (!haveChromium && !inCi) return; // every test is skipped
    if (!haveChromium) throw new Error(`CI is set but ${CHROMIUM_PATH} is missing: install Debian's chromium package (.ci/run does)`);
    file = await writeReportFile(renderHtml(result));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // A guard, not the check: anything that is not the report file never leaves the machine.
    await context.route(/^(?!file:)/, (route) => route.abort());
  });

  afterAll(async () => {
    await browser?.close();
    await file?.remove();
  });

  async function open(hash = ''): Promise<Probe> {
    if (!context || !file) throw new Error('browser not started');
    const page = await context.newPage();
    page.setDefaultTimeout(5_000);
    const probe: Probe = { page, requests: [], dialogs: [], errors: [] };
    page.on('request', (r) => probe.requests.push(r.url()));
    page.on('dialog', (d) => {
      probe.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') probe.errors.push(m.text());
    });
    page.on('pageerror', (err) => probe.errors.push(err.message));
    await page.goto(`${file.url}${hash}`, { waitUntil: 'load' });
    // The clipboard API needs a focused document; a page opened while another had focus may not be.
    await page.bringToFront();
    return probe;
  }

  async function shownIds(page: Page): Promise<string[]> {
    return (await page.locator('ol.scenarios > li:visible').evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''))).sort();
  }

  const button = (page: Page, filter: string, value: string) => page.locator(`.filters button[data-filter="${filter}"][data-value="${value}"]`);
  const hashOf = (page: Page) => page.evaluate<string>('decodeURIComponent(location.hash)');
  /** The element's top edge is on screen (a sub-pixel above 0 counts). */
  const onScreen = (page: Page, selector: string) =>
    page.locator(selector).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top > -2 && r.top < (globalThis as unknown as { innerHeight: number }).innerHeight;
    });

  browserIt('opens on the gate verdict and the findings, with every count as computed from the result', async () => {
    const { page, errors } = await open();
    const gate = page.locator('#gate');
    expect(await gate.locator('strong').innerText()).toBe('Gate: FAIL (exit 1)');
    expect(await gate.isVisible()).toBe(true);
    expect((await gate.boundingBox())!.y).toBeLessThan(200);
    expect(await gate.innerText()).toContain('3 not run: interrupted by Ctrl-C');
    // The findings come next, in the order the result gives, and start inside the first screen.
    const keys = await page.locator('ol.findings > li').evaluateAll((els) => els.map((el) => el.getAttribute('data-key')));
    expect(keys).toEqual(result.findings.map((f) => f.key));
    expect((await page.locator('#problems h2').boundingBox())!.y).toBeLessThan(900);
    expect(await page.locator('#problems h2').innerText()).toBe('5 distinct problems');
    for (const o of OUTCOMES) expect(Number(await page.locator(`[data-count="${o}"]`).innerText()), o).toBe(expectedCount(o));
    // The scenario list starts with what needs attention.
    const first = await page.locator('ol.scenarios > li').first().getAttribute('data-outcome');
    expect(first).toBe('fail');
    expect(await page.locator('#shown').innerText()).toBe(`${result.scenarios.length} of ${result.scenarios.length} scenarios shown`);
    expect(errors).toEqual([]);
    await page.close();
  });

  browserIt('outcome and level buttons select "show only", and the filters go into the URL', async () => {
    const { page } = await open();
    await button(page, 'outcome', 'fail').click();
    expect(await shownIds(page)).toEqual(idsWith((s) => s.outcome === 'fail'));
    expect(await button(page, 'outcome', 'fail').getAttribute('aria-pressed')).toBe('true');
    expect(await hashOf(page)).toBe('#outcome=fail');
    await button(page, 'outcome', 'error').click();
    expect(await shownIds(page)).toEqual(idsWith((s) => s.outcome === 'fail' || s.outcome === 'error'));
    await button(page, 'level', 'INTEROP').click();
    expect(await shownIds(page)).toEqual(idsWith((s) => (s.outcome === 'fail' || s.outcome === 'error') && s.level === 'INTEROP'));
    expect(await hashOf(page)).toBe('#outcome=fail,error&level=INTEROP');
    // Pressing a pressed button takes it out again; "show all" clears everything.
    await button(page, 'level', 'INTEROP').click();
    await button(page, 'outcome', 'fail').click();
    expect(await shownIds(page)).toEqual(idsWith((s) => s.outcome === 'error'));
    await page.locator('#all').click();
    expect(await shownIds(page)).toHaveLength(result.scenarios.length);
    expect(await hashOf(page)).toBe('');
    // The count boxes at the top show only their outcome too.
    await page.locator('.counts li[data-only="blocked"]').click();
    expect(await shownIds(page)).toEqual(idsWith((s) => s.outcome === 'blocked'));
    await page.close();
  });

  browserIt('a URL with filters opens filtered, and a finding link shows only its scenarios', async () => {
    const key = 'patch:value-path:whole-element-replaced';
    const filtered = await open('#outcome=blocked&level=MUST');
    expect(await shownIds(filtered.page)).toEqual(idsWith((s) => s.outcome === 'blocked' && s.level === 'MUST'));
    expect(await button(filtered.page, 'outcome', 'blocked').getAttribute('aria-pressed')).toBe('true');
    await filtered.page.close();

    const { page } = await open();
    await page.locator(`ol.findings > li[data-key="${key}"] a`, { hasText: 'show its 4 scenarios' }).click();
    expect(await shownIds(page)).toEqual([...result.findings.find((f) => f.key === key)!.scenarios].sort());
    expect(await page.locator('#finding').inputValue()).toBe(key);
    await page.locator('#finding').selectOption('checks.returned-never');
    expect(await shownIds(page)).toEqual(['checks.returned-never']);
    expect(await hashOf(page)).toBe('#finding=checks.returned-never');
    await page.close();
  });

  browserIt('search matches reasons, RFC sections and scimType, not only ids', async () => {
    const { page } = await open();
    const q = page.locator('#q');
    await q.fill('matched element was replaced');
    expect(await shownIds(page)).toEqual(idsWith((s) => (s.reason ?? '').includes('matched element was replaced')));
    await q.fill('RFC7643-7');
    expect(await shownIds(page)).toEqual(['checks.returned-never']);
    // "invalidValue" is in three reasons; only one scenario has it as a scimType in an answer.
    await q.fill('scimType invalidValue');
    expect(await shownIds(page)).toEqual(['patch.add.roles.type']);
    expect(await hashOf(page)).toBe('#q=scimType invalidValue');
    await page.close();
  });

  browserIt('every scenario and finding has an anchor; a scenario anchor opens its row even when filtered out', async () => {
    const { page } = await open('#outcome=pass');
    await page.evaluate("location.hash = '#patch.replace.roles.type'");
    const row = page.locator('li[id="patch.replace.roles.type"]');
    await expect.poll(() => row.locator('details').getAttribute('open')).not.toBeNull();
    expect(await row.isVisible()).toBe(true);
    expect(await row.locator('.detail dd').first().innerText()).toContain('roles.type: "work" is not one of the allowed values');
    expect(await row.isVisible()).toBe(true);
    expect(await onScreen(page, 'li[id="patch.replace.roles.type"]')).toBe(true);
    expect(await onScreen(page, 'li[id="finding-checks.returned-never"]')).toBe(false);
    await page.evaluate("location.hash = '#finding-checks.returned-never'");
    await expect.poll(() => onScreen(page, 'li[id="finding-checks.returned-never"]')).toBe(true);
    // Every row and every finding carries its id.
    const rowIds = await page.locator('ol.scenarios > li').evaluateAll((els) => els.map((el) => el.id).sort());
    expect(rowIds).toEqual(result.scenarios.map((s) => s.id).sort());
    await page.close();
  });

  browserIt('IdP lines link to their scenarios', async () => {
    const { page } = await open();
    await page.locator('#idp a', { hasText: 'updating a profile: Entra sends one Replace per attribute' }).click();
    const row = page.locator('li[id="idp.entra.update-profile-one-op-per-attribute"]');
    await expect.poll(() => row.locator('details').getAttribute('open')).not.toBeNull();
    expect(await row.locator('.detail .exchange').count()).toBe(0); // that one has no exchanges of its own
    expect(await row.locator('.detail').innerText()).toContain('the whole matched element was replaced');
    await page.close();
  });

  browserIt('collapsed rows show the reason and the finding; opening one renders its exchanges and a curl line to copy', async () => {
    const { page } = await open();
    const s = result.scenarios.find((x) => x.id === 'patch.replace.value-path.sub-attribute')!;
    const row = page.locator(`li[id="${s.id}"]`);
    expect(await row.locator('details').getAttribute('open')).toBeNull();
    expect(await row.locator('.why').innerText()).toBe(s.reason);
    expect(await row.locator('.why').isVisible()).toBe(true);
    expect(await row.locator('.fnd').innerText()).toMatch(/^finding #2 Replacing a sub-attribute/);
    expect(await row.locator('.exchange').count()).toBe(0); // not built until opened
    await row.locator('summary').click();
    // Details are built on the toggle event, which the browser fires just after the click.
    await expect.poll(() => row.locator('.exchange').count()).toBe(s.exchanges!.length);
    const request = row.locator('.exchange').nth(1).locator('pre').first();
    expect((await request.innerText()).split('\n')[0]).toBe(`${s.exchanges![1]!.method} ${s.exchanges![1]!.url}`);
    // Section and RFC references are links to the RFC text; catalog ids stay text.
    expect(await row.locator('.detail dd a[href="https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.3"]').count()).toBe(2);
    expect(await row.locator('.detail dd', { hasText: 'PATCH-REP-09' }).locator('a', { hasText: 'PATCH-REP-09' }).count()).toBe(0);
    const curl = row.locator('pre.curl');
    expect(await curl.innerText()).toBe(s.curl);
    const box = await curl.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    await row.locator('.copyline button.copy').click();
    await expect.poll(() => row.locator('.copyline button.copy').innerText()).toBe('copied');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(s.curl);
    // The set-up hint of a finding has its copy button too.
    const hint = page.locator('ol.findings .hint');
    await hint.locator('button.copy').click();
    await expect.poll(() => hint.locator('button.copy').innerText()).toBe('copied');
    expect(JSON.parse(await page.evaluate<string>('navigator.clipboard.readText()'))).toEqual(JSON.parse(result.findings[3]!.hint!));
    await page.close();
  });

  browserIt('a finding shows its example exchanges when opened', async () => {
    const { page } = await open();
    const item = page.locator('li[id="finding-patch:value-path:whole-element-replaced"]');
    await item.locator('details.example summary').click();
    await expect.poll(() => item.locator('.example-body .exchange').count()).toBe(3);
    expect(await item.locator('.example-body pre.curl').innerText()).toBe(result.scenarios[0]!.curl);
    await page.close();
  });

  browserIt('shows a hostile <script> body as text and runs nothing of it', async () => {
    const probe = await open();
    const { page } = probe;
    const s = result.scenarios.find((x) => (x.exchanges ?? []).some((ex) => ex.responseBody?.includes('<script>')))!;
    const hostile = /<script>.*?<\/script>/.exec(s.exchanges![0]!.responseBody!)![0];
    const row = page.locator(`li[id="${s.id}"]`);
    await row.locator('summary').click();
    const response = row.locator('.exchange .pair > div').nth(1).locator('pre');
    expect(await response.innerText()).toContain(hostile);
    await page.waitForTimeout(200);
    expect(probe.dialogs).toEqual([]);
    expect(probe.errors).toEqual([]);
    expect(await page.locator('script').count()).toBe(2);
    await page.close();
  });

  browserIt('requests nothing but the report file, even while used', async () => {
    const probe = await open();
    const { page } = probe;
    await page.locator('.counts li[data-only="error"]').click();
    await page.locator('#all').click();
    await page.locator('.filters button[data-filter="level"]').first().click();
    await page.locator('#q').fill('patch.replace');
    await page.locator('#all').click();
    for (const summary of await page.locator('summary').all()) await summary.click();
    await page.waitForLoadState('networkidle');
    expect(probe.requests).toEqual([file?.url]);
    expect(probe.errors).toEqual([]);
    await page.close();
  });
});
