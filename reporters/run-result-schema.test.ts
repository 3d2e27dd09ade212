// The JSON Schema of result.json (schemas/json/run-result.schema.json) against the sample.
import { describe, it, expect } from 'vitest';
import { validateWith } from '../schemas/validate.ts';
import { sampleResult } from '../fixtures/sample-runs/sample-result.ts';

const errorsOf = (data: unknown) => {
  const r = validateWith('run-result', data);
  return r.ok ? [] : r.errors;
};

describe('run-result.schema.json', () => {
  it('accepts the sample result, and its JSON round-trip', () => {
    expect(validateWith('run-result', sampleResult())).toEqual({ ok: true });
    expect(validateWith('run-result', JSON.parse(JSON.stringify(sampleResult())))).toEqual({ ok: true });
  });

  it('rejects an unknown outcome', () => {
    const r = sampleResult();
    (r.scenarios[0] as { outcome: string }).outcome = 'passed';
    expect(errorsOf(r)).toContainEqual(expect.objectContaining({ path: 'scenarios[0].outcome' }));
  });

  it('rejects unknown properties (strict)', () => {
    const r = sampleResult() as unknown as Record<string, unknown>;
    r.extra = true;
    expect(errorsOf(r)).toContainEqual({ path: 'extra', message: 'is not an allowed property' });
    const s = sampleResult();
    (s.run.capabilities as unknown as Record<string, unknown>).teleport = true;
    expect(errorsOf(s)).toContainEqual({ path: 'run.capabilities.teleport', message: 'is not an allowed property' });
  });

  it('rejects a missing required field, a wrong version and a bad timestamp', () => {
    const r = sampleResult() as unknown as { run: Record<string, unknown>; resultVersion: number };
    delete r.run.seed;
    r.resultVersion = 2;
    (r.run as { startedAt: string }).startedAt = 'yesterday';
    const errors = errorsOf(r);
    expect(errors).toContainEqual({ path: 'run.seed', message: 'is required' });
    expect(errors).toContainEqual({ path: 'resultVersion', message: 'must be 1' });
    expect(errors.some((e) => e.path === 'run.startedAt')).toBe(true);
  });

  it('rejects a bad exchange (status out of range, header not a string)', () => {
    const r = sampleResult();
    const ex = r.scenarios.find((s) => s.exchanges)?.exchanges?.[0];
    if (!ex) throw new Error('sample has no exchange');
    ex.status = 42;
    (ex.requestHeaders as Record<string, unknown>).Accept = ['a', 'b'];
    const errors = errorsOf(r);
    expect(errors.some((e) => e.path.endsWith('.exchanges[0].status'))).toBe(true);
    expect(errors.some((e) => e.path.endsWith('.exchanges[0].requestHeaders.Accept'))).toBe(true);
  });
});
