// PATCH-ATOM: operations apply in order and a request is all-or-nothing (RFC 7644 §3.5.2).
import { op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { absent, bad, count, equals, family, members, ok } from './build.ts';

const s = family('atomic');

export function atomicScenarios(): Scenario[] {
  return [
    s({
      what: 'sequential-same-attribute',
      title: 'The server must apply operations in array order, so the last replace of an attribute wins.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'PATCH-ATOM-01'],
      request: { target: 'self', body: ops(op('replace', 'nickName', 'A'), op('replace', 'nickName', 'B')) },
      expect: ok({ effect: 'change', assertions: [equals('nickName', 'B')] }),
    }),
    s({
      what: 'sequential-add-then-remove',
      title: 'The server must let each operation see the result of the previous one (an added email removed again).',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'PATCH-ATOM-02'],
      request: {
        target: 'self',
        body: ops(
          op('add', 'emails', [
            { value: 'tmp@example.com', type: 'other' },
            { value: 'kept@example.net', type: 'other' },
          ]),
          op('remove', 'emails[value eq "tmp@example.com"]'),
        ),
      },
      expect: ok({ effect: 'change', assertions: [count('emails', 3), absent('emails[value eq "tmp@example.com"]')] }),
    }),
    s({
      what: 'sequential-remove-then-add',
      title: 'The server must apply a remove followed by an add of the same attribute in order.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'PATCH-ATOM-01'],
      request: { target: 'self', body: ops(op('remove', 'title'), op('add', 'title', 'Re-added')) },
      expect: ok({ effect: 'change', assertions: [equals('title', 'Re-added')] }),
    }),
    s({
      what: 'rollback-on-no-target',
      title: 'The server must restore the resource when a later operation fails with noTarget (nothing sticks).',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7644-3.5.2.3', 'PATCH-ATOM-03'],
      request: {
        target: 'self',
        body: ops(op('replace', 'nickName', 'SHOULD-NOT-STICK'), op('replace', 'phoneNumbers[type eq "fax"].value', '1')),
      },
      expect: { ...bad('noTarget'), assertions: [equals('nickName', '{self.nickName}')] },
    }),
    s({
      what: 'rollback-on-mutability',
      title: 'The server must restore a removed email when a later operation of the request fails with mutability.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7644-3.5.2.2', 'PATCH-ATOM-04'],
      request: { target: 'self', body: ops(op('remove', 'emails[type eq "home"]'), op('remove', 'userName')) },
      expect: { ...bad('mutability'), assertions: [count('emails', 2)] },
    }),
    s({
      what: 'rollback-on-invalid-filter',
      title: 'The server must restore the resource when a later operation has a malformed filter.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7644-3.4.2.2', 'PATCH-ATOM-03', 'PATCH-FLT-04'],
      request: { target: 'self', body: ops(op('replace', 'title', 'SHOULD-NOT-STICK'), op('remove', 'emails[type eq]')) },
      expect: { ...bad('invalidFilter', 'invalidPath'), assertions: [equals('title', '{self.title}')] },
      note: 'RFC 7644 Table 9 allows invalidFilter or invalidPath for a malformed filter inside a PATCH path: both pass.',
    }),
    s({
      what: 'rollback-on-unknown-op',
      title: 'The server must reject the whole request when one operation has an unknown op, applying none of the others.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'PATCH-ATOM-03', 'PATCH-ENV-06'],
      request: { target: 'self', body: ops(op('replace', 'displayName', 'SHOULD-NOT-STICK'), op('invalid-op', 'nickName', 'X')) },
      expect: { ...bad('invalidSyntax'), assertions: [equals('displayName', '{self.displayName}')] },
      acceptable: { ...bad('invalidValue'), assertions: [equals('displayName', '{self.displayName}')] },
    }),
    s({
      what: 'rollback-group',
      title: 'The server must not keep a member added by a group request whose later operation fails with mutability.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7643-4.2', 'PATCH-ATOM-05'],
      resource: 'Group',
      state: 'group.one-member',
      requires: ['groups'],
      request: { target: 'self', body: ops(op('add', 'members', [{ value: '{U2.id}' }]), op('remove', 'displayName')) },
      expect: { ...bad('mutability'), assertions: [members('U1'), equals('displayName', '{self.displayName}')] },
    }),
  ];
}
