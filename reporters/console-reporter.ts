// The terminal view of a run: who was tested, then "N distinct problems" (the findings, each
// with its reach, RFC links and a set-up hint), counts by section and by level, one line per
// scenario that needs attention naming its finding, and the summary line CI logs grep for
// (always the last line; scenarios that never ran are one count just above it).
import { OUTCOMES } from '../schemas/run-result.ts';
import type { Outcome, RunResult, ScenarioResult } from '../schemas/run-result.ts';
import {
  capabilityList,
  countByLevel,
  countBySection,
  countOutcomes,
  formatDuration,
  summaryLine,
  withOutcome,
} from './tally.ts';
import type { Counts } from './tally.ts';
import { idpLines, strictLines, strictView } from './idp-section.ts';
import { suggestTemplate, templateHintJson } from './template-hint.ts';
import { findingsView, notRunLine, problemsHeadline, reachText } from './findings-view.ts';
import type { FindingsView, ProblemView } from './findings-view.ts';
import { refLink } from './refs.ts';

export interface ConsoleOptions {
  color: boolean;
  verbose?: boolean;
}

const ANSI: Record<Outcome | 'bold' | 'dim', string> = {
  pass: '\u001b[32m',
  fail: '\u001b[31;1m',
  warn: '\u001b[33m',
  unsupported: '\u001b[36m',
  blocked: '\u001b[35m',
  error: '\u001b[31m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
};
const RESET = '\u001b[0m';
/** Without --verbose, at most this many lines per finding in each outcome's list. */
const LINES_PER_FINDING = 3;

/** Text from a target may carry terminal escape sequences; show control characters, never obey them. */
function clean(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function renderConsole(result: RunResult, options: ConsoleOptions): string {
  const paint = (style: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[style]}${text}${RESET}` : text);
  const out: string[] = [];
  const { run, scenarios } = result;

  out.push(paint('bold', `${run.suite.name} ${run.suite.version}`) + `  run ${clean(run.id)}`);
  const product = run.target.product
    ? ` (${clean(run.target.product)}${run.target.version ? ` ${clean(run.target.version)}` : ''})`
    : '';
  out.push(`target:       ${clean(run.target.url)}${product}${run.target.embedded ? ' [embedded reference server]' : ''}`);
  out.push(`profile:      ${clean(run.profile)}   seed: ${run.seed}   concurrency: ${run.concurrency}`);
  const caps = capabilityList(run);
  out.push(
    `capabilities: ${caps.on.join(', ') || 'none'}` +
      (caps.off.length > 0 ? `  (not advertised: ${caps.off.join(', ')})` : ''),
  );
  const [firstNote, ...moreNotes] = run.discovery.notes;
  out.push(`discovery:    ${run.discovery.source}${firstNote !== undefined ? ` — ${clean(firstNote)}` : ''}`);
  for (const n of moreNotes) out.push(`              ${clean(n)}`);
  for (const n of run.notes) out.push(`note:         ${clean(n)}`);
  out.push(`started:      ${run.startedAt}   duration: ${formatDuration(run.durationMs)}`);

  const view = findingsView(result);
  out.push('', paint('bold', `${problemsHeadline(view)}${view.problems.length > 0 ? ':' : '.'}`));
  for (const p of view.problems) out.push(...problemLines(p, paint));

  out.push('', ...table('section', countBySection(scenarios), options.color));
  out.push('', ...table('level', countByLevel(scenarios), options.color));

  const idp = idpLines(result);
  if (idp.length > 0) out.push('', paint('bold', 'IdP compatibility:'), ...idp.map((l) => `  ${clean(l)}`));
  const strict = strictView(result);
  if (strict) out.push('', paint('bold', 'Strict RFC 7644 view:'), ...strictLines(strict).map((l) => `  ${clean(l)}`));

  const attention: Array<[Outcome, string]> = [
    ['fail', 'Failures'],
    ['error', 'Errors'],
    ['blocked', 'Blocked'],
  ];
  for (const [outcome, heading] of attention) {
    const list = withOutcome(scenarios, outcome);
    if (list.length === 0) continue;
    out.push('', paint('bold', `${heading} (${list.length}):`));
    // A cascade (one cause, 150 scenarios) shows a few lines per finding unless --verbose.
    const shown = new Map<string, number>();
    const held = new Map<ProblemView, number>();
    for (const s of list) {
      const p = view.byScenario.get(s.id);
      const n = p ? (shown.get(p.key) ?? 0) : 0;
      if (p && !options.verbose && n >= LINES_PER_FINDING) {
        held.set(p, (held.get(p) ?? 0) + 1);
        continue;
      }
      if (p) shown.set(p.key, n + 1);
      out.push(`  ${paint(outcome, outcome.toUpperCase().padEnd(7))} ${scenarioLine(s, view)}`);
      if (options.verbose) out.push(...details(s));
    }
    for (const [p, n] of held) out.push(`          … and ${n} more of #${p.number} ${clean(p.key)} (--verbose lists them)`);
  }

  const hint = view.problems.some((p) => p.hint !== undefined) ? undefined : suggestTemplate(result);
  if (hint) {
    out.push('', paint('bold', 'Suggested data template:') + ' the target refused the resources the suite creates; add this to the config file (--config) and run again:');
    out.push(...templateHintJson(hint).split('\n').map((l) => `  ${clean(l)}`));
    for (const b of hint.because) out.push(`  (the target said: ${clean(b)})`);
  }

  const warns = withOutcome(scenarios, 'warn');
  if (warns.length > 0) {
    const byLevel = tallyBy(warns, (s) => s.level);
    out.push('', paint('bold', `Warnings (${warns.length}):`) + ` ${byLevel}`);
    if (options.verbose) for (const s of warns) out.push(`  ${paint('warn', 'WARN   ')} ${scenarioLine(s, view)}`);
    else out.push('  (run with --verbose to list them)');
  }

  const unsupported = withOutcome(scenarios, 'unsupported');
  if (unsupported.length > 0) {
    out.push('', paint('bold', `Unsupported (${unsupported.length}):`) + ` ${tallyBy(unsupported, (s) => s.capability ?? 'unknown')}`);
    if (options.verbose) for (const s of unsupported) out.push(`  ${paint('unsupported', 'UNSUPP ')} ${scenarioLine(s, view)}`);
  }

  if (result.leftovers.length > 0) {
    out.push('', paint('bold', `Leftovers: ${result.leftovers.length} resource(s) created by the suite could not be deleted:`));
    for (const l of result.leftovers) out.push(`  ${clean(l.kind)} ${clean(l.id)} at ${clean(l.location)}: ${clean(l.reason)}`);
  }

  const counts = countOutcomes(scenarios);
  if (!sameCounts(counts, result.summary)) {
    out.push('', 'note: the summary stored in result.json does not match its scenarios; counts above are from the scenarios');
  }
  const notRun = notRunLine(result);
  if (notRun) out.push('', clean(notRun));
  out.push('', summaryLine(counts));
  return out.join('\n') + '\n';
}

function scenarioLine(s: ScenarioResult, view: FindingsView): string {
  const p = view.byScenario.get(s.id);
  const finding = p && !p.ungrouped ? `  → #${p.number} ${clean(p.key)}` : '';
  return `${clean(s.id)}  [${s.level}]  ${clean(s.reason ?? s.title)}${finding}`;
}

/** "  #1 FAIL    [MUST]  title", then its reach, RFC links, key and set-up hint, indented. */
function problemLines(p: ProblemView, paint: (style: keyof typeof ANSI, text: string) => string): string[] {
  const pad = '             ';
  const refs = p.refs.map((r) => {
    const l = refLink(r);
    return l.href ? `${clean(l.text)} <${l.href}>` : clean(l.text);
  });
  const lines = [`  #${String(p.number).padEnd(3)}${paint(p.outcome, p.outcome.toUpperCase().padEnd(7))} [${p.level}]  ${clean(p.title)}`];
  lines.push(`${pad}${clean(reachText(p))}${p.ungrouped ? '' : `; key ${clean(p.key)}`}`);
  if (refs.length > 0) lines.push(`${pad}refs: ${refs.join(', ')}`);
  if (p.hint !== undefined) {
    lines.push(`${pad}set-up: add this to the config file (--config) and run again:`);
    lines.push(...p.hint.split('\n').map((l) => `${pad}  ${clean(l)}`));
  }
  return lines;
}

function details(s: ScenarioResult): string[] {
  const lines: string[] = [];
  if (s.expected !== undefined) lines.push(`           expected: ${clean(s.expected)}`);
  if (s.actual !== undefined) lines.push(`           actual:   ${clean(s.actual)}`);
  if (s.refs.length > 0) lines.push(`           refs:     ${s.refs.map(clean).join(', ')}`);
  if (s.curl !== undefined) lines.push(`           reproduce: ${clean(s.curl)}`);
  return lines;
}

/** "(SHOULD 5, AMBIG 3)" */
function tallyBy(list: ScenarioResult[], key: (s: ScenarioResult) => string): string {
  const m = new Map<string, number>();
  for (const s of list) m.set(key(s), (m.get(key(s)) ?? 0) + 1);
  return `(${[...m.entries()].map(([k, n]) => `${clean(k)} ${n}`).join(', ')})`;
}

function table(title: string, rows: Array<[string, Counts]>, color: boolean): string[] {
  const columns = [...OUTCOMES, 'total'] as const;
  const firstWidth = Math.max(title.length, ...rows.map(([k]) => clean(k).length));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map(([, n]) => String(n[c]).length)));
  const header = [title.padEnd(firstWidth), ...columns.map((c, i) => c.padStart(widths[i] ?? 0))].join('  ');
  const lines = [header];
  for (const [key, counts] of rows) {
    const cells = columns.map((c, i) => {
      const text = String(counts[c]).padStart(widths[i] ?? 0);
      // Colour only non-zero counts so the eye goes to what happened.
      return color && c !== 'total' && counts[c] > 0 ? `${ANSI[c]}${text}${RESET}` : text;
    });
    lines.push([clean(key).padEnd(firstWidth), ...cells].join('  '));
  }
  return lines;
}

function sameCounts(a: Counts, b: RunResult['summary']): boolean {
  return a.total === b.total && OUTCOMES.every((o) => a[o] === b[o]);
}
