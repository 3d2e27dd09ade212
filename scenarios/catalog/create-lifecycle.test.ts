import { describe, expect, it } from 'vitest';
import { checkExpectation, type Observation } from '../../engine/judge.ts';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import { URN } from '../../schemas/scim-schema.ts';
import { createLifecycleScenarios } from './create-lifecycle.ts';
import { expectFamilyShape } from './lifecycle-shape.ts';

const schemas = builtinResourceSchemas();
const scenarios = createLifecycleScenarios();
const byId = (id: string) => scenarios.find((s) => s.id === id)!;
const answer = (status: number, json: unknown, after?: unknown): Observation => {
  const r = (st: number, j: unknown) => ({ status: st, json: j, text: JSON.stringify(j), headers: { 'content-type': 'application/scim+json' } });
  return { schema: schemas.User, created: {}, projected: false, patch: r(status, json), ...(after ? { after: r(200, after) } : {}) };
};
const error = (status: number, scimType?: string) => ({ schemas: [URN.error], status: String(status), ...(scimType ? { scimType } : {}) });

describe('create lifecycle scenarios', () => {
  it('are create.* POSTs to the collection', () => {
    expectFamilyShape('create', scenarios, 25);
    for (const s of scenarios) expect(s.request).toMatchObject({ method: 'POST', endpoint: 'collection' });
  });

  it('a missing userName must be 400 invalidValue: a 201 or another scimType fails', () => {
    const s = byId('create.user-name-missing');
    expect(checkExpectation(s.expect, answer(400, error(400, 'invalidValue')))).toEqual([]);
    expect(checkExpectation(s.expect, answer(400, error(400, 'invalidSyntax')))).not.toEqual([]);
    expect(checkExpectation(s.expect, answer(201, { id: 'x', schemas: [URN.user] }))).not.toEqual([]);
  });

  it('two primaries pass refused (400) or normalised (201 with one primary), not stored as sent', () => {
    const s = byId('create.two-primaries');
    const emails = (a: boolean, b: boolean) => ({ id: 'x', emails: [{ value: 'a', primary: a }, { value: 'b', primary: b }] });
    const passes = (o: Observation) => checkExpectation(s.expect, o).length === 0 || (s.alsoConformant ?? []).some((e) => checkExpectation(e, o).length === 0);
    expect(passes(answer(400, error(400, 'invalidValue')))).toBe(true);
    expect(passes(answer(201, emails(true, false), emails(true, false)))).toBe(true);
    expect(passes(answer(201, emails(true, true), emails(true, true)))).toBe(false);
  });

  it('stored attributes are judged on the read-back', () => {
    const s = byId('create.stored');
    const sent = { id: 'x', externalId: 'lc-create-ext', displayName: 'Lifecycle Create', title: 'Auditor' };
    expect(checkExpectation(s.expect, answer(201, sent, sent))).toEqual([]);
    expect(checkExpectation(s.expect, answer(201, sent, { ...sent, title: undefined }))).not.toEqual([]);
  });
});
