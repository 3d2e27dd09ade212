// Renders a run's HTML report and saves a full-page picture of it (one problem opened, so its
// exchanges and curl line show) to docs/report-screenshot.png, for the README.
//   npx tsx reporters/screenshot-report.ts                      the sample run with findings
//   npx tsx reporters/screenshot-report.ts runs/<id>/result.json  a real run
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../schemas/run-result.ts';
import { validateWith } from '../schemas/validate.ts';
import { launchChromium, writeReportFile } from './headless-chromium.ts';
import { renderHtml } from './html-reporter.ts';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';

const MAX_HEIGHT = 2600;
const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'report-screenshot.png');

async function load(file: string | undefined): Promise<RunResult> {
  if (file === undefined) return findingsRun();
  const data: unknown = JSON.parse(await readFile(file, 'utf8'));
  const check = validateWith('run-result', data);
  if (!check.ok) throw new Error(`${file}: not a scim-conformance result (${check.errors[0]?.path ?? ''} ${check.errors[0]?.message ?? ''})`);
  return data as RunResult;
}

async function main(): Promise<void> {
  const result = await load(process.argv[2]);
  const file = await writeReportFile(renderHtml(result));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page.setDefaultTimeout(10_000);
    await page.goto(file.url, { waitUntil: 'load' });
    // Open the problem with a curl line and the fewest exchanges: the whole story at a readable height.
    const shown = result.scenarios
      .filter((s) => s.outcome !== 'pass' && s.curl !== undefined && (s.exchanges?.length ?? 0) > 0)
      .sort((a, b) => (a.exchanges?.length ?? 0) - (b.exchanges?.length ?? 0))[0];
    if (shown) await page.locator(`ol.scenarios > li[data-id="${shown.id.replace(/["\\]/g, '\\$&')}"] summary`).click();
    await mkdir(dirname(OUT), { recursive: true });
    // The top of the page: the gate, the problems, the IdP section and the first scenarios (a whole
    // run is tens of thousands of pixels tall).
    const height = Math.min(await page.evaluate('document.documentElement.scrollHeight') as number, MAX_HEIGHT);
    await page.screenshot({ path: OUT, fullPage: true, clip: { x: 0, y: 0, width: 1280, height } });
  } finally {
    await browser.close();
    await file.remove();
  }
}

main().then(
  () => console.log(`wrote ${OUT}`),
  (err: unknown) => {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    console.error(`screenshot failed: ${message}`);
    process.exitCode = 1;
  },
);
