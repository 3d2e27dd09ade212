// Bulk (RFC 7644 §3.7): a BulkRequest's operations answered one by one in a BulkResponse (status as
// a string, location, bulkId echoed, a failed operation's Error as its response), bulkId references
// resolved in any order (§3.7.2), circular ones tried (§3.7.1), failOnErrors honoured, the advertised
// limits enforced with 413 (§3.7.4). Bodies use engine/protocol-prepare.ts's tokens: `@User` / `@Group`
// for the target's endpoints, `$unknown` for an id that never existed, `{ "$new": "User" }` for a fresh
// marked resource. Everything a bulk request creates goes in the ledger (by location, or by its marked
// name when the answer does not say), so cleanup deletes it. Every scenario needs bulk advertised.
import { URN } from '../../schemas/scim-schema.ts';
import type { BulkOpWant, BulkRead } from '../protocol.ts';
import type { Assertion, Expectation, Scenario } from '../scenario.ts';
import { failure, okChecked, requestFamily } from './build.ts';

const s = requestFamily('bulk', { state: 'user.minimal', requires: ['bulk'] });

export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const REFS = ['RFC7644-3.7', 'RFC7644-3.7.3'];

type Op = Record<string, unknown>;
const bulk = (Operations: unknown[], extra: Record<string, unknown> = {}): unknown => ({ schemas: [BULK_REQUEST], ...extra, Operations });
const post = (bulkId: string, kind: 'User' | 'Group', data: Record<string, unknown> = {}): Op => ({ method: 'POST', path: `@${kind}`, bulkId, data: { $new: kind, ...data } });
const memberRefs = (...refs: string[]) => refs.map((value) => ({ value }));
const deleteUnknown: Op = { method: 'DELETE', path: '@User/$unknown' };

const req = (body: unknown, target: Scenario['request']['target'] = { unknown: 'User' }): Scenario['request'] => ({ target, method: 'POST', endpoint: 'bulk', body });
const want = (method: string, status: number[], bulkId?: string): BulkOpWant => ({ method, status, ...(bulkId !== undefined ? { bulkId } : {}) });
const answered = (ops: BulkOpWant[], reads: BulkRead[] = []): Expectation => okChecked([{ kind: 'bulk', ops, ...(reads.length > 0 ? { reads } : {}) } as Assertion], { status: [200] });
const read = (path: string, w: BulkRead['want']): BulkRead => ({ path, want: w });

function basics(): Scenario[] {
  return [
    s({
      what: 'post-user',
      title: 'A bulk POST of a user must answer status "201", its location and bulkId, and create the user.',
      level: 'MUST',
      refs: REFS,
      request: req(bulk([post('u', 'User', { displayName: 'Bulk Created' })])),
      expect: answered([want('POST', [201], 'u')], [read('@User/bulkId:u', { equals: { attr: 'displayName', value: 'Bulk Created' } })]),
      note: 'RFC 7644 §3.7: each result carries method, bulkId (for a POST), location and status, the HTTP status code as a string ("201"), as §3.7.3 shows.',
    }),
    s({
      what: 'post-two-users',
      title: 'Two bulk POSTs must each be answered with "201" and the location of its own new user.',
      level: 'MUST',
      refs: REFS,
      request: req(bulk([post('a', 'User'), post('b', 'User')])),
      expect: answered([want('POST', [201], 'a'), want('POST', [201], 'b')], [read('@User/bulkId:a', { noLiteralBulkIds: true }), read('@User/bulkId:b', { noLiteralBulkIds: true })]),
    }),
    s({
      what: 'put',
      title: 'A bulk PUT of an existing user must answer "200" with its location and replace the user.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.5.1'],
      request: req(bulk([{ method: 'PUT', path: '@User/{self.id}', data: { schemas: [URN.user], userName: '{self.userName}', externalId: '{self.externalId}', displayName: 'Bulk Put' } }])),
      expect: answered([want('PUT', [200])], [read('@User/{self.id}', { equals: { attr: 'displayName', value: 'Bulk Put' } })]),
    }),
    s({
      what: 'patch',
      title: 'A bulk PATCH of an existing user must answer "200" or "204" with its location and apply the operations.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.5.2'],
      requires: ['patch'],
      request: req(bulk([{ method: 'PATCH', path: '@User/{self.id}', data: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: 'Bulk Patched' }] } }])),
      expect: answered([want('PATCH', [200, 204])], [read('@User/{self.id}', { equals: { attr: 'displayName', value: 'Bulk Patched' } })]),
    }),
    s({
      what: 'delete',
      title: 'A bulk DELETE of an existing user must answer "204" with its location and delete the user.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.6'],
      request: req(bulk([{ method: 'DELETE', path: '@User/{self.id}' }])),
      expect: answered([want('DELETE', [204, 200])], [read('@User/{self.id}', { gone: true })]),
      note: 'RFC 7644 §3.6 answers a DELETE with 204; a 200 is tolerated as elsewhere in the suite.',
    }),
    s({
      what: 'error-response',
      title: 'A bulk DELETE of an unknown id must answer "404" with its location and the SCIM Error as response.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.12'],
      request: req(bulk([deleteUnknown])),
      expect: answered([want('DELETE', [404])]),
      note: 'RFC 7644 §3.7: "When indicating an error, the response attribute MUST contain the detail error response as per Section 3.12"; location is REQUIRED except after a failed POST.',
    }),
    s({
      what: 'conflict',
      title: "A bulk POST of a user with another user's userName must answer \"409\" with a uniqueness Error and create nothing.",
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.3'],
      request: req(bulk([post('dup', 'User', { userName: '{self.userName}' })])),
      expect: answered([want('POST', [409], 'dup')]),
      note: 'The operation gets the answer the same POST alone gets (RFC 7644 §3.3: 409 uniqueness); a failed POST has no location.',
    }),
    s({
      what: 'post-without-bulk-id',
      title: 'A bulk POST without bulkId must be refused ("400" for the operation, or 400 for the request).',
      level: 'MUST',
      refs: REFS,
      request: req(bulk([{ method: 'POST', path: '@User', data: { $new: 'User' } }])),
      expect: answered([want('POST', [400])]),
      alsoConformant: [failure([400])],
      note: 'RFC 7644 §3.7: bulkId is "REQUIRED when method is POST".',
    }),
    s({
      what: 'unknown-method',
      title: 'A bulk operation whose method is not POST, PUT, PATCH or DELETE must be refused ("400", or 400 for the request).',
      level: 'MUST',
      refs: REFS,
      request: req(bulk([{ method: 'GET', path: '@User/{self.id}' }])),
      expect: answered([want('GET', [400, 405])]),
      alsoConformant: [failure([400])],
      note: 'RFC 7644 §3.7 allows POST, PUT, PATCH and DELETE in a bulk operation; a 405 for the operation says the same.',
    }),
  ];
}

function references(): Scenario[] {
  return [
    s({
      what: 'group-refers-user',
      title: 'A bulk request creating a user and a group whose member is "bulkId:" of that user must make the new user the member.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.7.2'],
      requires: ['groups'],
      request: req(bulk([post('u', 'User'), post('g', 'Group', { members: memberRefs('bulkId:u') })])),
      expect: answered([want('POST', [201], 'u'), want('POST', [201], 'g')], [read('@Group/bulkId:g', { members: ['bulkId:u'] })]),
    }),
    s({
      what: 'reference-before-definition',
      title: 'A group that refers to a user created later in the same bulk request must end with that user as its member.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.7.2'],
      requires: ['groups'],
      request: req(bulk([post('g', 'Group', { members: memberRefs('bulkId:u') }), post('u', 'User')])),
      expect: answered([want('POST', [201], 'g'), want('POST', [201], 'u')], [read('@Group/bulkId:g', { members: ['bulkId:u'] })]),
      note: 'RFC 7644 §3.7.2 shows this very request (the group first); the service provider resolves the reference whatever the order.',
    }),
    s({
      what: 'two-references',
      title: 'A group referring to two users created in the same bulk request (one before, one after it) must have both as members.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.7.2'],
      requires: ['groups'],
      request: req(bulk([post('a', 'User'), post('g', 'Group', { members: memberRefs('bulkId:a', 'bulkId:b') }), post('b', 'User')])),
      expect: answered([want('POST', [201], 'a'), want('POST', [201], 'g'), want('POST', [201], 'b')], [read('@Group/bulkId:g', { members: ['bulkId:a', 'bulkId:b'] })]),
    }),
    s({
      what: 'reference-and-existing',
      title: 'A group referring to a new user by bulkId and to an existing user by id must have both as members.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.7.2'],
      requires: ['groups'],
      request: req(bulk([post('u', 'User'), post('g', 'Group', { members: memberRefs('bulkId:u', '{self.id}') })])),
      expect: answered([want('POST', [201], 'u'), want('POST', [201], 'g')], [read('@Group/bulkId:g', { members: ['bulkId:u', '{self.id}'] })]),
    }),
    s({
      what: 'patch-existing-group',
      title: 'A bulk PATCH adding "bulkId:" of a user created in the same request to an existing group must add that user.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.7.2', 'RFC7644-3.5.2.1'],
      requires: ['groups', 'patch'],
      state: 'group.empty',
      resource: 'Group',
      request: req(
        bulk([post('u', 'User'), { method: 'PATCH', path: '@Group/{self.id}', data: { schemas: [URN.patchOp], Operations: [{ op: 'add', path: 'members', value: memberRefs('bulkId:u') }] } }]),
        { unknown: 'Group' },
      ),
      expect: answered([want('POST', [201], 'u'), want('PATCH', [200, 204])], [read('@Group/{self.id}', { members: ['bulkId:u'] })]),
    }),
    s({
      what: 'reference-in-path',
      title: 'A bulk PATCH whose path is "/Groups/bulkId:g" of a group created earlier in the request should change that group.',
      level: 'SHOULD',
      refs: [...REFS, 'RFC7644-3.7.2'],
      requires: ['groups', 'patch'],
      request: req(bulk([post('g', 'Group'), { method: 'PATCH', path: '@Group/bulkId:g', data: { schemas: [URN.patchOp], Operations: [{ op: 'add', path: 'members', value: memberRefs('{self.id}') }] } }])),
      expect: answered([want('POST', [201], 'g'), want('PATCH', [200, 204])], [read('@Group/bulkId:g', { members: ['{self.id}'] })]),
      note: 'RFC 7644 §3.7.2 defines bulkId references in the data of operations and names the path too ("bulkId:..." stands for the new id wherever it appears); fewer servers resolve it in a path, hence SHOULD.',
    }),
    s({
      what: 'undefined-reference',
      title: 'A bulk operation referring to a bulkId no operation defines must fail (4xx) and store nothing literal.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.7.2'],
      requires: ['groups'],
      request: req(bulk([post('g', 'Group', { members: memberRefs('bulkId:nowhere') })])),
      expect: answered([want('POST', [400, 404, 409], 'g')]),
      alsoConformant: [failure([400])],
      note: 'A reference that cannot be resolved cannot be stored: the operation fails (409 as in RFC 7644 §3.7.2\'s own unresolved example, or 400/404), or the whole request is refused.',
    }),
    s({
      what: 'reference-to-failed',
      title: 'A bulk operation referring to a POST that failed must fail too, not store the literal reference.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.7.2'],
      requires: ['groups'],
      request: req(bulk([post('u', 'User', { userName: '{self.userName}' }), post('g', 'Group', { members: memberRefs('bulkId:u') })])),
      expect: answered([want('POST', [409], 'u'), want('POST', [400, 404, 409], 'g')]),
      note: 'The user POST fails (its userName is taken, 409); the group that names it has no id to refer to.',
    }),
    s({
      what: 'circular',
      title: 'Two groups referring to each other by bulkId must both be created with the references resolved, or answered 409.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.7.1'],
      requires: ['groups'],
      request: req(bulk([post('a', 'Group', { members: memberRefs('bulkId:b') }), post('b', 'Group', { members: memberRefs('bulkId:a') })])),
      expect: okChecked([{ kind: 'bulk-circle', bulkIds: ['a', 'b'], reads: [read('@Group/bulkId:a', { members: ['bulkId:b'] }), read('@Group/bulkId:b', { members: ['bulkId:a'] })] }], { status: [200] }),
      note: 'RFC 7644 §3.7.1: the service provider MUST try to resolve circular references and MAY stop after a failed attempt with 409; a group answered 201 must have the other as member (its id, never a literal "bulkId:").',
    }),
  ];
}

function errorsAndLimits(): Scenario[] {
  return [
    s({
      what: 'fail-on-errors',
      title: 'With failOnErrors 1, the operations after the first error must not be processed.',
      level: 'MUST',
      refs: REFS,
      request: req(bulk([deleteUnknown, post('late', 'User')], { failOnErrors: 1 })),
      expect: answered([want('DELETE', [404])]),
      note: 'RFC 7644 §3.7: failOnErrors is the number of errors the service provider accepts before it terminates the request; §3.7.3\'s example answers only the operations up to the error. A created "late" user would be found by its name and deleted.',
    }),
    s({
      what: 'fail-on-errors-two',
      title: 'With failOnErrors 2, processing must go on after the first error and stop after the second.',
      level: 'MUST',
      refs: REFS,
      request: req(bulk([deleteUnknown, post('mid', 'User'), deleteUnknown, post('late', 'User')], { failOnErrors: 2 })),
      expect: answered([want('DELETE', [404]), want('POST', [201], 'mid'), want('DELETE', [404])]),
    }),
    s({
      what: 'no-fail-on-errors',
      title: 'Without failOnErrors, the operations after an error must still be processed.',
      level: 'MUST',
      refs: REFS,
      request: req(bulk([deleteUnknown, post('after', 'User')])),
      expect: answered([want('DELETE', [404]), want('POST', [201], 'after')]),
      note: 'RFC 7644 §3.7: the service provider continues performing as many changes as possible unless failOnErrors says otherwise.',
    }),
    s({
      what: 'version-current',
      title: 'A bulk PATCH whose version is the current ETag must be applied ("200" or "204").',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.14'],
      requires: ['etag', 'patch'],
      request: req(bulk([{ method: 'PATCH', path: '@User/{self.id}', version: '{self.meta.version}', data: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: 'Current Write' }] } }])),
      expect: answered([want('PATCH', [200, 204])], [read('@User/{self.id}', { equals: { attr: 'displayName', value: 'Current Write' } })]),
      note: 'RFC 7644 §3.7: version is the operation\'s If-Match; the version the create answered is current.',
    }),
    s({
      what: 'version-stale',
      title: 'A bulk PATCH with a stale version must answer "412" and leave the user unchanged.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.14'],
      requires: ['etag', 'patch'],
      request: req(bulk([{ method: 'PATCH', path: '@User/{self.id}', version: 'W/"stale-bulk-version"', data: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: 'Stale Write' }] } }])),
      expect: answered([want('PATCH', [412])], [read('@User/{self.id}', { equals: { attr: 'displayName', value: undefined } })]),
      note: 'RFC 7644 §3.7: version is the operation\'s If-Match; a stale one fails as the same PATCH alone does (§3.14: 412).',
    }),
    s({
      what: 'read-only-credential',
      title: 'A bulk request of a read-only credential must not write: 403 for the request, or "403" for each operation.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-2', 'RFC7644-3.12'],
      request: { ...req(bulk([post('ro', 'User')])), credential: 'limited' },
      expect: failure([403]),
      alsoConformant: [answered([want('POST', [403], 'ro')])],
      note: 'A credential that may only read gets 403 for a write (RFC 7644 §3.12); a bulk request is a way to write. Needs credentials.limited in the configuration; whatever it created anyway is found by its name and deleted.',
    }),
    s({
      what: 'without-schemas',
      title: 'A bulk request without the BulkRequest schema must be refused with 400.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-3.12'],
      request: req({ Operations: [deleteUnknown] }),
      expect: failure([400]),
      note: 'RFC 7644 §3.7: schemas is REQUIRED in a BulkRequest and names its URN; the request is malformed (400, invalidSyntax or invalidValue).',
    }),
    s({
      what: 'max-operations',
      title: 'A bulk request with one operation more than maxOperations must be refused with 413 naming the limit.',
      level: 'MUST',
      refs: ['RFC7644-3.7.4', 'RFC7643-5'],
      request: req(bulk([{ $repeat: 'maxOperations', op: deleteUnknown }])),
      expect: failure([413], undefined, { assertions: [{ kind: 'bulk-limit', limit: 'maxOperations' }] }),
      note: 'RFC 7644 §3.7.4: exceeding maxOperations MUST answer 413 and the error MUST specify the limit exceeded. The operations are DELETEs of ids that never existed, so a server that runs them anyway changes nothing.',
    }),
    s({
      what: 'max-payload',
      title: 'A bulk request larger than maxPayloadSize must be refused with 413 naming the limit.',
      level: 'MUST',
      refs: ['RFC7644-3.7.4', 'RFC7643-5'],
      request: req(bulk([{ ...deleteUnknown, data: { pad: { $pad: 'maxPayloadSize' } } }])),
      expect: failure([413], undefined, { assertions: [{ kind: 'bulk-limit', limit: 'maxPayloadSize' }] }),
      note: 'RFC 7644 §3.7.4, as for maxOperations; the one operation is a DELETE of an id that never existed.',
    }),
  ];
}

export function bulkScenarios(): Scenario[] {
  return [...basics(), ...references(), ...errorsAndLimits()];
}
