import { describe, expect, it } from 'vitest';
import { compactJsonChunks, jsonChunks } from './json-chunks.ts';
import { sampleResult } from '../fixtures/sample-runs/sample-result.ts';

const joined = (v: Record<string, unknown>) => [...jsonChunks(v)].join('');

describe('jsonChunks', () => {
  it('joins to exactly JSON.stringify(value, null, 2) plus a newline', () => {
    const cases: Array<Record<string, unknown>> = [
      {},
      { a: 1 },
      { a: [], b: {}, c: null, d: 'x\ny "q"' },
      { skipped: undefined, f: () => 1, list: [1, undefined, { deep: [{ x: 'a\nb' }, []] }, 'é\u2028'], tail: { t: [1, 2] } },
      sampleResult() as unknown as Record<string, unknown>,
    ];
    for (const c of cases) {
      expect(joined(c)).toBe(JSON.stringify(c, null, 2) + '\n');
      expect([...compactJsonChunks(c)].join('')).toBe(JSON.stringify(c));
    }
  });

  it('gives each element of a top-level array its own piece', () => {
    const scenarios = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, outcome: 'pass' }));
    const pieces = [...jsonChunks({ run: { id: 'r' }, scenarios })];
    expect(pieces.length).toBeGreaterThan(50);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(80);
  });
});
