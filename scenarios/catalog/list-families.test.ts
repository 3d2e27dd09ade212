// The list families' data against their own fixtures: every list scenario's filter, evaluated by the
// list oracle over the list users (and groups) as built, must select a proper subset where that is
// the point: a filter that matches everyone (or no one) by accident proves nothing.
import { describe, expect, it } from 'vitest';
import { createFixtureFactory } from '../../fixtures/builders.ts';
import { getState } from '../../fixtures/states.ts';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import type { ScimResource } from '../../schemas/scim-schema.ts';
import { expectedMatches } from '../../engine/list-oracle.ts';
import type { ListAssertion, Scenario } from '../scenario.ts';
import { REQUEST_FAMILIES } from './index.ts';

const schemas = builtinResourceSchemas();
const LIST = ['filter', 'pagination', 'sort', 'search'];
const scenarios = LIST.flatMap((f) => REQUEST_FAMILIES[f]!());

function build(state: string): Record<string, ScimResource> {
  const factory = createFixtureFactory({ seed: 7, marker: 'SCT' });
  const created: Record<string, ScimResource> = {};
  getState(state).resources.forEach((r, i) => {
    const schema = schemas[r.kind];
    const body = r.build({ factory, schema, schemas, created });
    const stamp = `2026-01-01T00:00:0${i}Z`;
    created[r.alias] = { ...body, id: `${r.alias.toLowerCase()}-0a1b`, meta: { resourceType: r.kind, created: stamp, lastModified: stamp } };
  });
  return created;
}

const listCheck = (s: Scenario): ListAssertion | undefined => s.expect.assertions?.find((a): a is ListAssertion => a.kind === 'list');

describe('list families', () => {
  it('have the counts of issue 17 (filter ~90, pagination ~25, sort ~15, search ~20)', () => {
    const count = (f: string) => scenarios.filter((s) => s.family === f).length;
    expect(count('filter')).toBeGreaterThanOrEqual(90);
    expect(count('pagination')).toBeGreaterThanOrEqual(24);
    expect(count('sort')).toBeGreaterThanOrEqual(15);
    expect(count('search')).toBeGreaterThanOrEqual(19);
    expect(scenarios.length).toBeGreaterThanOrEqual(150);
  });

  it('scope every list query to the prefix of the list resources', () => {
    for (const s of scenarios) {
      const filter = String(s.request.query?.['filter'] ?? (s.request.body as Record<string, unknown> | undefined)?.['filter'] ?? '');
      expect(filter, s.id).toMatch(/^(userName|displayName) (sw "\{[LG]\d\.(userName|displayName)\|scope\}"|eq "\{self\.userName\}")/);
    }
  });

  const users = build('users.list');
  const groups = build('groups.list');
  const filtered = scenarios.filter((s) => s.family === 'filter' && listCheck(s) !== undefined);

  it.each(filtered.map((s) => [s.id, s] as const))('%s selects a proper subset', (_id, s) => {
    const a = listCheck(s)!;
    const created = s.resource === 'Group' ? groups : users;
    const schema = s.resource === 'Group' ? schemas.Group : schemas.User;
    const got = expectedMatches(a, created, schema);
    const matchesNone = /(external-id|id)\.\w+\.other-case$/.test(s.id);
    if (matchesNone) expect(got, s.id).toEqual([]);
    else {
      expect(got.length, `${s.id}: ${got.join(',')}`).toBeGreaterThan(0);
      // `pr` of an attribute everyone has, and `co "Ext-L"`, legitimately select everyone.
      if (!/\.pr$|external-id\.co$/.test(s.id)) expect(got.length, `${s.id}: ${got.join(',')}`).toBeLessThan(a.aliases.length);
    }
  });
});
