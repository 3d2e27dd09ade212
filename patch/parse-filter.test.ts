import { describe, it, expect } from 'vitest';
import { parseFilter, parseValueFilter } from './parse-filter.ts';
import { PatchError } from './patch-error.ts';

function scimTypeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatchError) return `${e.status} ${e.scimType}`;
    throw e;
  }
  return 'no error';
}

describe('parseFilter', () => {
  it('parses a comparison with case-insensitive operator', () => {
    expect(parseFilter('Type EQ "home"')).toEqual({
      kind: 'compare',
      attr: { text: 'Type', name: 'Type' },
      op: 'eq',
      value: 'home',
    });
  });

  it('parses literals: true, false, null, numbers, escaped strings', () => {
    expect(parseFilter('primary eq TRUE')).toMatchObject({ value: true });
    expect(parseFilter('primary ne false')).toMatchObject({ op: 'ne', value: false });
    expect(parseFilter('nickName eq null')).toMatchObject({ value: null });
    expect(parseFilter('age ge -1.5e2')).toMatchObject({ op: 'ge', value: -150 });
    expect(parseFilter('title eq "a \\"quoted\\" ]word"')).toMatchObject({ value: 'a "quoted" ]word' });
  });

  it('gives and precedence over or, and not over and', () => {
    const f = parseFilter('a eq "1" or b eq "2" and not (c pr)');
    expect(f).toMatchObject({
      kind: 'or',
      left: { kind: 'compare', attr: { name: 'a' } },
      right: { kind: 'and', left: { attr: { name: 'b' } }, right: { kind: 'not', filter: { kind: 'present', attr: { name: 'c' } } } },
    });
  });

  it('accepts "not(" without a space (erratum 7319) and grouping', () => {
    expect(parseFilter('not(type eq "work")')).toMatchObject({ kind: 'not' });
    expect(parseFilter('(a pr or b pr) and c pr')).toMatchObject({ kind: 'and', left: { kind: 'or' } });
  });

  it('parses sub-attributes, URN-qualified names and valuePath', () => {
    expect(parseFilter('name.givenName sw "B"')).toMatchObject({ attr: { name: 'name', subAttr: 'givenName' } });
    expect(parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "x"')).toMatchObject({
      attr: { uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', name: 'manager', subAttr: 'value' },
    });
    expect(parseFilter('emails[type eq "work" and value co "@example.com"] or userType eq "Employee"')).toMatchObject({
      kind: 'or',
      left: { kind: 'valuePath', attr: { name: 'emails' }, filter: { kind: 'and' } },
    });
  });

  it.each([
    ['type eq'],
    ['type xx "work"'],
    ['type eq work'],
    ['value regex ".*"'],
    [''],
    ['type eq "work" and'],
    ['(type eq "work"'],
    ['type eq "work")'],
    ['not type eq "work"'],
    ['type eq "unterminated'],
    ['emails[type eq "work"'],
    ['.type eq "x"'],
  ])('rejects %j with 400 invalidFilter', (text) => {
    expect(scimTypeOf(() => parseFilter(text))).toBe('400 invalidFilter');
  });

  it('rejects a nested value filter inside a PATCH value filter', () => {
    expect(scimTypeOf(() => parseValueFilter('emails[type eq "work"]'))).toBe('400 invalidFilter');
  });
});
