import { describe, expect, it } from 'vitest';
import { checkExpectation, type Observation } from '../../engine/judge.ts';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import type { ScimResource } from '../../schemas/scim-schema.ts';
import { catalogScenarios } from './index.ts';
import { readScenarios } from './read.ts';
import { simulateState } from './simulate-state.ts';

const schemas = builtinResourceSchemas();
// The two projection reads; the lifecycle reads have read-lifecycle.test.ts.
const scenarios = readScenarios().filter((s) => s.id === 'read.attributes' || s.id === 'read.excluded-attributes');
const byId = (id: string) => scenarios.find((s) => s.id === id)!;
const { created } = simulateState('user.full', schemas);
const full: ScimResource = created['self']!;

function read(body: ScimResource): Observation {
  const json = (b: unknown) => ({ status: 200, json: b, text: JSON.stringify(b), headers: { 'content-type': 'application/scim+json' } });
  return { schema: schemas.User, created, projected: true, before: full, patch: json(body), after: json(full) };
}

const pick = (resource: ScimResource, keep: string[]) => Object.fromEntries(Object.entries(resource).filter(([k]) => keep.includes(k)));

describe('read family', () => {
  it('has read.* ids in family read, is part of the catalog, and GETs the resource with the parameter', () => {
    expect(scenarios.map((s) => s.id)).toEqual(['read.attributes', 'read.excluded-attributes']);
    const ids = new Set(catalogScenarios({ schemas }).map((s) => s.id));
    for (const s of scenarios) {
      expect(ids.has(s.id), s.id).toBe(true);
      expect([s.family, s.level, s.requires]).toEqual(['read', 'MUST', []]);
      expect(s.refs).toContain('RFC7644-3.4.2.5');
      expect(s.request).toMatchObject({ method: 'GET', target: 'self' });
    }
    expect(byId('read.attributes').request.query).toEqual({ attributes: 'userName' });
    expect(byId('read.excluded-attributes').request.query).toEqual({ excludedAttributes: 'nickName,title' });
  });

  it('the state has what the parameters must remove, so ignoring them shows', () => {
    for (const name of ['nickName', 'title', 'emails', 'name']) expect(full[name], name).toBeDefined();
  });

  it('read.attributes passes only id, schemas, meta and userName, and fails the full resource', () => {
    const s = byId('read.attributes');
    expect(checkExpectation(s.expect, read(pick(full, ['id', 'schemas', 'meta', 'userName'])))).toEqual([]);
    expect(checkExpectation(s.expect, read(full)).join(' ')).toMatch(/attributes not requested are returned: .*nickName/);
    expect(checkExpectation(s.expect, read(pick(full, ['id', 'schemas']))).join(' ')).toMatch(/requested attribute userName is missing/);
  });

  it('read.excluded-attributes passes without nickName and title, and fails the full resource', () => {
    const s = byId('read.excluded-attributes');
    const { nickName: _n, title: _t, ...rest } = full;
    expect(checkExpectation(s.expect, read(rest))).toEqual([]);
    const problems = checkExpectation(s.expect, read(full)).join(' ');
    expect(problems).toMatch(/nickName should be absent/);
    expect(problems).toMatch(/title should be absent/);
  });
});
