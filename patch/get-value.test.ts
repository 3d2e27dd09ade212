import { describe, it, expect } from 'vitest';
import { getValue } from './get-value.ts';
import { ENT, U2_ID, u1, USER } from './golden-fixtures.ts';
import { PatchError } from './patch-error.ts';

describe('getValue', () => {
  it('reads simple, sub-attribute, extension and container paths', () => {
    expect(getValue(u1(), 'NICKNAME', USER)).toBe('Babs');
    expect(getValue(u1(), 'name.givenName', USER)).toBe('Barbara');
    expect(getValue(u1(), `${ENT}:manager.value`, USER)).toBe(U2_ID);
    expect(getValue(u1(), ENT, USER)).toMatchObject({ employeeNumber: '701984' });
    expect(getValue(u1(), 'title', USER)).toBe('Tour Guide');
    expect(getValue(u1(), 'userType', USER)).toBeUndefined();
  });

  it('reads filtered records and their sub-attributes as arrays', () => {
    expect(getValue(u1(), 'emails[type eq "work"]', USER)).toEqual([{ value: 'bjensen@example.com', type: 'work', primary: true }]);
    expect(getValue(u1(), 'emails[type eq "work"].value', USER)).toEqual(['bjensen@example.com']);
    expect(getValue(u1(), 'emails[type eq "fax"].value', USER)).toEqual([]);
    expect(getValue(u1(), 'emails.type', USER)).toEqual(['work', 'home']);
  });

  it('an unknown attribute is a PatchError invalidPath', () => {
    expect(() => getValue(u1(), 'fooBar', USER)).toThrow(PatchError);
  });
});
