// Renders the sample result and saves a full-page picture of it (one failure expanded) to
// docs/report-screenshot.png, for the README. Run: npx tsx reporters/screenshot-report.ts
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, writeReportFile } from './headless-chromium.ts';
import { renderHtml } from './html-reporter.ts';
import { sampleResult } from '../fixtures/sample-runs/sample-result.ts';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'report-screenshot.png');
// The failure whose exchanges and curl line make the most telling picture.
const EXPANDED = 'patch.replace.value-path.sub-attribute';

async function main(): Promise<void> {
  const file = await writeReportFile(renderHtml(sampleResult()));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page.setDefaultTimeout(10_000);
    await page.goto(file.url, { waitUntil: 'load' });
    await page.locator(`ol.scenarios > li[data-id="${EXPANDED}"] summary`).click();
    await mkdir(dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT, fullPage: true });
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
