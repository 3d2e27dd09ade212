// Golden cases for Group membership (catalog A.13) and the group forms of IOP/MUT/ATOM.
import { describe, it, expect } from 'vitest';
import { G1_ID, g1, GROUP, U1_ID, U2_ID, U3_ID } from './golden-fixtures.ts';
import { changedFlag, expectPatchError, patched } from './golden-helpers.ts';

const G = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const members = (...ids: string[]) => ({ ...g1(), members: ids.map((value) => ({ value })) });
const noMembers = () => {
  const g = g1();
  delete g['members'];
  return g;
};
const run = (ops: Parameters<typeof patched>[1], start = g1(), options?: Parameters<typeof patched>[3]) => patched(start, ops, GROUP, options);

describe('Group membership (PATCH-GRP)', () => {
  it('PATCH-GRP-01 adds a member', () => {
    expect(run([{ op: 'add', path: 'members', value: [{ value: U2_ID }] }])).toEqual(members(U1_ID, U2_ID));
  });

  it('PATCH-GRP-01 variants: display, $ref, $ref null (IOP-13), type', () => {
    const ref = `https://example.com/v2/Users/${U2_ID}`;
    expect(run([{ op: 'add', path: 'members', value: [{ value: U2_ID, display: 'jsmith', $ref: ref }] }])).toEqual({
      ...g1(),
      members: [{ value: U1_ID }, { value: U2_ID, display: 'jsmith', $ref: ref }],
    });
    expect(run([{ op: 'add', path: 'members', value: [{ $ref: null, value: U2_ID }] }])).toEqual(members(U1_ID, U2_ID));
    expect(run([{ op: 'add', path: 'members', value: [{ value: U2_ID, type: 'User' }] }])).toEqual({
      ...g1(),
      members: [{ value: U1_ID }, { value: U2_ID, type: 'User' }],
    });
  });

  it('PATCH-GRP-02 adding an existing member changes nothing', () => {
    const ops = [{ op: 'add', path: 'members', value: [{ value: U1_ID }] }];
    expect(run(ops)).toEqual(g1());
    expect(changedFlag(g1(), ops, GROUP)).toBe(false);
  });

  it('PATCH-GRP-03 removes a member by filter, keeping the others', () => {
    expect(run([{ op: 'remove', path: `members[value eq "${U1_ID}"]` }], members(U1_ID, U2_ID))).toEqual(members(U2_ID));
  });

  it('PATCH-GRP-04 removing a non-member is a no-op', () => {
    expect(changedFlag(g1(), [{ op: 'remove', path: `members[value eq "${U3_ID}"]` }], GROUP)).toBe(false);
  });

  it('PATCH-GRP-05 remove path=members removes all; displayName kept', () => {
    expect(run([{ op: 'remove', path: 'members' }], members(U1_ID, U2_ID))).toEqual(noMembers());
  });

  it('PATCH-GRP-06 replace members replaces the whole list', () => {
    expect(run([{ op: 'replace', path: 'members', value: [{ value: U2_ID }, { value: U3_ID }] }])).toEqual(members(U2_ID, U3_ID));
  });

  it('PATCH-GRP-07 replace members with [] empties the group', () => {
    expect(run([{ op: 'replace', path: 'members', value: [] }])).toEqual(noMembers());
  });

  it('PATCH-GRP-08 remove + add in one request', () => {
    expect(
      run([
        { op: 'remove', path: `members[value eq "${U1_ID}"]` },
        { op: 'add', path: 'members', value: [{ value: U2_ID }] },
      ]),
    ).toEqual(members(U2_ID));
  });

  it('PATCH-GRP-09 adds several members at once', () => {
    expect(run([{ op: 'add', path: 'members', value: [{ value: U2_ID }, { value: U3_ID }] }])).toEqual(members(U1_ID, U2_ID, U3_ID));
  });

  it('PATCH-GRP-10 path-less add appends, path-less replace replaces', () => {
    expect(run([{ op: 'add', value: { members: [{ value: U2_ID }] } }])).toEqual(members(U1_ID, U2_ID));
    expect(run([{ op: 'replace', value: { members: [{ value: U3_ID }] } }])).toEqual(members(U3_ID));
  });

  it('PATCH-GRP-11 renames without touching members', () => {
    expect(run([{ op: 'replace', path: 'displayName', value: 'Guides' }])).toEqual({ ...g1(), displayName: 'Guides' });
    expect(run([{ op: 'replace', value: { displayName: 'Guides' } }])).toEqual({ ...g1(), displayName: 'Guides' });
  });

  it('PATCH-GRP-12 replaces externalId', () => {
    expect(run([{ op: 'replace', path: 'externalId', value: 'grp-ext-2' }])).toEqual({ ...g1(), externalId: 'grp-ext-2' });
  });

  it('PATCH-GRP-13 removing required displayName is 400 mutability', () => {
    expectPatchError(g1(), [{ op: 'remove', path: 'displayName' }], 'mutability', GROUP);
    expectPatchError(g1(), [{ op: 'remove', path: 'DisplayName' }], 'mutability', GROUP);
  });

  it('PATCH-GRP-15 an empty member object is 400 invalidValue', () => {
    expectPatchError(g1(), [{ op: 'add', path: 'members', value: [{ value: U2_ID }, {}] }], 'invalidValue', GROUP);
  });

  it('PATCH-GRP-16 or-filter removes two members', () => {
    expect(
      run([{ op: 'remove', path: `members[value eq "${U1_ID}" or value eq "${U2_ID}"]` }], members(U1_ID, U2_ID, U3_ID)),
    ).toEqual(members(U3_ID));
  });

  it('PATCH-PATH-03 a core-URN-qualified filtered path on a Group', () => {
    expect(run([{ op: 'remove', path: `${G}:members[value eq "${U1_ID}"]` }])).toEqual(noMembers());
  });

  it('PATCH-ATOM-05 a failing remove of displayName undoes the member add', () => {
    expectPatchError(
      g1(),
      [{ op: 'add', path: 'members', value: [{ value: U2_ID }] }, { op: 'remove', path: 'displayName' }],
      'mutability',
      GROUP,
      undefined,
      1,
    );
  });

  it('PATCH-MUT-09 changing a member value is 400 mutability (immutable sub-attribute)', () => {
    expectPatchError(g1(), [{ op: 'replace', path: `members[value eq "${U1_ID}"].value`, value: U2_ID }], 'mutability', GROUP);
    expectPatchError(g1(), [{ op: 'replace', path: `members[value eq "${U1_ID}"]`, value: { value: U2_ID } }], 'mutability', GROUP);
  });

  it('PATCH-MUT-04 / IOP-11 Okta rename with the group id', () => {
    expect(run([{ op: 'replace', value: { id: G1_ID, displayName: 'Tour Guides EU' } }])).toEqual({ ...g1(), displayName: 'Tour Guides EU' });
    expectPatchError(g1(), [{ op: 'replace', value: { id: 'other-id', displayName: 'X' } }], 'mutability', GROUP);
  });

  it('IOP-03 remove with a value array removes only those members', () => {
    expect(
      run([{ op: 'Remove', path: 'members', value: [{ $ref: null, value: U1_ID }] }], members(U1_ID, U2_ID)),
    ).toEqual(members(U2_ID));
    expectPatchError(members(U1_ID, U2_ID), [{ op: 'remove', path: 'members', value: [{ value: U1_ID }] }], 'invalidValue', GROUP, {
      removeByValueArray: false,
    });
  });

  it('PATCH-FLT-03 members.value is not caseExact in RFC 7643, so an upper-cased id still matches', () => {
    expect(run([{ op: 'remove', path: `members[value eq "${U1_ID.toUpperCase()}"]` }])).toEqual(noMembers());
  });
});
