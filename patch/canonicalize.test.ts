import { describe, it, expect } from 'vitest';
import { canonicalizeResource } from './canonicalize.ts';
import { ENT, USER } from './golden-fixtures.ts';

describe('canonicalizeResource', () => {
  it('renames known keys to the schema spelling, at every level, and keeps unknown keys', () => {
    const input = { USERNAME: 'a', Name: { GIVENNAME: 'b' }, Emails: [{ VALUE: 'c' }], [ENT.toUpperCase()]: { EmployeeNumber: '1' }, custom: 1 };
    const out = canonicalizeResource(input, USER);
    expect(out).toEqual({ userName: 'a', name: { givenName: 'b' }, emails: [{ value: 'c' }], [ENT]: { employeeNumber: '1' }, custom: 1 });
    expect(input.Name).toEqual({ GIVENNAME: 'b' });
  });
});
