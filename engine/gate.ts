// The CI gate: exit 1 iff a MUST is broken (fail) or the target broke (error), and under strict
// also when a SHOULD is missed (warn). With an expectation file, known outcomes never fail the
// gate, and expected failures that now pass are reported so the file can be updated.
import type { Outcome, RunResult } from '../schemas/run-result.ts';
import type { Expectations } from './expectations.ts';

export interface GateOptions {
  strict: boolean;
  expectations?: Expectations;
}

export interface UnexpectedOutcome {
  id: string;
  expected: Outcome;
  actual: Outcome;
  reason?: string;
}

export interface FixedExpectation {
  id: string;
  expected: Outcome;
  reason: string;
}

export interface GateDecision {
  exitCode: 0 | 1;
  unexpected: UnexpectedOutcome[];
  fixed: FixedExpectation[];
  lines: string[];
}

function breaksGate(outcome: Outcome, strict: boolean): boolean {
  // A blocked scenario was not judged: a gate that passed it would vouch for what it never saw.
  return outcome === 'fail' || outcome === 'error' || outcome === 'blocked' || (strict && outcome === 'warn');
}

export function decideGate(result: RunResult, options: GateOptions): GateDecision {
  const known = new Map((options.expectations?.expectations ?? []).map((e) => [e.id, e]));
  const unexpected: UnexpectedOutcome[] = [];
  const fixed: FixedExpectation[] = [];
  const changed: UnexpectedOutcome[] = [];
  const seen = new Set<string>();

  for (const s of result.scenarios) {
    seen.add(s.id);
    const exp = known.get(s.id);
    const expected: Outcome = exp?.outcome ?? 'pass';
    if (s.outcome === expected) continue;
    if (breaksGate(s.outcome, options.strict)) {
      unexpected.push({ id: s.id, expected, actual: s.outcome, ...(s.reason !== undefined ? { reason: s.reason } : {}) });
    } else if (exp && s.outcome === 'pass') {
      fixed.push({ id: s.id, expected: exp.outcome, reason: exp.reason });
    } else if (exp) {
      changed.push({ id: s.id, expected, actual: s.outcome });
    }
  }

  const lines: string[] = [];
  const mode = options.strict ? 'strict (fail, error, blocked and warn break the gate)' : 'default (fail, error and blocked break the gate)';
  lines.push(`gate: ${mode}${options.expectations ? `, ${known.size} expectation(s) for "${options.expectations.target}"` : ''}`);
  if (options.expectations && !sameTarget(options.expectations.target, result)) {
    lines.push(`  note: the expectation file is for "${options.expectations.target}", this run tested ${result.run.target.url}`);
  }
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
  for (const id of known.keys()) {
    if (!seen.has(id)) lines.push(`  not run: ${id} is in the expectation file but not in this run`);
  }

  const exitCode = unexpected.length > 0 ? 1 : 0;
  const tail = fixed.length > 0 ? `; ${fixed.length} expected outcome(s) now pass: update the expectation file` : '';
  lines.push(
    exitCode === 1
      ? `gate: FAIL (exit 1): ${unexpected.length} unexpected outcome(s)${tail}`
      : `gate: PASS (exit 0)${tail}`,
  );
  return { exitCode, unexpected, fixed, lines };
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
