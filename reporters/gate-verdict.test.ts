import { describe, expect, it } from 'vitest';
import type { Outcome } from '../schemas/run-result.ts';
import { decideGate } from '../engine/gate.ts';
import { expectationsFromResult } from '../engine/expectations.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';
import { gateView, joinAnd } from './gate-verdict.ts';

const only = (...outcomes: Outcome[]) => resultWith(outcomes.map((o, i) => scenarioWith(`s${i}`, o)));

describe('gateView, re-derived', () => {
  it('agrees with engine/gate.ts (no expectations, not strict) on every outcome mix', () => {
    const mixes: Outcome[][] = [[], ['pass'], ['pass', 'warn'], ['unsupported'], ['pass', 'fail'], ['error'], ['blocked', 'warn'], ['pass', 'warn', 'unsupported']];
    for (const mix of mixes) {
      const r = only(...mix);
      expect(gateView(r).exitCode, mix.join(',')).toBe(decideGate(r, { strict: false }).exitCode);
    }
  });

  it('names what broke the gate and says the rules were re-derived', () => {
    const v = gateView(sampleResult());
    expect(v).toMatchObject({ exitCode: 1, passed: false, headline: 'Gate: FAIL (exit 1)', derived: true });
    expect(v.detail).toBe('2 fail, 1 error and 1 blocked break the gate (default rules; --strict or an expectation file may decide otherwise)');
    const pass = gateView(only('pass', 'warn'));
    expect(pass.headline).toBe('Gate: PASS (exit 0)');
    expect(pass.detail).toMatch(/^no scenario failed, errored or was blocked/);
  });

  it('fails a run with scenarios that never started, and a run of nothing, as the gate does', () => {
    const r = findingsRun();
    expect(gateView(r).detail).toMatch(/^5 fail, 1 error and 3 blocked break the gate; 3 selected scenarios did not run \(default rules/);
    const allPassed = { ...r, scenarios: r.scenarios.filter((s) => s.outcome === 'pass') };
    expect(gateView(allPassed)).toMatchObject({ exitCode: 1, headline: 'Gate: FAIL (exit 1)' });
    expect(gateView(allPassed).detail).toMatch(/^3 selected scenarios did not run/);
    expect(gateView(only())).toMatchObject({ exitCode: 1 });
    expect(gateView(only()).detail).toMatch(/^FAIL \(exit 1\): no scenario was run/);
  });
});

describe('gateView, given by the run', () => {
  it('uses the exit code and the last line of the gate the CLI ran', () => {
    const r = sampleResult();
    const allKnown = decideGate(r, { strict: false, expectations: expectationsFromResult(r, 'known') });
    const v = gateView(r, allKnown);
    expect(v).toMatchObject({ exitCode: 0, passed: true, headline: 'Gate: PASS (exit 0)', derived: false });
    expect(v.detail).toMatch(/^the run's gate said: PASS \(exit 0\)/);
    expect(gateView(only('pass', 'warn'), { exitCode: 1 })).toMatchObject({ headline: 'Gate: FAIL (exit 1)', detail: 'the run failed its gate' });
  });
});

describe('joinAnd', () => {
  it('joins with commas and a final "and"', () => {
    expect(joinAnd([])).toBe('');
    expect(joinAnd(['a'])).toBe('a');
    expect(joinAnd(['a', 'b'])).toBe('a and b');
    expect(joinAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
