import { describe, expect, it } from 'vitest';
import { readLifecycleScenarios } from './read-lifecycle.ts';
import { expectFamilyShape } from './lifecycle-shape.ts';

const scenarios = readLifecycleScenarios();

describe('read scenarios (read-lifecycle.ts)', () => {
  it('have the family shape', () => {
    expectFamilyShape('read', scenarios, 20);
  });

  it('are GETs; the conditional ones need ETags', () => {
    for (const s of scenarios) expect(s.request.method).toBe('GET');
    for (const s of scenarios.filter((x) => x.request.ifNoneMatch)) expect(s.requires).toContain('etag');
    expect(scenarios.find((s) => s.id === 'read.if-none-match-current')!.expect).toMatchObject({ kind: 'success', status: [304] });
  });
});
