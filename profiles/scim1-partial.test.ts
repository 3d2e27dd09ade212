import { describe, expect, it } from 'vitest';
import { applyPatch, diffResources, parsePatchRequest } from '../patch/index.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { URN, type ScimResource } from '../schemas/scim-schema.ts';
import { decodePartialUpdate, encodePartialUpdate, PartialUpdateError, SCIM1_CORE, SCIM1_ENTERPRISE } from './scim1-partial.ts';

const { User, Group } = builtinResourceSchemas();
const ENT = URN.enterpriseUser;
const before: ScimResource = {
  schemas: [URN.user, ENT],
  id: 'u1',
  userName: 'bjensen',
  nickName: 'Babs',
  name: { givenName: 'Barbara', familyName: 'Jensen', middleName: 'Jane' },
  emails: [
    { value: 'b@example.com', type: 'work', primary: true },
    { value: 'babs@example.org', type: 'home' },
  ],
  [ENT]: { employeeNumber: '1', department: 'Tours', manager: { value: 'u2' } },
  meta: { resourceType: 'User', version: 'W/"1"' },
};

/** The PatchOp applied, then its partial update decoded and applied: both must give the same resource. */
function roundTrip(ops: unknown[], schema = User, start = before) {
  const options = {};
  const after = applyPatch(start, parsePatchRequest({ schemas: [URN.patchOp], Operations: ops }, options), schema, options).resource;
  const update = encodePartialUpdate(start, after, schema);
  const replayed = applyPatch(start, parsePatchRequest(decodePartialUpdate(update, schema), { allowEmptyOperations: true }), schema, { allowEmptyOperations: true }).resource;
  return { update, diff: diffResources(after, replayed, schema, { ignore: ['meta'] }) };
}

describe('SCIM 1.x partial update', () => {
  it('writes a simple replace as the attribute itself', () => {
    const { update, diff } = roundTrip([{ op: 'replace', path: 'nickName', value: 'B' }]);
    expect(update).toEqual({ schemas: [SCIM1_CORE], nickName: 'B' });
    expect(diff).toEqual([]);
  });
  it('clears a removed attribute and sub-attribute through meta.attributes', () => {
    const { update, diff } = roundTrip([{ op: 'remove', path: 'nickName' }, { op: 'remove', path: 'name.middleName' }]);
    expect(update['meta']).toEqual({ attributes: ['nickName', 'name.middleName'] });
    expect(diff).toEqual([]);
  });
  it('deletes a list item with operation "delete" and adds new items', () => {
    const { update, diff } = roundTrip([{ op: 'remove', path: 'emails[type eq "home"]' }, { op: 'add', path: 'emails', value: [{ value: 'c@example.com', type: 'other' }] }]);
    expect(update['emails']).toEqual([{ value: 'babs@example.org', operation: 'delete' }, { value: 'c@example.com', type: 'other' }]);
    expect(diff).toEqual([]);
  });
  it('replaces a whole list when an item changed in place (same value, other sub-attributes)', () => {
    const { update, diff } = roundTrip([{ op: 'replace', path: 'emails[type eq "home"].type', value: 'other' }]);
    expect(update['meta']).toEqual({ attributes: ['emails'] });
    expect(update['emails']).toHaveLength(2);
    expect(diff).toEqual([]);
  });
  it('writes a changed item value as a delete of the old item and an add of the new one', () => {
    const { update, diff } = roundTrip([{ op: 'replace', path: 'emails[type eq "work"].value', value: 'new@example.com' }]);
    expect(update['emails']).toEqual([{ value: 'b@example.com', operation: 'delete' }, { value: 'new@example.com', type: 'work', primary: true }]);
    expect(diff).toEqual([]);
  });
  it('uses the 1.0 enterprise URN and managerId', () => {
    const { update, diff } = roundTrip([{ op: 'replace', path: `${ENT}:manager`, value: { value: 'u3' } }, { op: 'replace', path: `${ENT}:department`, value: 'Ops' }]);
    expect(update).toEqual({ schemas: [SCIM1_CORE, SCIM1_ENTERPRISE], [SCIM1_ENTERPRISE]: { manager: { managerId: 'u3' }, department: 'Ops' } });
    expect(diff).toEqual([]);
  });
  it('removes group members by value', () => {
    const group: ScimResource = { schemas: [URN.group], id: 'g', displayName: 'G', members: [{ value: 'a' }, { value: 'b' }] };
    const { update, diff } = roundTrip([{ op: 'remove', path: 'members[value eq "a"]' }], Group, group);
    expect(update['members']).toEqual([{ value: 'a', operation: 'delete' }]);
    expect(diff).toEqual([]);
  });
  it('an unchanged resource is an empty update, read back as no operation', () => {
    const { update } = roundTrip([{ op: 'add', path: 'nickName', value: 'Babs' }]);
    expect(update).toEqual({ schemas: [SCIM1_CORE] });
    expect(decodePartialUpdate(update, User).Operations).toEqual([]);
  });
  it('ignores read-only members and rejects what is not a partial update', () => {
    expect(decodePartialUpdate({ id: 'x', meta: { version: '1' }, groups: [], schemas: [SCIM1_CORE] }, User).Operations).toEqual([]);
    expect(() => decodePartialUpdate([], User)).toThrow(PartialUpdateError);
    expect(() => decodePartialUpdate({ meta: { attributes: 'nickName' } }, User)).toThrow(/meta.attributes/);
    expect(() => decodePartialUpdate({ emails: [{ operation: 'delete' }] }, User)).toThrow(/needs its value/);
  });
});
