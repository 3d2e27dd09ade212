import { describe, it, expect } from 'vitest';
import { jsonErrorOffset, lineAndColumn } from './json-error-position.ts';

describe('jsonErrorOffset', () => {
  it('returns -1 for valid JSON of every kind', () => {
    for (const t of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0']) {
      expect(jsonErrorOffset(t), t).toBe(-1);
      expect(() => JSON.parse(t)).not.toThrow();
    }
  });

  it('points at the first offending character', () => {
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{} x')).toBe(3);
    expect(jsonErrorOffset('{"a": "b\nc"}')).toBe(8);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
  });

  it('points at the end of truncated input', () => {
    expect(jsonErrorOffset('{"a": [1, 2')).toBe(11);
    expect(jsonErrorOffset('')).toBe(0);
    expect(jsonErrorOffset('"abc')).toBe(4);
  });

  it('agrees with JSON.parse on what is invalid', () => {
    for (const t of ['{', '[,]', '{"a":1,,}', "{'a':1}", 'nul', '1.', '-', '"\\x"']) {
      expect(() => JSON.parse(t), t).toThrow();
      expect(jsonErrorOffset(t), t).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    const text = '{\n  "a": 1,\n}';
    expect(lineAndColumn(text, jsonErrorOffset(text))).toEqual({ line: 3, column: 1 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});
