// PATCH-PRI: at most one primary value per multi-valued attribute (RFC 7644 §3.5.2; RFC 7643 §2.4).
import { op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { bad, count, equals, family, ok, okChecked, singlePrimary } from './build.ts';

const s = family('primary');

export function primaryScenarios(): Scenario[] {
  return [
    s({
      what: 'add-new-primary',
      title: 'The server must clear primary on the other emails when an added email has primary true.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7643-2.4', 'PATCH-PRI-01', 'PATCH-PRI-04'],
      request: { target: 'self', body: ops(op('add', 'emails', [{ value: 'new@example.com', type: 'other', primary: true }])) },
      expect: ok({ effect: 'change', assertions: [singlePrimary, count('emails', 3), equals('emails[value eq "new@example.com"].primary', [true])] }),
    }),
    s({
      what: 'add-new-primary-address',
      title: 'The server must clear primary on the existing address when an added address has primary true.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7643-2.4', 'PATCH-PRI-01', 'PATCH-PRI-04'],
      request: { target: 'self', body: ops(op('add', 'addresses', [{ type: 'home', locality: 'Springfield', country: 'US', primary: true }])) },
      expect: ok({ effect: 'change', assertions: [singlePrimary, count('addresses', 2), equals('addresses[type eq "home"].primary', [true])] }),
    }),
    s({
      what: 'replace-sub-attribute-primary',
      title: 'The server must move primary to the home email when its primary sub-attribute is set to true.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7644-3.5.2.3', 'PATCH-PRI-02', 'PATCH-PRI-04'],
      request: { target: 'self', body: ops(op('replace', 'emails[type eq "home"].primary', true)) },
      expect: ok({ effect: 'change', assertions: [singlePrimary, equals('emails[type eq "home"].primary', [true])] }),
    }),
    s({
      what: 'replace-element-primary',
      title: 'The server must reset primary on the other emails when a replaced element carries primary true.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7644-3.5.2.3', 'PATCH-REP-14', 'PATCH-PRI-02'],
      request: {
        target: 'self',
        body: ops(op('replace', 'emails[type eq "home"]', { type: 'home', value: '{self.emails.1.value}', primary: true })),
      },
      expect: ok({ effect: 'change', assertions: [singlePrimary, equals('emails[type eq "home"].primary', [true])] }),
    }),
    s({
      what: 'two-primaries-in-value',
      title: 'The server must never store two primary emails; rejecting the request with 400 invalidValue is preferred.',
      level: 'AMBIG',
      refs: ['RFC7643-2.4', 'RFC7644-3.5.2.3', 'PATCH-PRI-03'],
      request: {
        target: 'self',
        body: ops(op('replace', 'emails', [{ value: 'a@example.com', type: 'work', primary: true }, { value: 'b@example.com', type: 'home', primary: true }])),
      },
      expect: bad('invalidValue'),
      acceptable: okChecked([singlePrimary, count('emails', 2)], { effect: 'change' }),
      note: 'Normalising to exactly one primary is tolerated; two primaries stored is a failure.',
    }),
  ];
}
