// What `run` and `merge` print, by --format and --quiet:
// - text (default): the human summary, the gate and where the reports are, on stdout;
// - json: the canonical result (the same object as result.json) on stdout, the human text on stderr;
// - summary-json: a compact form (schemas/json/run-summary.schema.json) on stdout, the human text on stderr.
// --quiet keeps only the gate's verdict line of the human text (errors are printed by main).
import type { RunResult } from '../schemas/run-result.ts';
import type { GateDecision, GateOptions } from '../engine/gate.ts';
import { renderConsole } from '../reporters/console-reporter.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';

export const FORMATS = ['text', 'json', 'summary-json'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export function parseFormat(value: string | undefined): OutputFormat {
  if (value === undefined) return 'text';
  const format = FORMATS.find((f) => f === value.trim().toLowerCase());
  if (!format) throw new UserError(`--format: "${value}" is not one of ${FORMATS.join(', ')}`, EXIT.usage);
  return format;
}

export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Output {
  format: OutputFormat;
  quiet: boolean;
  verbose: boolean;
  stdout: OutStream;
  stderr: OutStream;
  /** NO_COLOR (https://no-color.org) switches colour off even on a terminal. */
  noColor?: boolean;
}

export interface Printed {
  result: RunResult;
  gate: GateDecision;
  options: GateOptions;
  /** The run folder. */
  dir: string;
  /** The files written there, by kind. */
  reports: Record<string, string>;
  /** Printed after the reports with the human text, e.g. "Expectation file written: ...". */
  extra?: string[];
  /** Replaces "Reports in" for merge. */
  heading?: string;
}

export interface RunSummaryJson {
  summaryVersion: 1;
  gate: {
    verdict: 'PASS' | 'FAIL' | 'ABORTED';
    exitCode: GateDecision['exitCode'];
    strict: boolean;
    expectations?: { target: string; entries: number };
    line: string;
  };
  run: {
    id: string;
    target: string;
    product?: string;
    embedded: boolean;
    profile: string;
    seed: number;
    startedAt: string;
    durationMs: number;
    shard?: { index: number; count: number };
    dir: string;
  };
  summary: RunResult['summary'];
  notRun?: { count: number; reason: string };
  aborted?: { exitCode: 2 | 3; reason: string };
  findings: Array<{ key: string; title: string; level: string; outcome: string; scenarios: number }>;
  failing: Array<{ id: string; level: string; outcome: string; expected: string; reason?: string }>;
  known: GateDecision['known'];
  fixed: GateDecision['fixed'];
  reports: Record<string, string>;
}

export function summaryJson(p: Printed): RunSummaryJson {
  const { result, gate, options } = p;
  const { run } = result;
  const verdict = gate.exitCode === 0 ? 'PASS' : gate.exitCode === 1 ? 'FAIL' : 'ABORTED';
  return {
    summaryVersion: 1,
    gate: {
      verdict,
      exitCode: gate.exitCode,
      strict: options.strict,
      ...(options.expectations ? { expectations: { target: options.expectations.target, entries: options.expectations.expectations.length } } : {}),
      line: gate.verdict,
    },
    run: {
      id: run.id,
      target: run.target.url,
      ...(run.target.product ? { product: `${run.target.product}${run.target.version ? ` ${run.target.version}` : ''}` } : {}),
      embedded: run.target.embedded,
      profile: run.profile,
      seed: run.seed,
      startedAt: run.startedAt,
      durationMs: run.durationMs,
      ...(run.shard ? { shard: { index: run.shard.index, count: run.shard.count } } : {}),
      dir: p.dir,
    },
    summary: result.summary,
    ...(result.notRun && result.notRun.count > 0 ? { notRun: { count: result.notRun.count, reason: result.notRun.reason } } : {}),
    ...(run.aborted ? { aborted: run.aborted } : {}),
    findings: result.findings.map((f) => ({ key: f.key, title: f.title, level: f.level, outcome: f.outcome, scenarios: f.scenarios.length })),
    failing: gate.unexpected.map((u) => ({ id: u.id, level: u.level, outcome: u.actual, expected: u.expected, ...(u.reason !== undefined ? { reason: u.reason } : {}) })),
    known: gate.known,
    fixed: gate.fixed,
    reports: p.reports,
  };
}

/** The human text of a finished (or aborted) run: summary, gate lines, where the files are. */
function humanText(p: Printed, out: Output, color: boolean): string {
  if (out.quiet) return p.result.run.aborted ? '' : `${p.gate.verdict}\n`;
  const files = Object.values(p.reports).map((f) => `  ${f}\n`).join('');
  if (p.result.run.aborted) {
    return `The run ended before any scenario ran; its result and a JUnit error case are in ${p.dir}/\n${files}`;
  }
  return (
    renderConsole(p.result, { color, verbose: out.verbose }) +
    p.gate.lines.map((l) => `${l}\n`).join('') +
    `\n${p.heading ?? 'Reports in'} ${p.dir}/\n${files}` +
    (p.extra ?? []).map((l) => `${l}\n`).join('')
  );
}

export function printRun(p: Printed, out: Output): void {
  const human = out.format === 'text' ? out.stdout : out.stderr;
  const color = !!human.isTTY && !out.noColor;
  if (out.format === 'json') out.stdout.write(`${JSON.stringify(p.result, null, 2)}\n`);
  if (out.format === 'summary-json') out.stdout.write(`${JSON.stringify(summaryJson(p), null, 2)}\n`);
  const text = humanText(p, out, color);
  if (text !== '') human.write(text);
}
