// Findings: the distinct problems (root causes) behind a run's outcomes. Every fail, warn, blocked
// and error outcome carries a finding key (ScenarioResult.finding); this module names the keys and
// folds the outcomes into findings after the run. A key never depends on the scenario, only on the
// kind of problem, so one quirk of a server is one finding however many scenarios it touches.
import type { Finding, ProblemOutcome, ResultLevel, ScenarioResult } from '../schemas/run-result.ts';
import { CHECKS } from '../scenarios/checks.ts';
import { PROTOCOL_TITLES } from './protocol-titles.ts';

/** A problem the judge (or a stage of the runner) found: its finding key and the scenario's own words. */
export interface Problem {
  key: string;
  text: string;
}

export function problem(key: string, text: string): Problem {
  return { key, text };
}

/** Per-key facts only the run knows: the responses a cross-cutting check saw, a template hint. */
export interface FindingExtras {
  responses?: { broken: number; checked: number };
  hint?: string;
  /** A title more precise than the key's generic one (a blocked set-up names the refused attribute). */
  title?: string;
}

const OUTCOME_RANK: Record<ProblemOutcome, number> = { fail: 0, error: 1, blocked: 2, warn: 3 };
const LEVEL_RANK: Record<ResultLevel, number> = { MUST: 0, DERIVED: 1, AMBIG: 2, SHOULD: 3, MAY: 4, INTEROP: 5 };

/** Keys of the form "code" or "code:arg:arg"; arguments never contain ':' (they are sanitised). */
export function findingKey(code: string, ...args: Array<string | number | undefined>): string {
  const parts = args.filter((a): a is string | number => a !== undefined).map((a) => String(a).replace(/[:\s]+/g, '-'));
  return [code, ...parts].join(':');
}

type Titler = (args: string[]) => string;

const TITLES: Record<string, Titler> = {
  status: ([want, got]) => `Answers ${got} where ${want?.replace(/\|/g, ' or ')} is required`,
  'scim-type': ([got]) => (got === 'none' ? 'Errors without the scimType RFC 7644 Table 9 requires' : `Errors answered with scimType "${got}" where RFC 7644 Table 9 requires another`),
  'error-body': ([what]) => ERROR_BODY[what ?? ''] ?? 'Error responses are not SCIM Error messages (RFC 7644 §3.12)',
  'failed-request-changed': () => 'A rejected request still changed the resource (RFC 7644 §3.5.2: PATCH is atomic)',
  version: ([what]) => VERSION[what ?? ''] ?? 'meta.version / meta.lastModified do not follow the changes',
  state: ([what]) => STATE[what ?? ''] ?? 'The resulting resource differs from what RFC 7644 defines',
  'success-body': ([what]) => (what === '204-with-body' ? 'A 204 answer carries a body' : 'A 200 answer without the resource (RFC 7644 §3.5.2 requires the resource with 200)'),
  'read-back': ([status]) => `Reading a resource back after a change answers ${status}`,
  assertion: ([kind]) => ASSERTION[kind ?? ''] ?? 'A returned attribute is not what the request asked for',
  'attributes-ignored': () => 'The attributes / excludedAttributes parameters are ignored (RFC 7644 §3.9)',
  'returned-never': () => 'A returned:"never" attribute (password) is returned (RFC 7643 §2.2, §4.1.1)',
  bystander: () => 'A request for one resource changed another resource',
  'id-changed': () => "A request changes a resource's id, which is readOnly and the server's to assign (RFC 7643 §3.1)",
  'server-error-on-client-mistake': () => 'Client mistakes are answered with a 5xx instead of a 4xx (RFC 7644 §3.12)',
  'setup-refused': ([kind, what]) => `The target refuses the suite's set-up ${kind ?? 'resource'}${what ? ` (${what})` : ''}`,
  'target-error': ([kind]) => TARGET_ERROR[kind ?? ''] ?? `The target failed (${kind ?? 'unknown'})`,
  'not-expressible': () => "A request the vendor's PATCH dialect cannot express",
  internal: () => 'An internal error of the suite (please report it)',
  check: ([id]) => CHECKS.find((c) => c.id === id)?.title ?? `Cross-cutting check ${id ?? ''} broken`,
  list: ([what]) => LIST[what ?? ''] ?? 'A list or search answer is not what RFC 7644 §3.4.2 defines',
  put: ([what]) => PUT[what ?? ''] ?? 'PUT does not replace the resource as RFC 7644 §3.5.1 defines',
  delete: ([what, status]) => (what === 'read-after' ? `Reading a deleted resource answers ${status ?? 'another status'} instead of 404 (RFC 7644 §3.6)` : (DELETE[what ?? ''] ?? 'DELETE does not behave as RFC 7644 §3.6 defines')),
  create: ([what]) => CREATE[what ?? ''] ?? 'A create does not behave as RFC 7644 §3.3 defines',
  ...PROTOCOL_TITLES,
};

const LIST: Record<string, string> = {
  'not-matching': 'A filtered list or search answers other resources than the filter matches (RFC 7644 §3.4.2.2)',
  'total-results': 'totalResults is not the number of resources the query matches (RFC 7644 §3.4.2)',
  'items-per-page': 'itemsPerPage is not the number of resources on the page (RFC 7644 §3.4.2)',
  'start-index': 'startIndex is not honoured or not echoed (RFC 7644 §3.4.2.4)',
  'page-size': 'A page holds more resources than count allows (RFC 7644 §3.4.2.4)',
  order: 'Results are not in the order sortBy / sortOrder ask for (RFC 7644 §3.4.2.3)',
  'page-walk': 'Walking the pages of a query loses or repeats resources (RFC 7644 §3.4.2.4, RFC 9865)',
  'not-a-list': 'A list or search is not answered with a ListResponse (RFC 7644 §3.4.2)',
  cursor: 'Cursor pagination does not follow RFC 9865 (nextCursor)',
};

const PUT: Record<string, string> = {
  state: 'A PUT leaves another resource than the full replacement RFC 7644 §3.5.1 defines',
  oracle: 'The scenario and the PUT oracle disagree (a bug of the suite)',
};
const DELETE: Record<string, string> = {
  'still-there': 'A deleted resource can still be read (RFC 7644 §3.6 requires 404)',
  'member-left': 'A deleted user stays a member of its groups',
};
const CREATE: Record<string, string> = {
  'read-only-kept': 'A create takes readOnly values (id, meta) from the client instead of its own (RFC 7643 §3.1)',
};

const ERROR_BODY: Record<string, string> = {
  'not-json': 'Error responses have no SCIM Error JSON body (RFC 7644 §3.12)',
  schema: 'Error bodies are not valid SCIM Error messages (RFC 7644 §3.12)',
  status: 'The Error body\'s status differs from the HTTP status (RFC 7644 §3.12: status is the HTTP status code as a string)',
  'content-type': 'Error bodies are not sent as JSON (RFC 7644 §3.12, §8.1)',
  'vendor-format': "Error bodies are not in the vendor's documented error format",
};
const VERSION: Record<string, string> = {
  'not-bumped': 'meta.version does not change when the resource changes (RFC 7644 §3.14)',
  'bumped-on-no-op': 'meta.version or lastModified change although nothing changed',
  'last-modified-back': 'meta.lastModified goes back in time',
};
const STATE: Record<string, string> = {
  'not-applied': 'A request answered as a success is not applied (the resource is unchanged)',
  wrong: 'A successful request leaves a different resource than RFC 7644 defines',
  oracle: 'The scenario and the oracle disagree (a bug of the suite)',
};
const ASSERTION: Record<string, string> = {
  absent: 'An attribute that should be gone is still there',
  present: 'An attribute that should be there is missing',
  equals: 'An attribute has another value than the request set',
  count: 'A multi-valued attribute has the wrong number of values',
  'single-primary': 'More than one value of a multi-valued attribute is primary (RFC 7643 §2.4)',
  members: 'Group membership differs from what the request set',
  header: 'A required response header is missing',
  listed: 'A list or search answers other resources than it should',
};
const TARGET_ERROR: Record<string, string> = {
  '5xx': 'The target answers 5xx to valid requests',
  transient: 'The target was temporarily unavailable (503/502/504/429 after retries)',
  timeout: 'Requests to the target time out',
  reset: 'The target resets connections',
  protocol: 'The target sends answers that cannot be read (not JSON, cut, or too large)',
  'too-large': 'The target sends answers larger than the cap',
  refused: 'The target refuses connections',
  deadline: "The run's deadline cut requests short",
};

export function findingTitle(key: string): string {
  const [code, ...args] = key.split(':');
  const titler = TITLES[code ?? ''];
  return titler ? titler(args) : key;
}

function worse(a: ProblemOutcome, b: ProblemOutcome): ProblemOutcome {
  return OUTCOME_RANK[a] <= OUTCOME_RANK[b] ? a : b;
}

function higher(a: ResultLevel, b: ResultLevel): ResultLevel {
  return LEVEL_RANK[a] <= LEVEL_RANK[b] ? a : b;
}

const isProblem = (o: string): o is ProblemOutcome => o === 'fail' || o === 'warn' || o === 'blocked' || o === 'error';

/**
 * Folds the outcomes into findings. Every problem outcome without a key gets one from its outcome
 * (the result is changed in place), so no problem is ever left out of the findings.
 */
export function buildFindings(scenarios: ScenarioResult[], extras: ReadonlyMap<string, FindingExtras> = new Map()): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const s of scenarios) {
    if (!isProblem(s.outcome)) {
      delete s.finding;
      continue;
    }
    s.finding ??= fallbackKey(s);
    const f = byKey.get(s.finding);
    if (!f) {
      const extra = extras.get(s.finding);
      byKey.set(s.finding, {
        key: s.finding,
        title: extra?.title ?? findingTitle(s.finding),
        outcome: s.outcome,
        level: s.level,
        refs: [...s.refs],
        scenarios: [s.id],
        example: { scenario: s.id, reason: s.reason ?? s.outcome },
        ...(extra?.responses ? { responses: extra.responses } : {}),
        ...(extra?.hint ? { hint: extra.hint } : {}),
      });
      continue;
    }
    f.scenarios.push(s.id);
    for (const r of s.refs) if (!f.refs.includes(r)) f.refs.push(r);
    // The representative is the most serious instance: a MUST failure over an INTEROP warning.
    const moreSerious = OUTCOME_RANK[s.outcome] < OUTCOME_RANK[f.outcome] || (s.outcome === f.outcome && LEVEL_RANK[s.level] < LEVEL_RANK[f.level]);
    if (moreSerious) f.example = { scenario: s.id, reason: s.reason ?? s.outcome };
    f.outcome = worse(f.outcome, s.outcome);
    f.level = higher(f.level, s.level);
  }
  for (const f of byKey.values()) f.refs = topRefs(f.scenarios.map((id) => scenarios.find((s) => s.id === id)?.refs ?? []));
  return sortFindings([...byKey.values()]);
}

const MAX_REFS = 6;

/** The references most of a finding's scenarios share, most shared first: a finding cites its requirement, not every scenario's. */
function topRefs(lists: string[][]): string[] {
  const count = new Map<string, number>();
  for (const refs of lists) for (const r of new Set(refs)) count.set(r, (count.get(r) ?? 0) + 1);
  return [...count.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, MAX_REFS)
    .map(([r]) => r);
}

/** Most important first: fail before error, blocked and warn; then MUST before SHOULD; then reach. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome] ||
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      b.scenarios.length - a.scenarios.length ||
      a.key.localeCompare(b.key),
  );
}

/** Findings of several results (shards) joined by key; scenario lists and response counts add up. */
export function mergeFindings(lists: readonly Finding[][]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const list of lists) {
    for (const f of list) {
      const have = byKey.get(f.key);
      if (!have) {
        byKey.set(f.key, structuredClone(f));
        continue;
      }
      for (const id of f.scenarios) if (!have.scenarios.includes(id)) have.scenarios.push(id);
      for (const r of f.refs) if (!have.refs.includes(r)) have.refs.push(r);
      if (OUTCOME_RANK[f.outcome] < OUTCOME_RANK[have.outcome]) have.example = f.example;
      have.outcome = worse(have.outcome, f.outcome);
      have.level = higher(have.level, f.level);
      if (f.responses) {
        have.responses = {
          broken: (have.responses?.broken ?? 0) + f.responses.broken,
          checked: (have.responses?.checked ?? 0) + f.responses.checked,
        };
      }
      if (!have.hint && f.hint) have.hint = f.hint;
    }
  }
  return sortFindings([...byKey.values()]);
}

/** A key for an outcome that came without one: never silently dropped from the findings. */
function fallbackKey(s: ScenarioResult): string {
  const reason = s.reason ?? '';
  if (reason.startsWith('internal:')) return 'internal';
  if (s.outcome === 'error') return findingKey('target-error', 'other');
  if (s.outcome === 'blocked') return findingKey('setup-refused', 'resource');
  return findingKey('scenario', s.id);
}
