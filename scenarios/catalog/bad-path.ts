// PATCH-PATH-05..09 and PATCH-FLT-04..06: paths and path filters the server must refuse
// (RFC 7644 §3.5.2 Figure 7 path grammar, §3.4.2.2 filters, §3.12 Table 9 scimTypes).
import { ENT, op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { bad, equals, family, ok } from './build.ts';

const s = family('bad-path');

/** PATCH-PATH-05: each malformed path on its own, so a report names the one a server accepts. */
const MALFORMED_PATHS: Array<{ what: string; path: string; why: string }> = [
  { what: 'double-dot', path: 'name..givenName', why: 'an empty attribute name between two dots' },
  { what: 'stray-closing-bracket', path: 'emails]', why: 'a closing bracket without an opening one' },
  { what: 'leading-dot', path: '.nickName', why: 'a leading dot' },
  { what: 'three-levels', path: 'name.givenName.first', why: 'three levels of attribute names' },
  { what: 'array-index', path: 'emails[0].value', why: 'an array index (SCIM paths have none)' },
  { what: 'json-pointer', path: '/emails/0/value', why: 'a JSON Pointer (RFC 6901 is not SCIM path syntax)' },
  { what: 'empty-string', path: '', why: 'an empty string' },
  { what: 'trailing-dot', path: 'name.', why: 'a trailing dot' },
];

/** PATCH-FLT-04: syntactically broken filters inside brackets. */
const MALFORMED_FILTERS: Array<{ what: string; path: string; why: string }> = [
  { what: 'missing-operand', path: 'emails[type eq]', why: 'a comparison without a value' },
  { what: 'unknown-operator', path: 'emails[type xx "work"]', why: 'an operator that does not exist' },
  { what: 'unquoted-string', path: 'emails[type eq work]', why: 'an unquoted string value' },
  { what: 'empty-brackets', path: 'emails[]', why: 'empty brackets' },
  { what: 'dangling-and', path: 'emails[type eq "work" and]', why: 'a logical operator without a right operand' },
];

/**
 * RFC 7644 Table 9 gives two keywords for a malformed filter inside a PATCH path: invalidFilter
 * ("filter syntax was invalid", applicable to "PATCH (Path Filter)") and invalidPath ("path ...
 * invalid or malformed", Figure 7, whose grammar contains the filter). Both conform, so both pass.
 */
const TWO_KEYWORDS = 'RFC 7644 Table 9 allows invalidFilter (the filter syntax) or invalidPath (the path grammar of Figure 7, which contains the filter): both pass.';

export function badPathScenarios(): Scenario[] {
  return [
    ...MALFORMED_PATHS.map(({ what, path, why }) =>
      s({
        what: `malformed.${what}`,
        title: `The server must reject a path with ${why} (${JSON.stringify(path)}) with 400 invalidPath.`,
        level: 'MUST',
        refs: ['RFC7644-3.5.2', 'RFC7644-3.12', 'PATCH-PATH-05'],
        request: { target: 'self', body: ops(op('replace', path, 'x')) },
        expect: bad('invalidPath'),
      }),
    ),
    s({
      what: 'unknown-attribute',
      title: 'The server must reject a path naming an attribute no schema defines with 400 (invalidPath preferred).',
      level: 'AMBIG',
      refs: ['RFC7644-3.5.2', 'RFC7644-3.12', 'PATCH-PATH-06'],
      request: { target: 'self', body: ops(op('replace', 'fooBar', 'x')) },
      expect: bad('invalidPath'),
      acceptable: bad('noTarget'),
      note: 'E-13: invalidPath and noTarget both describe an unknown attribute; storing it is a failure.',
    }),
    s({
      what: 'unknown-attribute-path-less',
      title: 'The server must reject a path-less add of an attribute no schema defines with 400 (invalidPath preferred).',
      level: 'AMBIG',
      refs: ['RFC7644-3.5.2.1', 'RFC7644-3.12', 'PATCH-PATH-06'],
      request: { target: 'self', body: ops(op('add', undefined, { fooBar: 'x' })) },
      expect: bad('invalidPath'),
      acceptable: bad('noTarget'),
      note: 'E-13.',
    }),
    s({
      what: 'unknown-sub-attribute',
      title: 'The server must reject a path naming an undefined sub-attribute (name.foo) with 400 (invalidPath preferred).',
      level: 'AMBIG',
      refs: ['RFC7644-3.5.2', 'RFC7643-4.1.1', 'PATCH-PATH-06'],
      request: { target: 'self', body: ops(op('replace', 'name.foo', 'x')) },
      expect: bad('invalidPath'),
      acceptable: bad('noTarget'),
      note: 'E-13.',
    }),
    s({
      what: 'unknown-extension-attribute',
      title: 'The server must reject an enterprise extension path naming an undefined attribute with 400 (invalidPath preferred).',
      level: 'AMBIG',
      refs: ['RFC7644-3.10', 'RFC7643-4.3', 'PATCH-PATH-06'],
      requires: ['enterpriseUser'],
      request: { target: 'self', body: ops(op('add', `${ENT}:country`, 'India')) },
      expect: bad('invalidPath'),
      acceptable: bad('noTarget'),
      note: 'VMware Identity Services documents this very request as accepted; country is not an enterprise attribute.',
    }),
    s({
      what: 'misspelled-extension-urn',
      title: 'The server must reject a path whose extension URN is misspelled ("enterprize") with 400 invalidPath.',
      level: 'AMBIG',
      refs: ['RFC7644-3.10', 'RFC7644-3.12', 'PATCH-PATH-06'],
      request: {
        target: 'self',
        body: ops(op('replace', 'urn:ietf:params:scim:schemas:extension:enterprize:2.0:User:department', 'x')),
      },
      expect: bad('invalidPath'),
      acceptable: bad('noTarget'),
      note: 'E-13; a server that stores the value under an unknown URN fails.',
    }),
    s({
      what: 'sub-attribute-of-simple',
      title: 'The server must reject a sub-attribute of a simple attribute (userName.foo) with 400 invalidPath.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7643-2.3.8', 'PATCH-PATH-07'],
      request: { target: 'self', body: ops(op('replace', 'userName.foo', 'x')) },
      expect: bad('invalidPath'),
    }),
    s({
      what: 'filter-on-single-valued',
      title: 'The server must reject a value filter on a single-valued complex attribute with 400 invalidPath or invalidFilter.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7644-3.12', 'PATCH-PATH-08'],
      request: {
        target: 'self',
        body: ops(op('replace', 'name[givenName eq "{self.name.givenName}"].familyName', 'x')),
      },
      expect: bad('invalidPath', 'invalidFilter'),
      note: `The catalog prefers invalidPath (a filter needs a multi-valued attribute, Figure 7); ${TWO_KEYWORDS}`,
    }),
    s({
      what: 'unqualified-extension-attribute',
      title: 'The server may resolve an unqualified extension attribute (employeeNumber) into the extension, never as a core attribute.',
      level: 'MAY',
      refs: ['RFC7644-3.10', 'PATCH-PATH-09'],
      requires: ['enterpriseUser'],
      request: { target: 'self', body: ops(op('replace', 'employeeNumber', '7')) },
      expect: ok({ effect: 'change', assertions: [equals(`${ENT}:employeeNumber`, '7')] }),
      acceptable: bad('invalidPath'),
      note: 'Clients SHOULD fully qualify extension attributes; a new top-level employeeNumber is a failure either way.',
    }),
    ...MALFORMED_FILTERS.map(({ what, path, why }) =>
      s({
        what: `filter.${what}`,
        title: `The server must reject a path filter with ${why} (${path}) with 400 invalidFilter or invalidPath.`,
        level: 'MUST',
        refs: ['RFC7644-3.4.2.2', 'RFC7644-3.12', 'RFC7644-3.5.2', 'PATCH-FLT-04'],
        request: { target: 'self', body: ops(op('remove', path)) },
        expect: bad('invalidFilter', 'invalidPath'),
        note: TWO_KEYWORDS,
      }),
    ),
    s({
      what: 'filter.unclosed-bracket',
      title: 'The server must reject a path filter without its closing bracket with 400 invalidFilter or invalidPath.',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.2', 'RFC7644-3.12', 'RFC7644-3.5.2', 'PATCH-FLT-04'],
      request: { target: 'self', body: ops(op('remove', 'emails[type eq "work"')) },
      expect: bad('invalidFilter', 'invalidPath'),
      note: TWO_KEYWORDS,
    }),
    s({
      what: 'filter.unsupported-operator',
      title: 'The server must decline an unrecognised filter operator (regex) with 400 invalidFilter.',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.2', 'PATCH-FLT-05'],
      request: { target: 'self', body: ops(op('remove', 'emails[value regex ".*"]')) },
      expect: bad('invalidFilter'),
    }),
    s({
      what: 'filter.ordering-on-boolean',
      title: 'The server must reject gt on a boolean sub-attribute (emails[primary gt true]) with 400 invalidFilter.',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.2', 'PATCH-FLT-06'],
      request: { target: 'self', body: ops(op('remove', 'emails[primary gt true]')) },
      expect: bad('invalidFilter'),
    }),
  ];
}
