// Sorting (RFC 7644 §3.4.2.3): sortBy / sortOrder over the five list users, judged by the list
// oracle: strings by caseExact (case-insensitive unless caseExact true), dateTimes as instants, a
// multi-valued attribute by its primary value (else its first), and users without a value last in
// ascending order, first in descending. Where the target does not advertise sort, a sortBy must
// not break the request: it is ignored (one scenario that runs only there).
import type { Capability, Scenario } from '../scenario.ts';
import { URN } from '../../schemas/scim-schema.ts';
import { requestFamily } from './build.ts';
import { GROUPS, USERS, listGet, listOk, scoped } from './list-build.ts';

const s = requestFamily('sort', { state: 'users.list', requires: ['filter', 'sort'] });

const SORTS: Array<{ what: string; sortBy: string; order?: 'ascending' | 'descending'; title: string; note: string; requires?: Capability[] }> = [
  { what: 'user-name.default', sortBy: 'userName', title: 'The server must sort by userName ascending when sortOrder is not given.', note: 'RFC 7644 §3.4.2.3: "If sortBy is provided and sortOrder is not specified, sortOrder SHALL default to ascending."' },
  { what: 'user-name.ascending', sortBy: 'userName', order: 'ascending', title: 'The server must sort by userName ascending.', note: 'L1..L5.' },
  { what: 'user-name.descending', sortBy: 'userName', order: 'descending', title: 'The server must sort by userName descending.', note: 'L5..L1.' },
  { what: 'family-name.ascending', sortBy: 'name.familyName', order: 'ascending', title: 'The server must sort by a sub-attribute (name.familyName) ascending.', note: 'Hopper, Liskov, Lovelace, Torvalds, Turing.' },
  { what: 'family-name.descending', sortBy: 'name.familyName', order: 'descending', title: 'The server must sort by name.familyName descending.', note: 'Turing, Torvalds, Lovelace, Liskov, Hopper.' },
  { what: 'display-name.ascending', sortBy: 'displayName', order: 'ascending', title: 'The server must sort by displayName ascending.', note: 'Ada, Alan, Barbara, Grace, Linus.' },
  { what: 'title.case-insensitive', sortBy: 'title', order: 'ascending', title: 'The server must sort title case-insensitively and put the user without a title last.', note: 'title is caseExact false: "engineer" and "Engineer" sort together (their order is the server\'s); L5 has no title and sorts last ascending ("ordered last if ascending and first if descending").' },
  { what: 'title.descending-missing-first', sortBy: 'title', order: 'descending', title: 'The server must put the user without a title first when sorting title descending.', note: 'RFC 7644 §3.4.2.3: resources without a value are ordered last ascending and first descending.' },
  { what: 'meta-created.ascending', sortBy: 'meta.created', order: 'ascending', title: 'The server must sort by meta.created (dateTime) ascending.', note: 'As instants: L1 was created first. Equal instants may come in any order.' },
  { what: 'meta-created.descending', sortBy: 'meta.created', order: 'descending', title: 'The server must sort by meta.created descending.', note: 'Newest first.' },
  { what: 'emails.primary', sortBy: 'emails', order: 'ascending', title: 'The server must sort by a multi-valued attribute using each user\'s primary value.', note: 'RFC 7644 §3.4.2.3: a multi-valued attribute sorts by "the value of the primary attribute, if any, or else the first value in the list". L2 sorts by its primary home email (hopper…), not its first (grace…); L5 has none and comes last.' },
  { what: 'emails-value.descending', sortBy: 'emails.value', order: 'descending', title: 'The server must sort by emails.value descending using each user\'s primary email.', note: 'The user without emails comes first in descending order.' },
  { what: 'external-id.case-exact', sortBy: 'externalId', order: 'ascending', title: 'The server must sort externalId (caseExact true) case-sensitively.', note: 'RFC 7644 §3.4.2.3: case-exact attributes sort "using case-sensitive Unicode alphabetic sort order".' },
  { what: 'enterprise-employee-number.descending', sortBy: `${URN.enterpriseUser}:employeeNumber`, order: 'descending', title: 'The server must sort by the enterprise employeeNumber (URN-qualified) descending.', note: '1005..1001.', requires: ['enterpriseUser'] },
];

function sortScenario(x: (typeof SORTS)[number]): Scenario {
  const filter = scoped();
  const query: Record<string, string> = { filter, sortBy: x.sortBy, ...(x.order ? { sortOrder: x.order } : {}) };
  return s({
    what: x.what,
    title: x.title,
    level: 'MUST',
    refs: ['RFC7644-3.4.2.3'],
    request: listGet(query),
    expect: listOk(USERS, { filter, sortBy: x.sortBy, ...(x.order ? { sortOrder: x.order } : {}) }),
    ...(x.requires ? { requires: x.requires } : {}),
    note: x.note,
  });
}

export function sortScenarios(): Scenario[] {
  const groupFilter = scoped(undefined, 'Group');
  return [
    ...SORTS.map(sortScenario),
    s({
      what: 'group.display-name',
      title: 'The server must sort groups by displayName descending.',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.3'],
      state: 'groups.list',
      resource: 'Group',
      requires: ['groups'],
      request: listGet({ filter: groupFilter, sortBy: 'displayName', sortOrder: 'descending' }, 'Group'),
      expect: listOk(GROUPS, { filter: groupFilter, sortBy: 'displayName', sortOrder: 'descending' }),
      note: 'G3, G2, G1 (the displayNames share the prefix and end in g3-, g2-, g1-).',
    }),
    {
      ...s({
        what: 'not-advertised.ignored',
        title: 'A server that does not advertise sort must still answer a query with sortBy (ignoring it) with the right users.',
        level: 'MUST',
        refs: ['RFC7644-3.4.2.3', 'RFC7643-5'],
        request: listGet({ filter: scoped(), sortBy: 'userName', sortOrder: 'descending' }),
        expect: listOk(USERS, { filter: scoped() }),
        note: 'RFC 7644 §3.4.2.3: "Sorting is OPTIONAL" and the parameters apply only to a service provider that supports it; one that does not (sort.supported false) answers the query as if unsorted. The order is not judged.',
      }),
      requires: ['filter'],
      unless: ['sort'],
    },
  ];
}
