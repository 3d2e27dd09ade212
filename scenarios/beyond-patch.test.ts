// Issue 17's measure of "the rest of RFC 7644": enough scenarios outside the PATCH, IdP and security
// families, every protocol family present, each scenario with an RFC reference and a level, and the
// families selectable by --family / --only like the PATCH ones.
import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { generateScenarios, listFamilies } from './generate.ts';

const scenarios = generateScenarios({ schemas: builtinResourceSchemas() });
const beyondPatch = scenarios.filter((s) => !s.id.startsWith('patch.') && !['idp', 'security', 'checks'].includes(s.family));

describe('the protocol beyond PATCH', () => {
  it('has at least 300 scenarios outside the patch, idp, security and checks families', () => {
    expect(beyondPatch.length).toBeGreaterThanOrEqual(300);
  });

  it('has every family of RFC 7644 the issue names', () => {
    const families = listFamilies(beyondPatch);
    for (const f of ['create', 'read', 'put', 'delete', 'filter', 'pagination', 'sort', 'discovery', 'me', 'bulk', 'search', 'groups']) {
      expect(families, f).toContain(f);
    }
  });

  it('gives each of them an RFC 7643/7644 reference, a level and an id under its family', () => {
    for (const s of beyondPatch) {
      expect(s.refs.some((r) => /^RFC(7643|7644|9865)-/.test(r)), `${s.id} cites an RFC`).toBe(true);
      expect(['MUST', 'SHOULD', 'MAY', 'DERIVED', 'AMBIG', 'INTEROP'], s.id).toContain(s.level);
      expect(s.id.startsWith(`${s.family}.`), `${s.id} is named after its family ${s.family}`).toBe(true);
    }
  });
});
