import { describe, it, expect } from 'vitest';
import { normalizeResource } from './normalize-resource.ts';
import { PatchError } from './patch-error.ts';
import { ENT, g1, GROUP, U2_ID, u1, USER } from './golden-fixtures.ts';

const U = 'urn:ietf:params:scim:schemas:core:2.0:User';

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatchError) return `${e.status} ${e.scimType}`;
    throw e;
  }
  return 'no error';
}

describe('normalizeResource', () => {
  it('create: canonical names, readOnly dropped, id/meta not assigned, schemas from the extensions present', () => {
    const out = normalizeResource(
      {
        schemas: [U],
        id: 'client-id',
        meta: { version: 'x' },
        USERNAME: 'a@example.com',
        Name: { GivenName: 'A' },
        groups: [{ value: 'g' }],
        [`${ENT}:employeeNumber`]: '7',
        emails: [{ Value: 'a@example.com', Type: 'work', Primary: 'True' }],
        nickName: null,
      },
      USER,
      'create',
    );
    expect(out).toEqual({
      schemas: [U, ENT],
      userName: 'a@example.com',
      name: { givenName: 'A' },
      emails: [{ value: 'a@example.com', type: 'work', primary: true }],
      [ENT]: { employeeNumber: '7' },
    });
  });

  it('create: the fixture U1 keeps everything except id and meta; manager.displayName (readOnly) is dropped', () => {
    const input = u1();
    (input[ENT] as Record<string, unknown>)['manager'] = { value: U2_ID, displayName: 'Boss' };
    const expected = u1();
    delete expected['id'];
    delete expected['meta'];
    expect(normalizeResource(input, USER, 'create')).toEqual(expected);
  });

  it('required attributes must be present and non-empty (400 invalidValue)', () => {
    expect(errorOf(() => normalizeResource({ schemas: [U], displayName: 'x' }, USER, 'create'))).toBe('400 invalidValue');
    expect(errorOf(() => normalizeResource({ schemas: [U], userName: '' }, USER, 'create'))).toBe('400 invalidValue');
    expect(errorOf(() => normalizeResource({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], members: [] }, GROUP, 'create'))).toBe(
      '400 invalidValue',
    );
  });

  it('type errors and unknown attributes are 400 invalidValue; a bad schemas list is invalidSyntax', () => {
    expect(errorOf(() => normalizeResource({ schemas: [U], userName: 'a', active: 'yes' }, USER, 'create'))).toBe('400 invalidValue');
    expect(errorOf(() => normalizeResource({ schemas: [U], userName: 'a', fooBar: 1 }, USER, 'create'))).toBe('400 invalidValue');
    expect(errorOf(() => normalizeResource({ schemas: [U], userName: 'a', emails: 'a@b' }, USER, 'create'))).toBe('400 invalidValue');
    expect(errorOf(() => normalizeResource({ userName: 'a' }, USER, 'create'))).toBe('400 invalidSyntax');
    expect(errorOf(() => normalizeResource({ schemas: ['urn:x'], userName: 'a' }, USER, 'create'))).toBe('400 invalidSyntax');
    expect(errorOf(() => normalizeResource([], USER, 'create'))).toBe('400 invalidSyntax');
  });

  it('two primaries in one multi-valued attribute are 400 invalidValue', () => {
    const emails = [
      { value: 'a@x.org', primary: true },
      { value: 'b@x.org', primary: true },
    ];
    expect(errorOf(() => normalizeResource({ schemas: [U], userName: 'a', emails }, USER, 'create'))).toBe('400 invalidValue');
  });

  it('replace: readOnly values are carried over from the current resource, not from the input', () => {
    const current = { ...u1(), groups: [{ value: 'g1', display: 'G' }], [ENT]: { manager: { value: U2_ID, displayName: 'Boss' } } };
    const out = normalizeResource({ schemas: [U, ENT], userName: 'b', groups: [], [ENT]: { manager: { value: U2_ID } } }, USER, 'replace', current);
    expect(out).toEqual({
      schemas: [U, ENT],
      userName: 'b',
      groups: [{ value: 'g1', display: 'G' }],
      [ENT]: { manager: { value: U2_ID, displayName: 'Boss' } },
    });
  });

  it('replace: immutable values may not change; a Group PUT may still replace member records', () => {
    const out = normalizeResource(
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'G', members: [{ value: U2_ID }] },
      GROUP,
      'replace',
      g1(),
    );
    expect(out).toEqual({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'G', members: [{ value: U2_ID }] });
  });
});

describe('normalizeResource immutability', () => {
  it('replace: changing an immutable attribute is 400 mutability; omitting it keeps it', async () => {
    const { userWithCustomExtension, CUSTOM_URN, u2 } = await import('./golden-fixtures.ts');
    const s = userWithCustomExtension();
    const current = { ...u2(), schemas: [U, CUSTOM_URN], [CUSTOM_URN]: { badge: 'B-1' } };
    expect(errorOf(() => normalizeResource({ schemas: [U, CUSTOM_URN], userName: 'j', [CUSTOM_URN]: { badge: 'B-2' } }, s, 'replace', current))).toBe(
      '400 mutability',
    );
    expect(normalizeResource({ schemas: [U], userName: 'j' }, s, 'replace', current)).toEqual({
      schemas: [U, CUSTOM_URN],
      userName: 'j',
      [CUSTOM_URN]: { badge: 'B-1' },
    });
  });
});
