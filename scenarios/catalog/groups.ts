// Group resources through requests other than PATCH (family `groups`; the `group` family is PATCH on
// groups): members set by create and by PUT, reads with attributes / excludedAttributes, members
// added and removed by PATCH as the read-back shows, a user's derived groups, a deleted member
// leaving its group, and a group id under /Users (404). RFC 7643 §4.2 gives displayName no
// uniqueness, so two groups with one name are not judged.
import { URN } from '../../schemas/scim-schema.ts';
import type { Assertion, Scenario } from '../scenario.ts';
import { absent, count, equals, failure, members, ok, okChecked, present, requestFamily } from './build.ts';

const s = requestFamily('groups', { state: 'group.one-member', resource: 'Group', requires: ['groups'] });

const get = (query?: Record<string, string>): Scenario['request'] => ({ target: 'self', method: 'GET', body: undefined, ...(query ? { query } : {}) });
const put = (overrides?: Record<string, unknown>): Scenario['request'] => ({ target: 'self', method: 'PUT', bodyFrom: 'self', body: overrides });
const post = (overrides?: Record<string, unknown>): Scenario['request'] => ({ target: { unknown: 'Group' }, method: 'POST', endpoint: 'collection', bodyFrom: 'self', body: overrides });
const ok200 = (assertions: Assertion[]) => okChecked(assertions, { status: [200] });
const only = (...attributes: string[]): Assertion => ({ kind: 'only-attributes', attributes });
const patchOp = (...ops: unknown[]) => ({ schemas: [URN.patchOp], Operations: ops });

export function groupsScenarios(): Scenario[] {
  return [
    s({
      what: 'create',
      title: 'The server must create a group (201) with its displayName, as a read shows.',
      level: 'MUST',
      refs: ['RFC7644-3.3', 'RFC7643-4.2'],
      state: 'group.empty',
      request: post({ displayName: 'Lifecycle Group {U1.id}' }),
      expect: okChecked([equals('displayName', 'Lifecycle Group {U1.id}', 'get'), { kind: 'header', name: 'Location' }], { status: [201] }),
    }),
    s({
      what: 'create-three-members',
      title: 'The server must create a group with the three members its POST names.',
      level: 'MUST',
      refs: ['RFC7644-3.3', 'RFC7643-4.2'],
      state: 'group.empty',
      request: post({ members: [{ value: '{U1.id}' }, { value: '{U2.id}' }, { value: '{U3.id}' }] }),
      expect: okChecked([members('U1', 'U2', 'U3')], { status: [201] }),
    }),
    s({
      what: 'create-member-type',
      title: 'The server should give each member of a created group its type "User".',
      level: 'SHOULD',
      refs: ['RFC7643-4.2'],
      state: 'group.empty',
      request: post({ members: [{ value: '{U1.id}' }] }),
      expect: okChecked([equals('members.type', ['User'], 'get')], { status: [201] }),
      note: 'RFC 7643 §4.2: members.type is "User" or "Group"; the server knows which the value names.',
    }),
    s({
      what: 'read',
      title: 'The server must answer GET /Groups/{id} with the group, its displayName and its member.',
      level: 'MUST',
      refs: ['RFC7644-3.4.1', 'RFC7643-4.2'],
      request: get(),
      expect: ok200([equals('displayName', '{self.displayName}', 'response'), members('U1')]),
    }),
    s({
      what: 'excluded-members',
      title: 'The server must leave members out of GET /Groups/{id}?excludedAttributes=members and keep displayName.',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.5', 'RFC7644-3.9'],
      request: get({ excludedAttributes: 'members' }),
      expect: ok200([absent('members', 'response'), present('displayName', 'response')]),
      note: 'The way clients read large groups without their members; the read-back without parameters still has U1.',
    }),
    s({
      what: 'attributes-display-name',
      title: 'The server must answer GET /Groups/{id}?attributes=displayName with displayName only (besides id, schemas, meta).',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.5', 'RFC7644-3.9'],
      request: get({ attributes: 'displayName' }),
      expect: ok200([only('displayName'), present('displayName', 'response')]),
    }),
    s({
      what: 'attributes-urn-qualified',
      title: 'The server must answer GET /Groups/{id}?attributes=<Group URN>:displayName with displayName only.',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'RFC7644-3.4.2.5'],
      request: get({ attributes: `${URN.group}:displayName` }),
      expect: ok200([only('displayName'), present('displayName', 'response')]),
    }),
    s({
      what: 'create-without-members',
      title: 'The server must create a group without members (201) and show none on a read.',
      level: 'MUST',
      refs: ['RFC7644-3.3', 'RFC7643-4.2'],
      state: 'group.empty',
      request: post(),
      expect: okChecked([members(), present('displayName', 'get')], { status: [201] }),
    }),
    s({
      what: 'attributes-members',
      title: 'The server must answer GET /Groups/{id}?attributes=members with the members and without displayName.',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.5', 'RFC7644-3.9'],
      request: get({ attributes: 'members' }),
      expect: ok200([only('members'), count('members', 1, 'response')]),
    }),
    s({
      what: 'user-groups',
      title: "The server should list a group in its member's groups attribute.",
      level: 'SHOULD',
      refs: ['RFC7643-4.1.2'],
      resource: 'User',
      request: { target: 'U1', method: 'GET', body: undefined },
      expect: ok200([count('groups', 1, 'response'), equals('groups.value', ['{self.id}'], 'response')]),
      note: 'RFC 7643 §4.1.2: groups lists the groups the user belongs to, derived from Group membership.',
    }),
    s({
      what: 'put-members',
      title: 'The server must replace the members of a group with those a PUT sends.',
      level: 'MUST',
      refs: ['RFC7644-3.5.1', 'RFC7643-4.2'],
      request: put({ members: [{ value: '{U2.id}' }, { value: '{U3.id}' }] }),
      expect: ok({ status: [200], assertions: [members('U2', 'U3')] }),
    }),
    s({
      what: 'put-empty-members',
      title: 'The server must remove every member of a group when a PUT sends members as an empty array.',
      level: 'MUST',
      refs: ['RFC7644-3.5.1', 'RFC7643-2.5'],
      request: put({ members: [] }),
      expect: ok({ status: [200], assertions: [members()] }),
      note: 'RFC 7644 §3.5.1: an empty array clears a multi-valued attribute.',
    }),
    s({
      what: 'put-display-name',
      title: "The server must change a group's displayName with a PUT and keep the members the PUT sends.",
      level: 'MUST',
      refs: ['RFC7644-3.5.1', 'RFC7643-4.2'],
      request: put({ displayName: 'Renamed {self.id}', members: [{ value: '{U1.id}' }] }),
      expect: ok({ status: [200], assertions: [equals('displayName', 'Renamed {self.id}', 'get'), members('U1')] }),
    }),
    s({
      what: 'put-omits-members',
      title: 'The server should remove the members of a group when a PUT leaves members out.',
      level: 'SHOULD',
      refs: ['RFC7644-3.5.1'],
      request: { ...put(), omit: ['members'] },
      expect: ok({ status: [200], assertions: [members()] }),
      note: 'RFC 7644 §3.5.1: an omitted readWrite attribute may be cleared or defaulted; keeping the old members is neither, hence SHOULD.',
    }),
    s({
      what: 'put-display-name-missing',
      title: 'The server must refuse a PUT of a group without the required displayName with 400 invalidValue and keep the group.',
      level: 'MUST',
      refs: ['RFC7644-3.5.1', 'RFC7643-4.2', 'RFC7644-3.12'],
      request: put({ displayName: null }),
      expect: failure([400], ['invalidValue']),
    }),
    s({
      what: 'put-if-match-stale',
      title: 'A server that supports ETags must refuse a PUT of a group whose If-Match is stale with 412.',
      level: 'MUST',
      refs: ['RFC7644-3.14', 'RFC7232-3.1'],
      requires: ['etag'],
      request: { ...put({ displayName: 'Stale {self.id}' }), ifMatch: 'stale' },
      expect: failure([412]),
    }),
    s({
      what: 'patch-add-member',
      title: 'The server must add a member to a group with a PATCH add of members, as the read-back shows.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.1', 'RFC7643-4.2'],
      requires: ['patch'],
      request: { target: 'self', method: 'PATCH', body: patchOp({ op: 'add', path: 'members', value: [{ value: '{U2.id}' }] }) },
      expect: ok({ assertions: [members('U1', 'U2')] }),
    }),
    s({
      what: 'patch-remove-member',
      title: 'The server must remove one member of a group with a PATCH remove members[value eq …].',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.2', 'RFC7643-4.2'],
      state: 'group.three-members',
      requires: ['patch'],
      request: { target: 'self', method: 'PATCH', body: patchOp({ op: 'remove', path: 'members[value eq "{U2.id}"]' }) },
      expect: ok({ assertions: [members('U1', 'U3')] }),
    }),
    s({
      what: 'deleted-member-leaves',
      title: 'The server should drop a deleted user from the members of its group, keeping the others.',
      level: 'SHOULD',
      refs: ['RFC7644-3.6', 'RFC7643-4.2'],
      resource: 'User',
      state: 'group.three-members',
      request: { target: 'U2', method: 'DELETE', body: undefined },
      expect: okChecked([{ kind: 'members-of', group: 'self', aliases: ['U1', 'U3'] }], { status: [204] }),
      note: 'As delete.leaves-groups, with the user in the middle of three members.',
    }),
    s({
      what: 'delete-keeps-members',
      title: 'The server must delete a group with members (204) and answer GET of it with 404.',
      level: 'MUST',
      refs: ['RFC7644-3.6'],
      state: 'group.three-members',
      request: { target: 'self', method: 'DELETE', body: undefined },
      expect: okChecked([], { status: [204] }),
    }),
    s({
      what: 'group-under-users',
      title: "The server must answer GET of a group's id under /Users with 404.",
      level: 'DERIVED',
      refs: ['RFC7644-3.4.1', 'RFC7644-3.12'],
      state: 'group.empty',
      request: { target: 'self', method: 'GET', body: undefined, under: 'User' },
      expect: failure([404]),
      note: 'The id names a Group; no User has it, so /Users/{id} is an unknown resource.',
    }),
    s({
      what: 'put-under-users',
      title: "The server must answer a PUT of a group's id under /Users with 404 and keep the group.",
      level: 'DERIVED',
      refs: ['RFC7644-3.5.1', 'RFC7644-3.12'],
      state: 'group.empty',
      request: { target: 'self', method: 'PUT', bodyFrom: 'U1', body: undefined, under: 'User' },
      expect: failure([404]),
    }),
    s({
      what: 'deleted-read',
      title: 'The server must answer GET of a deleted group with 404 and a SCIM Error body.',
      level: 'MUST',
      refs: ['RFC7644-3.6', 'RFC7644-3.12'],
      state: 'group.empty',
      request: { target: { deleted: 'self' }, method: 'GET', body: undefined },
      expect: failure([404]),
    }),
  ];
}
