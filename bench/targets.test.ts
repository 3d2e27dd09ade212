import { describe, expect, it } from 'vitest';
import type { CaseResult } from './stats.ts';
import { evaluateTargets } from './targets.ts';

const stats = { requests: 2000, perScenarioMean: 3.9, perScenarioMax: 7, latencyP50Ms: 1, latencyP95Ms: 2 };
const measured = (name: string, over: Partial<CaseResult>): CaseResult => ({
  name,
  description: name,
  concurrency: 8,
  addedLatencyMs: 0,
  scenarios: 500,
  exitCode: 0,
  wallMs: 3000,
  runMs: 2500,
  peakRssMb: 200,
  floorMs: 2000,
  stats,
  trialsWallMs: [3000],
  ...over,
});
const verdict = (cases: CaseResult[], target: RegExp) => evaluateTargets(cases).find((t) => target.test(t.target))?.met;

describe('evaluateTargets (issue 16 bounds)', () => {
  it('wall within 1.5x the floor', () => {
    expect(verdict([measured('default', { wallMs: 2990, floorMs: 2000 })], /1\.5x the floor/)).toBe(true);
    expect(verdict([measured('default', { wallMs: 3010, floorMs: 2000 })], /1\.5x the floor/)).toBe(false);
  });

  it('20 ms latency within 1.2x its floor', () => {
    expect(verdict([measured('latency-20ms', { wallMs: 11900, floorMs: 10000 })], /20 ms/)).toBe(true);
    expect(verdict([measured('latency-20ms', { wallMs: 12100, floorMs: 10000 })], /20 ms/)).toBe(false);
  });

  it('peak RSS at 16x the work within 1.5x the default run', () => {
    const base = measured('default', { peakRssMb: 200 });
    expect(verdict([base, measured('repeat-16x', { peakRssMb: 299 })], /peak RSS <= 1\.5x/)).toBe(true);
    expect(verdict([base, measured('repeat-16x', { peakRssMb: 301 })], /peak RSS <= 1\.5x/)).toBe(false);
    expect(verdict([base], /peak RSS <= 1\.5x/)).toBeUndefined();
  });
});
