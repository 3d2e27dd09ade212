// Two buyer-facing summaries every report shows: how well the target copes with what each
// identity provider actually sends (the idp family), and, under a vendor profile, the strict
// RFC 7644 view with the documented deviations that explain it. Plain sentences, no jargon.
// A shape's verdict is its scenario's outcome; problems of the checks that apply to every
// response are listed beside the verdicts ("also seen on this server"), not folded into them.
import type { Outcome, ResultLevel, RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { countOutcomes, type Counts } from './tally.ts';
import { IDP_CLIENTS } from '../scenarios/idp/index.ts';
import { findingsView, type ProblemView } from './findings-view.ts';

/**
 * Client id (second part of `idp.<client>.<shape>`) → the name a buyer knows. The list lives with
 * the IdP packs (scenarios/idp/), so a new pack only adds its entry there; an id missing from it
 * is shown as is. The order of that list is the order of the report.
 */
const CLIENT_NAMES: Readonly<Record<string, string>> = IDP_CLIENTS;

/** Shapes RFC 7644 forbids a server to honour: the report says so, so a strict server is not blamed blindly. */
const RFC_CONFLICTS: Record<string, string> = {
  'replace-mobile-phone-upsert':
    'RFC 7644 requires a server to refuse a replace whose filter matches nothing (400 noTarget), so a strictly conformant server cannot do what Entra expects here; Entra then reports the whole update as failed',
  'empty-operations':
    'RFC 7644 asks for at least one operation and a strict server answers 400; the validator counts that as a failure',
  'update-work-email-single-quoted':
    "RFC 7644's filter grammar takes JSON values, so the single-quoted 'work' is outside it and a strict server may refuse the request with 400 invalidFilter; GitHub then reports the update as failed",
};

export interface IdpRow {
  client: string;
  name: string;
  total: number;
  /** Handled as the client needs it. */
  works: ScenarioResult[];
  /** Not handled (fail, or warn: the target answered but not as the client needs). */
  notHandled: ScenarioResult[];
  /** Not judged: unsupported, blocked, error. */
  notTested: ScenarioResult[];
}

export function idpCompatibility(result: RunResult): IdpRow[] {
  const rows = new Map<string, IdpRow>();
  for (const s of result.scenarios) {
    const parts = s.id.split('.');
    if (parts[0] !== 'idp' || parts.length < 3) continue;
    const client = parts[1]!;
    const row = rows.get(client) ?? { client, name: CLIENT_NAMES[client] ?? client, total: 0, works: [], notHandled: [], notTested: [] };
    row.total += 1;
    if (s.outcome === 'pass') row.works.push(s);
    else if (s.outcome === 'fail' || s.outcome === 'warn') row.notHandled.push(s);
    else row.notTested.push(s);
    rows.set(client, row);
  }
  const order = Object.keys(CLIENT_NAMES);
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  return [...rows.values()].sort((a, b) => rank(a.client) - rank(b.client) || a.client.localeCompare(b.client));
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** One sentence about a shape the target did not handle, with the RFC conflict when there is one. */
export function notHandledText(s: ScenarioResult): string {
  const shape = s.id.split('.').slice(2).join('.');
  const conflict = RFC_CONFLICTS[shape];
  return `${lowerFirst(s.title)}${conflict ? ` (${conflict})` : ''}`;
}

/** The headline per identity provider, e.g. "Microsoft Entra ID: 14 of 15 shapes work." */
export function idpHeadline(row: IdpRow): string {
  const tested = row.total - row.notTested.length;
  if (tested === 0) return `${row.name}: not tested (${row.total} shape${row.total === 1 ? '' : 's'}).`;
  const base = `${row.name}: ${row.works.length} of ${tested} shape${tested === 1 ? '' : 's'} work${tested === 1 && row.works.length === 1 ? 's' : ''}.`;
  return row.notTested.length > 0 ? `${base} ${row.notTested.length} not tested.` : base;
}

/** Plain text lines: the headline and, indented, what is not handled or not tested; then what else was seen. */
export function idpLines(result: RunResult): string[] {
  const lines: string[] = [];
  const rows = idpCompatibility(result);
  for (const row of rows) {
    lines.push(idpHeadline(row));
    for (const s of row.notHandled) lines.push(`  Not handled: ${notHandledText(s)}.`);
    for (const n of notTestedTexts(row)) lines.push(`  Not tested: ${n}`);
  }
  const also = rows.length > 0 ? alsoSeen(result) : [];
  if (also.length > 0) lines.push(ALSO_SEEN_INTRO, ...also.map((p) => `  ${alsoSeenText(p)}`));
  return lines;
}

/** Shapes not judged, grouped by reason so one cause reads as one line. */
export function notTestedGroups(row: IdpRow): Array<{ reason: string; shapes: ScenarioResult[] }> {
  const byReason = new Map<string, ScenarioResult[]>();
  for (const s of row.notTested) {
    const reason = (s.reason ?? s.outcome).replace(/\.$/, '');
    byReason.set(reason, [...(byReason.get(reason) ?? []), s]);
  }
  return [...byReason.entries()].map(([reason, shapes]) => ({ reason, shapes }));
}

/** One line per group of shapes not judged: "<shape> — <reason>." or "3 shapes — <reason>." */
export function notTestedText(group: { reason: string; shapes: ScenarioResult[] }): string {
  const { reason, shapes } = group;
  return shapes.length === 1 ? `${lowerFirst(shapes[0]!.title)} — ${reason}.` : `${shapes.length} shapes — ${reason}.`;
}

export function notTestedTexts(row: IdpRow): string[] {
  return notTestedGroups(row).map(notTestedText);
}

/**
 * Problems of the checks that apply to every response (family `checks`: response schema,
 * meta.location, returned:never, Content-Type, ETag form) that the run found: listed beside the
 * IdP verdicts as "also seen on this server", never folded into them.
 */
export function alsoSeen(result: RunResult): ProblemView[] {
  return findingsView(result).problems.filter((p) => p.crossCutting && p.outcome !== 'blocked');
}

/** "Also seen on this server: returns the password … (fail, MUST; 57 of 61 responses)." */
export function alsoSeenText(p: ProblemView): string {
  const responses = p.responses ? `; ${p.responses.broken} of ${p.responses.checked} responses` : '';
  return `${p.title} (${p.outcome}, ${p.level}${responses})`;
}

export const ALSO_SEEN_INTRO = 'Also seen on this server (checks of every response, reported on their own and not counted in the verdicts above):';

export interface DeviationRow {
  id: string;
  level: ResultLevel;
  description: string;
  scenarios: string[];
}

export interface StrictView {
  profile: string;
  counts: Counts;
  deviations: DeviationRow[];
  /** Strict outcomes other than pass that no documented deviation explains. */
  undocumented: ScenarioResult[];
}

/** Present when the run was judged under a vendor profile (scenarios carry a strict outcome). */
export function strictView(result: RunResult): StrictView | undefined {
  const judged = result.scenarios.filter((s) => s.strict !== undefined);
  if (judged.length === 0) return undefined;
  const counts = countOutcomes(judged.map((s) => ({ ...s, outcome: s.strict as Outcome })));
  const byId = new Map<string, DeviationRow>();
  const undocumented: ScenarioResult[] = [];
  for (const s of judged) {
    if (s.deviation) {
      const row = byId.get(s.deviation.id) ?? { id: s.deviation.id, level: s.deviation.level, description: s.deviation.description, scenarios: [] };
      row.scenarios.push(s.id);
      byId.set(s.deviation.id, row);
    } else if ((s.strict === 'fail' || s.strict === 'warn') && s.strict !== s.outcome) undocumented.push(s);
  }
  return { profile: result.run.profile, counts, deviations: [...byId.values()], undocumented };
}

export function strictLines(view: StrictView): string[] {
  const c = view.counts;
  const lines = [
    `Judged strictly against RFC 7644 instead of the ${view.profile} profile: ${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.unsupported} not judged.`,
  ];
  for (const d of view.deviations) lines.push(`  [${d.level}] ${d.description} (${d.scenarios.length} scenario${d.scenarios.length === 1 ? '' : 's'})`);
  if (view.undocumented.length > 0) lines.push(`  ${view.undocumented.length} strict miss(es) that the profile does not document: ${view.undocumented.map((s) => s.id).join(', ')}`);
  return lines;
}
