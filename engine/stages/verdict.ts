// Stage 4 of a scenario's walk: judge. The scenario's own requirement only: the status, the error
// shape and the resulting state (engine/judge.ts); rules for every response are the cross-cutting
// checks' (engine/checks/). Every outcome that is not a pass names its finding.
import type { ScenarioResult } from '../../schemas/run-result.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { describeAnswer, judgeExpectation, type Observation } from '../judge.ts';
import { findingKey, type Problem } from '../findings.ts';
import { statusClass } from '../target-error.ts';

export type Verdict = Pick<ScenarioResult, 'outcome' | 'reason' | 'expected' | 'actual' | 'finding'>;

export function judgeScenario(scenario: Scenario, obs: Observation, bystanders: Problem[], what: string): Verdict {
  const status = obs.patch.status;
  const serverClass = statusClass(status);
  // A 502/503/504 (or a 429 the retries did not outlast) on a request is the target's weather, not
  // its answer to the request: an error with the reason, never a verdict about error handling.
  if (serverClass === 'transient') {
    return { outcome: 'error', reason: `the target was unavailable for the ${what}: ${describeAnswer(obs.patch)}`, finding: findingKey('target-error', 'transient') };
  }
  // A 5xx where the scenario allows a client error (4xx) means the server blamed itself for a
  // client mistake: a failure (PATCH-ERR-06). Where only success is right, the target broke.
  const expectations = [scenario.expect, scenario.acceptable, ...(scenario.alsoConformant ?? [])];
  const expectsClientError = expectations.some((e) => e?.kind === 'error' && e.status.every((s) => s < 500));
  // A status the scenario names itself (501 Not Implemented for /Me, RFC 7644 §3.11) is an answer to judge.
  const named = expectations.some((e) => e?.kind === 'error' && e.status.includes(status));
  if (serverClass === '5xx' && !expectsClientError && !named) {
    return { outcome: 'error', reason: `the target failed the ${what}: ${describeAnswer(obs.patch)}`, finding: findingKey('target-error', '5xx') };
  }
  if (bystanders.length > 0) {
    // A request for one resource changed another: whatever the target answered, that is a failure.
    return { outcome: 'fail', reason: bystanders[0]!.text, expected: 'other resources unchanged', actual: bystanders.map((b) => b.text).join('; '), finding: bystanders[0]!.key };
  }
  const problems = judgeExpectation(scenario.expect, obs);
  if (problems.length === 0) return { outcome: 'pass' };
  if (scenario.alsoConformant?.some((alt) => judgeExpectation(alt, obs).length === 0)) return { outcome: 'pass' };
  const expected = describeExpectation(scenario.expect);
  const actual = describeAnswer(obs.patch);
  if (status >= 500) {
    return { outcome: 'fail', reason: `a client mistake answered ${actual} (no client error may cause a 5xx, PATCH-ERR-06)`, expected, actual, finding: 'server-error-on-client-mistake' };
  }
  if (scenario.acceptable && judgeExpectation(scenario.acceptable, obs).length === 0) {
    return { outcome: 'warn', reason: `acceptable but not preferred: ${problems[0]!.text}`, expected, actual, finding: problems[0]!.key };
  }
  // When another allowed outcome has the status the target answered, its problems say what is
  // wrong (a right 400 with a broken error body is about the body, not about a missing 200).
  const closer = [scenario.acceptable, ...(scenario.alsoConformant ?? [])].find((e) => e !== undefined && statusOf(e).includes(status) && !statusOf(scenario.expect).includes(status));
  const closerProblems = closer ? judgeExpectation(closer, obs) : [];
  const first = closerProblems[0] ?? problems[0]!;
  const strictLevel = scenario.level === 'MUST' || scenario.level === 'DERIVED' || scenario.level === 'AMBIG';
  return {
    outcome: strictLevel ? 'fail' : 'warn',
    reason: first.text,
    expected,
    actual: problems.length > 1 ? `${actual}; ${problems.slice(1).map((p) => p.text).join('; ')}` : actual,
    finding: first.key,
  };
}

function statusOf(exp: Scenario['expect']): number[] {
  return exp.kind === 'success' ? (exp.status ?? [200, 204]) : exp.status;
}

function describeExpectation(exp: Scenario['expect']): string {
  if (exp.kind === 'success') return `${(exp.status ?? [200, 204]).join(' or ')} and the resource as the oracle computes it`;
  return `${exp.status.join(' or ')}${exp.scimType ? ` with scimType ${exp.scimType.join(' or ')}` : ''}${exp.unchanged === false ? '' : ', resource unchanged'}`;
}
