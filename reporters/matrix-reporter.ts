// Cross-target comparison: first the findings (distinct problems) per run side by side, then
// scenarios as rows, one column per run, a totals row. A scenario or finding a run did not have
// is shown as "—" (for a scenario: not part of that run; for a finding: not seen there).
import { OUTCOMES } from '../schemas/run-result.ts';
import type { Outcome, RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { findingsView, notRunLine } from './findings-view.ts';
import type { ProblemView } from './findings-view.ts';
import { escapeHtml as e } from './html-escape.ts';
import { code, OUTCOME_ICON, text } from './markdown-text.ts';
import { compareSections } from './refs.ts';
import { countOutcomes, targetTitle } from './tally.ts';

export const MISSING = '—';

interface MatrixRow {
  id: string;
  level: string;
  section: string;
  title: string;
  cells: Array<ScenarioResult | undefined>;
}

/** "ExampleIdM 4.2.1 (2025-11-25)" or "https://host/scim/v2 (2025-11-25)". */
export function columnTitle(result: RunResult): string {
  return `${targetTitle(result.run)} (${result.run.startedAt.slice(0, 10)})`;
}

function buildRows(results: readonly RunResult[]): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  results.forEach((result, col) => {
    for (const s of result.scenarios) {
      let row = rows.get(s.id);
      if (!row) {
        row = { id: s.id, level: s.level, section: s.section, title: s.title, cells: results.map(() => undefined) };
        rows.set(s.id, row);
      }
      row.cells[col] = s;
    }
  });
  // Grouped by RFC section; within a section, the order the scenarios first ran in (sort is stable).
  return [...rows.values()].sort((a, b) => compareSections(a.section, b.section));
}

function totalsText(result: RunResult): string {
  const c = countOutcomes(result.scenarios);
  const parts = OUTCOMES.filter((o) => c[o] > 0).map((o) => `${c[o]} ${o}`);
  const notRun = result.notRun && result.notRun.count > 0 ? `; ${result.notRun.count} not run` : '';
  return `${parts.length > 0 ? `${c.total}: ${parts.join(', ')}` : '0'}${notRun}`;
}

interface FindingRow {
  key: string;
  title: string;
  level: string;
  cells: Array<ProblemView | undefined>;
}

/** Findings by key across runs, in the order the first run that has each lists them. */
export function findingRows(results: readonly RunResult[]): FindingRow[] {
  const rows = new Map<string, FindingRow>();
  results.forEach((result, col) => {
    for (const p of findingsView(result).problems) {
      let row = rows.get(p.key);
      if (!row) {
        row = { key: p.key, title: p.title, level: p.level, cells: results.map(() => undefined) };
        rows.set(p.key, row);
      }
      row.cells[col] = p;
    }
  });
  return [...rows.values()];
}

function findingCell(p: ProblemView | undefined): string {
  return p ? `${OUTCOME_ICON[p.outcome]} ${p.outcome} · ${p.scenarios.length}` : MISSING;
}

function findingsMarkdown(results: readonly RunResult[]): string[] {
  const rows = findingRows(results);
  const out = [`### Findings per target (${rows.length} distinct problem${rows.length === 1 ? '' : 's'})`, ''];
  if (rows.length === 0) return [...out, 'No run has a problem.', ''];
  out.push(`| Finding | Level | ${results.map((r) => text(columnTitle(r))).join(' | ')} |`, `|---|---|${results.map(() => '---|').join('')}`);
  for (const r of rows) out.push(`| ${text(r.title)}<br>${code(r.key)} | ${r.level} | ${r.cells.map(findingCell).join(' | ')} |`);
  out.push('', 'A cell is the finding\'s outcome and the number of scenarios it affects in that run; — means the run did not see it.', '');
  return out;
}

function findingsHtml(results: readonly RunResult[]): string {
  const rows = findingRows(results);
  if (rows.length === 0) return '<h2>Findings per target</h2>\n<p class="muted">No run has a problem.</p>';
  const heads = results.map((r) => `<th>${e(columnTitle(r))}</th>`).join('');
  const body = rows
    .map((r) => {
      const cells = r.cells
        .map((p) => (p ? `<td class="cell o-${p.outcome}" data-outcome="${p.outcome}" title="${e(p.example.reason)}">${e(findingCell(p))}</td>` : `<td class="cell missing" data-outcome="missing">${MISSING}</td>`))
        .join('');
      return `<tr data-finding="${e(r.key)}"><td>${e(r.title)}<br><code class="muted">${e(r.key)}</code></td><td>${e(r.level)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<h2>Findings per target (${rows.length})</h2>
<table class="findings">
<thead><tr><th>Finding</th><th>Level</th>${heads}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<p class="muted">A cell is the finding's outcome and the number of scenarios it affects in that run; ${MISSING} means the run did not see it.</p>`;
}

export function renderMatrixMarkdown(results: readonly RunResult[]): string {
  const rows = buildRows(results);
  const header = `| Scenario | Level | ${results.map((r) => text(columnTitle(r))).join(' | ')} |`;
  const rule = `|---|---|${results.map(() => '---|').join('')}`;
  const cell = (s: ScenarioResult | undefined) => (s ? `${OUTCOME_ICON[s.outcome]} ${s.outcome}` : MISSING);
  const lines = rows.map((r) => `| ${code(r.id)} | ${r.level} | ${r.cells.map(cell).join(' | ')} |`);
  const totals = `| **total** | | ${results.map((r) => `**${totalsText(r)}**`).join(' | ')} |`;
  const notRun = results.flatMap((r) => {
    const line = notRunLine(r);
    return line ? [`- ${text(columnTitle(r))}: ${text(line)}`] : [];
  });
  return [
    `## SCIM conformance matrix (${results.length} runs, ${rows.length} scenarios)`,
    '',
    ...findingsMarkdown(results),
    ...(notRun.length > 0 ? [...notRun, ''] : []),
    `### Scenarios`,
    '',
    header,
    rule,
    ...lines,
    totals,
    '',
  ].join('\n');
}

const CSS = `
:root{--fg:#1d2330;--bg:#fff;--muted:#5d6677;--line:#dde1e8;
--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--unsupported:#0969da;--blocked:#8250df;--error:#a40e26}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--bg:#14171c;--muted:#9aa3b2;--line:#2d333d;
--pass:#4ac26b;--fail:#ff7b72;--warn:#d29922;--unsupported:#58a6ff;--blocked:#bc8cff;--error:#ff9492}}
body{margin:1rem 1.5rem;font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:.2rem .6rem;text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:var(--bg)}td.cell{font-weight:600;text-align:center}
.o-pass{color:var(--pass)}.o-fail{color:var(--fail)}.o-warn{color:var(--warn)}.o-unsupported{color:var(--unsupported)}
.o-blocked{color:var(--blocked)}.o-error{color:var(--error)}.missing,.muted{color:var(--muted)}
tr.section th{background:var(--line);text-align:left}tfoot td{font-weight:600}
`;

export function renderMatrixHtml(results: readonly RunResult[]): string {
  const rows = buildRows(results);
  const cell = (s: ScenarioResult | undefined) => {
    if (!s) return `<td class="cell missing" data-outcome="missing">${MISSING}</td>`;
    const tip = s.reason ? ` title="${e(s.reason)}"` : '';
    return `<td class="cell o-${s.outcome}" data-outcome="${s.outcome}"${tip}>${OUTCOME_ICON[s.outcome as Outcome]} ${s.outcome}</td>`;
  };
  const body: string[] = [];
  let section: string | undefined;
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      body.push(`<tr class="section"><th colspan="${results.length + 2}">${e(section)}</th></tr>`);
    }
    body.push(`<tr data-id="${e(r.id)}"><td><code>${e(r.id)}</code><br><span class="muted">${e(r.title)}</span></td><td>${e(r.level)}</td>${r.cells.map(cell).join('')}</tr>`);
  }
  const heads = results
    .map((r) => `<th title="${e(r.run.target.url)}">${e(columnTitle(r))}<br><span class="muted">${e(r.run.profile)}</span></th>`)
    .join('');
  const totals = results.map((r) => `<td data-total>${e(totalsText(r))}</td>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>SCIM conformance matrix</title>
<style>${CSS}</style>
</head>
<body>
<h1>SCIM conformance matrix</h1>
${findingsHtml(results)}
<h2>Scenarios</h2>
<p class="muted">${results.length} runs, ${rows.length} scenarios. ${MISSING} = the scenario was not part of that run.</p>
<table class="matrix">
<thead><tr><th>Scenario</th><th>Level</th>${heads}</tr></thead>
<tbody>
${body.join('\n')}
</tbody>
<tfoot><tr><td>total</td><td></td>${totals}</tr></tfoot>
</table>
</body>
</html>
`;
}
