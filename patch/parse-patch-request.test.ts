import { describe, it, expect } from 'vitest';
import { parsePatchRequest } from './parse-patch-request.ts';
import { PatchError } from './patch-error.ts';

const PO = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];

function errorOf(body: unknown, options?: Parameters<typeof parsePatchRequest>[1]): string {
  try {
    parsePatchRequest(body, options);
  } catch (e) {
    if (e instanceof PatchError) return `${e.status} ${e.scimType}`;
    throw e;
  }
  return 'no error';
}

describe('parsePatchRequest', () => {
  it('returns the operations of a valid body', () => {
    expect(parsePatchRequest({ schemas: PO, Operations: [{ op: 'replace', path: 'nickName', value: 'X' }] })).toEqual([
      { op: 'replace', path: 'nickName', value: 'X' },
    ]);
  });

  it('PATCH-ENV-01/02 missing or wrong schemas is 400 invalidSyntax', () => {
    expect(errorOf({ Operations: [{ op: 'replace', path: 'nickName', value: 'X' }] })).toBe('400 invalidSyntax');
    expect(errorOf({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [{ op: 'add', value: {} }] })).toBe('400 invalidSyntax');
    expect(errorOf({ schemas: PO[0], Operations: [{ op: 'add', value: {} }] })).toBe('400 invalidSyntax');
  });

  it('PATCH-ENV-03/04 missing or empty Operations is 400 invalidSyntax; empty allowed by option (IOP-12)', () => {
    expect(errorOf({ schemas: PO })).toBe('400 invalidSyntax');
    expect(errorOf({ schemas: PO, Operations: {} })).toBe('400 invalidSyntax');
    expect(errorOf({ schemas: PO, Operations: [] })).toBe('400 invalidSyntax');
    expect(parsePatchRequest({ schemas: PO, Operations: [] }, { allowEmptyOperations: true })).toEqual([]);
  });

  it('PATCH-ENV-05 op missing or not a string is 400 invalidSyntax', () => {
    expect(errorOf({ schemas: PO, Operations: [{ path: 'nickName', value: 'X' }] })).toBe('400 invalidSyntax');
    expect(errorOf({ schemas: PO, Operations: [{ op: 1, path: 'nickName', value: 'X' }] })).toBe('400 invalidSyntax');
    expect(errorOf({ schemas: PO, Operations: ['add'] })).toBe('400 invalidSyntax');
    expect(errorOf('not an object')).toBe('400 invalidSyntax');
  });

  it('PATCH-ENV-08 / IOP-10 the Operations member name is case-insensitive', () => {
    expect(parsePatchRequest({ schemas: PO, operations: [{ op: 'Add', path: 'members', value: [] }] })).toEqual([
      { op: 'Add', path: 'members', value: [] },
    ]);
  });

  it('PATCH-ENV-13 extra top-level members are ignored; value null is kept', () => {
    expect(
      parsePatchRequest({ schemas: PO, id: 'other', meta: { version: 'x' }, Operations: [{ op: 'replace', path: 'nickName', value: null }] }),
    ).toEqual([{ op: 'replace', path: 'nickName', value: null }]);
  });

  it('IOP-15 a SCIM 1.1 style body is 400 invalidSyntax', () => {
    expect(
      errorOf({
        schemas: ['urn:scim:schemas:core:1.0'],
        emails: [{ value: 'babs@jensen.org', operation: 'delete' }],
        meta: { attributes: ['nickName'] },
      }),
    ).toBe('400 invalidSyntax');
  });
});
