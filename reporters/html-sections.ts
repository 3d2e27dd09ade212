// The static parts of the HTML report: gate banner, the findings ("N distinct problems"), the
// IdP and strict views, run details, count tables and leftovers. Every piece of result data goes
// through escapeHtml; links are RFC links or "#anchors" inside the page.
import { OUTCOMES } from '../schemas/run-result.ts';
import type { RunResult, ScenarioResult } from '../schemas/run-result.ts';
import type { FindingsView, ProblemView } from './findings-view.ts';
import { findingAnchor, notRunLine, problemsHeadline, reachText, scenarioAnchor } from './findings-view.ts';
import type { GateView } from './gate-verdict.ts';
import { escapeHtml as e } from './html-escape.ts';
import { ALSO_SEEN_INTRO, alsoSeen, alsoSeenText, idpCompatibility, idpHeadline, notHandledText, notTestedGroups, notTestedText, strictView } from './idp-section.ts';
import { fragment } from './markdown-text.ts';
import { refLink } from './refs.ts';
import { capabilityList, countByLevel, countBySection, formatDuration } from './tally.ts';
import { suggestTemplate, templateHintJson } from './template-hint.ts';

/** A finding's references are the union over its scenarios; the first few say enough. */
export const REFS_SHOWN = 6;

export function shownRefs(refs: readonly string[]): readonly string[] {
  return refs.slice(0, REFS_SHOWN);
}

export function refHtml(ref: string): string {
  const l = refLink(ref);
  return l.href ? `<a href="${e(l.href)}" rel="noopener noreferrer">${e(l.text)}</a>` : e(l.text);
}

/** An in-page link: "#<id>", percent-encoded where a fragment needs it, so any key or id survives. */
export function hashHref(id: string): string {
  return fragment(id);
}

export function scenarioLink(id: string, text: string = id): string {
  return `<a href="${e(hashHref(scenarioAnchor(id)))}">${e(text)}</a>`;
}

export function findingLink(p: ProblemView, text = `#${p.number} ${p.title}`): string {
  return `<a href="${e(hashHref(findingAnchor(p.key)))}">${e(text)}</a>`;
}

export function gateBanner(gate: GateView, result: RunResult): string {
  const notRun = notRunLine(result);
  return `<section id="gate" class="gate ${gate.passed ? 'pass' : 'fail'}" data-exit="${gate.exitCode}">
<strong>${e(gate.headline)}</strong>
<p>${e(gate.detail)}</p>${notRun ? `\n<p class="notrun">${e(notRun)}</p>` : ''}
</section>`;
}

export function findingsSection(view: FindingsView, result: RunResult): string {
  const heading = `<h2>${e(problemsHeadline(view))}</h2>`;
  const legacy = view.problems.some((p) => p.hint !== undefined) ? undefined : suggestTemplate(result);
  const legacyHint = legacy
    ? `\n<div class="hint"><p>The target refused the resources the suite creates. Add this to the config file (<code>--config</code>) and run again:</p><pre class="copyable">${e(templateHintJson(legacy))}</pre></div>`
    : '';
  if (view.problems.length === 0) return `<section id="problems">\n${heading}\n<p class="muted">Every scenario that ran passed or was not supported by the target.</p>\n</section>`;
  const items = view.problems.map((p) => findingItem(p));
  return `<section id="problems">\n${heading}\n<ol class="findings">\n${items.join('\n')}\n</ol>${legacyHint}\n</section>`;
}

function findingItem(p: ProblemView): string {
  const refs = shownRefs(p.refs).map(refHtml).join(', ') + (p.refs.length > REFS_SHOWN ? ` <span class="muted">(+${p.refs.length - REFS_SHOWN} more)</span>` : '');
  const many = p.scenarios.length > 1;
  const show = many ? ` · <a href="${e(`#finding=${encodeURIComponent(p.key)}`)}">show its ${p.scenarios.length} scenarios</a>` : '';
  const hint = p.hint !== undefined
    ? `\n<div class="hint"><p>This is a set-up problem: add this to the config file (<code>--config</code>) and run again:</p><pre class="copyable">${e(p.hint)}</pre></div>`
    : '';
  const ungrouped = p.ungrouped ? ' <span class="muted">(not grouped: the result names no finding for it)</span>' : '';
  const example = `\n<details class="example"><summary><span class="sum">Example: ${scenarioLink(p.example.scenario)} <span class="muted">— ${e(p.example.reason)}</span></span></summary>` +
    `<div class="example-body" data-render="${e(p.example.scenario)}"></div></details>`;
  return `<li id="${e(findingAnchor(p.key))}" class="finding o-${p.outcome}" data-key="${e(p.key)}" data-outcome="${p.outcome}" data-level="${e(p.level)}">
<div class="fhead"><span class="num">#${p.number}</span><span class="badge">${p.outcome}</span><span class="level">${e(p.level)}</span><span class="ftitle">${e(p.title)}</span></div>
<div class="fmeta">${e(reachText(p))}${show}${refs ? ` · ${refs}` : ''} · <code>${e(p.key)}</code>${ungrouped}</div>${hint}${example}
</li>`;
}

/** IdP compatibility and, under a vendor profile, the strict RFC 7644 view; empty when neither applies. */
export function compatibility(result: RunResult, view: FindingsView): string {
  const parts: string[] = [];
  const rows = idpCompatibility(result);
  if (rows.length > 0) {
    const shapeLink = (s: ScenarioResult, text: string) => scenarioLink(s.id, text);
    const items = rows.map((row) => {
      const sub = [
        ...row.notHandled.map((s) => {
          const p = view.byScenario.get(s.id);
          return `<li>Not handled: ${shapeLink(s, notHandledText(s))}${p ? ` <span class="muted">(${findingLink(p, `finding #${p.number}`)})</span>` : ''}.</li>`;
        }),
        ...notTestedGroups(row).map((g) => `<li class="muted">Not tested: ${e(notTestedText(g))} ${g.shapes.map((s) => scenarioLink(s.id)).join(', ')}</li>`),
      ];
      if (row.works.length > 0) {
        sub.push(`<li><details><summary><span class="sum">Works: ${row.works.length} shape${row.works.length === 1 ? '' : 's'}</span></summary><ul>${row.works.map((s) => `<li>${shapeLink(s, s.title)}</li>`).join('')}</ul></details></li>`);
      }
      return `<li data-idp="${e(row.client)}"><strong>${e(idpHeadline(row))}</strong>${sub.length > 0 ? `<ul>${sub.join('')}</ul>` : ''}</li>`;
    });
    const also = alsoSeen(result);
    const alsoHtml = also.length > 0
      ? `\n<div class="also"><p>${e(ALSO_SEEN_INTRO)}</p><ul>${also.map((p) => `<li>${findingLink(p, alsoSeenText(p))}</li>`).join('')}</ul></div>`
      : '';
    parts.push(`<section class="idp" id="idp">\n<h2>IdP compatibility</h2>\n<ul>\n${items.join('\n')}\n</ul>${alsoHtml}\n</section>`);
  }
  const strict = strictView(result);
  if (strict) {
    const c = strict.counts;
    const rowsHtml = strict.deviations.map((d) => `<tr><td>${e(d.description)}</td><td>${e(d.level)}</td><td>${d.scenarios.length}</td></tr>`).join('\n');
    parts.push(
      `<section class="strict">\n<h2>Strict RFC 7644 view</h2>\n<p>Judged against RFC 7644 itself instead of the ${e(strict.profile)} profile: ${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.unsupported} not judged.</p>` +
        (strict.deviations.length > 0 ? `\n<table class="leftovers"><thead><tr><th>Documented deviation</th><th>Level</th><th>Scenarios</th></tr></thead>\n<tbody>\n${rowsHtml}\n</tbody></table>` : '') +
        (strict.undocumented.length > 0 ? `\n<p>Strict misses the profile does not document: ${strict.undocumented.map((s) => scenarioLink(s.id)).join(', ')}</p>` : '') +
        '\n</section>',
    );
  }
  return parts.join('\n');
}

export function runInfo(result: RunResult): string {
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
  if (run.shard) items.push(['Shard', `${run.shard.index} of ${run.shard.count}`]);
  for (const n of run.notes) items.push(['Note', e(n)]);
  return `<dl class="run">\n${items.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}\n</dl>`;
}

export function countTables(result: RunResult): string {
  return `<section>\n<details><summary><span class="sum"><strong>Counts by RFC section and by level</strong></span></summary>
${matrix('Section', countBySection(result.scenarios), true, 'by-section')}
${matrix('Level', countByLevel(result.scenarios), false, 'by-level')}
</details>\n</section>`;
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

export function leftovers(result: RunResult): string {
  if (result.leftovers.length === 0) return '';
  const rows = result.leftovers
    .map((l) => `<tr><td>${e(l.kind)}</td><td><code>${e(l.id)}</code></td><td>${e(l.location)}</td><td>${e(l.reason)}</td></tr>`)
    .join('\n');
  return `<section>\n<h2>Leftovers (${result.leftovers.length})</h2>\n<p class="muted">Resources the suite created and could not delete.</p>\n<table class="leftovers"><thead><tr><th>Kind</th><th>Id</th><th>Location</th><th>Why</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table>\n</section>`;
}
