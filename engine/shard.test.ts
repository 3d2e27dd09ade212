import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenarios/scenario.ts';
import { idHash, parseRepeat, parseShard, repeatScenarios, selectShard, shardOf } from './shard.ts';

const ids = Array.from({ length: 500 }, (_, i) => ({ id: `patch.family-${i % 7}.case-${i}` }));

describe('parseShard', () => {
  it('reads K/N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });
  it.each(['0/4', '5/4', '2', '2/0', 'a/b', '1.5/3', '-1/2', ''])('rejects %j with one line', (text) => {
    expect(() => parseShard(text)).toThrow(/^--shard: .* is not K\/N/);
  });
});

describe('selectShard', () => {
  it('puts every scenario in exactly one shard', () => {
    for (const n of [1, 2, 3, 4, 7]) {
      const seen = new Map<string, number>();
      for (let k = 1; k <= n; k += 1) {
        for (const s of selectShard(ids, { index: k, count: n })) seen.set(s.id, (seen.get(s.id) ?? 0) + 1);
      }
      expect(seen.size).toBe(ids.length);
      expect([...seen.values()].every((c) => c === 1)).toBe(true);
    }
  });

  it('depends on the id only, not on the other scenarios or their order', () => {
    const reversed = [...ids].reverse();
    const a = selectShard(ids, { index: 3, count: 4 }).map((s) => s.id).sort();
    const b = selectShard(reversed, { index: 3, count: 4 }).map((s) => s.id).sort();
    expect(a).toEqual(b);
    // A scenario stays in its shard when others are added or removed.
    const fewer = ids.slice(0, 100);
    const inFew = selectShard(fewer, { index: 3, count: 4 }).map((s) => s.id);
    expect(inFew.every((id) => a.includes(id))).toBe(true);
    expect(a.filter((id) => fewer.some((s) => s.id === id))).toEqual([...inFew].sort());
  });

  it('keeps the original order and spreads the ids roughly evenly', () => {
    const shard = selectShard(ids, { index: 1, count: 4 });
    expect(shard.map((s) => s.id)).toEqual(ids.filter((s) => shardOf(s.id, 4) === 1).map((s) => s.id));
    for (let k = 1; k <= 4; k += 1) {
      const n = selectShard(ids, { index: k, count: 4 }).length;
      expect(n).toBeGreaterThan(80);
      expect(n).toBeLessThan(170);
    }
  });

  it('hashes with a fixed function (FNV-1a), so the partition is the same everywhere', () => {
    expect(idHash('')).toBe(0x811c9dc5);
    expect(idHash('a')).toBe(0xe40c292c);
  });
});

describe('repeat', () => {
  const s = (id: string) => ({ id, title: id }) as unknown as Scenario;

  it('copies each scenario with #k ids right after it', () => {
    expect(repeatScenarios([s('a'), s('b')], 3).map((x) => x.id)).toEqual(['a', 'a#2', 'a#3', 'b', 'b#2', 'b#3']);
    expect(repeatScenarios([s('a')], 1).map((x) => x.id)).toEqual(['a']);
  });

  it('parses positive integers only', () => {
    expect(parseRepeat('16')).toBe(16);
    for (const bad of ['0', '-2', '1.5', 'x', '']) expect(() => parseRepeat(bad)).toThrow(/^--repeat: /);
  });
});
