// The gate verdict every report opens with: the exit code the run gave. The CLI knows it (it ran
// engine/gate.ts with --strict and --expect) and passes it in; a report rendered from a result
// alone (tests, the screenshot, an old result) asks engine/gate.ts itself with the default rules
// (no --strict, no expectation file), so the two can never disagree on what breaks the gate.
import type { RunResult } from '../schemas/run-result.ts';
import { breaksGate, decideGate } from '../engine/gate.ts';

/** What the CLI's gate decided (engine/gate.ts GateDecision fits this shape). */
export interface GivenGate {
  exitCode: number;
  /** The gate's own lines; the last one is its verdict ("gate: FAIL (exit 1): 4 unexpected outcome(s)"). */
  lines?: string[];
}

export interface GateView {
  exitCode: number;
  passed: boolean;
  /** "Gate: FAIL (exit 1)" */
  headline: string;
  /** Why, in one sentence. */
  detail: string;
  /** True when decided here with the default rules rather than given by the run. */
  derived: boolean;
}

const BREAKING = ['fail', 'error', 'blocked'] as const;

function headlineOf(exitCode: number): string {
  const word = exitCode === 0 ? 'PASS' : exitCode === 1 ? 'FAIL' : 'ABORTED';
  return `Gate: ${word} (exit ${exitCode})`;
}

export function gateView(result: RunResult, given?: GivenGate): GateView {
  if (given) {
    const last = given.lines?.at(-1)?.replace(/^gate:\s*/i, '').trim();
    return {
      exitCode: given.exitCode,
      passed: given.exitCode === 0,
      headline: headlineOf(given.exitCode),
      detail: last ? `the run's gate said: ${last}` : given.exitCode === 0 ? 'the run passed its gate' : 'the run failed its gate',
      derived: false,
    };
  }
  const decision = decideGate(result, { strict: false });
  const reasons: string[] = [];
  if (result.run.aborted) reasons.push(`the run ended before any scenario ran: ${result.run.aborted.reason}`);
  const counts = BREAKING.map((o) => [o, result.scenarios.filter((s) => s.outcome === o && breaksGate(s, false)).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${n} ${o}`);
  if (counts.length > 0) reasons.push(`${joinAnd(counts)} break the gate`);
  if (decision.notRun > 0) reasons.push(`${decision.notRun} selected scenario${decision.notRun === 1 ? '' : 's'} did not run`);
  if (decision.exitCode !== 0 && reasons.length === 0) reasons.push(decision.verdict.replace(/^gate:\s*/i, ''));
  const why = reasons.length > 0 ? reasons.join('; ') : 'no scenario failed, errored or was blocked';
  return {
    exitCode: decision.exitCode,
    passed: decision.exitCode === 0,
    headline: headlineOf(decision.exitCode),
    detail: `${why} (default rules; --strict or an expectation file may decide otherwise)`,
    derived: true,
  };
}

/** "a", "a and b", "a, b and c" */
export function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
