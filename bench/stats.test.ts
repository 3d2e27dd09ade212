import { describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../engine/request-log.ts';
import { median, percentile, renderTable, requestStats, type CaseResult } from './stats.ts';
import { evaluateTargets, renderTargets } from './targets.ts';
import { parseGnuTime } from './run-cli.ts';

const req = (flow: string, ms: number): LoggedRequest => ({ flow, method: 'GET', path: '/Users/1', headers: {}, ms });

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const v = [5, 1, 4, 2, 3];
    expect(percentile(v, 50)).toBe(3);
    expect(percentile(v, 95)).toBe(5);
    expect(percentile(v, 0)).toBe(1);
    expect(median([])).toBe(0);
  });
});

describe('requestStats', () => {
  it('counts per scenario, leaving run-wide requests (~n) out of the max', () => {
    const log = [req('a', 1), req('a', 2), req('a', 3), req('b', 4), req('~1', 50), req('~2', 60)];
    const s = requestStats(log, 2);
    expect(s.requests).toBe(6);
    expect(s.perScenarioMean).toBe(3);
    expect(s.perScenarioMax).toBe(3);
    expect(s.latencyP50Ms).toBe(3);
    expect(s.latencyP95Ms).toBe(60);
  });
});

const base: CaseResult = {
  name: 'default', description: '', concurrency: 8, addedLatencyMs: 0, scenarios: 400, exitCode: 0, wallMs: 3000, runMs: 2000,
  cpuMs: 3500, peakRssMb: 200, floorMs: 1000, trialsWallMs: [3000],
  stats: { requests: 1700, perScenarioMean: 4.25, perScenarioMax: 6, latencyP50Ms: 0.8, latencyP95Ms: 3 },
};

describe('tables and targets', () => {
  it('renders one row per case with the ratios to the floor', () => {
    const md = renderTable([base]);
    expect(md.split('\n')[2]).toBe('| default | 400 | 1700 | 4.25 | 6 | 3.00 | 3.50 | 133 | 0.80 | 3.00 | 200 | 1.00 | 3.00 | 2.00 |');
  });

  it('says which targets are met, missed or not measured', () => {
    const x16 = { ...base, name: 'repeat-16x', scenarios: 6400, wallMs: 48000, peakRssMb: 450 };
    const checks = evaluateTargets([base, x16]);
    const by = (t: string) => checks.find((c) => c.target.startsWith(t));
    expect(by('>= 300 scenarios')?.met).toBe(true);
    expect(by('wall <= 1.5x the floor')?.met).toBe(false);
    expect(by('<= 4 requests')?.met).toBe(false);
    expect(by('peak RSS')?.met).toBe(true);
    expect(evaluateTargets([{ ...base, peakRssMb: 350 }]).find((c) => c.target.startsWith('peak RSS'))?.met).toBe(false);
    expect(by('16x the scenarios: <= 17x')?.met).toBe(true);
    expect(by('16x the scenarios: peak RSS')?.met).toBe(false);
    expect(by('with 20 ms')).toBeUndefined();
    expect(renderTargets(checks)).toContain('| missed |');
  });
});

describe('parseGnuTime', () => {
  it('reads peak RSS (KiB) and CPU seconds, after a non-zero exit note too', () => {
    expect(parseGnuTime('204800 1.50 0.25\n')).toEqual({ peakRssMb: 200, cpuMs: 1750 });
    expect(parseGnuTime('Command exited with non-zero status 1\n1024 0.10 0.00\n')).toEqual({ peakRssMb: 1, cpuMs: 100 });
    expect(parseGnuTime('garbage')).toBeUndefined();
  });
});
