// Writes the canonical result.json (checked against its schema first, so no report is ever a
// view of a malformed result; written in pieces, as are the HTML page and JUnit) and its views: report.md, report.html, junit.xml and summary.md
// (the budgeted one for a pull-request comment or $GITHUB_STEP_SUMMARY). result.json keeps the
// exchanges of non-passing scenarios (every exchange is in exchanges.ndjson); the views show each
// finding's exchanges once.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunResult } from '../schemas/run-result.ts';
import { validateWith } from '../schemas/validate.ts';
import { htmlChunks } from './html-reporter.ts';
import { jsonChunks } from './json-chunks.ts';
import { junitChunks } from './junit-reporter.ts';
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
    [paths.json, () => jsonChunks(result as unknown as Record<string, unknown>)],
    [paths.markdown, () => renderMarkdown(result, view)],
    [paths.html, () => htmlChunks(result, view)],
    [paths.junit, () => junitChunks(result, view)],
    [paths.summary, () => renderSummary(result, view)],
  ]);
  return paths;
}

/**
 * Renders and writes one file at a time, under a temporary name; the files get their names only
 * once all are written, so a rendering bug or a failed write leaves none of them. A renderer that
 * gives pieces (result.json, the HTML page, JUnit) is written as it renders, a few hundred
 * kilobytes at a time: a long run's reports are megabytes each and never exist as one string.
 */
export async function writeInTurn(files: ReadonlyArray<readonly [string, () => string | Iterable<string>]>): Promise<void> {
  const written: Array<[string, string]> = [];
  try {
    for (const [file, render] of files) {
      const partial = `${file}.${process.pid}.partial`;
      written.push([partial, file]);
      await writeRendered(partial, render());
    }
  } catch (e) {
    await Promise.all(written.map(([partial]) => rm(partial, { force: true })));
    throw e;
  }
  for (const [partial, file] of written) await rename(partial, file);
}

const BATCH_CHARS = 256 * 1024;

async function writeRendered(file: string, rendered: string | Iterable<string>): Promise<void> {
  const handle = await open(file, 'w');
  try {
    if (typeof rendered === 'string') {
      await handle.writeFile(rendered, 'utf8');
      return;
    }
    let batch: string[] = [];
    let size = 0;
    for (const piece of rendered) {
      batch.push(piece);
      size += piece.length;
      if (size >= BATCH_CHARS) {
        await handle.writeFile(batch.join(''), 'utf8');
        batch = [];
        size = 0;
      }
    }
    if (size > 0) await handle.writeFile(batch.join(''), 'utf8');
  } finally {
    await handle.close();
  }
}
