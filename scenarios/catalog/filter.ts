// Filters (RFC 7644 §3.4.2.2), generated from data: each attribute of the list users with its type
// and case rule (RFC 7643 caseExact), crossed with the operators that apply to it, and the same
// comparison in another case. Every query is scoped (`userName sw "{scope}" and (...)`) and judged
// by the list oracle (engine/list-oracle.ts): the expected users are the ones patch/ evaluates the
// filter true for, over the users as the server answered their creation. Then the logical
// operators, value paths, URN-qualified paths, case-insensitive attribute names, group filters and
// the errors (Table 9 invalidFilter).
import type { Capability, Scenario } from '../scenario.ts';
import { URN } from '../../schemas/scim-schema.ts';
import { failure, requestFamily } from './build.ts';
import { GROUPS, USERS, listGet, listOk, scoped, unsupportedCombination, withScope } from './list-build.ts';

const s = requestFamily('filter', { state: 'users.list', requires: ['filter'] });

type Op = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

interface FilterAttribute {
  path: string;
  slug: string;
  type: 'string' | 'boolean' | 'dateTime';
  caseExact: boolean;
  /** The compared value per operator, as written in the filter (strings unquoted). */
  ops: Partial<Record<Op, string>>;
  /** The same comparisons with the value in another case. */
  otherCase?: Partial<Record<Op, string>>;
  present?: boolean;
  requires?: Capability[];
  /** A comparison Table 9 lets a server refuse with 400 invalidFilter (ordering, multi-valued, extension). */
  refusable?: boolean;
}

const ENT = URN.enterpriseUser;

/** The attributes of the list users (fixtures/list-users.ts) and the values their filters compare. */
const ATTRIBUTES: FilterAttribute[] = [
  {
    path: 'userName', slug: 'user-name', type: 'string', caseExact: false, present: true,
    ops: { eq: '{L2.userName}', ne: '{L2.userName}', co: 'charlie', sw: '{scope}l1', ew: 'delta@example.com', gt: '{scope}l3', ge: '{scope}l3', lt: '{scope}l3', le: '{scope}l3-charlie@example.com' },
    otherCase: { eq: '{L2.userName|upper}', co: 'CHARLIE', ew: 'DELTA@EXAMPLE.COM' },
  },
  {
    path: 'displayName', slug: 'display-name', type: 'string', caseExact: false,
    ops: { eq: 'Grace Hopper', co: 'ov', sw: 'A', ew: 'er', gt: 'G', lt: 'B' },
    otherCase: { eq: 'grace hopper', sw: 'a' },
  },
  {
    path: 'title', slug: 'title', type: 'string', caseExact: false, present: true,
    ops: { eq: 'Engineer', co: 'ne', sw: 'Ad', ew: 'er', gt: 'F' },
    otherCase: { eq: 'ADMIRAL', co: 'NE' },
  },
  {
    path: 'name.familyName', slug: 'family-name', type: 'string', caseExact: false,
    ops: { eq: 'Turing', co: 'or', sw: 'L', ew: 's', gt: 'M', le: 'Liskov' },
    otherCase: { eq: 'TURING', sw: 'l' },
  },
  {
    path: 'name.givenName', slug: 'given-name', type: 'string', caseExact: false, present: true,
    ops: { eq: 'Linus', co: 'ar', sw: 'A', ew: 'a', lt: 'B' },
    otherCase: { co: 'AR' },
  },
  {
    path: 'emails.value', slug: 'emails-value', type: 'string', caseExact: false, refusable: true,
    ops: { eq: '{L3.emails.0.value}', co: '@work.example', sw: 'grace.', ew: '.org' },
    otherCase: { co: '@WORK.EXAMPLE' },
  },
  {
    path: 'externalId', slug: 'external-id', type: 'string', caseExact: true, present: true,
    ops: { eq: '{L2.externalId}', co: 'Ext-L', ew: 'Ext-L4' },
    otherCase: { eq: '{L2.externalId|upper}', co: 'ext-l', ew: 'ext-l4' },
  },
  { path: 'id', slug: 'id', type: 'string', caseExact: true, ops: { eq: '{L3.id}' }, otherCase: { eq: '{L3.id|upper}' } },
  { path: 'active', slug: 'active', type: 'boolean', caseExact: false, present: true, ops: { eq: 'true', ne: 'true' } },
  {
    path: 'meta.created', slug: 'meta-created', type: 'dateTime', caseExact: false, refusable: true,
    ops: { eq: '{L3.meta.created}', gt: '{L3.meta.created}', ge: '{L3.meta.created}', lt: '{L3.meta.created}', le: '{L3.meta.created}' },
  },
  { path: 'meta.lastModified', slug: 'meta-last-modified', type: 'dateTime', caseExact: false, refusable: true, ops: { gt: '{L2.meta.lastModified}', le: '{L2.meta.lastModified}' } },
  { path: 'emails', slug: 'emails', type: 'string', caseExact: false, present: true, ops: {} },
  { path: 'phoneNumbers', slug: 'phone-numbers', type: 'string', caseExact: false, present: true, ops: {} },
  {
    path: `${ENT}:department`, slug: 'enterprise-department', type: 'string', caseExact: false, present: true, requires: ['enterpriseUser'], refusable: true,
    ops: { eq: 'Research', co: 'av' },
    otherCase: { eq: 'RESEARCH' },
  },
  { path: `${ENT}:employeeNumber`, slug: 'enterprise-employee-number', type: 'string', caseExact: false, requires: ['enterpriseUser'], refusable: true, ops: { eq: '1004', gt: '1002' } },
];

const OP_WORDS: Record<Op, string> = {
  eq: 'equals', ne: 'differs from', co: 'contains', sw: 'starts with', ew: 'ends with', gt: 'is greater than', ge: 'is greater than or equal to', lt: 'is less than', le: 'is less than or equal to',
};

const literal = (a: FilterAttribute, v: string): string => (a.type === 'boolean' ? v : `"${v}"`);
const shortPath = (p: string): string => (p.startsWith(ENT) ? `enterprise ${p.slice(ENT.length + 1)}` : p);

function comparison(a: FilterAttribute, op: Op, value: string, otherCase: boolean): Scenario {
  const expr = `${a.path} ${op} ${literal(a, value)}`;
  const ordering = op === 'gt' || op === 'ge' || op === 'lt' || op === 'le';
  const refusable = a.refusable === true || ordering;
  const kind = a.type === 'dateTime' ? 'as instants (dateTime)' : a.type === 'boolean' ? 'as a boolean' : ordering ? 'lexicographically' : a.caseExact ? 'case-sensitively (caseExact true)' : 'ignoring case (caseExact false)';
  const caseNote = otherCase
    ? a.caseExact
      ? ` With the value in another case nothing may match: ${a.path} is caseExact true.`
      : ` The value differs in case from the stored one and must still match: ${a.path} is caseExact false.`
    : '';
  return s({
    what: `${a.slug}.${op}${otherCase ? '.other-case' : ''}`,
    title: `The server must list exactly the scenario's users whose ${shortPath(a.path)} ${OP_WORDS[op]} ${value.startsWith('{') ? 'the value given' : `"${value}"`}, compared ${kind}.`,
    level: 'MUST',
    refs: ['RFC7644-3.4.2.2', ...(a.caseExact || otherCase ? ['RFC7643-2.2'] : []), ...(a.type === 'dateTime' ? ['RFC7643-2.3.5'] : [])],
    request: listGet({ filter: scoped(withScope(expr)) }),
    expect: listOk(USERS, { filter: scoped(withScope(expr)) }),
    ...(refusable ? { alsoConformant: [unsupportedCombination] } : {}),
    ...(a.requires ? { requires: a.requires } : {}),
    note: `RFC 7644 §3.4.2.2 defines ${op} and says string comparisons follow caseExact.${caseNote}${refusable ? ' A server may refuse this comparison with 400 invalidFilter (Table 9: "the specified attribute and filter comparison combination is not supported").' : ''}`,
  });
}

function present(a: FilterAttribute): Scenario {
  const expr = `${a.path} pr`;
  return s({
    what: `${a.slug}.pr`,
    title: `The server must list exactly the scenario's users that have a value for ${shortPath(a.path)} (pr).`,
    level: 'MUST',
    refs: ['RFC7644-3.4.2.2'],
    request: listGet({ filter: scoped(expr) }),
    expect: listOk(USERS, { filter: scoped(expr) }),
    ...(a.requires ? { requires: a.requires } : {}),
    ...(a.refusable ? { alsoConformant: [unsupportedCombination] } : {}),
    note: 'pr: "If the attribute has a non-empty value, or if it contains a non-empty node for complex attributes, there is a match." L5 has no title, emails, phone or department.',
  });
}

/** Operators x attribute types x case rules. */
function generated(): Scenario[] {
  return ATTRIBUTES.flatMap((a) => [
    ...Object.entries(a.ops).map(([op, v]) => comparison(a, op as Op, v, false)),
    ...Object.entries(a.otherCase ?? {}).map(([op, v]) => comparison(a, op as Op, v, true)),
    ...(a.present ? [present(a)] : []),
  ]);
}

interface Written {
  what: string;
  title: string;
  expr: string;
  note: string;
  refusable?: boolean;
  requires?: Capability[];
  refs?: string[];
}

/** Logical operators, grouping, value paths, URN-qualified paths and case-insensitive names. */
const WRITTEN: Written[] = [
  { what: 'logic.and', title: 'The server must list only the users matching both sides of and.', expr: 'title eq "Engineer" and active eq true', note: 'L1 only: L3 is an engineer too (in another case) but not active.' },
  { what: 'logic.or', title: 'The server must list the users matching either side of or.', expr: 'name.familyName eq "Hopper" or name.familyName eq "Liskov"', note: 'L2 and L5.' },
  { what: 'logic.not', title: 'The server must list the users the expression inside not does not match.', expr: 'not (name.familyName sw "T")', note: 'L1, L2, L5: every user has a familyName, so no missing-value rule is involved.' },
  { what: 'logic.precedence', title: 'The server must bind and tighter than or (no parentheses).', expr: 'title eq "Admiral" or title eq "Maintainer" and active eq false', note: 'RFC 7644 §3.4.2.2: and has precedence over or; the only Maintainer is active, so only L2 matches. Evaluated left to right it would be L2 alone too, but (or then and) would give nobody.' },
  { what: 'logic.grouping', title: 'The server must evaluate a parenthesised group before the operator outside it.', expr: '(title eq "Admiral" or title eq "Maintainer") and active eq true', note: 'L2 and L4.' },
  { what: 'logic.not-or', title: 'The server must apply not to a whole parenthesised or.', expr: 'not (active eq true or name.givenName eq "Alan")', note: 'L5 only: inactive and not Alan.' },
  { what: 'logic.nested', title: 'The server must evaluate nested groups with and, or and not.', expr: '(active eq false and (name.familyName eq "Turing" or name.familyName eq "Liskov")) or (not (active eq false) and displayName sw "Grace")', note: 'L3, L5 and L2.' },
  { what: 'value-path.type', title: 'The server must list the users with a work email (emails[type eq "work"]).', expr: 'emails[type eq "work"]', note: 'L1, L2, L3.', refusable: true },
  { what: 'value-path.and', title: 'The server must match both conditions on the same email (emails[type eq "work" and value co "grace"]).', expr: 'emails[type eq "work" and value co "grace"]', note: 'L2 only: the conditions must hold for one and the same email value.', refusable: true },
  { what: 'value-path.primary', title: 'The server must list the users whose primary email is a home email.', expr: 'emails[type eq "home" and primary eq true]', note: 'L2 and L4; L1 has a home email that is not primary.', refusable: true },
  { what: 'value-path.not', title: 'The server must list the users with an email that is not a work email (emails[not (type eq "work")]).', expr: 'emails[not (type eq "work")]', note: 'L1, L2, L4; L3 has only a work email, L5 none.', refusable: true },
  { what: 'value-path.phone', title: 'The server must list the users with a mobile phone (phoneNumbers[type eq "mobile"]).', expr: 'phoneNumbers[type eq "mobile"]', note: 'L2 only.', refusable: true },
  { what: 'sub-attribute.multi-valued', title: 'The server must match a sub-attribute of a multi-valued attribute against any of its values (emails.type eq "home").', expr: 'emails.type eq "home"', note: 'L1, L2, L4: any value of emails.type may match (RFC 7644 §3.4.2.2 multi-valued rule).', refusable: true },
  { what: 'urn.core-user-name', title: 'The server must accept the fully qualified core attribute urn:ietf:params:scim:schemas:core:2.0:User:userName.', expr: `${URN.user}:userName eq "{L4.userName}"`, note: 'RFC 7644 §3.4.2.2 shows this very form ("filter=urn:ietf:params:scim:schemas:core:2.0:User:userName sw \\"J\\"").', refs: ['RFC7644-3.10'] },
  { what: 'urn.core-sub-attribute', title: 'The server must accept a fully qualified sub-attribute (urn:…:core:2.0:User:name.familyName).', expr: `${URN.user}:name.familyName eq "Hopper"`, note: 'RFC 7644 §3.10: an attribute may be named with its schema URN.', refs: ['RFC7644-3.10'] },
  { what: 'urn.enterprise-or', title: 'The server must combine an enterprise extension attribute with a core one.', expr: `${ENT}:department eq "Research" or title eq "Admiral"`, note: 'L1, L3 (Research) and L2.', refusable: true, requires: ['enterpriseUser'], refs: ['RFC7643-4.3'] },
  { what: 'case.attribute-name', title: 'The server must read attribute names in a filter case-insensitively (USERNAME).', expr: 'USERNAME eq "{L2.userName}"', note: 'RFC 7644 §3.4.2.2: "Attribute names and attribute operators used in filters are case insensitive."' },
  { what: 'case.sub-attribute-name', title: 'The server must read sub-attribute names in a filter case-insensitively (NAME.FAMILYNAME).', expr: 'NAME.FAMILYNAME eq "Turing"', note: 'RFC 7644 §3.4.2.2: attribute names are case insensitive.' },
  { what: 'case.operator', title: 'The server must read comparison operators case-insensitively (title EQ "Admiral").', expr: 'title EQ "Admiral"', note: 'RFC 7644 §3.4.2.2: "Attribute names and attribute operators used in filters are case insensitive."' },
  { what: 'case.logical-operators', title: 'The server must read logical operators case-insensitively (AND, OR, NOT).', expr: 'NOT (active eq false) AND (title eq "Admiral" OR title eq "Maintainer")', note: 'L2 and L4.' },
  { what: 'case.value-path', title: 'The server must read attribute names in a value path case-insensitively (Emails[TYPE eq "work"]).', expr: 'Emails[TYPE eq "work"]', note: 'L1, L2, L3.', refusable: true },
];

function written(w: Written): Scenario {
  const filter = scoped(withScope(w.expr));
  return s({
    what: w.what,
    title: w.title,
    level: 'MUST',
    refs: ['RFC7644-3.4.2.2', ...(w.refs ?? [])],
    request: listGet({ filter }),
    expect: listOk(USERS, { filter }),
    ...(w.refusable ? { alsoConformant: [unsupportedCombination] } : {}),
    ...(w.requires ? { requires: w.requires } : {}),
    note: w.note,
  });
}

const g = requestFamily('filter', { state: 'groups.list', resource: 'Group', requires: ['filter', 'groups'] });

const GROUP_FILTERS: Array<[string, string, string, string]> = [
  ['group.display-name.eq', 'The server must list the group whose displayName equals the value given.', 'displayName eq "{G2.displayName}"', 'G2.'],
  ['group.display-name.ew.other-case', 'The server must match a group displayName ignoring case (caseExact false).', 'displayName ew "-EMPTY"', 'G3: Group displayName is caseExact false (RFC 7643 §8.7.1).'],
  ['group.members.value-path', 'The server must list the groups that have a given user as member (members[value eq "<id>"]).', 'members[value eq "{L1.id}"]', 'G1 only.'],
  ['group.members.sub-attribute', 'The server must list the groups whose members.value equals a given user id.', 'members.value eq "{L2.id}"', 'G2 only.'],
  ['group.members.pr', 'The server must list the groups that have members (members pr).', 'members pr', 'G1 and G2; G3 has none.'],
  ['group.external-id.eq', 'The server must list the group whose externalId equals the value given.', 'externalId eq "{G1.externalId}"', 'G1.'],
];

function groupFilter([what, title, expr, note]: [string, string, string, string]): Scenario {
  const filter = scoped(withScope(expr, 'Group'), 'Group');
  return g({
    what,
    title,
    level: 'MUST',
    refs: ['RFC7644-3.4.2.2', 'RFC7643-4.2'],
    request: listGet({ filter }, 'Group'),
    expect: listOk(GROUPS, { filter }),
    ...(what.includes('members') ? { alsoConformant: [unsupportedCombination] } : {}),
    note,
  });
}

const e = requestFamily('filter', { state: 'user.minimal', requires: ['filter'] });
const self = (expr: string) => `userName eq "{self.userName}" and (${expr})`;
const invalidFilter = failure([400], ['invalidFilter'], { unchanged: false });

const ERRORS: Array<{ what: string; title: string; filter: string; level: Scenario['level']; note: string; also501?: boolean }> = [
  { what: 'error.missing-value', title: 'The server must refuse a filter without a comparison value with 400 invalidFilter.', filter: self('title eq'), level: 'MUST', note: 'Table 9: invalidFilter, "The specified filter syntax was invalid (does not comply with Figure 1)".' },
  { what: 'error.unclosed-group', title: 'The server must refuse a filter with an unclosed parenthesis with 400 invalidFilter.', filter: `${self('title eq "Engineer"')} and (active eq true`, level: 'MUST', note: 'Table 9: invalid filter syntax.' },
  { what: 'error.unclosed-string', title: 'The server must refuse a filter with an unterminated string with 400 invalidFilter.', filter: self('title eq "Engineer'), level: 'MUST', note: 'Table 9: invalid filter syntax.' },
  { what: 'error.dangling-and', title: 'The server must refuse a filter ending in "and" with 400 invalidFilter.', filter: `${self('title pr')} and`, level: 'MUST', note: 'Table 9: invalid filter syntax.' },
  { what: 'error.unclosed-value-path', title: 'The server must refuse an unclosed value path with 400 invalidFilter.', filter: self('emails[type eq "work"'), level: 'MUST', note: 'Table 9: invalid filter syntax.' },
  { what: 'error.unknown-operator', title: 'The server must refuse an unknown comparison operator with 400 invalidFilter (or 501).', filter: self('title xx "Engineer"'), level: 'MUST', note: 'Figure 1 knows no "xx": the syntax is invalid (Table 9 invalidFilter); a server that reads it as an operator it does not implement may answer 501 Not Implemented (RFC 7644 §3.12).', also501: true },
  { what: 'error.boolean-ordering', title: 'The server must refuse gt on a boolean attribute with 400 invalidFilter.', filter: self('active gt true'), level: 'MUST', note: 'RFC 7644 §3.4.2.2: for gt/ge/lt/le, "Boolean and Binary attributes SHALL cause a failed response (i.e., HTTP status code 400) with "scimType" of "invalidFilter"".' },
  { what: 'error.unknown-attribute', title: 'The server should refuse a filter on an attribute the User schema does not define with 400 invalidFilter.', filter: self('noSuchAttribute eq "x"'), level: 'SHOULD', note: 'Table 9 invalidFilter covers "the specified attribute and filter comparison combination is not supported"; an undefined attribute is such a combination. Matching nothing silently hides a typo from the client, hence SHOULD.' },
  { what: 'error.unknown-sub-attribute', title: 'The server should refuse a filter on a sub-attribute name does not define (name.noSuch) with 400 invalidFilter.', filter: self('name.noSuch eq "x"'), level: 'SHOULD', note: 'As for an unknown attribute: Table 9 invalidFilter.' },
];

function error(x: (typeof ERRORS)[number]): Scenario {
  return e({
    what: x.what,
    title: x.title,
    level: x.level,
    refs: ['RFC7644-3.4.2.2', 'RFC7644-3.12'],
    request: listGet({ filter: x.filter }),
    expect: invalidFilter,
    ...(x.also501 ? { alsoConformant: [failure([501], undefined, { unchanged: false })] } : {}),
    note: x.note,
  });
}

export function filterScenarios(): Scenario[] {
  return [...generated(), ...WRITTEN.map(written), ...GROUP_FILTERS.map(groupFilter), ...ERRORS.map(error)];
}
