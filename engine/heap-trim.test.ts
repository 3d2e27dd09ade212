import { describe, expect, it } from 'vitest';
import { exposedGc, heapTrimmer } from './heap-trim.ts';

describe('heapTrimmer', () => {
  it('starts an asynchronous full collection every `every` finished scenarios, not before', () => {
    const calls: unknown[] = [];
    const trim = heapTrimmer(3, (o) => void calls.push(o));
    for (let i = 0; i < 2; i += 1) trim();
    expect(calls).toEqual([]);
    trim();
    expect(calls).toEqual([{ type: 'major', execution: 'async' }]);
    for (let i = 0; i < 3; i += 1) trim();
    expect(calls).toHaveLength(2);
  });

  it('does nothing without a gc function', () => {
    const trim = heapTrimmer(1, null);
    expect(() => trim()).not.toThrow();
  });

  it('gets V8 gc() at run time', () => {
    const gc = exposedGc();
    expect(typeof gc).toBe('function');
    expect(exposedGc()).toBe(gc);
    expect(() => gc!({ type: 'major', execution: 'sync' })).not.toThrow();
  });
});
