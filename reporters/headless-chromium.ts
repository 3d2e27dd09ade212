// The system Chromium (Debian's `chromium` package) driven by playwright-core, for the browser
// test of the HTML report and its screenshot. Playwright's own browser downloads are not used:
// they need network access the CI machines do not have.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

// No sandbox because CI runs as root in a container; the rest keeps the browser from calling
// home (component updates, sync, QUIC probes) so a run makes no traffic of its own.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh browser with a fresh, throw-away profile (launch() makes one per browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

export interface ReportFile {
  url: string;
  remove(): Promise<void>;
}

/** Writes the HTML to a file in a new temp directory; remove() deletes the directory. */
export async function writeReportFile(html: string): Promise<ReportFile> {
  const dir = await mkdtemp(join(tmpdir(), 'scim-report-'));
  const path = join(dir, 'report.html');
  await writeFile(path, html, 'utf8');
  return { url: pathToFileURL(path).href, remove: () => rm(dir, { recursive: true, force: true }) };
}
