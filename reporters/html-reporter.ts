// The HTML view: one self-contained file (inline CSS and script, data embedded as JSON, no
// external requests). Everything is rendered here as static markup; the script only filters
// rows and offers the embedded result.json for download.
import { createHash } from 'node:crypto';
import { OUTCOMES } from '../schemas/run-result.ts';
import type { Exchange, RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { exchangeText, exchangeTitle } from './exchange-text.ts';
import { escapeHtml as e, jsonForScript } from './html-escape.ts';
import { refLink } from './refs.ts';
import { idpCompatibility, idpHeadline, notHandledText, notTestedTexts, strictView } from './idp-section.ts';
import { capabilityList, countByLevel, countBySection, countOutcomes, formatDuration, summaryLine, targetTitle } from './tally.ts';

const CSS = `
:root{--fg:#1d2330;--bg:#fff;--muted:#5d6677;--line:#dde1e8;--code:#f4f6f9;
--link:#0550ae;--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--unsupported:#0969da;--blocked:#8250df;--error:#a40e26}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--bg:#14171c;--muted:#9aa3b2;--line:#2d333d;--code:#1d2229;--link:#79c0ff;
--pass:#4ac26b;--fail:#ff7b72;--warn:#d29922;--unsupported:#58a6ff;--blocked:#bc8cff;--error:#ff9492}}
*{box-sizing:border-box}body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem;font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.4rem;margin:.2rem 0 .6rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line)}
dl.run{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem 1rem;margin:0}dl.run dt{color:var(--muted)}dl.run dd{margin:0;overflow-wrap:anywhere}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:1rem 0 .4rem}
.counts li{border:1px solid var(--line);border-radius:6px;padding:.35rem .8rem;min-width:6.5rem}
.counts [data-count]{display:block;font-size:1.5rem;font-weight:600}
.o-pass{--o:var(--pass)}.o-fail{--o:var(--fail)}.o-warn{--o:var(--warn)}.o-unsupported{--o:var(--unsupported)}.o-blocked{--o:var(--blocked)}.o-error{--o:var(--error)}
.counts li,.badge{color:var(--o,var(--fg))}.summary{font-family:ui-monospace,monospace;color:var(--muted)}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:.25rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}
td.nz{font-weight:600;color:var(--o)}
table.leftovers th,table.leftovers td{text-align:left;vertical-align:top}table.leftovers code{white-space:nowrap}
.filters{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center;margin-bottom:.6rem}
.filters button{border:1px solid var(--line);background:var(--bg);color:var(--fg);border-radius:4px;padding:.15rem .55rem;cursor:pointer}
.filters button[aria-pressed=false]{opacity:.45;text-decoration:line-through}.filters .label{color:var(--muted);margin-left:.6rem}
.filters input{padding:.2rem .4rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg)}
ol.scenarios{list-style:none;padding:0;margin:0}ol.scenarios li{border-top:1px solid var(--line);padding:.3rem 0}
.row{display:flex;flex-wrap:wrap;gap:0 .6rem;align-items:baseline}.row code{overflow-wrap:anywhere}
summary{cursor:pointer;display:flex;align-items:baseline;list-style:none}summary::-webkit-details-marker{display:none}summary .row{flex:1;min-width:0}
summary::before{content:'▸';flex:none;width:1.1rem;color:var(--muted)}details[open]>summary::before{content:'▾'}
ol.scenarios li>div.row{padding-left:1.1rem}
.badge{display:inline-block;flex:none;width:7.5rem;font-weight:600;text-transform:uppercase;font-size:.8rem}
.level{flex:none;width:4.2rem;color:var(--muted);font-size:.8rem}
.detail{margin:.5rem 0 .8rem 1.2rem}.detail dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem 1rem}.detail dd{margin:0;overflow-wrap:anywhere}
.exchange{border:1px solid var(--line);border-radius:6px;margin:.6rem 0}.exchange h4{margin:0;overflow-wrap:anywhere;padding:.3rem .6rem;background:var(--code);font-weight:500;font-size:.85rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:0}.pair>div{min-width:0;padding:.3rem .6rem}.pair>div+div{border-left:1px solid var(--line)}
@media (max-width:1000px){table.matrix,table.leftovers{display:block;max-width:100%;overflow-x:auto}}
@media (max-width:700px){.pair{grid-template-columns:1fr}.pair>div+div{border-left:0;border-top:1px solid var(--line)}}
pre{margin:.2rem 0;white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,monospace;background:var(--code);padding:.4rem;border-radius:4px;max-height:32rem;overflow:auto}
.muted{color:var(--muted)}a{color:var(--link)}[hidden]{display:none!important}
`;

// Filters rows by outcome, level and id; offers the embedded result.json for download.
const SCRIPT = `
(function(){
  var active={outcome:new Set(),level:new Set()};
  var buttons=document.querySelectorAll('.filters button[data-filter]');
  buttons.forEach(function(b){active[b.dataset.filter].add(b.dataset.value);});
  var rows=document.querySelectorAll('ol.scenarios>li');
  var q=document.getElementById('q');var shown=document.getElementById('shown');
  function apply(){
    var text=q.value.trim().toLowerCase();var n=0;
    rows.forEach(function(r){
      var ok=active.outcome.has(r.dataset.outcome)&&active.level.has(r.dataset.level)&&(!text||r.dataset.id.toLowerCase().indexOf(text)>=0);
      r.hidden=!ok;if(ok)n++;
    });
    buttons.forEach(function(b){b.setAttribute('aria-pressed',String(active[b.dataset.filter].has(b.dataset.value)));});
    shown.textContent=n+' of '+rows.length+' scenarios shown';
  }
  buttons.forEach(function(b){b.addEventListener('click',function(){
    var set=active[b.dataset.filter];
    if(set.has(b.dataset.value))set.delete(b.dataset.value);else set.add(b.dataset.value);
    apply();
  });});
  document.querySelectorAll('.counts li[data-only]').forEach(function(li){li.addEventListener('click',function(){
    active.outcome=new Set([li.dataset.only]);apply();
  });});
  document.getElementById('all').addEventListener('click',function(){
    buttons.forEach(function(b){active[b.dataset.filter].add(b.dataset.value);});q.value='';apply();
  });
  q.addEventListener('input',apply);
  document.getElementById('download').addEventListener('click',function(){
    var raw=document.getElementById('result-data').textContent;
    var a=document.createElement('a');
    a.href=URL.createObjectURL(new Blob([raw],{type:'application/json'}));a.download='result.json';a.click();
    setTimeout(function(){URL.revokeObjectURL(a.href);},1000);
  });
  apply();
})();
`;

/** CSP hash of the inline script: even if escaping ever failed, an injected script would not run. */
export const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

export function renderHtml(result: RunResult): string {
  const { run, scenarios } = result;
  const counts = countOutcomes(scenarios);
  const title = `SCIM conformance: ${targetTitle(run)}`;
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(title)}</h1>
${runInfo(result)}
<ul class="counts">
${OUTCOMES.map((o) => `<li class="o-${o}" data-only="${o}" title="show only ${o}"><span data-count="${o}">${counts[o]}</span>${o}</li>`).join('\n')}
<li><span data-count="total">${counts.total}</span>total</li>
</ul>
<p class="summary">${e(summaryLine(counts))}</p>
</header>
<main>
<section>
<h2>By RFC section</h2>
${matrix('Section', countBySection(scenarios), true, 'by-section')}
<h2>By level</h2>
${matrix('Level', countByLevel(scenarios), false, 'by-level')}
</section>
${compatibility(result)}
<section>
<h2>Scenarios</h2>
${filters(result)}
<p id="shown" class="muted"></p>
<ol class="scenarios">
${scenarios.map(scenarioRow).join('\n')}
</ol>
</section>
${leftovers(result)}
</main>
<script type="application/json" id="result-data">${jsonForScript(result)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** IdP compatibility and, under a vendor profile, the strict RFC 7644 view; empty when neither applies. */
function compatibility(result: RunResult): string {
  const parts: string[] = [];
  const rows = idpCompatibility(result);
  if (rows.length > 0) {
    const items = rows.map((row) => {
      const sub = [
        ...row.notHandled.map((s) => `<li>Not handled: ${e(notHandledText(s))}.</li>`),
        ...notTestedTexts(row).map((n) => `<li class="muted">Not tested: ${e(n)}</li>`),
      ];
      return `<li data-idp="${e(row.client)}"><strong>${e(idpHeadline(row))}</strong>${sub.length > 0 ? `<ul>${sub.join('')}</ul>` : ''}</li>`;
    });
    parts.push(`<section class="idp">\n<h2>IdP compatibility</h2>\n<ul>\n${items.join('\n')}\n</ul>\n</section>`);
  }
  const view = strictView(result);
  if (view) {
    const c = view.counts;
    const rowsHtml = view.deviations.map((d) => `<tr><td>${e(d.description)}</td><td>${e(d.level)}</td><td>${d.scenarios.length}</td></tr>`).join('\n');
    parts.push(
      `<section class="strict">\n<h2>Strict RFC 7644 view</h2>\n<p>Judged against RFC 7644 itself instead of the ${e(view.profile)} profile: ${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.unsupported} not judged.</p>` +
        (view.deviations.length > 0 ? `\n<table class="leftovers"><thead><tr><th>Documented deviation</th><th>Level</th><th>Scenarios</th></tr></thead>\n<tbody>\n${rowsHtml}\n</tbody></table>` : '') +
        (view.undocumented.length > 0 ? `\n<p>Strict misses the profile does not document: ${view.undocumented.map((s) => `<code>${e(s.id)}</code>`).join(', ')}</p>` : '') +
        '\n</section>',
    );
  }
  return parts.join('\n');
}

function runInfo(result: RunResult): string {
  const { run } = result;
  const caps = capabilityList(run);
  const items: Array<[string, string]> = [
    ['Target', `${e(run.target.url)}${run.target.embedded ? ' <span class="muted">(embedded reference server)</span>' : ''}`],
    ['Product', e(run.target.product ? `${run.target.product} ${run.target.version ?? ''}`.trim() : 'unknown')],
    ['Profile', e(run.profile)],
    ['Seed', e(run.seed)],
    ['Capabilities', `${e(caps.on.join(', ') || 'none')}${caps.off.length > 0 ? ` <span class="muted">(not advertised: ${e(caps.off.join(', '))})</span>` : ''}`],
    ['Discovery', `${e(run.discovery.source)}${run.discovery.notes.map((n) => `<br>${e(n)}`).join('')}`],
    ['Started', `${e(run.startedAt)} · ${e(formatDuration(run.durationMs))} · concurrency ${e(run.concurrency)}`],
    ['Suite', `${e(run.suite.name)} ${e(run.suite.version)} · run ${e(run.id)}`],
  ];
  for (const n of run.notes) items.push(['Note', e(n)]);
  return `<dl class="run">\n${items.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}\n</dl>`;
}

function matrix(first: string, rows: ReturnType<typeof countBySection>, linkKeys: boolean, kind: string): string {
  const head = `<tr><th>${first}</th>${OUTCOMES.map((o) => `<th class="o-${o}">${o}</th>`).join('')}<th>total</th></tr>`;
  const body = rows
    .map(([key, c]) => {
      const cells = OUTCOMES.map((o) => `<td class="o-${o}${c[o] > 0 ? ' nz' : ''}" data-cell="${o}">${c[o]}</td>`).join('');
      return `<tr data-key="${e(key)}"><td>${linkKeys ? refHtml(key) : e(key)}</td>${cells}<td>${c.total}</td></tr>`;
    })
    .join('\n');
  return `<table class="matrix ${kind}">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function filters(result: RunResult): string {
  const counts = countOutcomes(result.scenarios);
  const levels = countByLevel(result.scenarios);
  const outcomeButtons = OUTCOMES.map(
    (o) => `<button type="button" class="o-${o}" data-filter="outcome" data-value="${o}" aria-pressed="true">${o} (${counts[o]})</button>`,
  ).join('');
  const levelButtons = levels
    .map(([l, c]) => `<button type="button" data-filter="level" data-value="${e(l)}" aria-pressed="true">${e(l)} (${c.total})</button>`)
    .join('');
  return `<div class="filters" role="toolbar" aria-label="Filter scenarios">
<span class="label">Outcome</span>${outcomeButtons}
<span class="label">Level</span>${levelButtons}
<span class="label">Id</span><input id="q" type="search" placeholder="filter by id" aria-label="filter by id">
<button type="button" id="all">show all</button>
<button type="button" id="download">download result.json</button>
</div>`;
}

function scenarioRow(s: ScenarioResult): string {
  const attrs = `class="o-${s.outcome}" data-outcome="${s.outcome}" data-level="${e(s.level)}" data-id="${e(s.id)}"`;
  const row = `<span class="row"><span class="badge">${s.outcome}</span><span class="level">${e(s.level)}</span><code>${e(s.id)}</code><span class="muted">${e(s.title)}</span></span>`;
  if (s.outcome === 'pass') return `<li ${attrs}><div class="row">${row}</div></li>`;
  return `<li ${attrs}><details><summary>${row}</summary>\n<div class="detail">${detail(s)}</div></details></li>`;
}

function detail(s: ScenarioResult): string {
  const items: Array<[string, string]> = [];
  if (s.reason !== undefined) items.push(['Why', e(s.reason)]);
  if (s.expected !== undefined) items.push(['Expected', `<code>${e(s.expected)}</code>`]);
  if (s.actual !== undefined) items.push(['Actual', `<code>${e(s.actual)}</code>`]);
  if (s.capability !== undefined) items.push(['Capability', e(s.capability)]);
  items.push(['Section', refHtml(s.section)]);
  if (s.refs.length > 0) items.push(['Refs', s.refs.map(refHtml).join(', ')]);
  items.push(['Family', e(s.family)], ['Duration', e(formatDuration(s.durationMs))]);
  const parts = [`<dl>${items.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`];
  for (const ex of s.exchanges ?? []) parts.push(exchangeHtml(ex));
  if (s.curl !== undefined) parts.push(`<div><strong>Reproduce</strong><pre class="curl">${e(s.curl)}</pre></div>`);
  return parts.join('\n');
}

function exchangeHtml(ex: Exchange): string {
  const t = exchangeText(ex);
  return `<div class="exchange"><h4>${e(exchangeTitle(ex))}</h4><div class="pair">` +
    `<div><span class="muted">request</span><pre>${e(t.request)}</pre></div>` +
    `<div><span class="muted">response</span><pre>${e(t.response)}</pre></div></div></div>`;
}

function refHtml(ref: string): string {
  const l = refLink(ref);
  return l.href ? `<a href="${e(l.href)}" rel="noopener noreferrer">${e(l.text)}</a>` : e(l.text);
}

function leftovers(result: RunResult): string {
  if (result.leftovers.length === 0) return '';
  const rows = result.leftovers
    .map((l) => `<tr><td>${e(l.kind)}</td><td><code>${e(l.id)}</code></td><td>${e(l.location)}</td><td>${e(l.reason)}</td></tr>`)
    .join('\n');
  return `<section>\n<h2>Leftovers (${result.leftovers.length})</h2>\n<p class="muted">Resources the suite created and could not delete.</p>\n<table class="leftovers"><thead><tr><th>Kind</th><th>Id</th><th>Location</th><th>Why</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table>\n</section>`;
}
