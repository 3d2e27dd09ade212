// The canonical result of a run (result.json). Every report is a view of this; its JSON Schema
// is schemas/json/run-result.schema.json. Reporters import this type and nothing else of ours.

export type Outcome = 'pass' | 'fail' | 'warn' | 'unsupported' | 'blocked' | 'error';
export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'warn', 'unsupported', 'blocked', 'error'];

export type ResultLevel = 'MUST' | 'SHOULD' | 'MAY' | 'DERIVED' | 'AMBIG' | 'INTEROP';

/** One HTTP request and its answer, secrets already redacted. */
export interface Exchange {
  /** What the request was for: "setup", "patch", "verify", "cleanup", "discovery". */
  purpose: string;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  /** Absent when the request failed before an answer (see error). */
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  /** The response body was longer than the cap and was cut. */
  truncated?: boolean;
  durationMs: number;
  /** Transport failure: refused, DNS, TLS, timeout, reset. */
  error?: string;
  startedAt: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  family: string;
  level: ResultLevel;
  refs: string[];
  /** RFC section the scenario belongs to, e.g. "RFC7644 3.5.2.1", for grouping in reports. */
  section: string;
  outcome: Outcome;
  durationMs: number;
  /** One line saying why, for anything but a pass. */
  reason?: string;
  /** What was expected and what was seen, for anything but a pass. */
  expected?: string;
  actual?: string;
  /** For unsupported: the capability that is missing. */
  capability?: string;
  /** The exchanges of this scenario (kept for anything but a pass). */
  exchanges?: Exchange[];
  /** A curl command that reproduces the PATCH (secrets as environment variables). */
  curl?: string;
  /** Under a vendor profile: the outcome of the same run judged against RFC 7644 itself. */
  strict?: Outcome;
  /** Under a vendor profile: the documented deviation from RFC 7644 that explains the strict outcome. */
  deviation?: { id: string; profile: string; level: ResultLevel; description: string };
  /** For fail, warn, blocked and error: the key of the finding (root cause) this outcome belongs to. */
  finding?: string;
}

/** Outcomes that are problems, each of which belongs to a finding. */
export type ProblemOutcome = 'fail' | 'warn' | 'blocked' | 'error';

/**
 * One distinct problem (a root cause) of the target: every fail, warn, blocked and error outcome
 * points at one. Reports lead with these, ordered by level and reach; result.json keeps them all.
 */
export interface Finding {
  /** Stable across runs of the same suite version against the same behaviour, e.g. "status:400:got-200". */
  key: string;
  /** What is wrong, in plain words, e.g. "Answers 200 where RFC 7644 requires 400". */
  title: string;
  /** The worst outcome among its scenarios (fail > error > blocked > warn). */
  outcome: ProblemOutcome;
  /** The highest level among its scenarios. */
  level: ResultLevel;
  /** RFC sections and catalog ids behind it (union over its scenarios, most specific first). */
  refs: string[];
  /** Every scenario it affects, in run order. */
  scenarios: string[];
  /** A check that applies to every response: how many responses broke it, of how many it saw. */
  responses?: { broken: number; checked: number };
  /** The representative scenario, whose exchanges the reports show in full (result.json has all). */
  example: { scenario: string; reason: string };
  /** What would fix it on the suite's side when it is a set-up problem: a template to add to the config. */
  hint?: string;
}

export interface Capabilities {
  patch: boolean;
  etag: boolean;
  filter: boolean;
  bulk: boolean;
  sort: boolean;
  changePassword: boolean;
  groups: boolean;
  enterpriseUser: boolean;
  /** RFC 9865 cursor pagination (ServiceProviderConfig pagination.cursor); absent = not advertised. */
  cursor?: boolean;
}

export interface RunInfo {
  id: string;
  suite: { name: string; version: string };
  target: { url: string; product?: string; version?: string; embedded: boolean };
  profile: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  concurrency: number;
  capabilities: Capabilities;
  /** Where the schemas and capabilities came from, and what discovery said. */
  discovery: { source: 'discovered' | 'fallback' | 'partial'; notes: string[] };
  /** Warnings about the run itself (plain http to a remote host, fallback schemas ...). */
  notes: string[];
  /**
   * This run was shard `index` of `count` (run --shard K/N); absent for a whole run. `selection`:
   * the whole selection the shards split (its size and a fingerprint of its ids), so that merge
   * refuses shards of different scenario sets.
   */
  shard?: { index: number; count: number; selection?: { count: number; fingerprint: string } };
  /** The run ended before any scenario ran (exit 2 or 3): why. Its result has no scenarios. */
  aborted?: { exitCode: 2 | 3; reason: string };
}

export interface Leftover {
  kind: string;
  id: string;
  location: string;
  reason: string;
}

export interface RunResult {
  resultVersion: 1;
  run: RunInfo;
  summary: { total: number } & Record<Outcome, number>;
  scenarios: ScenarioResult[];
  /** The distinct problems behind every fail, warn, blocked and error, most important first. */
  findings: Finding[];
  /** Selected scenarios that never started (Ctrl-C, --deadline, --bail): counted, not judged. */
  notRun?: { count: number; reason: string; ids: string[] };
  /** Resources the suite created and could not delete. */
  leftovers: Leftover[];
}
