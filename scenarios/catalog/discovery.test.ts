import { describe, expect, it } from 'vitest';
import { discoveryScenarios } from './discovery.ts';

describe('discovery family', () => {
  const all = discoveryScenarios();
  it('has about thirty scenarios with unique ids under discovery.', () => {
    expect(all.length).toBeGreaterThanOrEqual(30);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    for (const s of all) expect(s.id.startsWith('discovery.')).toBe(true);
  });
  it('creates nothing except where it tries a capability on a user of its own', () => {
    const own = all.filter((s) => typeof s.request.target === 'string').map((s) => s.id);
    expect(own.sort()).toEqual(['discovery.advertised.etag', 'discovery.advertised.filter', 'discovery.advertised.patch']);
  });
  it('lets a server without /Schemas pass every /Schemas scenario', () => {
    for (const s of all.filter((x) => x.request.endpoint === 'schemas')) {
      const statuses = [s.expect, ...(s.alsoConformant ?? [])].flatMap((e) => (e.kind === 'error' ? e.status : []));
      expect(statuses, s.id).toContain(404);
    }
  });
  it('refuses filters at SHOULD level where RFC 7644 §4 says so (lists), INTEROP on the ServiceProviderConfig', () => {
    const filters = all.filter((s) => s.id.endsWith('.filter-refused'));
    expect(filters).toHaveLength(3);
    for (const s of filters) expect([s.level, s.expect.kind === 'error' && s.expect.status]).toEqual([s.id.includes('.spc.') ? 'INTEROP' : 'SHOULD', [403]]);
  });
});
