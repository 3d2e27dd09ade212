import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { URN } from '../schemas/scim-schema.ts';
import { decodeCapitalised, encodeCapitalised, encodeForDialect, hasPathLessWrite, isSimpleTarget } from './dialects.ts';

const { User } = builtinResourceSchemas();
const body = (...Operations: unknown[]) => ({ schemas: [URN.patchOp], Operations });

describe('the Adra dialect', () => {
  it('capitalises lower-case ops and wraps simple values as [{value}]', () => {
    const encoded = encodeCapitalised(
      body(
        { op: 'replace', path: 'active', value: false },
        { op: 'add', path: 'name.middleName', value: 'J' },
        { op: 'add', path: 'emails', value: [{ value: 'a@example.com' }] },
        { op: 'remove', path: 'nickName' },
        { op: 'REPLACE', path: 'title', value: 'T' },
      ),
      User,
    );
    expect(encoded).toEqual(
      body(
        { op: 'Replace', path: 'active', value: [{ value: false }] },
        { op: 'Add', path: 'name.middleName', value: [{ value: 'J' }] },
        { op: 'Add', path: 'emails', value: [{ value: 'a@example.com' }] },
        { op: 'Remove', path: 'nickName' },
        // Spellings other than the RFC's lower case are the point of their scenarios: kept.
        { op: 'REPLACE', path: 'title', value: [{ value: 'T' }] },
      ),
    );
  });

  it('reads its own form back as the RFC body', () => {
    const rfc = body({ op: 'replace', path: 'emails[type eq "work"].value', value: 'x@example.com' }, { op: 'replace', path: 'name', value: { givenName: 'B' } });
    const decoded = decodeCapitalised(encodeCapitalised(rfc, User), User) as { Operations: Array<{ op: string }> };
    expect(decoded.Operations.map((o) => ({ ...o, op: o.op.toLowerCase() }))).toEqual(rfc.Operations);
  });

  it('refuses an add or replace without a path, as the contract requires one', () => {
    expect(() => decodeCapitalised(body({ op: 'Replace', value: { active: false } }), User)).toThrow(/path is required/);
    expect(decodeCapitalised(body({ op: 'Remove', path: 'nickName' }), User)).toEqual(body({ op: 'Remove', path: 'nickName' }));
  });

  it('knows which paths name one simple value', () => {
    expect(isSimpleTarget('userName', User)).toBe(true);
    expect(isSimpleTarget('emails[type eq "work"].value', User)).toBe(true);
    expect(isSimpleTarget('emails', User)).toBe(false);
    expect(isSimpleTarget('name', User)).toBe(false);
    expect(isSimpleTarget('nope', User)).toBe(false);
    expect(isSimpleTarget(undefined, User)).toBe(false);
  });

  it('spots path-less writes', () => {
    expect(hasPathLessWrite(body({ op: 'replace', value: { active: false } }))).toBe(true);
    expect(hasPathLessWrite(body({ op: 'remove' }))).toBe(false);
    expect(hasPathLessWrite({ raw: '{' })).toBe(false);
  });
});

describe('encodeForDialect', () => {
  const before = { schemas: [URN.user], id: 'u1', userName: 'bjensen', nickName: 'Babs', meta: { resourceType: 'User' } };
  it('sends the PatchOp unchanged for the patchop dialect', () => {
    const b = body({ op: 'replace', path: 'nickName', value: 'B' });
    expect(encodeForDialect('patchop', { body: b, before, schema: User, options: {} })).toEqual({ body: b });
  });
  it('writes a partial update for a change, and refuses a PatchOp error it cannot express', () => {
    const ok = encodeForDialect('scim1-partial', { body: body({ op: 'replace', path: 'nickName', value: 'B' }), before, schema: User, options: {} });
    expect(ok).toEqual({ body: { schemas: ['urn:scim:schemas:core:1.0'], nickName: 'B' } });
    const bad = encodeForDialect('scim1-partial', { body: body({ op: 'replace', path: 'nope', value: 1 }), before, schema: User, options: {} });
    expect(bad).toEqual({ unsupported: expect.stringContaining('400 invalidPath') });
  });
  it('without the resource only writes plain top-level attributes', () => {
    expect(encodeForDialect('scim1-partial', { body: body({ op: 'replace', path: 'nickName', value: 'B' }), schema: User, options: {} })).toEqual({
      body: { schemas: ['urn:scim:schemas:core:1.0'], nickName: 'B' },
    });
    expect('unsupported' in encodeForDialect('scim1-partial', { body: body({ op: 'remove', path: 'nickName' }), schema: User, options: {} })).toBe(true);
  });
});
