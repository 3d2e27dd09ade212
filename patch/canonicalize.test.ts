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

  it('returns a deep copy: changing it never reaches the input (objects and arrays of any attribute, known or not)', () => {
    const input = { userName: 'a', nickName: null, active: true, x509Certificates: [{ value: 'v' }], roles: ['r1'], custom: { deep: [1, { n: 2 }] } };
    const out = canonicalizeResource(input as never, USER) as Record<string, any>;
    expect(out).toEqual(input);
    out['x509Certificates'][0].value = 'changed';
    out['roles'].push('r2');
    out['custom'].deep[1].n = 3;
    expect(input).toEqual({ userName: 'a', nickName: null, active: true, x509Certificates: [{ value: 'v' }], roles: ['r1'], custom: { deep: [1, { n: 2 }] } });
  });
});

