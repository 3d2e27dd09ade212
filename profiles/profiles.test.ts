import { describe, expect, it } from 'vitest';
import { PROFILES, profileNames } from './profiles.ts';
import { templateNames, fillTemplate } from './base-path.ts';
import { affectedIds } from './adapt.ts';
import { generateScenarios } from '../scenarios/generate.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';

const LEVELS = ['MUST', 'SHOULD', 'MAY', 'DERIVED', 'AMBIG', 'INTEROP'];

describe('profile data', () => {
  it('ships the six profiles, each under its own name', () => {
    expect(profileNames()).toEqual(['adra', 'matillion-dpc', 'pingone', 'rfc7644', 'vmware-identity-services', 'workspace-one-access']);
    for (const [key, p] of Object.entries(PROFILES)) expect(p.name).toBe(key);
  });

  it.each(Object.values(PROFILES))('$name is consistent', (p) => {
    expect(p.basePath === '' || p.basePath.startsWith('/')).toBe(true);
    expect(p.basePath.endsWith('/')).toBe(false);
    // The emulation fills every template value, and nothing else.
    expect(Object.keys(p.emulation.templateValues).sort()).toEqual(templateNames(p.basePath).sort());
    expect(() => fillTemplate(p.basePath, p.emulation.templateValues, p.name)).not.toThrow();
    expect(p.endpoints.users.startsWith('/')).toBe(true);
    expect(['application/scim+json', 'application/json']).toContain(p.mediaType);
    for (const s of p.statuses ?? []) expect(s >= 400 && s < 600).toBe(true);
    if (p.success === '200') expect(p.emulation.patchSuccess).toBe(200);
    if (p.success === '204') expect(p.emulation.patchSuccess).toBe(204);
    if (p.name !== 'rfc7644') {
      expect(p.source).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
      expect(p.documentedEndpoint).toMatch(/^PATCH /);
    }
    const ids = new Set<string>();
    for (const d of p.deviations) {
      expect(d.id.startsWith(`${p.name}.`)).toBe(true);
      expect(ids.has(d.id)).toBe(false);
      ids.add(d.id);
      expect(LEVELS).toContain(d.level);
      expect(d.refs.length).toBeGreaterThan(0);
      expect(d.description.length).toBeGreaterThan(40);
      // A scenario the profile cannot send can only be judged from the documentation.
      if (d.unsupported) expect(d.evidence).toBe('documented');
      if (d.expect) expect(d.unsupported).toBeUndefined();
    }
  });

  it('every deviation affects at least one generated scenario', () => {
    const scenarios = generateScenarios({ schemas: builtinResourceSchemas() });
    for (const p of Object.values(PROFILES)) {
      for (const [id, list] of affectedIds(p, scenarios)) expect(list.length, id).toBeGreaterThan(0);
    }
  });

  it('the rfc7644 profile documents no deviation and changes nothing', () => {
    const p = PROFILES['rfc7644']!;
    expect([p.deviations, p.basePath, p.dialect, p.errorFormat]).toEqual([[], '', 'patchop', 'scim']);
  });
});
