// The Markdown view (report.md), the full written record for a pull request or an issue. It opens
// on the gate verdict and "N distinct problems", then each problem once in full (its
// representative scenario: expected/actual, every exchange, a curl line), then every scenario that
// needs attention as one line naming its finding. Sized for people: a cascade of 150 failures from
// 5 causes is 5 full examples and 150 lines, not 150 copies of the same exchanges.
import { OUTCOMES } from '../schemas/run-result.ts';
import type { Outcome, RunResult, ScenarioResult } from '../schemas/run-result.ts';
import type { FindingsView, ProblemView } from './findings-view.ts';
import { findingAnchor, findingsView, notRunLine, problemsHeadline, reachText, scenarioAnchor } from './findings-view.ts';
import type { GivenGate } from './gate-verdict.ts';
import { gateView } from './gate-verdict.ts';
import { ALSO_SEEN_INTRO, alsoSeen, alsoSeenText, idpCompatibility, idpHeadline, notHandledText, notTestedGroups, notTestedText, strictView } from './idp-section.ts';
import { anchor, anchorLink, clip, code, exchangeBlock, fence, link, OUTCOME_ICON, refs, text } from './markdown-text.ts';
import { capabilityList, countByLevel, countBySection, countOutcomes, formatDuration, summaryLine, targetTitle, withOutcome } from './tally.ts';
import type { Counts } from './tally.ts';
import { suggestTemplate, templateHintJson } from './template-hint.ts';

export { code, fence, OUTCOME_ICON, text } from './markdown-text.ts';

/** GitHub caps a comment at 65,536 characters; one hostile body must not eat it all. */
const BODY_CAP = 6000;
/** A scenario line quotes at most this much of its reason. */
const REASON_CHARS = 300;
/** The problems table shows the first few references of each finding; its block below has them all. */
const REFS_IN_TABLE = 4;
/** A finding lists at most this many of its other scenarios by name. */
const OTHERS_LISTED = 20;

export interface MarkdownOptions {
  gate?: GivenGate;
}

export function renderMarkdown(result: RunResult, options: MarkdownOptions = {}): string {
  const { scenarios } = result;
  const counts = countOutcomes(scenarios);
  const view = findingsView(result);
  const out: string[] = [];

  out.push(...header(result, options.gate, counts));
  out.push(...problemsTable(view));
  out.push('<details><summary>Counts by RFC section and by level</summary>', '');
  out.push(countsTable('Section', countBySection(scenarios), true), '');
  out.push(countsTable('Level', countByLevel(scenarios), false), '');
  out.push('</details>', '');
  out.push(...compatibilityBlocks(result, view));

  if (view.problems.length > 0) {
    out.push('### Problems in detail', '');
    const byId = new Map(scenarios.map((s) => [s.id, s]));
    for (const p of view.problems) out.push(...problemBlock(p, byId));
  }

  const listed: Array<[Outcome, string]> = [
    ['fail', 'Failures'],
    ['error', 'Errors'],
    ['blocked', 'Blocked'],
  ];
  for (const [outcome, heading] of listed) {
    const list = withOutcome(scenarios, outcome);
    if (list.length === 0) continue;
    out.push(`### ${OUTCOME_ICON[outcome]} ${heading} (${list.length})`, '');
    for (const s of list) out.push(`- ${anchor(scenarioAnchor(s.id))}${code(s.id)} \\[${s.level}\\] ${text(clip(s.reason ?? s.title, REASON_CHARS))}${findingRef(s, view)}`);
    out.push('');
  }

  const legacy = view.problems.some((p) => p.hint !== undefined) ? undefined : suggestTemplate(result);
  if (legacy) {
    out.push('### Suggested data template', '', 'The target refused the resources the suite creates. Add this to the config file (`--config`) and run again:', '');
    out.push(fence(templateHintJson(legacy), 'json'), '');
    for (const b of legacy.because) out.push(`- The target said: ${text(b)}`);
    out.push('');
  }

  const warns = withOutcome(scenarios, 'warn');
  if (warns.length > 0) {
    out.push(`### ${OUTCOME_ICON.warn} Warnings (${warns.length})`, '');
    out.push('| Scenario | Level | Why | Finding | Refs |', '|---|---|---|---|---|');
    for (const s of warns) {
      out.push(`| ${anchor(scenarioAnchor(s.id))}${code(s.id)} | ${s.level} | ${text(clip(s.reason ?? s.title, REASON_CHARS))} | ${findingCell(s, view)} | ${refs(s.refs)} |`);
    }
    out.push('');
  }

  const unsupported = withOutcome(scenarios, 'unsupported');
  if (unsupported.length > 0) {
    out.push(`### ${OUTCOME_ICON.unsupported} Unsupported (${unsupported.length})`, '');
    out.push('| Scenario | Level | Capability | Why |', '|---|---|---|---|');
    for (const s of unsupported) {
      out.push(`| ${anchor(scenarioAnchor(s.id))}${code(s.id)} | ${s.level} | ${text(s.capability ?? '')} | ${text(s.reason ?? '')} |`);
    }
    out.push('');
  }

  if (result.leftovers.length > 0) {
    out.push(`### Leftovers (${result.leftovers.length})`, '', 'Resources the suite created and could not delete:', '');
    out.push('| Kind | Id | Location | Why |', '|---|---|---|---|');
    for (const l of result.leftovers) out.push(`| ${text(l.kind)} | ${code(l.id)} | ${text(l.location)} | ${text(l.reason)} |`);
    out.push('');
  }
  return out.join('\n');
}

function header(result: RunResult, given: GivenGate | undefined, counts: Counts): string[] {
  const { run } = result;
  const gate = gateView(result, given);
  const notRun = notRunLine(result);
  const caps = capabilityList(run);
  const out = [`## SCIM conformance: ${text(targetTitle(run))}`, ''];
  out.push(`**${gate.passed ? '✅' : '❌'} ${text(gate.headline)}** — ${text(gate.detail)}`, '');
  out.push(`**${summaryLine(counts)}**${notRun ? ` · ${text(notRun)}` : ''}`, '');
  out.push(countsTable('', [['all', counts]], false), '');
  out.push(
    `- **Target:** ${text(run.target.url)}${run.target.embedded ? ' (embedded reference server)' : ''}`,
    `- **Profile:** ${text(run.profile)} · **Seed:** ${run.seed} · **Suite:** ${text(run.suite.name)} ${text(run.suite.version)}`,
    `- **Capabilities:** ${caps.on.join(', ') || 'none'}${caps.off.length > 0 ? ` (not advertised: ${caps.off.join(', ')})` : ''}`,
    `- **Discovery:** ${run.discovery.source}${run.discovery.notes.length > 0 ? ` — ${run.discovery.notes.map(text).join('; ')}` : ''}`,
    `- **Started:** ${text(run.startedAt)} · **Duration:** ${formatDuration(run.durationMs)}`,
  );
  for (const n of run.notes) out.push(`- **Note:** ${text(n)}`);
  out.push('');
  return out;
}

/** "### 5 distinct problems" and one table row each, linked to its block below. */
export function problemsTable(view: FindingsView): string[] {
  const out = [`### ${text(problemsHeadline(view))}`, ''];
  if (view.problems.length === 0) return [...out, 'Every scenario that ran passed or was not supported by the target.', ''];
  out.push('| # | Problem | Outcome | Level | Affects | Refs |', '|---:|---|---|---|---|---|');
  for (const p of view.problems) {
    const hint = p.hint !== undefined ? ' (set-up: a config template fixes it)' : '';
    const more = p.refs.length > REFS_IN_TABLE ? ` (+${p.refs.length - REFS_IN_TABLE} more)` : '';
    out.push(`| ${p.number} | ${anchorLink(text(p.title), findingAnchor(p.key))}${hint} | ${OUTCOME_ICON[p.outcome]} ${p.outcome} | ${p.level} | ${text(reachText(p))} | ${refs(p.refs.slice(0, REFS_IN_TABLE))}${more} |`);
  }
  out.push('');
  return out;
}

function problemBlock(p: ProblemView, byId: ReadonlyMap<string, ScenarioResult>): string[] {
  const out = [`${anchor(findingAnchor(p.key))}`, '', `#### ${p.number}. ${OUTCOME_ICON[p.outcome]} ${text(p.title)}`, ''];
  out.push(`- **Outcome:** ${p.outcome} · **Level:** ${p.level} · **Affects:** ${text(reachText(p))}${p.refs.length > 0 ? ` · **Refs:** ${refs(p.refs)}` : ''}`);
  out.push(`- **Key:** ${code(p.key)}${p.ungrouped ? ' (not grouped: the result names no finding for this scenario)' : ''}`, '');
  if (p.hint !== undefined) {
    out.push('This is a set-up problem. Add this to the config file (`--config`) and run again:', '', fence(p.hint, 'json'), '');
  }
  const ex = byId.get(p.example.scenario);
  out.push(`**Example:** ${anchorLink(code(p.example.scenario), scenarioAnchor(p.example.scenario))}${ex ? ` — ${text(ex.title)}` : ''}`, '');
  if (ex) {
    out.push(`- **Why:** ${text(ex.reason ?? p.example.reason)}`);
    if (ex.expected !== undefined) out.push(`- **Expected:** ${text(ex.expected)}`);
    if (ex.actual !== undefined) out.push(`- **Actual:** ${text(ex.actual)}`);
    out.push(`- **Level:** ${ex.level} · **Section:** ${link(ex.section)} · **Refs:** ${refs(ex.refs)}`, '');
    (ex.exchanges ?? []).forEach((x, i) => out.push(...exchangeBlock(x, i + 1, BODY_CAP), ''));
    if (ex.curl !== undefined) out.push('Reproduce:', '', fence(ex.curl, 'sh'), '');
  } else {
    out.push(`- **Why:** ${text(p.example.reason)}`, '');
  }
  const others = p.scenarios.filter((id) => id !== p.example.scenario);
  if (others.length > 0) {
    const named = others.slice(0, OTHERS_LISTED).map((id) => anchorLink(code(id), scenarioAnchor(id)));
    const more = others.length > OTHERS_LISTED ? ` and ${others.length - OTHERS_LISTED} more` : '';
    const known = others.filter((id) => byId.has(id)).length;
    out.push(`Also affects ${others.length} other scenario${others.length === 1 ? '' : 's'}${known > 0 ? ' (one line each below; result.json has their exchanges)' : ''}: ${named.join(', ')}${more}`, '');
  }
  return out;
}

function findingRef(s: ScenarioResult, view: FindingsView): string {
  const p = view.byScenario.get(s.id);
  if (!p) return '';
  const own = p.example.scenario === s.id ? ' (its example, shown above)' : '';
  return ` — finding ${anchorLink(`#${p.number} ${text(clip(p.title, 120))}`, findingAnchor(p.key))}${own}`;
}

function findingCell(s: ScenarioResult, view: FindingsView): string {
  const p = view.byScenario.get(s.id);
  return p ? anchorLink(`#${p.number}`, findingAnchor(p.key)) : '';
}

/** IdP compatibility and, under a vendor profile, the strict RFC 7644 view. */
function compatibilityBlocks(result: RunResult, view: FindingsView): string[] {
  const out: string[] = [];
  const rows = idpCompatibility(result);
  const shape = (s: ScenarioResult, label: string) => anchorLink(text(label), scenarioAnchor(s.id));
  if (rows.length > 0) {
    out.push('### IdP compatibility', '');
    for (const row of rows) {
      out.push(`- **${text(idpHeadline(row))}**`);
      for (const s of row.notHandled) {
        const p = view.byScenario.get(s.id);
        out.push(`  - Not handled: ${shape(s, notHandledText(s))}${p ? ` (finding ${anchorLink(`#${p.number}`, findingAnchor(p.key))})` : ''}.`);
      }
      for (const g of notTestedGroups(row)) out.push(`  - Not tested: ${text(notTestedText(g))} ${g.shapes.map((s) => anchorLink(code(s.id), scenarioAnchor(s.id))).join(', ')}`);
    }
    out.push('');
    const also = alsoSeen(result);
    if (also.length > 0) {
      out.push(text(ALSO_SEEN_INTRO), '');
      for (const p of also) out.push(`- ${anchorLink(text(alsoSeenText(p)), findingAnchor(p.key))}`);
      out.push('');
    }
  }
  const strict = strictView(result);
  if (strict) {
    const c = strict.counts;
    out.push('### Strict RFC 7644 view', '');
    out.push(`Judged against RFC 7644 itself instead of the ${text(strict.profile)} profile: ${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.unsupported} not judged.`, '');
    if (strict.deviations.length > 0) {
      out.push('| Documented deviation | Level | Scenarios |', '|---|---|---:|');
      for (const d of strict.deviations) out.push(`| ${text(d.description)} | ${d.level} | ${d.scenarios.length} |`);
      out.push('');
    }
    if (strict.undocumented.length > 0) out.push(`Strict misses the profile does not document: ${strict.undocumented.map((s) => code(s.id)).join(', ')}`, '');
  }
  return out;
}

export function countsTable(first: string, rows: Array<[string, Counts]>, linkKeys: boolean): string {
  const header = `| ${first} | ${OUTCOMES.map((o) => `${OUTCOME_ICON[o]} ${o}`).join(' | ')} | total |`;
  const rule = `|---|${OUTCOMES.map(() => '---:|').join('')}---:|`;
  const lines = rows.map(([k, c]) => `| ${linkKeys ? link(k) : text(k)} | ${OUTCOMES.map((o) => c[o]).join(' | ')} | ${c.total} |`);
  return [header, rule, ...lines].join('\n');
}
