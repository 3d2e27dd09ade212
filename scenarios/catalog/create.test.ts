import { describe, expect, it } from 'vitest';
import { checkExpectation, type Observation } from '../../engine/judge.ts';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import { URN } from '../../schemas/scim-schema.ts';
import { placeholderAliases, resolvePlaceholders } from '../resolve-placeholders.ts';
import { createScenarios } from './create.ts';
import { catalogScenarios } from './index.ts';
import { simulateState } from './simulate-state.ts';

const schemas = builtinResourceSchemas();
// The uniqueness pair; the lifecycle creates have create-lifecycle.test.ts.
const scenarios = createScenarios().filter((s) => s.id.startsWith('create.user-name-taken'));

function answer(status: number, body: unknown): Observation {
  return {
    schema: schemas.User,
    created: {},
    projected: false,
    patch: { status, json: body, text: JSON.stringify(body), headers: { 'content-type': 'application/scim+json' } },
  };
}

describe('create family', () => {
  it('has create.* ids in family create, is part of the catalog, and needs no PATCH capability', () => {
    expect(scenarios.map((s) => s.id)).toEqual(['create.user-name-taken', 'create.user-name-taken-other-case']);
    const ids = new Set(catalogScenarios({ schemas }).map((s) => s.id));
    for (const s of scenarios) {
      expect(ids.has(s.id), s.id).toBe(true);
      expect(s.family).toBe('create');
      expect(s.level).toBe('MUST');
      expect(s.requires).toEqual([]);
      expect(s.refs).toContain('RFC7644-3.3');
      expect(s.request).toMatchObject({ method: 'POST', endpoint: 'collection', target: { unknown: 'User' } });
    }
  });

  it('POSTs the userName of the existing user (self), so the bystander read covers it', () => {
    const { created } = simulateState('user.minimal', schemas);
    const self = created['self']!;
    const [exact, otherCase] = scenarios.map((s) => resolvePlaceholders(s.request.body, created) as Record<string, unknown>);
    // The rest of the body is built like self (templates applied); only userName is overridden.
    expect(exact).toEqual({ userName: self['userName'] });
    for (const sc of scenarios) expect(sc.request.bodyFrom).toBe('self');
    expect(otherCase!['userName']).toBe(String(self['userName']).toUpperCase());
    expect(otherCase!['userName']).not.toBe(self['userName']);
    for (const s of scenarios) expect(placeholderAliases(s.request.body)).toEqual(['self']);
  });

  it('requires 409 uniqueness: 400 uniqueness, a 409 without scimType and a 201 all fail', () => {
    const error = (status: number, scimType?: string) => ({ schemas: [URN.error], status: String(status), ...(scimType ? { scimType } : {}), detail: 'taken' });
    for (const s of scenarios) {
      expect(s.acceptable, s.id).toBeUndefined();
      expect(s.alsoConformant, s.id).toBeUndefined();
      expect(checkExpectation(s.expect, answer(409, error(409, 'uniqueness')))).toEqual([]);
      expect(checkExpectation(s.expect, answer(400, error(400, 'uniqueness'))).join(' ')).toMatch(/expected 409/);
      expect(checkExpectation(s.expect, answer(409, error(409))).join(' ')).toMatch(/scimType/);
      expect(checkExpectation(s.expect, answer(201, { schemas: [URN.user], id: 'x', userName: 'dup' }))).not.toEqual([]);
    }
  });
});
