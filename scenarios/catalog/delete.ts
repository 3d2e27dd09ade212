// DELETE (RFC 7644 §3.6): 204 and the resource is gone (a GET after answers 404), a second
// DELETE or one of an unknown id answers 404, If-Match is honoured where ETags are supported, the
// userName of a deleted user is free again, and a deleted user is no longer a member of a group.
import type { Scenario } from '../scenario.ts';
import { failure, okChecked, requestFamily } from './build.ts';

const s = requestFamily('delete', { state: 'user.minimal' });

const del = (extra: Partial<Scenario['request']> = {}): Scenario['request'] => ({ target: 'self', method: 'DELETE', body: undefined, ...extra });
/** 204, and (engine/lifecycle/) the GET after the DELETE answers 404. */
const deleted = okChecked([], { status: [204] });
const notFound = failure([404]);

export function deleteScenarios(): Scenario[] {
  return [
    s({
      what: 'user',
      title: 'The server must answer DELETE /Users/{id} with 204 and then answer GET of that user with 404.',
      level: 'MUST',
      refs: ['RFC7644-3.6'],
      request: del(),
      expect: deleted,
      note: 'RFC 7644 §3.6: "In response to a successful DELETE, the server SHALL return a successful HTTP status code 204 (No Content)"; afterwards it MUST answer 404 for the resource.',
    }),
    s({
      what: 'full-user',
      title: 'The server must delete a user with every attribute of the catalog shape (204, then 404 on GET).',
      level: 'MUST',
      refs: ['RFC7644-3.6'],
      state: 'user.full',
      request: del(),
      expect: deleted,
    }),
    s({
      what: 'group',
      title: 'The server must answer DELETE /Groups/{id} with 204 and then answer GET of that group with 404.',
      level: 'MUST',
      refs: ['RFC7644-3.6'],
      resource: 'Group',
      state: 'group.one-member',
      requires: ['groups'],
      request: del(),
      expect: deleted,
    }),
    s({
      what: 'twice',
      title: 'The server must answer a second DELETE of the same user with 404.',
      level: 'MUST',
      refs: ['RFC7644-3.6', 'RFC7644-3.12'],
      request: { target: { deleted: 'self' }, method: 'DELETE', body: undefined },
      expect: notFound,
      note: 'RFC 7644 §3.6: a deleted resource answers 404 for all operations associated with it, a DELETE included.',
    }),
    s({
      what: 'unknown-id',
      title: 'The server must answer DELETE of an id that never existed with 404.',
      level: 'MUST',
      refs: ['RFC7644-3.6', 'RFC7644-3.12'],
      request: { target: { unknown: 'User' }, method: 'DELETE', body: undefined },
      expect: notFound,
    }),
    s({
      what: 'unknown-group-id',
      title: 'The server must answer DELETE /Groups/{id} of an id that never existed with 404.',
      level: 'MUST',
      refs: ['RFC7644-3.6', 'RFC7644-3.12'],
      resource: 'Group',
      state: 'group.empty',
      requires: ['groups'],
      request: { target: { unknown: 'Group' }, method: 'DELETE', body: undefined },
      expect: notFound,
    }),
    s({
      what: 'user-under-groups',
      title: "The server must answer DELETE of a user's id under /Groups with 404 and keep the user.",
      level: 'DERIVED',
      refs: ['RFC7644-3.6', 'RFC7644-3.12'],
      requires: ['groups'],
      request: del({ under: 'Group' }),
      expect: notFound,
      note: 'No Group has that id; the user, read back after the request, must still be there.',
    }),
    s({
      what: 'if-match-current',
      title: 'A server that supports ETags must delete a user when If-Match is its current ETag (204).',
      level: 'MUST',
      refs: ['RFC7644-3.14', 'RFC7232-3.1', 'RFC7644-3.6'],
      requires: ['etag'],
      request: del({ ifMatch: 'current' }),
      expect: deleted,
    }),
    s({
      what: 'if-match-stale',
      title: 'A server that supports ETags must refuse a DELETE whose If-Match is stale with 412 and keep the user.',
      level: 'MUST',
      refs: ['RFC7644-3.14', 'RFC7232-3.1'],
      requires: ['etag'],
      request: del({ ifMatch: 'stale' }),
      expect: failure([412]),
      note: 'RFC 7644 §3.14 shows DELETE with If-Match; RFC 7232 §3.1: on a mismatch the method MUST NOT be performed (412).',
    }),
    s({
      what: 'leaves-groups',
      title: 'The server should drop a deleted user from the members of its groups.',
      level: 'SHOULD',
      refs: ['RFC7644-3.6', 'RFC7643-4.2'],
      resource: 'User',
      state: 'group.three-members',
      requires: ['groups'],
      request: { target: 'U1', method: 'DELETE', body: undefined },
      expect: okChecked([{ kind: 'members-of', group: 'self', aliases: ['U2', 'U3'] }], { status: [204] }),
      note: 'RFC 7644 §3.6: the deleted resource answers 404 and is omitted from query results; a member that no longer exists is a dangling reference. The RFC does not say MUST for membership itself, hence SHOULD.',
    }),
    s({
      what: 'user-name-free',
      title: 'The server must let a new user take the userName of a deleted user (201), as deleted resources are not in conflict calculation.',
      level: 'MUST',
      refs: ['RFC7644-3.6', 'RFC7644-3.3'],
      request: { target: { deleted: 'self' }, method: 'POST', endpoint: 'collection', bodyFrom: 'self', body: { userName: '{self.userName|upper}' } },
      expect: okChecked([], { status: [201] }),
      note: 'RFC 7644 §3.6: "the service provider MUST NOT consider the deleted resource in conflict calculation"; the name differs only in case, which is the same userName (caseExact false).',
    }),
  ];
}
