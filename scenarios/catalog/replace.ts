// PATCH-REP: the replace operation (RFC 7644 §3.5.2.3).
import { op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { absent, bad, count, equals, family, ok, okChecked } from './build.ts';

const s = family('replace');

const WORK_ADDRESS = {
  type: 'work',
  streetAddress: '911 Universal City Plaza',
  locality: 'Hollywood',
  region: 'CA',
  postalCode: '91608',
  country: 'US',
  formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
  primary: true,
};

export function replaceScenarios(): Scenario[] {
  return [
    s({
      what: 'path-less.rfc-example',
      title: 'The server must replace each attribute named in a path-less value and leave all others untouched.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-01'],
      request: {
        target: 'self',
        body: ops(
          op('replace', undefined, {
            emails: [
              { value: '{self.emails.0.value}', type: 'work', primary: true },
              { value: 'replaced@example.net', type: 'home' },
            ],
            nickName: 'Babs',
          }),
        ),
      },
      expect: ok({
        effect: 'change',
        assertions: [count('emails', 2), equals('nickName', 'Babs'), equals('name.familyName', '{self.name.familyName}'), count('addresses', 1)],
      }),
    }),
    s({
      what: 'single-valued',
      title: 'The server must replace the value of a single-valued attribute.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-02'],
      request: { target: 'self', body: ops(op('replace', 'displayName', 'Barbara Jensen')) },
      expect: ok({ effect: 'change', assertions: [equals('displayName', 'Barbara Jensen')] }),
    }),
    s({
      what: 'user-name',
      title: 'The server must replace userName with a new unique value.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'RFC7643-4.1.1', 'PATCH-REP-02'],
      request: { target: 'self', body: ops(op('replace', 'userName', 'renamed-{self.userName}')) },
      expect: ok({ effect: 'change', assertions: [equals('userName', 'renamed-{self.userName}')] }),
    }),
    s({
      what: 'unassigned.as-add',
      title: 'The server must treat a replace of an unassigned attribute as an add.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-03'],
      state: 'user.minimal',
      request: { target: 'self', body: ops(op('replace', 'title', 'CTO')) },
      expect: ok({ effect: 'change', assertions: [equals('title', 'CTO')] }),
    }),
    s({
      what: 'unassigned.complex-sub-attribute',
      title: 'The server must create the complex attribute when replacing a sub-attribute of an unassigned one.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-03'],
      state: 'user.minimal',
      request: { target: 'self', body: ops(op('replace', 'name.givenName', 'B')) },
      expect: ok({ effect: 'change', assertions: [equals('name.givenName', 'B')] }),
    }),
    s({
      what: 'complex.keeps-unspecified',
      title: 'The server must leave the sub-attributes not given in a complex replace value unchanged.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-04'],
      request: { target: 'self', body: ops(op('replace', 'name', { givenName: 'Barb' })) },
      expect: ok({
        assertions: [
          equals('name.givenName', 'Barb'),
          equals('name.familyName', '{self.name.familyName}'),
          equals('name.middleName', '{self.name.middleName}'),
          equals('name.formatted', '{self.name.formatted}'),
        ],
      }),
    }),
    s({
      what: 'sub-attribute',
      title: 'The server must replace one sub-attribute of a complex attribute.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7644-3.5.2.3', 'PATCH-REP-05'],
      request: { target: 'self', body: ops(op('replace', 'name.familyName', 'Jensen-Smith')) },
      expect: ok({ assertions: [equals('name.familyName', 'Jensen-Smith'), equals('name.givenName', '{self.name.givenName}')] }),
    }),
    s({
      what: 'multi-valued.all',
      title: 'The server must replace all values of a multi-valued attribute when the path has no filter.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-06'],
      request: { target: 'self', body: ops(op('replace', 'emails', [{ value: 'new@example.com', type: 'work', primary: true }])) },
      expect: ok({ effect: 'change', assertions: [count('emails', 1), equals('emails[type eq "work"].value', ['new@example.com'])] }),
    }),
    s({
      what: 'value-path.element',
      title: 'The server must replace the matched element with the given object (the RFC work address example).',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-07'],
      request: { target: 'self', body: ops(op('replace', 'addresses[type eq "work"]', WORK_ADDRESS)) },
      expect: ok({
        effect: 'change',
        assertions: [count('addresses', 1), equals('addresses[type eq "work"].streetAddress', ['911 Universal City Plaza'])],
      }),
    }),
    s({
      what: 'value-path.element-partial',
      title: 'The server must replace the matched element with a partial object; overwriting the element is preferred to merging.',
      level: 'AMBIG',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-07'],
      request: { target: 'self', body: ops(op('replace', 'addresses[type eq "work"]', { type: 'work', streetAddress: '1 Main Street' })) },
      expect: ok({ assertions: [count('addresses', 1), equals('addresses[type eq "work"].streetAddress', ['1 Main Street'])] }),
      acceptable: okChecked(
        [count('addresses', 1), equals('addresses[type eq "work"].streetAddress', ['1 Main Street']), equals('addresses[type eq "work"].locality', ['{self.addresses.0.locality}'])],
        { effect: 'change' },
      ),
      note: 'E-8: the RFC example replaces the entire address; a merge (other sub-attributes kept) is tolerated and recorded.',
    }),
    s({
      what: 'value-path.sub-attribute',
      title: 'The server must replace only the sub-attribute of the matched element, preserving the full string value and the siblings.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-08'],
      request: { target: 'self', body: ops(op('replace', 'addresses[type eq "work"].streetAddress', '1010 Broadway Ave Suite 200')) },
      expect: ok({
        effect: 'change',
        assertions: [
          equals('addresses[type eq "work"].streetAddress', ['1010 Broadway Ave Suite 200']),
          equals('addresses[type eq "work"].locality', ['{self.addresses.0.locality}']),
          equals('addresses[type eq "work"].postalCode', ['{self.addresses.0.postalCode}']),
          equals('addresses[type eq "work"].primary', [true]),
          count('addresses', 1),
        ],
      }),
      note: 'SCIM-SDK truncated the value at the first space; wso2/charon lost the siblings.',
    }),
    s({
      what: 'value-path.no-match',
      title: 'The server must answer a replace whose value path matches no element with 400 noTarget and change nothing.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'RFC7644-3.12', 'PATCH-REP-09'],
      request: { target: 'self', body: ops(op('replace', 'phoneNumbers[type eq "fax"].value', '555-0000')) },
      expect: bad('noTarget'),
      note: 'Entra expects an upsert here (PATCH-IOP-07); that is the compat profile, not this scenario.',
    }),
    s({
      what: 'value-path.no-match-element',
      title: 'The server must answer a replace of a whole element whose filter matches nothing with 400 noTarget.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'RFC7644-3.12', 'PATCH-REP-09'],
      request: { target: 'self', body: ops(op('replace', 'emails[type eq "other"]', { type: 'other', value: 'o@example.com' })) },
      expect: bad('noTarget'),
    }),
    s({
      what: 'multi-valued.empty-array',
      title: 'The server must leave a multi-valued attribute unassigned when it is replaced with [].',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'RFC7643-2.5', 'PATCH-REP-10'],
      request: { target: 'self', body: ops(op('replace', 'phoneNumbers', [])) },
      expect: ok({ effect: 'change', assertions: [absent('phoneNumbers')] }),
    }),
    s({
      what: 'single-valued.null',
      title: 'The server must leave an attribute unassigned when it is replaced with null.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'RFC7643-2.5', 'PATCH-REP-11'],
      request: { target: 'self', body: ops(op('replace', 'nickName', null)) },
      expect: ok({ effect: 'change', assertions: [absent('nickName')] }),
    }),
    s({
      what: 'active-false',
      title: 'The server must deactivate the user on replace active false (the deprovisioning path of every IdP).',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-12'],
      request: { target: 'self', body: ops(op('replace', 'active', false)) },
      expect: ok({ effect: 'change', assertions: [equals('active', false)] }),
    }),
    s({
      what: 'active-false.path-less',
      title: 'The server must deactivate the user on a path-less replace of {"active": false}.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-12'],
      request: { target: 'self', body: ops(op('replace', undefined, { active: false })) },
      expect: ok({ effect: 'change', assertions: [equals('active', false), equals('userName', '{self.userName}')] }),
    }),
    s({
      what: 'value-path.multi-match',
      title: 'The server must replace the sub-attribute in every element the filter matches, not only the first.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-13'],
      request: { target: 'self', body: ops(op('replace', 'emails[value ew "example.com" or value ew "example.org"].type', 'other')) },
      expect: ok({ effect: 'change', assertions: [count('emails', 2), count('emails[type eq "other"]', 2)] }),
    }),
    s({
      what: 'value-path.value',
      title: 'The server must replace the value of the element matched by type.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-08'],
      request: { target: 'self', body: ops(op('replace', 'phoneNumbers[type eq "work"].value', '+1 555 0100')) },
      expect: ok({ effect: 'change', assertions: [count('phoneNumbers', 1), equals('phoneNumbers[type eq "work"].value', ['+1 555 0100'])] }),
    }),
    s({
      what: 'value-path.boolean-filter',
      title: 'The server should select elements with a boolean eq filter (primary eq true) and touch only those.',
      level: 'SHOULD',
      refs: ['RFC7644-3.4.2.2', 'RFC7644-3.5.2.3', 'PATCH-FLT-08'],
      request: { target: 'self', body: ops(op('replace', 'emails[primary eq true].type', 'other')) },
      expect: ok({
        effect: 'change',
        assertions: [equals('emails[primary eq true].type', ['other']), equals('emails[type eq "home"].value', ['{self.emails.1.value}'])],
      }),
    }),
    s({
      what: 'boolean-as-string',
      title: 'The server should read the string "False" as false for the boolean active (Entra sends it).',
      level: 'INTEROP',
      refs: ['RFC7643-2.3.2', 'RFC7644-3.5.2.3', 'PATCH-IOP-02'],
      request: { target: 'self', body: ops(op('Replace', 'active', 'False')) },
      expect: ok({ effect: 'change', assertions: [equals('active', false)] }),
      oracleOptions: { coerceBooleanStrings: true },
      acceptable: bad('invalidValue'),
      note: 'A strict server rejects the string with 400 invalidValue, which is tolerated.',
    }),
  ];
}
