// The Markdown view, for a pull request comment or an issue: counts first, then every scenario
// that needs attention with expected/actual, its HTTP exchanges and a curl line to reproduce it.
import { OUTCOMES } from '../schemas/run-result.ts';
import type { Exchange, Outcome, RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { exchangeText, exchangeTitle } from './exchange-text.ts';
import { refLink } from './refs.ts';
import { capabilityList, countByLevel, countBySection, countOutcomes, formatDuration, summaryLine, targetTitle, withOutcome } from './tally.ts';
import type { Counts } from './tally.ts';
import { idpCompatibility, idpHeadline, notHandledText, notTestedTexts, strictView } from './idp-section.ts';
import { suggestTemplate, templateHintJson } from './template-hint.ts';

export const OUTCOME_ICON: Record<Outcome, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  unsupported: '⏭️',
  blocked: '🚧',
  error: '💥',
};

/** Exchanges longer than this are folded in a <details> element. */
const FOLD_LINES = 25;
const FOLD_CHARS = 1500;
/** GitHub caps a comment at 65,536 characters; one hostile body must not eat it all. */
const BODY_CAP = 6000;

export function renderMarkdown(result: RunResult): string {
  const { run, scenarios } = result;
  const counts = countOutcomes(scenarios);
  const out: string[] = [];

  out.push(`## SCIM conformance: ${text(targetTitle(run))}`, '');
  out.push(`**${summaryLine(counts)}**`, '');
  out.push(countsTable('', [['all', counts]], false), '');

  const caps = capabilityList(run);
  out.push(
    `- **Target:** ${text(run.target.url)}${run.target.embedded ? ' (embedded reference server)' : ''}`,
    `- **Profile:** ${text(run.profile)} · **Seed:** ${run.seed} · **Suite:** ${text(run.suite.name)} ${text(run.suite.version)}`,
    `- **Capabilities:** ${caps.on.join(', ') || 'none'}${caps.off.length > 0 ? ` (not advertised: ${caps.off.join(', ')})` : ''}`,
    `- **Discovery:** ${run.discovery.source}${run.discovery.notes.length > 0 ? ` — ${run.discovery.notes.map(text).join('; ')}` : ''}`,
    `- **Started:** ${text(run.startedAt)} · **Duration:** ${formatDuration(run.durationMs)}`,
  );
  for (const n of run.notes) out.push(`- **Note:** ${text(n)}`);
  out.push('');

  out.push('<details><summary>Counts by RFC section and by level</summary>', '');
  out.push(countsTable('Section', countBySection(scenarios), true), '');
  out.push(countsTable('Level', countByLevel(scenarios), false), '');
  out.push('</details>', '');
  out.push(...compatibilityBlocks(result));

  const detailed: Array<[Outcome, string]> = [
    ['fail', 'Failures'],
    ['error', 'Errors'],
    ['blocked', 'Blocked'],
  ];
  for (const [outcome, heading] of detailed) {
    const list = withOutcome(scenarios, outcome);
    if (list.length === 0) continue;
    out.push(`### ${OUTCOME_ICON[outcome]} ${heading} (${list.length})`, '');
    for (const s of list) out.push(...scenarioBlock(s));
  }

  const hint = suggestTemplate(result);
  if (hint) {
    out.push('### Suggested data template', '', 'The target refused the resources the suite creates. Add this to the config file (`--config`) and run again:', '');
    out.push(fence(templateHintJson(hint), 'json'), '');
    for (const b of hint.because) out.push(`- The target said: ${text(b)}`);
    out.push('');
  }

  const warns = withOutcome(scenarios, 'warn');
  if (warns.length > 0) {
    out.push(`### ${OUTCOME_ICON.warn} Warnings (${warns.length})`, '');
    out.push('| Scenario | Level | Why | Refs |', '|---|---|---|---|');
    for (const s of warns) out.push(`| ${code(s.id)} | ${s.level} | ${text(s.reason ?? s.title)} | ${refs(s.refs)} |`);
    out.push('');
  }

  const unsupported = withOutcome(scenarios, 'unsupported');
  if (unsupported.length > 0) {
    out.push(`### ${OUTCOME_ICON.unsupported} Unsupported (${unsupported.length})`, '');
    out.push('| Scenario | Level | Capability | Why |', '|---|---|---|---|');
    for (const s of unsupported) {
      out.push(`| ${code(s.id)} | ${s.level} | ${text(s.capability ?? '')} | ${text(s.reason ?? '')} |`);
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

/** IdP compatibility and, under a vendor profile, the strict RFC 7644 view. */
function compatibilityBlocks(result: RunResult): string[] {
  const out: string[] = [];
  const rows = idpCompatibility(result);
  if (rows.length > 0) {
    out.push('### IdP compatibility', '');
    for (const row of rows) {
      out.push(`- **${text(idpHeadline(row))}**`);
      for (const s of row.notHandled) out.push(`  - Not handled: ${text(notHandledText(s))}.`);
      for (const n of notTestedTexts(row)) out.push(`  - Not tested: ${text(n)}`);
    }
    out.push('');
  }
  const view = strictView(result);
  if (view) {
    const c = view.counts;
    out.push('### Strict RFC 7644 view', '');
    out.push(`Judged against RFC 7644 itself instead of the ${text(view.profile)} profile: ${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.unsupported} not judged.`, '');
    if (view.deviations.length > 0) {
      out.push('| Documented deviation | Level | Scenarios |', '|---|---|---:|');
      for (const d of view.deviations) out.push(`| ${text(d.description)} | ${d.level} | ${d.scenarios.length} |`);
      out.push('');
    }
    if (view.undocumented.length > 0) out.push(`Strict misses the profile does not document: ${view.undocumented.map((s) => code(s.id)).join(', ')}`, '');
  }
  return out;
}

function scenarioBlock(s: ScenarioResult): string[] {
  const out = [`#### ${code(s.id)} — ${text(s.title)}`, ''];
  out.push(`- **Level:** ${s.level} · **Section:** ${link(s.section)} · **Refs:** ${refs(s.refs)}`);
  if (s.reason !== undefined) out.push(`- **Why:** ${text(s.reason)}`);
  if (s.expected !== undefined) out.push(`- **Expected:** ${text(s.expected)}`);
  if (s.actual !== undefined) out.push(`- **Actual:** ${text(s.actual)}`);
  out.push('');
  (s.exchanges ?? []).forEach((ex, i) => out.push(...exchangeBlock(ex, i + 1), ''));
  if (s.curl !== undefined) out.push('Reproduce:', '', fence(s.curl, 'sh'), '');
  return out;
}

function exchangeBlock(ex: Exchange, n: number): string[] {
  const capped: Exchange = {
    ...ex,
    ...(ex.requestBody !== undefined ? { requestBody: cap(ex.requestBody) } : {}),
    ...(ex.responseBody !== undefined ? { responseBody: cap(ex.responseBody) } : {}),
  };
  const t = exchangeText(capped);
  const body = fence(`${t.request}\n\n${t.response}`, 'http');
  const title = `Exchange ${n} — ${exchangeTitle(ex)}`;
  const long = body.length > FOLD_CHARS || body.split('\n').length > FOLD_LINES;
  if (!long) return [`${text(title)}`, '', body];
  // <summary> is HTML, not Markdown: escape it as HTML.
  return [`<details><summary>${html(title)}</summary>`, '', body, '', '</details>'];
}

function cap(body: string): string {
  if (body.length <= BODY_CAP) return body;
  return `${body.slice(0, BODY_CAP)}\n[… cut at ${BODY_CAP} of ${body.length} characters; the full body is in result.json]`;
}

function countsTable(first: string, rows: Array<[string, Counts]>, linkKeys: boolean): string {
  const header = `| ${first} | ${OUTCOMES.map((o) => `${OUTCOME_ICON[o]} ${o}`).join(' | ')} | total |`;
  const rule = `|---|${OUTCOMES.map(() => '---:|').join('')}---:|`;
  const lines = rows.map(([k, c]) => `| ${linkKeys ? link(k) : text(k)} | ${OUTCOMES.map((o) => c[o]).join(' | ')} | ${c.total} |`);
  return [header, rule, ...lines].join('\n');
}

function refs(list: string[]): string {
  return list.map(link).join(', ');
}

function link(ref: string): string {
  const l = refLink(ref);
  return l.href ? `[${text(l.text)}](${l.href})` : text(l.text);
}

/** Plain text in Markdown: no HTML, no emphasis, no table breaks, one line. */
export function text(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An inline code span that survives backticks and pipes inside the text. */
export function code(s: string): string {
  const flat = s.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run inside, so a body cannot close it. */
export function fence(body: string, lang: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${lang}\n${body}\n${ticks}`;
}
