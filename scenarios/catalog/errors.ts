// PATCH-ERR: PATCH of a resource that does not exist (RFC 7644 §3.6, §3.12 Table 8).
// PATCH-ERR-06 (no 5xx for client mistakes) is implicit: the runner grades any 5xx as an error.
import { op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { failure, family } from './build.ts';

const s = family('errors');
const notFound = failure([404], undefined, { unchanged: false });

export function errorScenarios(): Scenario[] {
  return [
    s({
      what: 'unknown-user',
      title: 'The server must answer a PATCH of a user id that never existed with 404 and a SCIM Error.',
      level: 'MUST',
      refs: ['RFC7644-3.12', 'PATCH-ERR-01'],
      state: 'user.minimal',
      request: { target: { unknown: 'User' }, body: ops(op('replace', 'nickName', 'X')) },
      expect: notFound,
    }),
    s({
      what: 'unknown-group',
      title: 'The server must answer a PATCH of a group id that never existed with 404 and a SCIM Error.',
      level: 'MUST',
      refs: ['RFC7644-3.12', 'PATCH-ERR-01'],
      resource: 'Group',
      state: 'group.empty',
      requires: ['groups'],
      request: { target: { unknown: 'Group' }, body: ops(op('replace', 'displayName', 'X')) },
      expect: notFound,
    }),
    s({
      what: 'deleted-user',
      title: 'The server must answer a PATCH of a deleted user with 404.',
      level: 'MUST',
      refs: ['RFC7644-3.6', 'RFC7644-3.12', 'PATCH-ERR-02'],
      request: { target: { deleted: 'U2' }, body: ops(op('replace', 'nickName', 'X')) },
      expect: notFound,
    }),
    s({
      what: 'deleted-user-add',
      title: 'The server must answer an add to a deleted user with 404, never recreate it.',
      level: 'MUST',
      refs: ['RFC7644-3.6', 'PATCH-ERR-02'],
      request: { target: { deleted: 'U2' }, body: ops(op('add', 'title', 'Ghost')) },
      expect: notFound,
    }),
  ];
}
