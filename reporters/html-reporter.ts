// The HTML view: one self-contained file (inline CSS and script, data embedded as JSON once, no
// external requests). It opens on the gate verdict and the findings (distinct problems), then the
// scenarios with the ones needing attention first, each naming its finding; a row's details are
// rendered from the embedded data when it is opened. Pieces: html-sections (static markup),
// html-data (the embedded data and its body budget), html-script, html-styles.
import { OUTCOMES } from '../schemas/run-result.ts';
import type { RunResult, ScenarioResult } from '../schemas/run-result.ts';
import type { FindingsView } from './findings-view.ts';
import { attentionOrder, findingsView, isProblem, scenarioAnchor } from './findings-view.ts';
import type { GivenGate } from './gate-verdict.ts';
import { gateView } from './gate-verdict.ts';
import { reportData } from './html-data.ts';
import { escapeHtml as e, scriptSafe } from './html-escape.ts';
import { compactJsonChunks } from './json-chunks.ts';
import { SCRIPT, SCRIPT_HASH } from './html-script.ts';
import { compatibility, countTables, findingLink, findingsSection, gateBanner, leftovers, runInfo } from './html-sections.ts';
import { CSS } from './html-styles.ts';
import { clip } from './markdown-text.ts';
import { countByLevel, countOutcomes, formatDuration, summaryLine, targetTitle } from './tally.ts';

export { SCRIPT_HASH } from './html-script.ts';

export interface HtmlOptions {
  /** The gate decision of the run; without it the verdict is re-derived with the default rules. */
  gate?: GivenGate;
}

export function renderHtml(result: RunResult, options: HtmlOptions = {}): string {
  return [...htmlChunks(result, options)].join('');
}

/** The page in pieces (the scenario rows and the embedded data one scenario at a time), for writing a long run's report without one big string. */
export function* htmlChunks(result: RunResult, options: HtmlOptions = {}): Generator<string> {
  const { run, scenarios } = result;
  const counts = countOutcomes(scenarios);
  const view = findingsView(result);
  const gate = gateView(result, options.gate);
  const title = `SCIM conformance: ${targetTitle(run)}`;
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const data = reportData(result, view);
  const cutNote = data.cut > 0
    ? `\n<p class="muted">To keep this page small, the exchange bodies of ${data.cut} scenario${data.cut === 1 ? '' : 's'} are left out (each finding's example keeps them all); result.json beside this report has every exchange.</p>`
    : '';

  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="referrer" content="no-referrer">
<title>${e(`${gate.passed ? 'PASS' : 'FAIL'} · ${title}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(title)}</h1>
<p class="target">${e(run.target.url)} · profile ${e(run.profile)} · ${e(run.startedAt)} · ${e(formatDuration(run.durationMs))}</p>
${gateBanner(gate, result)}
<ul class="counts">
${OUTCOMES.map((o) => `<li class="o-${o}" data-only="${o}" role="button" tabindex="0" title="show only ${o}"><span data-count="${o}">${counts[o]}</span>${o}</li>`).join('\n')}
<li><span data-count="total">${counts.total}</span>total</li>
</ul>
<p class="summary">${e(summaryLine(counts))}</p>
</header>
<main>
${findingsSection(view, result)}
${compatibility(result, view)}
<section id="scenarios">
<h2>Scenarios</h2>
${filters(result, view)}
<p id="shown" class="muted"></p>${cutNote}
<ol class="scenarios">
`;
  for (const [i, s] of attentionOrder(scenarios).entries()) yield `${i === 0 ? '' : '\n'}${scenarioRow(s, view)}`;
  yield `
</ol>
</section>
${countTables(result)}
<section>
<details><summary><span class="sum"><strong>Run details</strong></span></summary>
${runInfo(result)}
</details>
</section>
${leftovers(result)}
</main>
<script type="application/json" id="report-data">`;
  for (const piece of compactJsonChunks(data as unknown as Record<string, unknown>)) yield scriptSafe(piece);
  yield `</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function filters(result: RunResult, view: FindingsView): string {
  const counts = countOutcomes(result.scenarios);
  const outcomeButtons = OUTCOMES.filter((o) => counts[o] > 0)
    .map((o) => `<button type="button" class="o-${o}" data-filter="outcome" data-value="${o}" aria-pressed="false">${o} (${counts[o]})</button>`)
    .join('');
  const levelButtons = countByLevel(result.scenarios)
    .map(([l, c]) => `<button type="button" data-filter="level" data-value="${e(l)}" aria-pressed="false">${e(l)} (${c.total})</button>`)
    .join('');
  const options = view.problems
    .map((p) => `<option value="${e(p.key)}">#${p.number} ${e(p.title.length > 90 ? `${p.title.slice(0, 89)}…` : p.title)} (${p.scenarios.length})</option>`)
    .join('');
  const findingSelect = view.problems.length > 0
    ? `<span class="label">Finding</span><select id="finding" aria-label="show only the scenarios of one finding"><option value="">any</option>${options}</select>`
    : '';
  return `<div class="filters" role="toolbar" aria-label="Filter scenarios">
<span class="label">Show only</span>${outcomeButtons}
<span class="label">Level</span>${levelButtons}
${findingSelect}
<span class="label">Search</span><input id="q" type="search" placeholder="id, reason, RFC section, scimType …" aria-label="search scenarios">
<button type="button" id="all">show all</button>
</div>`;
}

function scenarioRow(s: ScenarioResult, view: FindingsView): string {
  const p = isProblem(s.outcome) ? view.byScenario.get(s.id) : undefined;
  const attrs = `id="${e(scenarioAnchor(s.id))}" class="o-${s.outcome}" data-outcome="${s.outcome}" data-level="${e(s.level)}" data-id="${e(s.id)}"${p ? ` data-finding="${e(p.key)}"` : ''}`;
  const row = `<span class="row"><span class="badge">${s.outcome}</span><span class="level">${e(s.level)}</span><code>${e(s.id)}</code><span class="muted">${e(s.title)}</span></span>`;
  if (s.outcome === 'pass') return `<li ${attrs}><div class="row">${row}</div></li>`;
  const why = s.reason !== undefined ? `<span class="why">${e(s.reason)}</span>` : '';
  const example = p && p.example.scenario === s.id ? ' (its example)' : '';
  const finding = p ? `<span class="fnd">finding ${findingLink(p, `#${p.number} ${clip(p.title, 90)}`)}${example}</span>` : '';
  return `<li ${attrs}><details><summary><span class="sum">${row}${why}${finding}</span></summary>\n<div class="detail" data-render="${e(s.id)}"></div></details></li>`;
}
