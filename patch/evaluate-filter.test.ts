import { describe, it, expect } from 'vitest';
import type { AttributeDef } from '../schemas/scim-schema.ts';
import { COMMON_ATTRIBUTES, USER_SCHEMA } from '../schemas/rfc7643.ts';
import { matchesFilter } from './evaluate-filter.ts';
import { parseFilter } from './parse-filter.ts';
import { PatchError } from './patch-error.ts';
import { u1 } from './golden-fixtures.ts';

const emailAttrs = USER_SCHEMA.attributes.find((a) => a.name === 'emails')?.subAttributes as AttributeDef[];
const work = { value: 'BJensen@Example.com', type: 'work', primary: true };
const home = { value: 'babs@jensen.org', type: 'home' };
const m = (f: string, el: unknown, attrs = emailAttrs) => matchesFilter(parseFilter(f), el, attrs);

describe('matchesFilter', () => {
  it('caseExact false compares strings ignoring case; caseExact true does not', () => {
    expect(m('value eq "bjensen@example.com"', work)).toBe(true);
    expect(m('type eq "WORK"', work)).toBe(true);
    const exact: AttributeDef[] = [{ ...(emailAttrs[0] as AttributeDef), caseExact: true }];
    expect(m('value eq "bjensen@example.com"', work, exact)).toBe(false);
    expect(m('value eq "BJensen@Example.com"', work, exact)).toBe(true);
  });

  it('co, sw, ew, ne', () => {
    expect(m('value co "JENSEN"', home)).toBe(true);
    expect(m('value sw "babs@"', home)).toBe(true);
    expect(m('value ew ".org"', home)).toBe(true);
    expect(m('value ew ".com"', home)).toBe(false);
    expect(m('type ne "work"', home)).toBe(true);
    expect(m('type ne "home"', home)).toBe(false);
  });

  it('and, or, not with precedence', () => {
    expect(m('type eq "work" and primary eq true', work)).toBe(true);
    expect(m('type eq "work" and primary eq true', home)).toBe(false);
    expect(m('type eq "x" or type eq "home"', home)).toBe(true);
    expect(m('not (type eq "work")', home)).toBe(true);
    expect(m('not (type eq "work")', work)).toBe(false);
    expect(m('type eq "home" or type eq "work" and primary eq false', work)).toBe(false);
  });

  it('pr: absent, empty string and null are not present', () => {
    expect(m('primary pr', work)).toBe(true);
    expect(m('primary pr', home)).toBe(false);
    expect(m('display pr', { value: 'x', display: '' })).toBe(false);
    expect(m('display pr', { value: 'x', display: null })).toBe(false);
  });

  it('boolean eq does not match the string "true"', () => {
    expect(m('primary eq true', work)).toBe(true);
    expect(m('primary eq "true"', work)).toBe(false);
  });

  it('gt/ge/lt/le on a boolean is 400 invalidFilter', () => {
    for (const op of ['gt', 'ge', 'lt', 'le']) {
      expect(() => m(`primary ${op} true`, work)).toThrow(PatchError);
      try {
        m(`primary ${op} true`, home);
      } catch (e) {
        expect((e as PatchError).scimType).toBe('invalidFilter');
      }
    }
  });

  it('dateTime compares instants, not strings', () => {
    const meta = { lastModified: '2024-01-01T10:00:00+02:00' };
    const metaAttrs = COMMON_ATTRIBUTES.find((a) => a.name === 'meta')?.subAttributes as AttributeDef[];
    expect(m('lastModified eq "2024-01-01T08:00:00Z"', meta, metaAttrs)).toBe(true);
    expect(m('lastModified gt "2024-01-01T07:59:59Z"', meta, metaAttrs)).toBe(true);
    expect(m('lastModified lt "2024-01-01T07:59:59Z"', meta, metaAttrs)).toBe(false);
  });

  it('GET-style filters on a whole resource: sub-attributes, multi-valued any-match, valuePath, URN', () => {
    const attrs = [...COMMON_ATTRIBUTES, ...USER_SCHEMA.attributes];
    const r = u1();
    expect(m('userName eq "BJENSEN@example.com"', r, attrs)).toBe(true);
    expect(m('name.familyName sw "jen"', r, attrs)).toBe(true);
    expect(m('emails.value ew "jensen.org"', r, attrs)).toBe(true);
    expect(m('emails co "jensen.org"', r, attrs)).toBe(true);
    expect(m('emails[type eq "work" and value co "@example.com"]', r, attrs)).toBe(true);
    expect(m('emails[type eq "home" and primary eq true]', r, attrs)).toBe(false);
    expect(m('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"', r, attrs)).toBe(true);
    expect(m('title pr and not (nickName eq "x")', r, attrs)).toBe(true);
  });

  it('records of a simple multi-valued attribute are addressed as value', () => {
    const attrs: AttributeDef[] = [
      { name: 'value', type: 'string', multiValued: false, required: false, caseExact: true, mutability: 'readWrite', returned: 'default', uniqueness: 'none' },
    ];
    expect(m('value eq "b"', 'b', attrs)).toBe(true);
    expect(m('value eq "B"', 'b', attrs)).toBe(false);
  });
});
