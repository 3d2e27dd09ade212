// summary.md: the run in at most 60,000 characters, for a pull-request comment or
// $GITHUB_STEP_SUMMARY (GitHub refuses more than 65,536). The gate verdict, every finding (one
// line each), the first failures with one exchange each while the budget lasts, and a count of
// the rest. report.md stays the full record; this one is built to a budget and checked against it.
import type { Exchange, RunResult, ScenarioResult } from '../schemas/run-result.ts';
import type { FindingsView, ProblemView } from './findings-view.ts';
import { findingsView, notRunLine, problemsHeadline, reachText } from './findings-view.ts';
import type { GivenGate } from './gate-verdict.ts';
import { gateView } from './gate-verdict.ts';
import { clip, code, exchangeBlock, fence, OUTCOME_ICON, refs, text } from './markdown-text.ts';
import { countOutcomes, summaryLine, targetTitle } from './tally.ts';

/** The hard limit this file never exceeds. */
export const SUMMARY_MAX_CHARS = 60_000;
/** Room kept for the closing lines (the count of the rest and where the full reports are). */
const TAIL_RESERVE = 1_000;
/** Most failures shown with an exchange; the rest are counted. */
const MAX_DETAILED = 10;
const BODY_CAP = 1_500;

export interface SummaryOptions {
  gate?: GivenGate;
  maxChars?: number;
}

export function renderSummary(result: RunResult, options: SummaryOptions = {}): string {
  const max = options.maxChars ?? SUMMARY_MAX_CHARS;
  const view = findingsView(result);
  const gate = gateView(result, options.gate);
  const counts = countOutcomes(result.scenarios);
  const notRun = notRunLine(result);
  const parts: string[] = [];
  let size = 0;
  const add = (block: string) => {
    parts.push(block);
    size += block.length + 1;
  };

  add(`## ${gate.passed ? '✅' : '❌'} SCIM conformance: ${text(clip(targetTitle(result.run), 200))}\n`);
  add(`**${text(gate.headline)}** — ${text(gate.detail)}\n`);
  add(`${summaryLine(counts)}${notRun ? ` · ${text(clip(notRun, 300))}` : ''}\n`);
  add(findingsBlock(view, max - size - TAIL_RESERVE));

  const picked = firstFailures(result, view);
  let shown = 0;
  if (picked.length > 0) add(`### First failures\n`);
  for (const s of picked) {
    if (shown >= MAX_DETAILED) break;
    const block = failureBlock(s, view);
    if (size + block.length + 1 > max - TAIL_RESERVE) break;
    add(block);
    shown += 1;
  }
  const problemsTotal = result.scenarios.filter((s) => view.byScenario.has(s.id)).length;
  const rest = problemsTotal - shown;
  const tail: string[] = [];
  if (rest > 0 && shown > 0) tail.push(`…and ${rest} more scenario${rest === 1 ? '' : 's'} with a problem (fail, error, blocked or warn) not shown here.`);
  // Only warns (no failure to show): their scenarios are behind the findings above.
  if (rest > 0 && shown === 0) tail.push(`The ${rest} scenario${rest === 1 ? '' : 's'} behind ${rest === 1 ? 'this problem' : 'these problems'} ${rest === 1 ? 'is' : 'are'} shown with ${rest === 1 ? 'its' : 'their'} exchanges in the full reports.`);
  tail.push(`The full reports are in the run folder: \`report.md\`, \`report.html\` (every scenario, filterable) and \`result.json\` (every exchange).`);
  add(tail.join(' ') + '\n');
  const out = parts.join('\n');
  // The budget above keeps well inside the limit; this is the guarantee, whatever the data.
  return out.length <= max ? out : `${out.slice(0, max - 80)}\n\n[… cut at ${max} characters]\n`;
}

/** "### 5 distinct problems" and one line per finding, shortened until every one fits in `budget`. */
function findingsBlock(view: FindingsView, budget: number): string {
  const head = `### ${text(problemsHeadline(view))}\n\n`;
  if (view.problems.length === 0) return `${head}Every scenario that ran passed or was not supported by the target.\n`;
  for (const titleChars of [200, 120, 60]) {
    const lines = view.problems.map((p) => findingLine(p, titleChars, titleChars >= 120));
    const hints = titleChars >= 120 ? hintBlocks(view.problems) : '';
    const block = `${head}${lines.join('\n')}\n${hints}`;
    if (block.length <= budget) return block;
  }
  // Even the shortest lines do not all fit: as many as fit, then a count.
  const lines: string[] = [];
  let used = head.length + 100;
  for (const p of view.problems) {
    const line = findingLine(p, 60, false);
    if (used + line.length + 1 > budget) break;
    lines.push(line);
    used += line.length + 1;
  }
  const left = view.problems.length - lines.length;
  return `${head}${lines.join('\n')}\n- …and ${left} more finding${left === 1 ? '' : 's'}: see report.md\n`;
}

function findingLine(p: ProblemView, titleChars: number, withRefs: boolean): string {
  const refText = withRefs && p.refs.length > 0 ? ` · ${refs(p.refs.slice(0, 3))}` : '';
  return `${p.number}. ${OUTCOME_ICON[p.outcome]} **${text(clip(p.title, titleChars))}** — ${p.outcome}, ${p.level}, ${text(reachText(p))}${refText}`;
}

function hintBlocks(problems: readonly ProblemView[]): string {
  const withHint = problems.filter((p) => p.hint !== undefined && p.hint.length <= 2_000);
  if (withHint.length === 0) return '';
  return withHint.map((p) => `\nFinding ${p.number} is a set-up problem; add this to the config file (\`--config\`):\n\n${fence(p.hint!, 'json')}\n`).join('');
}

/** Each finding's representative first (fail, error, blocked), then other failures in run order. */
function firstFailures(result: RunResult, view: FindingsView): ScenarioResult[] {
  const byId = new Map(result.scenarios.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const out: ScenarioResult[] = [];
  for (const p of view.problems) {
    const s = byId.get(p.example.scenario);
    if (s && s.outcome !== 'warn' && !seen.has(s.id)) {
      out.push(s);
      seen.add(s.id);
    }
  }
  for (const s of result.scenarios) {
    if ((s.outcome === 'fail' || s.outcome === 'error' || s.outcome === 'blocked') && !seen.has(s.id)) {
      out.push(s);
      seen.add(s.id);
    }
  }
  return out;
}

/** The exchange that shows the problem best: the PATCH (or whatever was being judged), else the last answered one. */
function telling(exchanges: readonly Exchange[]): Exchange | undefined {
  return exchanges.find((x) => x.purpose === 'patch') ?? [...exchanges].reverse().find((x) => x.status !== undefined) ?? exchanges.at(-1);
}

function failureBlock(s: ScenarioResult, view: FindingsView): string {
  const p = view.byScenario.get(s.id);
  const lines = [`#### ${OUTCOME_ICON[s.outcome]} ${code(s.id)} — ${text(clip(s.title, 200))}`, ''];
  if (p) lines.push(`- **Finding ${p.number}:** ${text(clip(p.title, 200))}${p.scenarios.length > 1 ? ` (${p.scenarios.length} scenarios)` : ''}`);
  if (s.reason !== undefined) lines.push(`- **Why:** ${text(clip(s.reason, 500))}`);
  if (s.expected !== undefined) lines.push(`- **Expected:** ${text(clip(s.expected, 500))}`);
  if (s.actual !== undefined) lines.push(`- **Actual:** ${text(clip(s.actual, 500))}`);
  lines.push('');
  const ex = telling(s.exchanges ?? []);
  if (ex) lines.push(...exchangeBlock(ex, 1, BODY_CAP), '');
  if (s.curl !== undefined && s.curl.length <= 4_000) lines.push('Reproduce:', '', fence(s.curl, 'sh'), '');
  return lines.join('\n');
}
