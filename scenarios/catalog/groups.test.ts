import { describe, expect, it } from 'vitest';
import { groupsScenarios } from './groups.ts';
import { expectFamilyShape } from './lifecycle-shape.ts';

const scenarios = groupsScenarios();

describe('groups scenarios (groups.ts)', () => {
  it('have the family shape', () => {
    expectFamilyShape('groups', scenarios, 18);
  });

  it('need groups, and the PATCH ones need PATCH too', () => {
    for (const s of scenarios) expect(s.requires).toContain('groups');
    for (const s of scenarios.filter((x) => (x.request.method ?? 'PATCH') === 'PATCH')) expect(s.requires).toContain('patch');
  });
});
