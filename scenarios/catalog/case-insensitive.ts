// PATCH-PATH-01..04, PATCH-FLT-01/02 and the case variant of PATCH-REM-12: attribute names,
// URNs and filter operators are case-insensitive (RFC 7644 §3.10, §3.4.2.2; RFC 7643 §2.1).
import { ENT, op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { absent, bad, count, equals, family, members, ok, present } from './build.ts';

const s = family('case-insensitive');

export function caseInsensitiveScenarios(): Scenario[] {
  return [
    s({
      what: 'paths-mixed',
      title: 'The server must resolve upper- and mixed-case paths to the canonical attributes without creating new ones.',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'RFC7643-2.1', 'PATCH-PATH-01'],
      request: {
        target: 'self',
        body: ops(
          op('replace', 'NICKNAME', 'A'),
          op('replace', 'Name.GivenName', 'B'),
          op('replace', 'EMAILS[TYPE eq "work"].VALUE', 'c@example.com'),
        ),
      },
      expect: ok({ assertions: [equals('nickName', 'A'), equals('name.givenName', 'B'), equals('emails[type eq "work"].value', ['c@example.com'])] }),
    }),
    s({
      what: 'attribute-upper-case',
      title: 'The server must apply a replace whose path is the attribute name in upper case (NICKNAME).',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'RFC7643-2.1', 'PATCH-PATH-01'],
      request: { target: 'self', body: ops(op('replace', 'NICKNAME', 'A')) },
      expect: ok({ assertions: [equals('nickName', 'A')] }),
    }),
    s({
      what: 'sub-attribute-mixed-case',
      title: 'The server must apply a replace whose path has mixed-case attribute and sub-attribute names (Name.GivenName).',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'RFC7643-2.1', 'PATCH-PATH-01'],
      request: { target: 'self', body: ops(op('replace', 'Name.GivenName', 'B')) },
      expect: ok({ assertions: [equals('name.givenName', 'B'), equals('name.familyName', '{self.name.familyName}')] }),
    }),
    s({
      what: 'value-path-upper-case',
      title: 'The server must apply a value-path replace written in upper case (EMAILS[TYPE eq "work"].VALUE).',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'RFC7644-3.4.2.2', 'PATCH-PATH-01'],
      request: { target: 'self', body: ops(op('replace', 'EMAILS[TYPE eq "work"].VALUE', 'c@example.com')) },
      expect: ok({ assertions: [count('emails', 2)] }),
    }),
    s({
      what: 'extension-urn-upper-case',
      title: 'The server must resolve an upper-case enterprise extension URN prefix to the extension.',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'PATCH-PATH-02'],
      requires: ['enterpriseUser'],
      request: { target: 'self', body: ops(op('replace', `${ENT.toUpperCase()}:employeeNumber`, '42')) },
      expect: ok({ assertions: [equals(`${ENT}:employeeNumber`, '42'), present(`${ENT}:department`)] }),
    }),
    s({
      what: 'extension-urn-lower-case',
      title: 'The server must resolve an all-lower-case enterprise extension URN prefix to the extension.',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'PATCH-PATH-02'],
      requires: ['enterpriseUser'],
      request: { target: 'self', body: ops(op('replace', `${ENT.toLowerCase()}:department`, 'Lower Case Dept')) },
      expect: ok({ assertions: [equals(`${ENT}:department`, 'Lower Case Dept')] }),
    }),
    s({
      what: 'core-urn-qualified',
      title: 'The server must accept a core attribute path qualified with the core User schema URN.',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'PATCH-PATH-03'],
      request: { target: 'self', body: ops(op('replace', 'urn:ietf:params:scim:schemas:core:2.0:User:displayName', 'Q')) },
      expect: ok({ assertions: [equals('displayName', 'Q')] }),
    }),
    s({
      what: 'core-urn-qualified-sub-attribute',
      title: 'The server must accept a sub-attribute path qualified with the core User schema URN.',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'PATCH-PATH-03'],
      request: { target: 'self', body: ops(op('replace', 'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName', 'Q')) },
      expect: ok({ assertions: [equals('name.givenName', 'Q')] }),
    }),
    s({
      what: 'core-urn-qualified-group-member',
      title: 'The server must remove a member through a path qualified with the core Group schema URN.',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'RFC7644-3.5.2.2', 'PATCH-PATH-03'],
      resource: 'Group',
      state: 'group.three-members',
      requires: ['groups'],
      request: {
        target: 'self',
        body: ops(op('remove', 'urn:ietf:params:scim:schemas:core:2.0:Group:members[value eq "{U1.id}"]')),
      },
      expect: ok({ assertions: [members('U2', 'U3')] }),
    }),
    s({
      what: 'path-less-keys',
      title: 'The server must match the keys of a path-less value case-insensitively (NickName, TITLE).',
      level: 'MUST',
      refs: ['RFC7643-2.1', 'RFC7644-3.5.2.3', 'PATCH-PATH-04'],
      request: { target: 'self', body: ops(op('replace', undefined, { NickName: 'Z', TITLE: 'T' })) },
      expect: ok({ assertions: [equals('nickName', 'Z'), equals('title', 'T')] }),
    }),
    s({
      what: 'filter-operator-and-attribute',
      title: 'The server must match filter attribute names and operators case-insensitively (emails[Type EQ "home"]).',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.2', 'PATCH-FLT-01'],
      request: { target: 'self', body: ops(op('remove', 'emails[Type EQ "home"]')) },
      expect: ok({ assertions: [count('emails', 1), equals('emails[type eq "work"].value', ['{self.emails.0.value}'])] }),
    }),
    s({
      what: 'filter-value-case-inexact',
      title: 'The server must compare a caseExact=false sub-attribute case-insensitively in a path filter (type eq "WORK").',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.2', 'RFC7643-4.1.2', 'PATCH-FLT-02'],
      request: { target: 'self', body: ops(op('replace', 'emails[type eq "WORK"].value', 'w@example.com')) },
      expect: ok({ assertions: [equals('emails[type eq "work"].value', ['w@example.com'])] }),
    }),
    s({
      what: 'remove-required-upper-case',
      title: 'The server must refuse to remove userName even when the path is written USERNAME (400 mutability).',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.2', 'RFC7643-2.1', 'PATCH-REM-12'],
      request: { target: 'self', body: ops(op('remove', 'USERNAME')) },
      expect: bad('mutability'),
    }),
    s({
      what: 'remove-mixed-case-attribute',
      title: 'The server must remove an attribute named in mixed case (NickName) and leave no trace of it.',
      level: 'MUST',
      refs: ['RFC7644-3.10', 'RFC7644-3.5.2.2', 'PATCH-PATH-01'],
      request: { target: 'self', body: ops(op('remove', 'NickName')) },
      expect: ok({ assertions: [absent('nickName')] }),
    }),
  ];
}
