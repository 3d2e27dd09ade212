import { describe, it, expect } from 'vitest';
import { parsePath } from './parse-path.ts';
import { PatchError } from './patch-error.ts';

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatchError) return `${e.status} ${e.scimType}`;
    throw e;
  }
  return 'no error';
}

describe('parsePath', () => {
  it('parses a simple attribute and a sub-attribute', () => {
    expect(parsePath('nickName')).toEqual({ text: 'nickName', attr: { text: 'nickName', name: 'nickName' } });
    expect(parsePath('name.givenName').attr).toEqual({ text: 'name.givenName', name: 'name', subAttr: 'givenName' });
  });

  it('never splits an extension URN at its first colon or its "2.0" dot', () => {
    expect(parsePath('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value').attr).toEqual({
      text: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
      uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      name: 'manager',
      subAttr: 'value',
    });
  });

  it('parses a valuePath with a trailing sub-attribute', () => {
    const p = parsePath('emails[type eq "work"].value');
    expect(p.attr.name).toBe('emails');
    expect(p.filter).toMatchObject({ kind: 'compare', op: 'eq', value: 'work' });
    expect(p.valueSubAttr).toBe('value');
  });

  it('keeps brackets inside quoted filter values', () => {
    const p = parsePath('members[value eq "a]b"]');
    expect(p.filter).toMatchObject({ value: 'a]b' });
    expect(p.valueSubAttr).toBeUndefined();
  });

  it.each(['name..givenName', 'emails]', '.nickName', 'name.givenName.first', 'emails[0].value', '/emails/0/value', '', '   ',
    'emails[type eq "work"]value', 'emails[type eq "work"].', 'name.givenName[type eq "x"]', 'emails[type eq "work"].value.x'])(
    'PATCH-PATH-05 rejects %j with 400 invalidPath',
    (p) => {
      expect(errorOf(() => parsePath(p))).toBe('400 invalidPath');
    },
  );

  it.each(['emails[type eq]', 'emails[type xx "work"]', 'emails[type eq work]', 'emails[value regex ".*"]'])(
    'PATCH-FLT-04/05 rejects %j with 400 invalidFilter',
    (p) => {
      expect(errorOf(() => parsePath(p))).toBe('400 invalidFilter');
    },
  );

  it('an unclosed bracket is invalidPath', () => {
    expect(errorOf(() => parsePath('emails[type eq "work"'))).toBe('400 invalidPath');
  });
});
