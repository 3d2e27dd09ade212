// The CI gate: exit 1 iff a MUST is broken (fail), the target broke (error), a scenario could not
// be set up (blocked), selected scenarios never ran, or nothing ran at all. Under strict, SHOULD
// misses break it too: a warn at SHOULD level, or at MUST/DERIVED level (the requirement met only
// in a tolerated form, e.g. 409 where RFC 7232 requires 412, or JSON under another media type).
// Warns at AMBIG, MAY and INTEROP level never break it: the RFC leaves those choices open.
// With an expectation file, known outcomes never fail the gate (each is printed as `known` with
// its reason), and expected failures that now pass are reported so the file can be updated.
import type { Outcome, ResultLevel, RunResult, ScenarioResult } from '../schemas/run-result.ts';
import type { Expectations } from './expectations.ts';

export interface GateOptions {
  strict: boolean;
  expectations?: Expectations;
}

export interface UnexpectedOutcome {
  id: string;
  level: ResultLevel;
  expected: Outcome;
  actual: Outcome;
  reason?: string;
}

export interface FixedExpectation {
  id: string;
  expected: Outcome;
  reason: string;
}

/** An outcome that would break the gate but is listed in the expectation file. */
export interface KnownOutcome {
  id: string;
  outcome: Outcome;
  reason: string;
}

export interface GateDecision {
  /** 0 pass, 1 fail; an aborted result keeps the exit code it ended with (2 or 3). */
  exitCode: 0 | 1 | 2 | 3;
  unexpected: UnexpectedOutcome[];
  fixed: FixedExpectation[];
  known: KnownOutcome[];
  /** Selected scenarios that never started (Ctrl-C, --deadline, --bail). */
  notRun: number;
  /** Every line to print; the last is the verdict. */
  lines: string[];
  /** The verdict line alone ("gate: PASS (exit 0)" ...), what --quiet prints. */
  verdict: string;
}

/** Levels whose warn is a SHOULD miss under --strict. */
const STRICT_WARN_LEVELS: ReadonlySet<ResultLevel> = new Set<ResultLevel>(['SHOULD', 'MUST', 'DERIVED']);

export function breaksGate(s: Pick<ScenarioResult, 'outcome' | 'level'>, strict: boolean): boolean {
  // A blocked scenario was not judged: a gate that passed it would vouch for what it never saw.
  if (s.outcome === 'fail' || s.outcome === 'error' || s.outcome === 'blocked') return true;
  return strict && s.outcome === 'warn' && STRICT_WARN_LEVELS.has(s.level);
}

export function modeLine(options: GateOptions): string {
  return options.strict
    ? 'strict (fail, error, blocked and SHOULD misses break the gate; AMBIG, MAY and INTEROP warns do not)'
    : 'default (fail, error and blocked break the gate)';
}

export function decideGate(result: RunResult, options: GateOptions): GateDecision {
  const aborted = result.run.aborted;
  if (aborted) {
    const verdict = `gate: ABORTED (exit ${aborted.exitCode}): the run ended before any scenario ran: ${oneLine(aborted.reason)}`;
    return { exitCode: aborted.exitCode, unexpected: [], fixed: [], known: [], notRun: 0, lines: [verdict], verdict };
  }
  const known = new Map((options.expectations?.expectations ?? []).map((e) => [e.id, e]));
  const unexpected: UnexpectedOutcome[] = [];
  const fixed: FixedExpectation[] = [];
  const knownHits: KnownOutcome[] = [];
  const changed: UnexpectedOutcome[] = [];
  const seen = new Set<string>();

  for (const s of result.scenarios) {
    seen.add(s.id);
    const exp = known.get(s.id);
    const expected: Outcome = exp?.outcome ?? 'pass';
    if (s.outcome === expected) {
      if (exp && breaksGate(s, options.strict)) knownHits.push({ id: s.id, outcome: s.outcome, reason: exp.reason });
      continue;
    }
    const entry = { id: s.id, level: s.level, expected, actual: s.outcome, ...(s.reason !== undefined ? { reason: s.reason } : {}) };
    if (breaksGate(s, options.strict)) unexpected.push(entry);
    else if (exp && s.outcome === 'pass') fixed.push({ id: s.id, expected: exp.outcome, reason: exp.reason });
    else if (exp) changed.push(entry);
  }

  const lines: string[] = [];
  lines.push(`gate: ${modeLine(options)}${options.expectations ? `, ${known.size} expectation(s) for "${oneLine(options.expectations.target)}"` : ''}`);
  if (options.expectations && !sameTarget(options.expectations.target, result)) {
    lines.push(`  note: the expectation file is for "${oneLine(options.expectations.target)}", this run tested ${result.run.target.url}`);
  }
  for (const k of knownHits) lines.push(`  known: ${k.id}: ${k.outcome} — ${oneLine(k.reason)}`);
  // Without an expectation file the summary above already lists each failure.
  for (const u of options.expectations ? unexpected : []) {
    lines.push(`  unexpected: ${u.id}: expected ${u.expected}, got ${u.actual}${u.reason ? ` — ${oneLine(u.reason)}` : ''}`);
  }
  for (const f of fixed) {
    lines.push(`  fixed: ${f.id} now passes (expected ${f.expected}: ${oneLine(f.reason)}) — update the expectation file`);
  }
  for (const c of changed) {
    lines.push(`  changed: ${c.id}: expected ${c.expected}, got ${c.actual} — update the expectation file`);
  }
  const notRun = result.notRun?.count ?? 0;
  if (result.notRun && notRun > 0) lines.push(`  not run: ${notRun} selected scenario(s) never started: ${oneLine(result.notRun.reason)}`);
  lines.push(...staleLines(known, seen, new Set(result.notRun?.ids ?? [])));

  // A gate over nothing vouches for nothing. An empty shard is fine: merge judges the whole run.
  const nothing = result.scenarios.length === 0 && notRun === 0;
  if (nothing && result.run.shard) lines.push(`  note: shard ${result.run.shard.index}/${result.run.shard.count} holds no scenario of the selection`);
  const empty = nothing && !result.run.shard;

  const reasons = [
    ...(unexpected.length > 0 ? [`${unexpected.length} unexpected outcome(s)`] : []),
    ...(notRun > 0 ? [`${notRun} not run`] : []),
    ...(empty ? ['no scenario was run'] : []),
  ];
  const exitCode = reasons.length > 0 ? 1 : 0;
  const tails = [
    ...(knownHits.length > 0 ? [`${knownHits.length} known outcome(s) from the expectation file`] : []),
    ...(fixed.length > 0 ? [`${fixed.length} expected outcome(s) now pass: update the expectation file`] : []),
  ];
  const tail = tails.map((t) => `; ${t}`).join('');
  const verdict = exitCode === 1 ? `gate: FAIL (exit 1): ${reasons.join(', ')}${tail}` : `gate: PASS (exit 0)${tail}`;
  lines.push(verdict);
  return { exitCode, unexpected, fixed, known: knownHits, notRun, lines, verdict };
}

/** Expectation entries for scenarios this run does not have (and did not merely leave unstarted). */
function staleLines(known: Map<string, unknown>, seen: Set<string>, notRunIds: Set<string>): string[] {
  const stale = [...known.keys()].filter((id) => !seen.has(id) && !notRunIds.has(id));
  const shown = stale.slice(0, 5).map((id) => `  not in this run: ${id} is in the expectation file but was not selected or no longer exists`);
  if (stale.length > shown.length) shown.push(`  not in this run: ${stale.length - shown.length} more expectation(s) for scenarios this run does not have`);
  return shown;
}

function sameTarget(label: string, result: RunResult): boolean {
  const { url, product, version } = result.run.target;
  const names = [url, product, product && version ? `${product} ${version}` : undefined, product && version ? `${product}/${version}` : undefined];
  return names.some((n) => n !== undefined && n.toLowerCase() === label.toLowerCase());
}

/** Reasons may quote a target's answer: one line, and no terminal control characters. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').trim();
}
