import { describe, it, expect } from 'vitest';
import type { Outcome, ResultLevel } from '../schemas/run-result.ts';
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
    [[], true, 1],
    [[], false, 1],
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

  it('counts warnings only under strict, and there only SHOULD misses (not the AMBIG acceptable answer)', () => {
    expect(decideGate(sampleResult(), { strict: false }).unexpected).toHaveLength(4);
    const strict = decideGate(sampleResult(), { strict: true });
    expect(strict.unexpected).toHaveLength(5);
    expect(strict.unexpected.filter((u) => u.actual === 'warn').map((u) => [u.id, u.level])).toEqual([
      ['patch.replace.response.returns-resource', 'SHOULD'],
    ]);
  });

  it.each<[ResultLevel, 0 | 1]>([
    ['SHOULD', 1],
    ['MUST', 1],
    ['DERIVED', 1],
    ['AMBIG', 0],
    ['MAY', 0],
    ['INTEROP', 0],
  ])('strict: a warn at %s level → exit %i', (level, code) => {
    const r = resultWith([scenarioWith('a', 'pass'), scenarioWith('b', 'warn', { level })]);
    expect(decideGate(r, { strict: true }).exitCode).toBe(code);
    expect(decideGate(r, { strict: false }).exitCode).toBe(0);
  });

  it('strict passes the clean reference server, whose only warns are two INTEROP shapes', () => {
    const r = resultWith([
      scenarioWith('patch.add.simple', 'pass'),
      scenarioWith('idp.entra.replace-mobile-phone-upsert', 'warn', { level: 'INTEROP' }),
      scenarioWith('idp.ms-validator.empty-operations', 'warn', { level: 'INTEROP' }),
    ]);
    const d = decideGate(r, { strict: true });
    expect(d.exitCode).toBe(0);
    expect(d.lines[0]).toBe('gate: strict (fail, error, blocked and SHOULD misses break the gate; AMBIG, MAY and INTEROP warns do not)');
    expect(d.verdict).toBe('gate: PASS (exit 0)');
  });

  it('never passes a run in which nothing ran; an empty shard passes with a note (merge judges the whole)', () => {
    const none = decideGate(resultWith([]), { strict: false });
    expect(none.exitCode).toBe(1);
    expect(none.verdict).toBe('gate: FAIL (exit 1): no scenario was run');
    const r = resultWith([]);
    const emptyShard = { ...r, run: { ...r.run, shard: { index: 3, count: 4 } } };
    const d = decideGate(emptyShard, { strict: false });
    expect(d.exitCode).toBe(0);
    expect(d.lines).toContain('  note: shard 3/4 holds no scenario of the selection');
  });

  it('counts scenarios that never started in one line, and they fail the gate', () => {
    const ids = Array.from({ length: 37 }, (_, i) => `never.${i}`);
    const r = { ...resultWith([scenarioWith('a', 'pass')]), notRun: { count: 37, reason: '--deadline 30 reached', ids } };
    const d = decideGate(r, { strict: false });
    expect(d.exitCode).toBe(1);
    expect(d.notRun).toBe(37);
    expect(d.lines).toContain('  not run: 37 selected scenario(s) never started: --deadline 30 reached');
    expect(d.lines.filter((l) => l.includes('never.'))).toEqual([]);
    expect(d.verdict).toBe('gate: FAIL (exit 1): 37 not run');
    const both = decideGate({ ...r, scenarios: [scenarioWith('b', 'fail')] }, { strict: false });
    expect(both.verdict).toBe('gate: FAIL (exit 1): 1 unexpected outcome(s), 37 not run');
  });

  it('an aborted result keeps its exit code and never passes', () => {
    const r = resultWith([]);
    const aborted = { ...r, run: { ...r.run, aborted: { exitCode: 3 as const, reason: 'target http://127.0.0.1:9 refused the connection' } } };
    const d = decideGate(aborted, { strict: false });
    expect(d.exitCode).toBe(3);
    expect(d.lines).toEqual(['gate: ABORTED (exit 3): the run ended before any scenario ran: target http://127.0.0.1:9 refused the connection']);
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
    expect(d.lines.at(-1)).toBe('gate: PASS (exit 0); 4 known outcome(s) from the expectation file');
    expect(d.verdict).toBe(d.lines.at(-1));
  });

  it('prints each known failure as `known` with the reason from the file', () => {
    const d = decideGate(sampleResult(), { strict: false, expectations: known });
    expect(d.known.map((k) => k.id)).toEqual([
      'patch.add.group.member',
      'patch.remove.path-required',
      'patch.replace.value-path.sub-attribute',
      'patch.bad-path.unknown-attribute',
    ]);
    expect(d.lines).toContain('  known: patch.remove.path-required: fail — vendor bug 123');
    expect(d.lines).toContain('  known: patch.bad-path.unknown-attribute: error — crashes on unknown paths');
    // A known outcome that does not break the gate anyway (a warn without --strict) is not repeated.
    const warnKnown = exp([{ id: 'patch.replace.response.returns-resource', outcome: 'warn', reason: 'by design' }]);
    expect(decideGate(sampleResult(), { strict: false, expectations: warnKnown }).known).toEqual([]);
    expect(decideGate(sampleResult(), { strict: true, expectations: warnKnown }).known).toEqual([
      { id: 'patch.replace.response.returns-resource', outcome: 'warn', reason: 'by design' },
    ]);
  });

  it('still fails on a new failure not in the file', () => {
    const r = sampleResult();
    const first = r.scenarios[0];
    if (!first) throw new Error('empty sample');
    first.outcome = 'fail';
    first.reason = 'regressed';
    const d = decideGate(r, { strict: false, expectations: known });
    expect(d.exitCode).toBe(1);
    expect(d.unexpected).toEqual([{ id: 'patch.add.simple-attribute', level: 'MUST', expected: 'pass', actual: 'fail', reason: 'regressed' }]);
  });

  it('fails when an expected outcome turns into another breaking one', () => {
    const r = resultWith([scenarioWith('a', 'error', { reason: 'timeout' })]);
    const d = decideGate(r, { strict: false, expectations: exp([{ id: 'a', outcome: 'fail', reason: 'bug' }]) });
    expect(d.exitCode).toBe(1);
    expect(d.unexpected).toEqual([{ id: 'a', level: 'MUST', expected: 'fail', actual: 'error', reason: 'timeout' }]);
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
    expect(d.lines.at(-1)).toBe('gate: PASS (exit 0); 3 known outcome(s) from the expectation file; 1 expected outcome(s) now pass: update the expectation file');
  });

  it('notes improvements short of a pass, stale entries and a file for another target', () => {
    const r = resultWith([scenarioWith('a', 'warn'), scenarioWith('b', 'pass')]);
    const d = decideGate(r, {
      strict: false,
      expectations: exp([{ id: 'a', outcome: 'fail', reason: 'x' }, { id: 'gone', outcome: 'fail', reason: 'y' }], 'OtherIdM 1.0'),
    });
    expect(d.exitCode).toBe(0);
    expect(d.lines).toContain('  changed: a: expected fail, got warn — update the expectation file');
    expect(d.lines).toContain('  not in this run: gone is in the expectation file but was not selected or no longer exists');
    expect(d.lines).toContain('  note: the expectation file is for "OtherIdM 1.0", this run tested https://scim.example.test/scim/v2');
    const same = decideGate(r, { strict: false, expectations: exp([], 'https://scim.example.test/scim/v2') });
    expect(same.lines.some((l) => l.includes('expectation file is for'))).toBe(false);
  });

  it('lists at most five stale entries, and none that merely never started', () => {
    const r = { ...resultWith([scenarioWith('a', 'pass')]), notRun: { count: 1, reason: 'interrupted', ids: ['late'] } };
    const stale = Array.from({ length: 8 }, (_, i) => ({ id: `gone.${i}`, outcome: 'fail' as const, reason: 'x' }));
    const d = decideGate(r, { strict: false, expectations: exp([...stale, { id: 'late', outcome: 'fail', reason: 'y' }]) });
    const lines = d.lines.filter((l) => l.startsWith('  not in this run:'));
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe('  not in this run: 3 more expectation(s) for scenarios this run does not have');
    expect(d.lines.some((l) => l.includes('late'))).toBe(false);
  });

  it('keeps terminal control characters out of its lines', () => {
    const r = resultWith([scenarioWith('a', 'fail', { reason: 'x\u001b[2Jy\nz' })]);
    const d = decideGate(r, { strict: false, expectations: exp([]) });
    expect(d.lines.join('\n')).not.toContain('\u001b');
    expect(d.lines).toContain('  unexpected: a: expected pass, got fail — x?[2Jy z');
  });
});
