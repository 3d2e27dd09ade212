// The data the HTML report embeds once (as JSON) and renders on demand when a row is expanded.
// Every scenario's details are here, but exchanges are budgeted: a finding's representative
// always has its exchanges in full; the others keep theirs while the budget lasts, then only each
// exchange's title line (method, URL, status; result.json beside the report has everything).
// That keeps a run with hundreds of failures from one cause a page a browser opens in a blink.
import type { Exchange, RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { exchangeText, exchangeTitle } from './exchange-text.ts';
import type { FindingsView } from './findings-view.ts';
import { attentionOrder } from './findings-view.ts';
import { refLink } from './refs.ts';

/** Characters of rendered exchanges the report carries for scenarios that are not a representative. */
export const BODY_BUDGET = 250_000;
const MIN_BUDGET = 50_000;
const PER_PROBLEM = 600;
/** Any single body longer than this is cut, representative or not. */
export const BODY_CAP = 20_000;

export interface ExchangeView {
  /** Title line: "patch: PATCH https://… → 200 (41 ms)". */
  t: string;
  /** Request text and response text, as exchange-text renders them. */
  q: string;
  p: string;
  /** Only the title line is here (budget spent): q and p are empty. */
  cut?: boolean;
}

export interface ScenarioData {
  id: string;
  fam: string;
  ms: number;
  /** Section and references as text; ReportData.links has the URL of those that link somewhere. */
  sec: string;
  refs: string[];
  r?: string;
  e?: string;
  a?: string;
  c?: string;
  curl?: string;
  /** scimType keywords seen in the answers, for search. */
  scim?: string[];
  x?: ExchangeView[];
}

export interface ReportData {
  scenarios: ScenarioData[];
  /** Reference text → URL, once for the whole report (most scenarios share their RFC sections). */
  links: Record<string, string>;
  /** Problem scenarios whose exchange bodies were left out of this report. */
  cut: number;
}

function capBody(body: string | undefined): string | undefined {
  if (body === undefined || body.length <= BODY_CAP) return body;
  return `${body.slice(0, BODY_CAP)}\n[… cut at ${BODY_CAP} of ${body.length} characters; result.json has the whole body]`;
}

export function exchangeView(ex: Exchange, withBodies: boolean): ExchangeView {
  if (withBodies) {
    const capped: Exchange = { ...ex, requestBody: capBody(ex.requestBody), responseBody: capBody(ex.responseBody) };
    const t = exchangeText(capped);
    return { t: exchangeTitle(ex), q: t.request, p: t.response };
  }
  // Past the budget an exchange is its title line only (method, URL, status): the rest is in result.json.
  return { t: exchangeTitle(ex), q: '', p: '', cut: true };
}

/** What the exchanges of a scenario cost in the page: their rendered text. */
function renderedSize(views: readonly ExchangeView[]): number {
  return views.reduce((n, x) => n + x.t.length + x.q.length + x.p.length, 0);
}

/** Every problem row costs its own details too, so a long list leaves less room for exchanges. */
export function exchangeBudget(problemScenarios: number): number {
  return Math.max(MIN_BUDGET, BODY_BUDGET - PER_PROBLEM * problemScenarios);
}

function scimTypes(s: ScenarioResult): string[] {
  const seen = new Set<string>();
  for (const ex of s.exchanges ?? []) {
    for (const m of (ex.responseBody ?? '').matchAll(/"scimType"\s*:\s*"([A-Za-z]{1,40})"/g)) seen.add(m[1]!);
  }
  return [...seen];
}

export function reportData(result: RunResult, view: FindingsView): ReportData {
  const representatives = new Set(view.problems.map((p) => p.example.scenario));
  let budget = exchangeBudget(view.byScenario.size);
  let cut = 0;
  const exchanges = new Map<string, ExchangeView[]>();
  // Spend the budget on the scenarios people look at first: failures, then errors, blocked, warnings.
  for (const s of attentionOrder(result.scenarios)) {
    if (!s.exchanges || s.exchanges.length === 0) continue;
    const full = s.exchanges.map((ex) => exchangeView(ex, true));
    if (representatives.has(s.id)) {
      exchanges.set(s.id, full);
      continue;
    }
    const size = renderedSize(full);
    if (size <= budget) {
      budget -= size;
      exchanges.set(s.id, full);
    } else {
      cut += 1;
      exchanges.set(s.id, s.exchanges.map((ex) => exchangeView(ex, false)));
    }
  }
  const links: Record<string, string> = {};
  const linked = (ref: string): string => {
    const l = refLink(ref);
    if (l.href && !(l.text in links)) links[l.text] = l.href;
    return l.text;
  };
  const scenarios = result.scenarios.map((s): ScenarioData => {
    const d: ScenarioData = { id: s.id, fam: s.family, ms: Math.round(s.durationMs), sec: linked(s.section), refs: s.refs.map(linked) };
    if (s.reason !== undefined) d.r = s.reason;
    if (s.expected !== undefined) d.e = s.expected;
    if (s.actual !== undefined) d.a = s.actual;
    if (s.capability !== undefined) d.c = s.capability;
    if (s.curl !== undefined) d.curl = s.curl;
    const types = scimTypes(s);
    if (types.length > 0) d.scim = types;
    const x = exchanges.get(s.id);
    if (x) d.x = x;
    return d;
  });
  return { scenarios, links, cut };
}
