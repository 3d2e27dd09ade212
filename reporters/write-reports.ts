// Writes the canonical result.json (checked against its schema first, so no report is ever a
// view of a malformed result) and its views: report.md, report.html, junit.xml and summary.md
// (the budgeted one for a pull-request comment or $GITHUB_STEP_SUMMARY). result.json keeps
// every exchange; the views show each finding's exchanges once.
import { mkdir, writeFile } from 'node:fs/promises';
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
  // Render everything before writing anything, so a rendering bug cannot leave half a set behind.
  const contents: Array<[string, string]> = [
    [paths.json, JSON.stringify(result, null, 2) + '\n'],
    [paths.markdown, renderMarkdown(result, view)],
    [paths.html, renderHtml(result, view)],
    [paths.junit, renderJunit(result, view)],
    [paths.summary, renderSummary(result, view)],
  ];
  await Promise.all(contents.map(([file, text]) => writeFile(file, text, 'utf8')));
  return paths;
}
