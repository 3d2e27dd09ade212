import { describe, expect, it } from 'vitest';
import { meScenarios } from './me.ts';

describe('me family', () => {
  const all = meScenarios();
  it('accepts 501 everywhere and never deletes or replaces through /Me', () => {
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const s of all) {
      expect(s.request.endpoint).toBe('me');
      expect(['DELETE', 'PUT', 'POST']).not.toContain(s.request.method);
      const statuses = [s.expect, ...(s.alsoConformant ?? [])].flatMap((e) => (e.kind === 'error' ? e.status : []));
      expect(statuses, s.id).toContain(501);
    }
  });
});
