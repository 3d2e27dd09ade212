import { describe, it, expect } from 'vitest';
import type { Outcome } from '../schemas/run-result.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';
import type { Expectations } from './expectations.ts';
import { decideGate } from './gate.ts';

const only = (...outcomes: Outcome[]) => resultWith(outcomes.map((o, i) => scenarioWith(`s${i}.${o}`, o)));
const exp = (entries: Expectations['expectations'], target = 'ExampleIdM 4.2.1'): Expectations => ({ version: 1, target, expectations: entries });

describe('decideGate without expectations', () => {
  it.each<[Outcome[], boolean, 0 | 1]>([
    [['pass', 'pass'], false, 0],
    [['pass', 'unsupported'], false, 0],
    [['pass', 'blocked'], false, 1],
    [['pass', 'warn'], false, 0],
    [['pass', 'warn'], true, 1],
    [['pass', 'fail'], false, 1],
    [['pass', 'error'], false, 1],
    [['unsupported'], true, 0],
    [[], true, 0],
  ])('%j strict=%s → exit %i', (outcomes, strict, code) => {
    expect(decideGate(only(...outcomes), { strict }).exitCode).toBe(code);
  });

  it('lists what broke the gate, with reasons', () => {
    const d = decideGate(sampleResult(), { strict: false });
    expect(d.exitCode).toBe(1);
    expect(d.unexpected.map((u) => [u.id, u.expected, u.actual])).toEqual([
      ['patch.add.group.member', 'pass', 'blocked'],
      ['patch.remove.path-required', 'pass', 'fail'],
      ['patch.replace.value-path.sub-attribute', 'pass', 'fail'],
      ['patch.bad-path.unknown-attribute', 'pass', 'error'],
    ]);
    expect(d.unexpected[3]?.reason).toBe('the target answered 500 with an HTML page');
    expect(d.fixed).toEqual([]);
    expect(d.lines.at(-1)).toBe('gate: FAIL (exit 1): 4 unexpected outcome(s)');
    // Without an expectation file the console summary lists the failures; the gate only decides.
    expect(d.lines.some((l) => l.includes('unexpected:'))).toBe(false);
  });

  it('names each unexpected outcome when an expectation file is used', () => {
    const d = decideGate(sampleResult(), { strict: false, expectations: exp([]) });
    expect(d.lines).toContain('  unexpected: patch.bad-path.unknown-attribute: expected pass, got error — the target answered 500 with an HTML page');
  });

  it('counts warnings only under strict', () => {
    expect(decideGate(sampleResult(), { strict: false }).unexpected).toHaveLength(4);
    const strict = decideGate(sampleResult(), { strict: true });
    expect(strict.unexpected).toHaveLength(6);
    expect(strict.unexpected.filter((u) => u.actual === 'warn').map((u) => u.id)).toEqual([
      'patch.remove.value-path.no-match',
      'patch.replace.response.returns-resource',
    ]);
  });
});

describe('decideGate with expectations', () => {
  const known = exp([
    { id: 'patch.add.group.member', outcome: 'blocked', reason: 'the target keeps group names unique' },
    { id: 'patch.remove.path-required', outcome: 'fail', reason: 'vendor bug 123' },
    { id: 'patch.replace.value-path.sub-attribute', outcome: 'fail', reason: 'vendor bug 456' },
    { id: 'patch.bad-path.unknown-attribute', outcome: 'error', reason: 'crashes on unknown paths' },
  ]);

  it('passes when every failure is expected', () => {
    const d = decideGate(sampleResult(), { strict: false, expectations: known });
    expect(d.exitCode).toBe(0);
    expect(d.unexpected).toEqual([]);
    expect(d.lines.at(-1)).toBe('gate: PASS (exit 0)');
  });

  it('still fails on a new failure not in the file', () => {
    const r = sampleResult();
    const first = r.scenarios[0];
    if (!first) throw new Error('empty sample');
    first.outcome = 'fail';
    first.reason = 'regressed';
    const d = decideGate(r, { strict: false, expectations: known });
    expect(d.exitCode).toBe(1);
    expect(d.unexpected).toEqual([{ id: 'patch.add.simple-attribute', expected: 'pass', actual: 'fail', reason: 'regressed' }]);
  });

  it('fails when an expected outcome turns into another breaking one', () => {
    const r = resultWith([scenarioWith('a', 'error', { reason: 'timeout' })]);
    const d = decideGate(r, { strict: false, expectations: exp([{ id: 'a', outcome: 'fail', reason: 'bug' }]) });
    expect(d.exitCode).toBe(1);
    expect(d.unexpected).toEqual([{ id: 'a', expected: 'fail', actual: 'error', reason: 'timeout' }]);
  });

  it('with strict, expected warnings do not fail but unexpected ones do', () => {
    const warnsKnown = exp([...known.expectations, { id: 'patch.remove.value-path.no-match', outcome: 'warn', reason: 'chose 400' }]);
    const d = decideGate(sampleResult(), { strict: true, expectations: warnsKnown });
    expect(d.exitCode).toBe(1);
    expect(d.unexpected.map((u) => u.id)).toEqual(['patch.replace.response.returns-resource']);
  });

  it('lists expected failures that now pass, without failing the gate', () => {
    const r = sampleResult();
    for (const s of r.scenarios) if (s.id === 'patch.remove.path-required') s.outcome = 'pass';
    const d = decideGate(r, { strict: false, expectations: known });
    expect(d.exitCode).toBe(0);
    expect(d.fixed).toEqual([{ id: 'patch.remove.path-required', expected: 'fail', reason: 'vendor bug 123' }]);
    expect(d.lines).toContain('  fixed: patch.remove.path-required now passes (expected fail: vendor bug 123) — update the expectation file');
    expect(d.lines.at(-1)).toBe('gate: PASS (exit 0); 1 expected outcome(s) now pass: update the expectation file');
  });

  it('notes improvements short of a pass, stale entries and a file for another target', () => {
    const r = resultWith([scenarioWith('a', 'warn'), scenarioWith('b', 'pass')]);
    const d = decideGate(r, {
      strict: false,
      expectations: exp([{ id: 'a', outcome: 'fail', reason: 'x' }, { id: 'gone', outcome: 'fail', reason: 'y' }], 'OtherIdM 1.0'),
    });
    expect(d.exitCode).toBe(0);
    expect(d.lines).toContain('  changed: a: expected fail, got warn — update the expectation file');
    expect(d.lines).toContain('  not run: gone is in the expectation file but not in this run');
    expect(d.lines).toContain('  note: the expectation file is for "OtherIdM 1.0", this run tested https://scim.example.test/scim/v2');
    const same = decideGate(r, { strict: false, expectations: exp([], 'https://scim.example.test/scim/v2') });
    expect(same.lines.some((l) => l.includes('expectation file is for'))).toBe(false);
  });

  it('keeps terminal control characters out of its lines', () => {
    const r = resultWith([scenarioWith('a', 'fail', { reason: 'x\u001b[2Jy\nz' })]);
    const d = decideGate(r, { strict: false, expectations: exp([]) });
    expect(d.lines.join('\n')).not.toContain('\u001b');
    expect(d.lines).toContain('  unexpected: a: expected pass, got fail — x?[2Jy z');
  });
});
