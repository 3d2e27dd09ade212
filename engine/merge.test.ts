import { describe, expect, it } from 'vitest';
import type { RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { resultWith, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';
import { validateWith } from '../schemas/validate.ts';
import { MergeError, mergeResults } from './merge.ts';

function shard(index: number, count: number, scenarios: ScenarioResult[], run: Partial<RunResult['run']> = {}): RunResult {
  const r = resultWith(scenarios);
  return { ...r, run: { ...r.run, id: `run-${index}`, shard: { index, count }, ...run } };
}

describe('mergeResults', () => {
  const a = shard(1, 2, [scenarioWith('b.two', 'fail'), scenarioWith('d.four', 'pass')], {
    startedAt: '2026-01-01T10:00:00.000Z',
    durationMs: 5000,
    concurrency: 8,
  });
  const b = shard(2, 2, [scenarioWith('a.one', 'pass'), scenarioWith('c.three', 'warn')], {
    startedAt: '2026-01-01T10:00:02.000Z',
    durationMs: 6000,
    concurrency: 4,
  });

  it('joins the scenarios in id order, recomputes the summary and stays a valid result', () => {
    const m = mergeResults([{ source: 'a.json', result: a }, { source: 'b.json', result: b }]);
    expect(m.scenarios.map((s) => s.id)).toEqual(['a.one', 'b.two', 'c.three', 'd.four']);
    expect(m.summary).toEqual({ total: 4, pass: 2, fail: 1, warn: 1, unsupported: 0, blocked: 0, error: 0 });
    expect(validateWith('run-result', m)).toEqual({ ok: true });
    expect(m.run.shard).toBeUndefined();
  });

  it('starts at the earliest start and lasts the span to the last end; the sum goes to the notes', () => {
    const m = mergeResults([{ source: 'a.json', result: a }, { source: 'b.json', result: b }]);
    expect(m.run.startedAt).toBe('2026-01-01T10:00:00.000Z');
    expect(m.run.durationMs).toBe(8000);
    expect(m.run.concurrency).toBe(8);
    expect(m.run.notes.some((n) => n.includes('run-1, run-2') && n.includes('11000 ms'))).toBe(true);
  });

  it('gives the same id whatever the order of the files', () => {
    const x = mergeResults([{ source: 'a', result: a }, { source: 'b', result: b }]);
    const y = mergeResults([{ source: 'b', result: b }, { source: 'a', result: a }]);
    expect(x.run.id).toBe(y.run.id);
    expect(x.scenarios).toEqual(y.scenarios);
  });

  it('refuses overlapping shards, a missing shard, a repeated shard and mixed targets', () => {
    const dup = shard(2, 2, [scenarioWith('b.two', 'pass')]);
    expect(() => mergeResults([{ source: 'a.json', result: a }, { source: 'x.json', result: dup }])).toThrow(
      /scenario b\.two is in both a\.json and x\.json/,
    );
    expect(() => mergeResults([{ source: 'a.json', result: a }])).toThrow(/shard 2\/2 missing/);
    expect(() => mergeResults([{ source: 'a.json', result: a }, { source: 'a2.json', result: a }])).toThrow(MergeError);
    const other = shard(2, 2, [scenarioWith('z', 'pass')], { target: { url: 'https://other.example/scim', embedded: false } });
    expect(() => mergeResults([{ source: 'a.json', result: a }, { source: 'o.json', result: other }])).toThrow(/ran against https:\/\/other/);
    const three = shard(3, 3, [scenarioWith('z', 'pass')]);
    expect(() => mergeResults([{ source: 'a.json', result: a }, { source: 't.json', result: three }])).toThrow(/out of 2/);
    expect(() => mergeResults([])).toThrow(/nothing to merge/);
  });

  it('refuses shards run with different seeds, naming both', () => {
    const seeded = { ...b, run: { ...b.run, seed: 999 } };
    expect(() => mergeResults([{ source: 'a.json', result: a }, { source: 'b.json', result: seeded }])).toThrow(
      'b.json used seed 999, a.json seed 4242: run every shard with the same --seed',
    );
  });

  it('refuses shards of different scenario sets, and joins shards of the same one', () => {
    const selection = { count: 4, fingerprint: 'a1b2c3d4' };
    const withSel = (r: RunResult, sel: typeof selection) => ({ ...r, run: { ...r.run, shard: { ...r.run.shard!, selection: sel } } });
    const same = mergeResults([{ source: 'a.json', result: withSel(a, selection) }, { source: 'b.json', result: withSel(b, selection) }]);
    expect(same.scenarios).toHaveLength(4);
    expect(validateWith('run-result', withSel(a, selection))).toEqual({ ok: true });
    const other = withSel(b, { count: 9, fingerprint: 'ffff0000' });
    expect(() => mergeResults([{ source: 'a.json', result: withSel(a, selection) }, { source: 'b.json', result: other }])).toThrow(
      /b\.json split a selection of 9 scenario\(s\) \(fingerprint ffff0000\), a\.json a selection of 4 .*different scenario sets/,
    );
    // A shard that does not record its selection cannot be matched with one that does.
    expect(() => mergeResults([{ source: 'a.json', result: withSel(a, selection) }, { source: 'b.json', result: b }])).toThrow(/an unrecorded selection/);
  });

  it('refuses a shard that was aborted before any scenario ran', () => {
    const aborted = { ...b, scenarios: [], run: { ...b.run, aborted: { exitCode: 3 as const, reason: 'target refused the connection' } } };
    expect(() => mergeResults([{ source: 'a.json', result: a }, { source: 'b.json', result: aborted }])).toThrow(
      'b.json is a run that ended before any scenario ran (exit 3: target refused the connection); run that shard again',
    );
  });

  it('adds up the scenarios the shards never started', () => {
    const late = { ...a, notRun: { count: 2, reason: '--deadline 60 reached', ids: ['x.one', 'x.two'] } };
    const cut = { ...b, notRun: { count: 1, reason: 'interrupted (SIGINT)', ids: ['y.one'] } };
    const m = mergeResults([{ source: 'a.json', result: late }, { source: 'b.json', result: cut }]);
    expect(m.notRun).toEqual({ count: 3, reason: '--deadline 60 reached; interrupted (SIGINT)', ids: ['x.one', 'x.two', 'y.one'] });
    expect(validateWith('run-result', m)).toEqual({ ok: true });
    expect(mergeResults([{ source: 'a.json', result: a }, { source: 'b.json', result: b }]).notRun).toBeUndefined();
  });
});
