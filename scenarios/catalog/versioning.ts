// PATCH-VER: ETags, If-Match and meta (RFC 7644 §3.14, RFC 7643 §3.1, RFC 7232).
import { op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { count, equals, failure, family, ok } from './build.ts';

const s = family('versioning', { requires: ['etag'] });
const nick = ops(op('replace', 'nickName', 'Versioned'));

export function versioningScenarios(): Scenario[] {
  return [
    s({
      what: 'if-match-current',
      title: 'The server must apply a PATCH whose If-Match carries the current ETag and move the version.',
      level: 'MUST',
      refs: ['RFC7644-3.14', 'RFC7643-3.1', 'PATCH-VER-01'],
      request: { target: 'self', body: nick, ifMatch: 'current' },
      expect: ok({ effect: 'change', assertions: [equals('nickName', 'Versioned')] }),
    }),
    s({
      what: 'if-match-stale',
      title: 'The server must refuse a PATCH whose If-Match carries a stale ETag with 412 and change nothing.',
      level: 'MUST',
      refs: ['RFC7644-3.14', 'RFC7644-3.12', 'RFC7232-3.1', 'PATCH-VER-02'],
      request: { target: 'self', body: nick, ifMatch: 'stale' },
      expect: failure([412]),
      acceptable: failure([409]),
      note: 'E-10: Table 8 also lists 409 for a version mismatch; with If-Match RFC 7232 mandates 412.',
    }),
    s({
      what: 'if-match-stale-no-op',
      title: 'The server must refuse a stale If-Match with 412 even when the operation would change nothing.',
      level: 'MUST',
      refs: ['RFC7644-3.14', 'RFC7232-3.1', 'PATCH-VER-02'],
      request: { target: 'self', body: ops(op('add', 'nickName', '{self.nickName}')), ifMatch: 'stale' },
      expect: failure([412]),
      acceptable: failure([409]),
      note: 'E-10.',
    }),
    s({
      what: 'if-match-star',
      title: 'The server should apply a PATCH with If-Match: * on an existing resource.',
      level: 'SHOULD',
      refs: ['RFC7232-3.1', 'RFC7644-3.14', 'PATCH-VER-03'],
      request: { target: 'self', body: nick, ifMatch: '*' },
      expect: ok({ effect: 'change', assertions: [equals('nickName', 'Versioned')] }),
    }),
    s({
      what: 'if-match-weak-current',
      title: 'The server should accept the weak form of the current ETag in If-Match, as the SCIM examples send it.',
      level: 'SHOULD',
      refs: ['RFC7644-3.14', 'PATCH-VER-04'],
      request: { target: 'self', body: nick, ifMatch: 'current-weak' },
      expect: ok({ effect: 'change', assertions: [equals('nickName', 'Versioned')] }),
      note: 'E-11: RFC 7232 compares If-Match strongly, yet SCIM\'s own examples depend on weak tags matching.',
    }),
    s({
      what: 'meta-after-change',
      title: 'The server must move meta.version and lastModified on an effective change and keep created, resourceType and location.',
      level: 'MUST',
      refs: ['RFC7643-3.1', 'RFC7644-3.14', 'PATCH-VER-05'],
      request: { target: 'self', body: ops(op('replace', 'title', 'Changed Title')) },
      expect: ok({
        effect: 'change',
        assertions: [
          equals('meta.created', '{self.meta.created}'),
          equals('meta.resourceType', '{self.meta.resourceType}'),
          equals('meta.location', '{self.meta.location}'),
        ],
      }),
    }),
    s({
      what: 'meta-after-no-op',
      title: 'The server must keep meta.version and lastModified when a PATCH changes nothing.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.1', 'RFC7643-3.1', 'PATCH-VER-06'],
      request: { target: 'self', body: ops(op('add', 'emails', [{ value: '{self.emails.0.value}', type: 'work', primary: true }])) },
      expect: ok({ effect: 'no-change', assertions: [count('emails', 2)] }),
    }),
    s({
      what: 'no-if-match',
      title: 'The server must apply a PATCH without If-Match on an ETag-capable server (no 428).',
      level: 'MUST',
      refs: ['RFC7644-3.14', 'PATCH-VER-07'],
      request: { target: 'self', body: nick },
      expect: ok({ effect: 'change', assertions: [equals('nickName', 'Versioned')] }),
    }),
  ];
}

/** PATCH-VER-08: every server, ETag-capable or not, must cope with If-Match: *. */
export function versioningAnyServerScenarios(): Scenario[] {
  return [
    family('versioning')({
      what: 'if-match-star-any-server',
      title: 'The server must not fail a PATCH because it carries If-Match: *, whether or not it supports ETags.',
      level: 'DERIVED',
      refs: ['RFC7643-5', 'RFC7232-3.1', 'PATCH-VER-08'],
      request: { target: 'self', body: nick, ifMatch: '*' },
      expect: ok({ effect: 'change', assertions: [equals('nickName', 'Versioned')] }),
    }),
  ];
}
