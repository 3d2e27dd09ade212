// PATCH-MUT: mutability, required, uniqueness and caseExact (RFC 7644 §3.5.2, §3.12; RFC 7643 §2.2, §3.1, §7).
import { op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { bad, equals, failure, family, members, ok, okChecked } from './build.ts';

const s = family('mutability');

/**
 * 409 uniqueness only. E-9 of the catalog tolerated 400 (Table 9 files uniqueness among the 400
 * codes); issue 15 overrules it: RFC 7644 §3.3 says the service provider MUST return 409 with
 * scimType uniqueness for a duplicate userName, and Table 8 gives 409 for PATCH conflicts too.
 */
const conflict = failure([409], ['uniqueness']);

export function mutabilityScenarios(): Scenario[] {
  return [
    s({
      what: 'id-read-only',
      title: 'The server must refuse to replace id with 400 mutability and keep the resource at its URL.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7643-3.1', 'PATCH-MUT-01'],
      request: { target: 'self', body: ops(op('replace', 'id', 'hijack')) },
      expect: bad('mutability'),
    }),
    s({
      what: 'meta-last-modified',
      title: 'The server must not let a client set meta.lastModified; 400 mutability is preferred over ignoring it.',
      level: 'AMBIG',
      refs: ['RFC7644-3.5.2', 'RFC7643-3.1', 'PATCH-MUT-02'],
      request: { target: 'self', body: ops(op('replace', 'meta.lastModified', '2000-01-01T00:00:00Z')) },
      expect: bad('mutability'),
      acceptable: okChecked([equals('meta.lastModified', '{self.meta.lastModified}')], { effect: 'no-change' }),
      note: 'E-7: RFC 7643 §3.1 says client-provided meta SHALL be ignored; applying it fails.',
    }),
    s({
      what: 'meta-path-less',
      title: 'The server must not apply a meta object given in a path-less replace; 400 mutability is preferred.',
      level: 'AMBIG',
      refs: ['RFC7644-3.5.2.3', 'RFC7643-3.1', 'PATCH-MUT-02'],
      request: { target: 'self', body: ops(op('replace', undefined, { meta: { lastModified: '2000-01-01T00:00:00Z', version: 'W/"forged"' } })) },
      expect: bad('mutability'),
      acceptable: okChecked([equals('meta.lastModified', '{self.meta.lastModified}')], { effect: 'no-change' }),
      note: 'E-7.',
    }),
    s({
      what: 'groups-read-only',
      title: 'The server must refuse to replace the read-only groups attribute of a User with 400 mutability.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7643-4.1.2', 'PATCH-MUT-03'],
      request: { target: 'self', body: ops(op('replace', 'groups', [])) },
      expect: bad('mutability'),
    }),
    s({
      what: 'group-rename-with-same-id',
      title: 'The server should rename a group when a path-less replace also carries the group\'s own id (Okta).',
      level: 'INTEROP',
      refs: ['RFC7644-3.5.2.3', 'RFC7643-3.1', 'PATCH-MUT-04', 'PATCH-IOP-11'],
      resource: 'Group',
      state: 'group.one-member',
      requires: ['groups'],
      request: { target: 'self', body: ops(op('replace', undefined, { id: '{self.id}', displayName: 'Tour Guides EU' })) },
      expect: ok({ effect: 'change', assertions: [equals('displayName', 'Tour Guides EU'), equals('id', '{self.id}'), members('U1')] }),
      note: 'A read-only value equal to the current one is not a modification.',
    }),
    s({
      what: 'group-rename-with-other-id',
      title: 'The server must not change a group id given in a path-less replace; 400 mutability is preferred.',
      level: 'INTEROP',
      refs: ['RFC7644-3.5.2.3', 'RFC7643-3.1', 'PATCH-MUT-04'],
      resource: 'Group',
      state: 'group.one-member',
      requires: ['groups'],
      request: { target: 'self', body: ops(op('replace', undefined, { id: '{U1.id}', displayName: 'Tour Guides EU' })) },
      expect: bad('mutability'),
      acceptable: okChecked([equals('id', '{self.id}'), members('U1')]),
    }),
    s({
      what: 'user-name-taken',
      title: "The server must refuse to set userName to another user's userName with 409 uniqueness.",
      level: 'MUST',
      refs: ['RFC7644-3.3', 'RFC7644-3.12', 'RFC7643-4.1.1', 'PATCH-MUT-05'],
      request: { target: 'self', body: ops(op('replace', 'userName', '{U2.userName}')) },
      expect: conflict,
      note: 'RFC 7644 §3.3 and Table 8 give 409 uniqueness; a 400 fails (issue 15 overrules E-9, which tolerated it).',
    }),
    s({
      what: 'user-name-taken-other-case',
      title: "The server must refuse another user's userName in a different case, since userName is caseExact=false.",
      level: 'MUST',
      refs: ['RFC7643-4.1.1', 'RFC7643-2.2', 'PATCH-MUT-06'],
      request: { target: 'self', body: ops(op('replace', 'userName', '{U2.userName|upper}')) },
      expect: conflict,
      note: 'A 400 fails, as for the exact userName (issue 15 overrules E-9).',
    }),
    s({
      what: 'user-name-taken-path-less',
      title: "The server must refuse another user's userName given in a path-less replace with 409 uniqueness.",
      level: 'MUST',
      refs: ['RFC7644-3.3', 'RFC7644-3.5.2.3', 'PATCH-MUT-05'],
      request: { target: 'self', body: ops(op('replace', undefined, { userName: '{U2.userName}', nickName: 'Z' })) },
      expect: conflict,
    }),
    s({
      what: 'user-name-own-case-change',
      title: 'The server must accept a change that only alters the case of the resource\'s own userName.',
      level: 'DERIVED',
      refs: ['RFC7643-4.1.1', 'RFC7643-2.2', 'PATCH-MUT-07'],
      request: { target: 'self', body: ops(op('replace', 'userName', '{self.userName|upper}')) },
      expect: okChecked([equals('id', '{self.id}')]),
      note: 'Whether the stored userName keeps the new case is not judged (userName is caseExact=false).',
    }),
    s({
      what: 'user-name-null',
      title: 'The server must refuse to unassign the required userName by replacing it with null (400 mutability preferred).',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.2', 'RFC7643-2.5', 'PATCH-MUT-08'],
      request: { target: 'self', body: ops(op('replace', 'userName', null)) },
      expect: bad('mutability'),
      acceptable: bad('invalidValue'),
    }),
    s({
      what: 'user-name-empty',
      title: 'The server must reject an empty userName with 400 invalidValue.',
      level: 'MUST',
      refs: ['RFC7643-4.1.1', 'RFC7644-3.12', 'PATCH-MUT-08'],
      request: { target: 'self', body: ops(op('replace', 'userName', '')) },
      expect: bad('invalidValue'),
      acceptable: bad('mutability'),
    }),
    s({
      what: 'external-id-case-preserved',
      title: 'The server must store a caseExact value such as externalId exactly as sent.',
      level: 'MUST',
      refs: ['RFC7643-7', 'RFC7643-3.1', 'PATCH-MUT-11'],
      request: { target: 'self', body: ops(op('replace', 'externalId', 'AbC-123-{self.id}')) },
      expect: ok({ effect: 'change', assertions: [equals('externalId', 'AbC-123-{self.id}')] }),
    }),
  ];
}
