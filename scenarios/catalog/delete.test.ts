import { describe, expect, it } from 'vitest';
import { deleteScenarios } from './delete.ts';
import { expectFamilyShape } from './lifecycle-shape.ts';

const scenarios = deleteScenarios();

describe('delete scenarios (delete.ts)', () => {
  it('have the family shape', () => {
    expectFamilyShape('delete', scenarios, 10);
  });

  it('a successful DELETE is 204 only; a deleted user leaving its groups is SHOULD', () => {
    for (const s of scenarios.filter((x) => x.expect.kind === 'success' && x.request.method === 'DELETE')) expect(s.expect).toMatchObject({ status: [204] });
    expect(scenarios.find((s) => s.id === 'delete.leaves-groups')).toMatchObject({ level: 'SHOULD', requires: ['groups'] });
  });
});
