import { describe, expect, it } from 'vitest';
import type { RunResult } from '../schemas/run-result.ts';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';
import {
  attentionOrder,
  findingAnchor,
  findingsView,
  notRunLine,
  othersOf,
  problemsHeadline,
  reachText,
  scenarioAnchor,
} from './findings-view.ts';

describe('findingsView', () => {
  it('keeps the findings in the order given, numbered, and maps every problem scenario to its finding', () => {
    const r = findingsRun();
    const view = findingsView(r);
    expect(view.problems.map((p) => p.key)).toEqual(r.findings.map((f) => f.key));
    expect(view.problems.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
    expect(view.ungrouped).toBe(0);
    // The oracle: each problem scenario's own `finding` field.
    for (const s of r.scenarios.filter((x) => ['fail', 'warn', 'blocked', 'error'].includes(x.outcome))) {
      expect(view.byScenario.get(s.id)?.key, s.id).toBe(s.finding);
    }
    for (const s of r.scenarios.filter((x) => x.outcome === 'pass')) expect(view.byScenario.has(s.id)).toBe(false);
  });

  it('marks the checks family as cross-cutting and nothing else', () => {
    const view = findingsView(findingsRun());
    expect(view.problems.filter((p) => p.crossCutting).map((p) => p.key)).toEqual(['checks.returned-never']);
  });

  it('shows a problem no finding claims as its own ungrouped problem, after the findings, worst first', () => {
    const r = resultWith([
      scenarioWith('a', 'warn', { reason: 'a warned' }),
      scenarioWith('b', 'fail', { reason: 'b failed', finding: 'no-such-key' }),
      scenarioWith('c', 'pass'),
      scenarioWith('d', 'error', { finding: 'k' }),
    ]);
    r.findings = [{ key: 'k', title: 'K', outcome: 'error', level: 'MUST', refs: [], scenarios: ['d'], example: { scenario: 'd', reason: 'r' } }];
    const view = findingsView(r);
    expect(view.problems.map((p) => [p.number, p.key, p.ungrouped])).toEqual([
      [1, 'k', false],
      [2, 'scenario:b', true],
      [3, 'scenario:a', true],
    ]);
    expect(view.problems[1]?.title).toBe('b failed');
    expect(view.byScenario.get('b')?.key).toBe('scenario:b');
    expect(problemsHeadline(view)).toBe('3 distinct problems (2 not grouped by root cause: one per scenario)');
  });

  it('handles a result without findings at all (an older result.json)', () => {
    const r = sampleResult() as RunResult;
    delete (r as Partial<RunResult>).findings;
    const view = findingsView(r);
    expect(view.problems).toHaveLength(6); // every fail, warn, blocked and error of the sample
    expect(view.ungrouped).toBe(6);
  });
});

describe('findings wording and anchors', () => {
  it('says how many problems, in the singular too, and when there is none', () => {
    expect(problemsHeadline(findingsView(sampleResult()))).toBe('6 distinct problems');
    const one = resultWith([scenarioWith('x', 'fail')]);
    expect(problemsHeadline(findingsView(one))).toBe('1 distinct problem (1 not grouped by root cause: one per scenario)');
    expect(problemsHeadline(findingsView(resultWith([scenarioWith('y', 'pass')])))).toBe('No problems found');
  });

  it('gives the reach, with the responses of a cross-cutting check', () => {
    const [password, whole] = findingsRun().findings;
    expect(reachText(password!)).toBe('1 scenario; 57 of 61 responses broke it');
    expect(reachText(whole!)).toBe('4 scenarios');
  });

  it('makes anchors that keep the id and prefix findings', () => {
    expect(scenarioAnchor('patch.add.x')).toBe('patch.add.x');
    expect(findingAnchor('status:400:got-200')).toBe('finding-status:400:got-200');
    expect(findingAnchor('a b')).toBe('finding-a-b');
  });

  it('counts scenarios that never ran, and is silent when all ran', () => {
    expect(notRunLine(findingsRun())).toBe('3 not run: interrupted by Ctrl-C');
    expect(notRunLine(sampleResult())).toBeUndefined();
  });

  it('orders scenarios needing attention first, keeping run order within an outcome', () => {
    const list = ['pass', 'warn', 'fail', 'unsupported', 'fail', 'blocked', 'error'].map((o, i) => scenarioWith(`s${i}`, o as 'pass'));
    expect(attentionOrder(list).map((s) => s.id)).toEqual(['s2', 's4', 's6', 's5', 's1', 's3', 's0']);
  });

  it('lists the other scenarios of a finding, skipping ids the run does not have', () => {
    const r = findingsRun();
    const whole = r.findings[1]!;
    const byId = new Map(r.scenarios.map((s) => [s.id, s]));
    expect(othersOf(whole, byId).map((s) => s.id)).toEqual(whole.scenarios.slice(1));
    expect(othersOf({ ...whole, scenarios: [...whole.scenarios, 'gone'] }, byId)).toHaveLength(3);
  });
});
