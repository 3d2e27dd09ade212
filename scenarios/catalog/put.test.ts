import { describe, expect, it } from 'vitest';
import { putScenarios } from './put.ts';
import { expectFamilyShape } from './lifecycle-shape.ts';

const scenarios = putScenarios();

describe('put scenarios (put.ts)', () => {
  it('have the family shape', () => {
    expectFamilyShape('put', scenarios, 22);
  });

  it('are PUTs judged by the PUT oracle unless they expect an error; If-Match ones need ETags', () => {
    for (const s of scenarios) expect(s.request.method).toBe('PUT');
    for (const s of scenarios.filter((x) => x.request.ifMatch)) expect(s.requires).toContain('etag');
    for (const s of scenarios.filter((x) => x.expect.kind === 'success' && x.id !== 'put.groups-ignored')) expect(s.expect).not.toMatchObject({ oracle: false });
    expect(scenarios.find((s) => s.id === 'put.omitted-cleared')).toMatchObject({ level: 'SHOULD', request: { omit: ['title'] } });
  });
});
