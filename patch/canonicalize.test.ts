import { describe, it, expect } from 'vitest';
import { canonicalizeResource, canonicalView } from './canonicalize.ts';
import { diffResources } from './compare-resources.ts';
import { findByName } from './resolve-attribute.ts';
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


describe('canonicalView', () => {
  const canonical = { schemas: ['s'], userName: 'a', name: { givenName: 'b' }, emails: [{ value: 'c', type: 'work' }, 'loose'], [ENT]: { employeeNumber: '1', manager: { value: 'm' } }, custom: { ANY: 1 } };

  it('is the resource itself when every known name is already spelled as the schema spells it', () => {
    expect(canonicalView(canonical, USER)).toBe(canonical);
  });

  it("is canonicalizeResource's copy as soon as one name at any level is spelled otherwise", () => {
    const cases = [
      { ...canonical, USERNAME: 'a' },
      { ...canonical, name: { GivenName: 'b' } },
      { ...canonical, emails: [{ value: 'c' }, { VALUE: 'd' }] },
      { ...canonical, [ENT]: { EmployeeNumber: '1' } },
      { ...canonical, [ENT]: { manager: { Value: 'm' } } },
      { ...canonical, [ENT.toUpperCase()]: { employeeNumber: '1' } },
    ];
    for (const input of cases) {
      const view = canonicalView(input, USER);
      expect(view).not.toBe(input);
      expect(view).toEqual(canonicalizeResource(input, USER));
    }
  });

  it('lets diffResources leave the ignored attributes out without touching either resource', () => {
    const a = { userName: 'a', meta: { version: 'W/"1"' }, nickName: 'n' };
    const b = { userName: 'a', meta: { version: 'W/"2"' }, NICKNAME: 'n' };
    expect(diffResources(a, b, USER, { ignore: ['META'] })).toEqual([]);
    expect(diffResources(a, b, USER)).toEqual(['meta.version: expected "W/\\"1\\"", got "W/\\"2\\""']);
    expect(a).toEqual({ userName: 'a', meta: { version: 'W/"1"' }, nickName: 'n' });
    expect(b).toEqual({ userName: 'a', meta: { version: 'W/"2"' }, NICKNAME: 'n' });
  });
});

describe('findByName', () => {
  it('matches in any case, the first definition in the list that matches', () => {
    const defs = [{ name: 'nickName', n: 1 }, { name: 'NickName', n: 2 }, { name: 'title', n: 3 }];
    expect(findByName(defs, 'NICKNAME')?.n).toBe(1);
    expect(findByName(defs, 'NickName')?.n).toBe(1);
    expect(findByName(defs, 'Title')?.n).toBe(3);
    expect(findByName(defs, 'titles')).toBeUndefined();
    expect(findByName(undefined, 'title')).toBeUndefined();
  });
});
