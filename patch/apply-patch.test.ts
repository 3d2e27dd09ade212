// Golden cases for add / remove / replace on U1 (catalog A.3-A.5). Every expected resource is
// written out by hand from the catalog and RFC 7644 §3.5.2, never computed by the code under test.
import { describe, it, expect } from 'vitest';
import { ENT, U2_ID, u1, u2, USER } from './golden-fixtures.ts';
import { changedFlag, expectPatchError, patched } from './golden-helpers.ts';

const U = 'urn:ietf:params:scim:schemas:core:2.0:User';

function u1WithoutTitle() {
  const r = u1();
  delete r['title'];
  return r;
}

describe('add (PATCH-ADD)', () => {
  it('PATCH-ADD-01 adds an unassigned single-valued attribute', () => {
    expect(patched(u1WithoutTitle(), [{ op: 'add', path: 'title', value: 'Vice President' }])).toEqual({ ...u1(), title: 'Vice President' });
  });

  it('PATCH-ADD-02 add on an assigned single-valued attribute replaces it', () => {
    expect(patched(u1(), [{ op: 'add', path: 'nickName', value: 'Bee' }])).toEqual({ ...u1(), nickName: 'Bee' });
  });

  it('PATCH-ADD-03 adding the current value changes nothing', () => {
    expect(patched(u1(), [{ op: 'add', path: 'nickName', value: 'Babs' }])).toEqual(u1());
    expect(changedFlag(u1(), [{ op: 'add', path: 'nickName', value: 'Babs' }])).toBe(false);
  });

  it('PATCH-ADD-04 add on a complex attribute merges the given sub-attributes (E-6)', () => {
    expect(patched(u1(), [{ op: 'add', path: 'name', value: { givenName: 'Babs' } }])).toEqual({
      ...u1(),
      name: { givenName: 'Babs', familyName: 'Jensen', middleName: 'Jane', formatted: 'Barbara J Jensen' },
    });
  });

  it('PATCH-ADD-05 adds a sub-attribute, keeping the others', () => {
    expect(patched(u1(), [{ op: 'add', path: 'name.honorificPrefix', value: 'Ms.' }])).toEqual({
      ...u1(),
      name: { givenName: 'Barbara', familyName: 'Jensen', middleName: 'Jane', formatted: 'Barbara J Jensen', honorificPrefix: 'Ms.' },
    });
  });

  it('PATCH-ADD-06 add to a multi-valued attribute appends', () => {
    expect(patched(u1(), [{ op: 'add', path: 'emails', value: [{ value: 'b@other.example', type: 'other' }] }])).toEqual({
      ...u1(),
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
        { value: 'b@other.example', type: 'other' },
      ],
    });
  });

  it('PATCH-ADD-07 a single object for a multi-valued attribute is one new value', () => {
    expect(patched(u1(), [{ op: 'add', path: 'phoneNumbers', value: { value: '555-0100', type: 'mobile' } }])).toEqual({
      ...u1(),
      phoneNumbers: [
        { value: '555-555-8377', type: 'work' },
        { value: '555-0100', type: 'mobile' },
      ],
    });
  });

  it('PATCH-ADD-08 adding an existing (type, value) record is a no-op', () => {
    const ops = [{ op: 'add', path: 'emails', value: [{ value: 'babs@jensen.org', type: 'home' }] }];
    expect(patched(u1(), ops)).toEqual(u1());
    expect(changedFlag(u1(), ops)).toBe(false);
  });

  it('PATCH-ADD-09 path-less add appends to emails and sets nickName', () => {
    expect(
      patched(u1(), [{ op: 'add', value: { emails: [{ value: 'babs2@jensen.org', type: 'home' }], nickName: 'Babsy' } }]),
    ).toEqual({
      ...u1(),
      nickName: 'Babsy',
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
        { value: 'babs2@jensen.org', type: 'home' },
      ],
    });
  });

  it('PATCH-ADD-10 path-less add of a complex attribute merges', () => {
    expect(patched(u1(), [{ op: 'add', value: { name: { middleName: 'J' } } }])).toEqual({
      ...u1(),
      name: { givenName: 'Barbara', familyName: 'Jensen', middleName: 'J', formatted: 'Barbara J Jensen' },
    });
  });

  it('PATCH-ADD-11 path-less add of the extension container merges into it', () => {
    expect(patched(u1(), [{ op: 'add', value: { [ENT]: { division: 'Theme Parks' } } }])).toEqual({
      ...u1(),
      [ENT]: { employeeNumber: '701984', costCenter: '4130', department: 'Tour Operations', manager: { value: U2_ID }, division: 'Theme Parks' },
    });
  });

  it('PATCH-ADD-12 a URN-qualified flat key is stored under the extension container', () => {
    expect(patched(u1(), [{ op: 'add', value: { [`${ENT}:employeeNumber`]: '999' } }])).toEqual({
      ...u1(),
      [ENT]: { employeeNumber: '999', costCenter: '4130', department: 'Tour Operations', manager: { value: U2_ID } },
    });
  });

  it('PATCH-ADD-13 dotted keys in a path-less value set sub-attributes', () => {
    expect(patched(u1(), [{ op: 'add', value: { 'name.givenName': 'Bee', 'name.familyName': 'Jay' } }])).toEqual({
      ...u1(),
      name: { givenName: 'Bee', familyName: 'Jay', middleName: 'Jane', formatted: 'Barbara J Jensen' },
    });
  });

  it('PATCH-ADD-14 add with valuePath + subAttr updates the matching record only', () => {
    expect(patched(u1(), [{ op: 'add', path: 'emails[type eq "work"].value', value: 'barbara@example.com' }])).toEqual({
      ...u1(),
      emails: [
        { value: 'barbara@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
    });
  });

  it('PATCH-ADD-15 add with valuePath matching nothing creates a record from the filter', () => {
    expect(patched(u1(), [{ op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '555-0199' }])).toEqual({
      ...u1(),
      phoneNumbers: [
        { value: '555-555-8377', type: 'work' },
        { type: 'mobile', value: '555-0199' },
      ],
    });
  });

  it('PATCH-ADD-15 strict: add with valuePath matching nothing is 400 noTarget when creation is off', () => {
    expectPatchError(u1(), [{ op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '555-0199' }], 'noTarget', USER, {
      addValuePathCreates: false,
    });
  });

  it('PATCH-ADD-16 add to readOnly groups is 400 mutability', () => {
    expectPatchError(u1(), [{ op: 'add', path: 'groups', value: [{ value: 'g' }] }], 'mutability');
  });

  it.each([
    ['active', 'yes'],
    ['name', 'Barbara'],
    ['emails', 'x@example.com'],
    ['active', 1],
    ['userName', 42],
    ['emails', [{ value: 'a@b.c', primary: 'maybe' }]],
  ])('PATCH-ADD-18 add %s = %j is 400 invalidValue', (path, value) => {
    expectPatchError(u1(), [{ op: 'add', path, value }], 'invalidValue');
  });

  it('PATCH-ENV-09 add without value is 400 invalidValue', () => {
    expectPatchError(u1(), [{ op: 'add', path: 'nickName' }], 'invalidValue');
  });
});

describe('remove (PATCH-REM)', () => {
  it('PATCH-REM-01 remove without path is 400 noTarget', () => {
    expectPatchError(u1(), [{ op: 'remove' }], 'noTarget');
    expectPatchError(u1(), [{ op: 'remove', value: { nickName: 'Babs' } }], 'noTarget');
  });

  it('PATCH-REM-02 removes a single-valued attribute', () => {
    const expected = u1();
    delete expected['nickName'];
    expect(patched(u1(), [{ op: 'remove', path: 'nickName' }])).toEqual(expected);
  });

  it('PATCH-REM-03 removes one sub-attribute', () => {
    expect(patched(u1(), [{ op: 'remove', path: 'name.middleName' }])).toEqual({
      ...u1(),
      name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Barbara J Jensen' },
    });
  });

  it('PATCH-REM-04 removes a complex attribute', () => {
    const expected = u1();
    delete expected['name'];
    expect(patched(u1(), [{ op: 'remove', path: 'name' }])).toEqual(expected);
  });

  it('PATCH-REM-05 removes all values of a multi-valued attribute', () => {
    const expected = u1();
    delete expected['phoneNumbers'];
    expect(patched(u1(), [{ op: 'remove', path: 'phoneNumbers' }])).toEqual(expected);
  });

  it('PATCH-REM-06 removes only the records the filter matches', () => {
    expect(patched(u1(), [{ op: 'remove', path: 'emails[type eq "home"]' }])).toEqual({
      ...u1(),
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
    });
  });

  it('PATCH-REM-07 the RFC example: and-filter with ew', () => {
    expect(patched(u1(), [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }])).toEqual({
      ...u1(),
      emails: [{ value: 'babs@jensen.org', type: 'home' }],
    });
  });

  it('PATCH-REM-08 removes a sub-attribute of the matching record, keeping the record', () => {
    expect(patched(u1(), [{ op: 'remove', path: 'addresses[type eq "work"].postalCode' }])).toEqual({
      ...u1(),
      addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', region: 'CA', country: 'US', primary: true }],
    });
  });

  it('PATCH-REM-09 removing the last record leaves the attribute unassigned (absent)', () => {
    const result = patched(u1(), [{ op: 'remove', path: 'phoneNumbers[type eq "work"]' }]);
    const expected = u1();
    delete expected['phoneNumbers'];
    expect(result).toEqual(expected);
    expect('phoneNumbers' in result).toBe(false);
  });

  it('PATCH-REM-10 a filter matching nothing is a successful no-op (E-5)', () => {
    const ops = [{ op: 'remove', path: 'emails[type eq "fax"]' }];
    expect(patched(u1(), ops)).toEqual(u1());
    expect(changedFlag(u1(), ops)).toBe(false);
  });

  it('PATCH-REM-11 removing an unassigned attribute is a no-op', () => {
    expect(changedFlag(u1WithoutTitle(), [{ op: 'remove', path: 'title' }])).toBe(false);
    expect(patched(u1WithoutTitle(), [{ op: 'remove', path: 'title' }])).toEqual(u1WithoutTitle());
  });

  it('PATCH-REM-12 removing required userName is 400 mutability, also mis-cased', () => {
    expectPatchError(u1(), [{ op: 'remove', path: 'userName' }], 'mutability');
    expectPatchError(u1(), [{ op: 'remove', path: 'USERNAME' }], 'mutability');
  });

  it.each(['id', 'groups', 'meta', 'meta.version'])('PATCH-REM-13 removing readOnly %s is 400 mutability', (path) => {
    expectPatchError(u1(), [{ op: 'remove', path }], 'mutability');
  });
});

describe('replace (PATCH-REP)', () => {
  it('PATCH-REP-01 path-less replace: emails exactly as given, nickName, nothing else', () => {
    const emails = [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ];
    expect(patched(u1(), [{ op: 'replace', value: { emails, nickName: 'Babs' } }])).toEqual(u1());
    expect(patched(u1(), [{ op: 'replace', value: { emails: [{ value: 'x@y.org', type: 'home' }], nickName: 'B' } }])).toEqual({
      ...u1(),
      emails: [{ value: 'x@y.org', type: 'home' }],
      nickName: 'B',
    });
  });

  it('PATCH-REP-02 replaces a single-valued attribute', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'displayName', value: 'Barbara Jensen' }])).toEqual({ ...u1(), displayName: 'Barbara Jensen' });
  });

  it('PATCH-REP-03 replace on an unassigned attribute adds it, also via a sub-attribute', () => {
    expect(patched(u1WithoutTitle(), [{ op: 'replace', path: 'title', value: 'CTO' }])).toEqual({ ...u1(), title: 'CTO' });
    expect(patched(u2(), [{ op: 'replace', path: 'name.givenName', value: 'B' }])).toEqual({ ...u2(), name: { givenName: 'B' } });
  });

  it('PATCH-REP-04 replace on a complex attribute keeps unspecified sub-attributes', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'name', value: { givenName: 'Barb' } }])).toEqual({
      ...u1(),
      name: { givenName: 'Barb', familyName: 'Jensen', middleName: 'Jane', formatted: 'Barbara J Jensen' },
    });
  });

  it('PATCH-REP-05 replaces one sub-attribute', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'name.familyName', value: 'Jensen-Smith' }])).toEqual({
      ...u1(),
      name: { givenName: 'Barbara', familyName: 'Jensen-Smith', middleName: 'Jane', formatted: 'Barbara J Jensen' },
    });
  });

  it('PATCH-REP-06 replace on a multi-valued attribute replaces all values', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'emails', value: [{ value: 'new@example.com', type: 'work', primary: true }] }])).toEqual({
      ...u1(),
      emails: [{ value: 'new@example.com', type: 'work', primary: true }],
    });
  });

  it('PATCH-REP-07 replace with valuePath overwrites the matched record (E-8)', () => {
    const work = {
      type: 'work',
      streetAddress: '911 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'US',
      formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
      primary: true,
    };
    expect(patched(u1(), [{ op: 'replace', path: 'addresses[type eq "work"]', value: work }])).toEqual({ ...u1(), addresses: [work] });
    expect(patched(u1(), [{ op: 'replace', path: 'addresses[type eq "work"]', value: { type: 'work', locality: 'Burbank' } }])).toEqual({
      ...u1(),
      addresses: [{ type: 'work', locality: 'Burbank' }],
    });
  });

  it('PATCH-REP-08 replaces only streetAddress of the work address, full string kept', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }])).toEqual({
      ...u1(),
      addresses: [
        { type: 'work', streetAddress: '1010 Broadway Ave', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'US', primary: true },
      ],
    });
  });

  it('PATCH-REP-09 replace with valuePath matching nothing is 400 noTarget', () => {
    expectPatchError(u1(), [{ op: 'replace', path: 'phoneNumbers[type eq "fax"].value', value: '555-0000' }], 'noTarget');
  });

  it('PATCH-REP-10 replace with [] unassigns', () => {
    const expected = u1();
    delete expected['phoneNumbers'];
    expect(patched(u1(), [{ op: 'replace', path: 'phoneNumbers', value: [] }])).toEqual(expected);
  });

  it('PATCH-REP-11 replace with null unassigns', () => {
    const expected = u1();
    delete expected['nickName'];
    expect(patched(u1(), [{ op: 'replace', path: 'nickName', value: null }])).toEqual(expected);
  });

  it('PATCH-REP-12 deactivation with and without path', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'active', value: false }])).toEqual({ ...u1(), active: false });
    expect(patched(u1(), [{ op: 'replace', value: { active: false } }])).toEqual({ ...u1(), active: false });
  });

  it('PATCH-REP-13 a sub-attribute replace touches all matching records', () => {
    expect(
      patched(u1(), [{ op: 'replace', path: 'emails[value ew "example.com" or value ew "jensen.org"].type', value: 'other' }]),
    ).toEqual({
      ...u1(),
      emails: [
        { value: 'bjensen@example.com', type: 'other', primary: true },
        { value: 'babs@jensen.org', type: 'other' },
      ],
    });
  });

  it('PATCH-ENV-10 replace without value is 400 invalidValue', () => {
    expectPatchError(u1(), [{ op: 'replace', path: 'nickName' }], 'invalidValue');
  });

  it('PATCH-MUT-11 externalId keeps its exact case; a case-only change is a change', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'externalId', value: 'AbC-123' }])).toEqual({ ...u1(), externalId: 'AbC-123' });
    expect(changedFlag(u1(), [{ op: 'replace', path: 'externalId', value: 'BJENSEN-EXT' }])).toBe(true);
  });

  it('the result uses canonical names even for a core-URN-qualified path', () => {
    expect(patched(u1(), [{ op: 'replace', path: `${U}:displayName`, value: 'Q' }])).toEqual({ ...u1(), displayName: 'Q' });
    expect(patched(u1(), [{ op: 'REPLACE', path: 'DISPLAYNAME', value: 'Q' }])).toEqual({ ...u1(), displayName: 'Q' });
  });
});
