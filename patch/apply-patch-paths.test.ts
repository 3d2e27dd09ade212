// Golden cases for paths, filters, the enterprise extension, mutability, primary and atomicity
// (catalog A.6-A.11). Expected resources are written by hand.
import { describe, it, expect } from 'vitest';
import { applyPatch } from './apply-patch.ts';
import { CUSTOM_URN, ENT, U1_ID, U2_ID, U3_ID, u1, u2, userWithCustomExtension, USER } from './golden-fixtures.ts';
import { changedFlag, expectPatchError, patched } from './golden-helpers.ts';

const ENT_UPPER = 'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER';
const entOf = (extra: Record<string, unknown>) => ({
  employeeNumber: '701984',
  costCenter: '4130',
  department: 'Tour Operations',
  manager: { value: U2_ID },
  ...extra,
});

describe('paths (PATCH-PATH)', () => {
  it('PATCH-PATH-01 attribute names, sub-attributes and filters are case-insensitive; result keeps canonical names', () => {
    const result = patched(u1(), [
      { op: 'replace', path: 'NICKNAME', value: 'A' },
      { op: 'replace', path: 'Name.GivenName', value: 'B' },
      { op: 'replace', path: 'EMAILS[TYPE eq "work"].VALUE', value: 'c@example.com' },
    ]);
    expect(result).toEqual({
      ...u1(),
      nickName: 'A',
      name: { givenName: 'B', familyName: 'Jensen', middleName: 'Jane', formatted: 'Barbara J Jensen' },
      emails: [
        { value: 'c@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
    });
    expect(Object.keys(result)).not.toContain('NICKNAME');
  });

  it('PATCH-PATH-02 the URN prefix is case-insensitive', () => {
    expect(patched(u1(), [{ op: 'replace', path: `${ENT_UPPER}:employeeNumber`, value: '42' }])).toEqual({
      ...u1(),
      [ENT]: entOf({ employeeNumber: '42' }),
    });
  });

  it('PATCH-PATH-04 keys of a path-less value are case-insensitive', () => {
    const result = patched(u1(), [{ op: 'replace', value: { NickName: 'Z', TITLE: 'T' } }]);
    expect(result).toEqual({ ...u1(), nickName: 'Z', title: 'T' });
  });

  it.each(['name..givenName', 'emails]', '.nickName', 'name.givenName.first', 'emails[0].value', '/emails/0/value', ''])(
    'PATCH-PATH-05 malformed path %j is 400 invalidPath',
    (path) => {
      expectPatchError(u1(), [{ op: 'replace', path, value: 'x' }], 'invalidPath');
    },
  );

  it('PATCH-PATH-06 an unknown attribute is 400 invalidPath (E-13), with or without path', () => {
    expectPatchError(u1(), [{ op: 'replace', path: 'fooBar', value: 'x' }], 'invalidPath');
    expectPatchError(u1(), [{ op: 'add', value: { fooBar: 'x' } }], 'invalidPath');
    expectPatchError(u1(), [{ op: 'add', path: 'name.nickname', value: 'x' }], 'invalidPath');
    expectPatchError(u1(), [{ op: 'add', path: 'urn:example:unknown:1.0:User:x', value: 'x' }], 'invalidPath');
  });

  it('PATCH-PATH-07 a sub-attribute of a simple attribute is 400 invalidPath', () => {
    expectPatchError(u1(), [{ op: 'replace', path: 'userName.foo', value: 'x' }], 'invalidPath');
  });

  it('PATCH-PATH-08 a value filter on a single-valued attribute is 400 invalidPath', () => {
    expectPatchError(u1(), [{ op: 'replace', path: 'name[givenName eq "Barbara"].familyName', value: 'x' }], 'invalidPath');
  });

  it('PATCH-PATH-09 an unqualified extension attribute resolves into the container, never top level', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'employeeNumber', value: '7' }])).toEqual({ ...u1(), [ENT]: entOf({ employeeNumber: '7' }) });
  });
});

describe('filters (PATCH-FLT)', () => {
  it('PATCH-FLT-01 filter attribute names and operators are case-insensitive', () => {
    expect(patched(u1(), [{ op: 'remove', path: 'emails[Type EQ "home"]' }])).toEqual({
      ...u1(),
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
    });
  });

  it('PATCH-FLT-02 comparison follows caseExact (emails.type is not caseExact)', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'emails[type eq "WORK"].value', value: 'w@example.com' }])).toEqual({
      ...u1(),
      emails: [
        { value: 'w@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
    });
  });

  it.each(['emails[type eq]', 'emails[type xx "work"]', 'emails[type eq work]', 'emails[value regex ".*"]', 'emails[foo eq "x"]'])(
    'PATCH-FLT-04/05 %j is 400 invalidFilter',
    (path) => {
      expectPatchError(u1(), [{ op: 'remove', path }], 'invalidFilter');
    },
  );

  it('PATCH-FLT-06 gt on a boolean is 400 invalidFilter, even when nothing could match', () => {
    expectPatchError(u1(), [{ op: 'remove', path: 'emails[primary gt true]' }], 'invalidFilter');
    expectPatchError(u2(), [{ op: 'remove', path: 'emails[primary gt true]' }], 'invalidFilter');
  });

  it('PATCH-FLT-07 or and not() filters', () => {
    const homeRemoved = { ...u1(), emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }] };
    expect(patched(u1(), [{ op: 'remove', path: 'emails[type eq "home" or type eq "other"]' }])).toEqual(homeRemoved);
    expect(patched(u1(), [{ op: 'remove', path: 'emails[not (type eq "work")]' }])).toEqual(homeRemoved);
    expect(patched(u1(), [{ op: 'remove', path: 'emails[not(type eq "work")]' }])).toEqual(homeRemoved);
  });

  it('PATCH-FLT-08 boolean eq and pr filters', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'emails[primary eq true].type', value: 'other' }])).toEqual({
      ...u1(),
      emails: [
        { value: 'bjensen@example.com', type: 'other', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
    });
    const expected = u1();
    delete expected['addresses'];
    expect(patched(u1(), [{ op: 'remove', path: 'addresses[postalCode pr]' }])).toEqual(expected);
  });
});

describe('enterprise extension (PATCH-EXT)', () => {
  it('PATCH-EXT-01 adding an extension attribute nests it and adds the URN to schemas', () => {
    expect(patched(u2(), [{ op: 'add', path: `${ENT}:employeeNumber`, value: '1001' }])).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
      id: U2_ID,
      userName: 'jsmith@example.com',
      [ENT]: { employeeNumber: '1001' },
    });
  });

  it('PATCH-EXT-02 replaces one extension attribute, keeping the others', () => {
    expect(patched(u1(), [{ op: 'replace', path: `${ENT}:department`, value: 'Marketing' }])).toEqual({
      ...u1(),
      [ENT]: entOf({ department: 'Marketing' }),
    });
  });

  it('PATCH-EXT-03 replaces a sub-attribute of an extension complex attribute', () => {
    expect(patched(u1(), [{ op: 'replace', path: `${ENT}:manager.value`, value: U3_ID }])).toEqual({
      ...u1(),
      [ENT]: entOf({ manager: { value: U3_ID } }),
    });
  });

  it('PATCH-EXT-04 replaces an extension complex attribute', () => {
    expect(patched(u1(), [{ op: 'replace', path: `${ENT}:manager`, value: { value: U3_ID } }])).toEqual({
      ...u1(),
      [ENT]: entOf({ manager: { value: U3_ID } }),
    });
  });

  it('PATCH-EXT-05 removes manager and employeeNumber', () => {
    expect(patched(u1(), [{ op: 'remove', path: `${ENT}:manager` }])).toEqual({
      ...u1(),
      [ENT]: { employeeNumber: '701984', costCenter: '4130', department: 'Tour Operations' },
    });
    expect(patched(u1(), [{ op: 'remove', path: `${ENT}:employeeNumber` }])).toEqual({
      ...u1(),
      [ENT]: { costCenter: '4130', department: 'Tour Operations', manager: { value: U2_ID } },
    });
  });

  it('PATCH-EXT-05 removing the last extension attribute drops the container and its URN', () => {
    const withOne = { ...u2(), schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT], [ENT]: { costCenter: '1' } };
    expect(patched(withOne, [{ op: 'remove', path: `${ENT}:costCenter` }])).toEqual(u2());
    expect(patched(withOne, [{ op: 'remove', path: ENT }])).toEqual(u2());
  });

  it('PATCH-EXT-06 manager.displayName is readOnly: 400 mutability', () => {
    expectPatchError(u1(), [{ op: 'replace', path: `${ENT}:manager.displayName`, value: 'Boss' }], 'mutability');
  });

  it('PATCH-EXT-07 the whole-extension path merges like a complex replace', () => {
    expect(patched(u1(), [{ op: 'replace', path: ENT, value: { costCenter: '9', department: 'X' } }])).toEqual({
      ...u1(),
      [ENT]: entOf({ costCenter: '9', department: 'X' }),
    });
  });

  it('PATCH-EXT-08 path-less container replace keeps the other extension attributes', () => {
    expect(patched(u1(), [{ op: 'replace', value: { [ENT]: { costCenter: '77' } } }])).toEqual({ ...u1(), [ENT]: entOf({ costCenter: '77' }) });
  });

  it('PATCH-EXT-09 later operations see the extension added by an earlier one', () => {
    expect(
      patched(u2(), [
        { op: 'add', path: `${ENT}:costCenter`, value: '1' },
        { op: 'replace', path: `${ENT}:department`, value: 'D' },
      ]),
    ).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
      id: U2_ID,
      userName: 'jsmith@example.com',
      [ENT]: { costCenter: '1', department: 'D' },
    });
  });

  it('IOP-08 a string value for manager means manager.value', () => {
    expect(patched(u1(), [{ op: 'add', path: `${ENT}:manager`, value: U3_ID }])).toEqual({ ...u1(), [ENT]: entOf({ manager: { value: U3_ID } }) });
    expectPatchError(u1(), [{ op: 'add', path: `${ENT}:manager`, value: U3_ID }], 'invalidValue', USER, { coerceStringToComplexValue: false });
  });

  it('IOP-09 unqualified manager with a one-element array value', () => {
    const ref = `https://example.com/v2/Users/${U3_ID}`;
    expect(patched(u1(), [{ op: 'Add', path: 'manager', value: [{ $ref: ref, value: U3_ID }] }])).toEqual({
      ...u1(),
      [ENT]: entOf({ manager: { value: U3_ID, $ref: ref } }),
    });
  });

  it('IOP-04 path-less replace with dotted and URN-qualified flat keys', () => {
    expect(
      patched(u1(), [
        {
          op: 'replace',
          value: { displayName: 'Bjfe', 'name.givenName': 'Kkom', 'name.familyName': 'Unua', [`${ENT}:employeeNumber`]: 'Aklq' },
        },
      ]),
    ).toEqual({
      ...u1(),
      displayName: 'Bjfe',
      name: { givenName: 'Kkom', familyName: 'Unua', middleName: 'Jane', formatted: 'Barbara J Jensen' },
      [ENT]: entOf({ employeeNumber: 'Aklq' }),
    });
  });
});

describe('mutability and required (PATCH-MUT)', () => {
  it('PATCH-MUT-01 replacing id is 400 mutability', () => {
    expectPatchError(u1(), [{ op: 'replace', path: 'id', value: 'hijack' }], 'mutability');
  });

  it('PATCH-MUT-02 writing meta.lastModified is 400 mutability (E-7)', () => {
    expectPatchError(u1(), [{ op: 'replace', path: 'meta.lastModified', value: '2000-01-01T00:00:00Z' }], 'mutability');
  });

  it('PATCH-MUT-03 replacing groups is 400 mutability', () => {
    expectPatchError(u1(), [{ op: 'replace', path: 'groups', value: [] }], 'mutability');
  });

  it('PATCH-MUT-04 a path-less readOnly value equal to the current one is ignored; a different one is 400', () => {
    expect(patched(u1(), [{ op: 'replace', value: { id: U1_ID, displayName: 'X' } }])).toEqual({ ...u1(), displayName: 'X' });
    expectPatchError(u1(), [{ op: 'replace', value: { id: 'other', displayName: 'X' } }], 'mutability');
  });

  it('PATCH-MUT-08 userName null is 400 mutability, empty string 400 invalidValue', () => {
    expectPatchError(u1(), [{ op: 'replace', path: 'userName', value: null }], 'mutability');
    expectPatchError(u1(), [{ op: 'replace', value: { userName: null } }], 'mutability');
    expectPatchError(u1(), [{ op: 'replace', path: 'userName', value: '' }], 'invalidValue');
  });

  it('PATCH-MUT-07 a case-only change of userName is applied', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'userName', value: 'BJensen@Example.com' }])).toEqual({ ...u1(), userName: 'BJensen@Example.com' });
  });

  it('PATCH-MUT-10 password is stored and patchable (the server strips it on output)', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'password', value: 'An0ther!Pass' }])).toEqual({ ...u1(), password: 'An0ther!Pass' });
  });

  it('PATCH-MUT-12 dateTime and integer formats are checked', () => {
    const s = userWithCustomExtension();
    expectPatchError(u1(), [{ op: 'add', path: `${CUSTOM_URN}:hireDate`, value: '2024-13-45' }], 'invalidValue', s);
    expectPatchError(u1(), [{ op: 'add', path: `${CUSTOM_URN}:hireDate`, value: '2024-01-01' }], 'invalidValue', s);
    expectPatchError(u1(), [{ op: 'add', path: `${CUSTOM_URN}:level`, value: 1.5 }], 'invalidValue', s);
    expect(patched(u2(), [{ op: 'add', path: `${CUSTOM_URN}:hireDate`, value: '2024-01-01T09:30:00+02:00' }], s)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', CUSTOM_URN],
      id: U2_ID,
      userName: 'jsmith@example.com',
      [CUSTOM_URN]: { hireDate: '2024-01-01T09:30:00+02:00' },
    });
  });

  it('PATCH-ADD-17 an immutable attribute may be added when unassigned, never changed', () => {
    const s = userWithCustomExtension();
    const added = patched(u2(), [{ op: 'add', path: `${CUSTOM_URN}:badge`, value: 'B-1' }], s);
    expect(added).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', CUSTOM_URN],
      id: U2_ID,
      userName: 'jsmith@example.com',
      [CUSTOM_URN]: { badge: 'B-1' },
    });
    expectPatchError(added, [{ op: 'replace', path: `${CUSTOM_URN}:badge`, value: 'B-2' }], 'mutability', s);
    expect(changedFlag(added, [{ op: 'replace', path: `${CUSTOM_URN}:badge`, value: 'B-1' }], s)).toBe(false);
  });

  it('PATCH-REM-14 removes one value of a multi-valued string attribute', () => {
    const s = userWithCustomExtension();
    const withTags = { ...u2(), schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', CUSTOM_URN], [CUSTOM_URN]: { tags: ['a', 'b', 'c'] } };
    expect(patched(withTags, [{ op: 'remove', path: `${CUSTOM_URN}:tags[value eq "b"]` }], s)).toEqual({
      ...withTags,
      [CUSTOM_URN]: { tags: ['a', 'c'] },
    });
  });
});

describe('primary (PATCH-PRI)', () => {
  it('PATCH-PRI-01 adding a primary email resets the previous primary', () => {
    expect(patched(u1(), [{ op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'other', primary: true }] }])).toEqual({
      ...u1(),
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: false },
        { value: 'babs@jensen.org', type: 'home' },
        { value: 'new@example.com', type: 'other', primary: true },
      ],
    });
  });

  it('PATCH-PRI-02 setting primary through a filter moves it', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }])).toEqual({
      ...u1(),
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: false },
        { value: 'babs@jensen.org', type: 'home', primary: true },
      ],
    });
  });

  it('PATCH-PRI-03 two primaries in one value are 400 invalidValue', () => {
    expectPatchError(
      u1(),
      [{ op: 'replace', path: 'emails', value: [{ value: 'a@example.com', primary: true }, { value: 'b@example.com', primary: true }] }],
      'invalidValue',
    );
  });

  it('PATCH-PRI without normalisation a second primary is 400 invalidValue', () => {
    expectPatchError(u1(), [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }], 'invalidValue', USER, { normalizePrimary: false });
  });
});

describe('atomicity and ordering (PATCH-ATOM)', () => {
  it('PATCH-ATOM-01 operations apply in order', () => {
    expect(patched(u1(), [{ op: 'replace', path: 'nickName', value: 'A' }, { op: 'replace', path: 'nickName', value: 'B' }])).toEqual({
      ...u1(),
      nickName: 'B',
    });
  });

  it('PATCH-ATOM-02 each operation sees the previous result', () => {
    const ops = [
      { op: 'add', path: 'emails', value: [{ value: 'tmp@example.com', type: 'other' }] },
      { op: 'remove', path: 'emails[value eq "tmp@example.com"]' },
    ];
    expect(patched(u1(), ops)).toEqual(u1());
    expect(changedFlag(u1(), ops)).toBe(false);
  });

  it('PATCH-ATOM-03 a failing later operation leaves everything unapplied and names the operation', () => {
    const e = expectPatchError(
      u1(),
      [{ op: 'replace', path: 'nickName', value: 'SHOULD-NOT-STICK' }, { op: 'replace', path: 'phoneNumbers[type eq "fax"].value', value: '1' }],
      'noTarget',
      USER,
      undefined,
      1,
    );
    expect(e.detail).toMatch(/^Operation 2 \(replace phoneNumbers\[type eq "fax"\]\.value\): /);
  });

  it('PATCH-ATOM-04 remove userName after a valid remove is 400 mutability', () => {
    expectPatchError(u1(), [{ op: 'remove', path: 'emails[type eq "home"]' }, { op: 'remove', path: 'userName' }], 'mutability', USER, undefined, 1);
  });

  it('PATCH-ENV-06 unknown ops are 400 invalidSyntax; PATCH-ENV-07 op case is ignored', () => {
    for (const op of ['move', 'test', 'invalid-op']) expectPatchError(u1(), [{ op, path: 'nickName', value: 'X' }], 'invalidSyntax');
    expect(patched(u1(), [{ op: 'Replace', path: 'nickName', value: 'X' }, { op: 'ADD', path: 'title', value: 'T' }])).toEqual({
      ...u1(),
      nickName: 'X',
      title: 'T',
    });
  });

  it('IOP-02 "False" for a boolean is coerced; "yes" stays 400 invalidValue; strict mode rejects both', () => {
    expect(patched(u1(), [{ op: 'Replace', path: 'active', value: 'False' }])).toEqual({ ...u1(), active: false });
    expectPatchError(u1(), [{ op: 'replace', path: 'active', value: 'yes' }], 'invalidValue');
    expectPatchError(u1(), [{ op: 'replace', path: 'active', value: 'False' }], 'invalidValue', USER, { coerceBooleanStrings: false });
  });

  it('IOP-06/IOP-07 valuePath upserts of Entra', () => {
    expect(patched(u2(), [{ op: 'Add', path: 'addresses[type eq "work"].formatted', value: '18/2111' }])).toEqual({
      ...u2(),
      addresses: [{ type: 'work', formatted: '18/2111' }],
    });
    expect(
      patched(u1(), [{ op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '555' }], USER, { replaceValuePathUpserts: true }),
    ).toEqual({
      ...u1(),
      phoneNumbers: [
        { value: '555-555-8377', type: 'work' },
        { type: 'mobile', value: '555' },
      ],
    });
  });

  it('the input resource is never mutated, even on success', () => {
    const input = u1();
    const out = applyPatch(input, [{ op: 'remove', path: 'emails[type eq "home"]' }], USER);
    expect(input).toEqual(u1());
    expect(out.resource).not.toBe(input);
    expect(out.resource['id']).toBe(U1_ID);
  });
});
