import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { URN } from '../schemas/scim-schema.ts';
import { PatchError } from './patch-error.ts';
import { compareSortKeys, sortKey } from './sort-key.ts';

const { User } = builtinResourceSchemas();
const user = {
  schemas: [URN.user, URN.enterpriseUser],
  userName: 'Ada@Example.com',
  externalId: 'Ext-1',
  name: { familyName: 'Lovelace' },
  emails: [{ value: 'Home@x', type: 'home' }, { value: 'Work@x', type: 'work', primary: true }],
  meta: { created: '2026-12-04T10:00:00Z' },
  [URN.enterpriseUser]: { employeeNumber: '1001' },
};

describe('sortKey (RFC 7644 §3.4.2.3)', () => {
  it('reads strings by caseExact, dateTimes as instants, and sub-attributes and extensions by path', () => {
    expect(sortKey(user, 'userName', User)).toBe('ada@example.com');
    expect(sortKey(user, 'externalId', User)).toBe('Ext-1');
    expect(sortKey(user, 'meta.created', User)).toBe(Date.parse('2026-12-04T10:00:00Z'));
    expect(sortKey(user, 'name.familyName', User)).toBe('lovelace');
    expect(sortKey(user, `${URN.enterpriseUser}:employeeNumber`, User)).toBe('1001');
  });

  it('sorts a multi-valued attribute by its primary record, and has no key where there is no value', () => {
    expect(sortKey(user, 'emails', User)).toBe('work@x');
    expect(sortKey(user, 'emails.value', User)).toBe('work@x');
    expect(sortKey(user, 'title', User)).toBeUndefined();
  });

  it('refuses a path the schema does not define', () => {
    expect(() => sortKey(user, 'nosuch', User)).toThrow(PatchError);
  });
});

describe('compareSortKeys', () => {
  it('puts no value last, numbers and booleans by value, strings by code point', () => {
    expect([undefined, 'b', 'a'].sort(compareSortKeys)).toEqual(['a', 'b', undefined]);
    expect(compareSortKeys(2, 10)).toBeLessThan(0);
    expect(compareSortKeys(false, true)).toBeLessThan(0);
  });
});
