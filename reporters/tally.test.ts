import { describe, it, expect } from 'vitest';
import { countByLevel, countBySection, countOutcomes, formatDuration, summaryLine, targetTitle } from './tally.ts';
import { sampleResult } from '../fixtures/sample-runs/sample-result.ts';

describe('tally', () => {
  const { scenarios, run } = sampleResult();

  it('counts outcomes from the scenarios', () => {
    expect(countOutcomes(scenarios)).toEqual({ total: 9, pass: 2, fail: 2, warn: 2, unsupported: 1, blocked: 1, error: 1 });
    expect(summaryLine(countOutcomes(scenarios))).toBe('9 scenarios: 2 pass, 2 fail, 2 warn, 1 unsupported, 1 blocked, 1 error');
  });

  it('groups by section in RFC order and by level in level order', () => {
    expect(countBySection(scenarios).map(([k, c]) => `${k}=${c.total}`)).toEqual([
      'RFC7644 3.5.2=1', 'RFC7644 3.5.2.1=3', 'RFC7644 3.5.2.2=2', 'RFC7644 3.5.2.3=1', 'RFC7644 3.12=1', 'RFC7644 3.14=1',
    ]);
    expect(countByLevel(scenarios).map(([k]) => k)).toEqual(['MUST', 'SHOULD', 'AMBIG']);
  });

  it('formats durations and titles', () => {
    expect(formatDuration(420)).toBe('420 ms');
    expect(formatDuration(6423)).toBe('6.4 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(targetTitle(run)).toBe('ExampleIdM 4.2.1');
    expect(targetTitle({ ...run, target: { url: 'http://x', embedded: true } })).toBe('http://x');
  });
});
