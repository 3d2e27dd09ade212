// Writes the canonical result.json (checked against its schema first, so no report is ever a
// view of a malformed result) and its views: report.md, report.html, junit.xml and summary.md
// (the budgeted one for a pull-request comment or $GITHUB_STEP_SUMMARY). result.json keeps the
// exchanges of non-passing scenarios (every exchange is in exchanges.ndjson); the views show each
// finding's exchanges once.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunResult } from '../schemas/run-result.ts';
import { validateWith } from '../schemas/validate.ts';
import { renderHtml } from './html-reporter.ts';
import { renderJunit } from './junit-reporter.ts';
import { renderMarkdown } from './markdown-reporter.ts';
import type { GivenGate } from './gate-verdict.ts';
import { renderSummary } from './summary-reporter.ts';

export interface ReportPaths {
  json: string;
  markdown: string;
  html: string;
  junit: string;
  /** summary.md: at most 60,000 characters. */
  summary: string;
}

export interface ReportOptions {
  /** The run's gate decision (engine/gate.ts decideGate's result fits); without it the reports re-derive the default verdict. */
  gate?: GivenGate;
}

export async function writeReports(result: RunResult, dir: string, options: ReportOptions = {}): Promise<ReportPaths> {
  const check = validateWith('run-result', result);
  if (!check.ok) {
    const [first] = check.errors;
    const more = check.errors.length > 1 ? ` (and ${check.errors.length - 1} more)` : '';
    throw new Error(`result.json: the run result is invalid: ${first?.path || '(root)'} ${first?.message ?? ''}${more}`);
  }
  const base = resolve(dir);
  await mkdir(base, { recursive: true });
  const paths: ReportPaths = {
    json: join(base, 'result.json'),
    markdown: join(base, 'report.md'),
    html: join(base, 'report.html'),
    junit: join(base, 'junit.xml'),
    summary: join(base, 'summary.md'),
  };
  const view = options.gate ? { gate: options.gate } : {};
  await writeInTurn([
    [paths.json, () => JSON.stringify(result, null, 2) + '\n'],
    [paths.markdown, () => renderMarkdown(result, view)],
    [paths.html, () => renderHtml(result, view)],
    [paths.junit, () => renderJunit(result, view)],
    [paths.summary, () => renderSummary(result, view)],
  ]);
  return paths;
}

/**
 * Renders and writes one file at a time, so that only one rendered report is in memory at once
 * (a long run's HTML and result.json are megabytes each), under a temporary name; the files get
 * their names only once all are written. A rendering bug or a failed write leaves none of them.
 */
export async function writeInTurn(files: ReadonlyArray<readonly [string, () => string]>): Promise<void> {
  const written: Array<[string, string]> = [];
  try {
    for (const [file, render] of files) {
      const partial = `${file}.${process.pid}.partial`;
      written.push([partial, file]);
      await writeFile(partial, render(), 'utf8');
    }
  } catch (e) {
    await Promise.all(written.map(([partial]) => rm(partial, { force: true })));
    throw e;
  }
  for (const [partial, file] of written) await rename(partial, file);
}
