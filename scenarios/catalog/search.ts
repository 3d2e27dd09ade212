// Search with POST (RFC 7644 §3.4.3): a SearchRequest to a resource type's /.search, or to the root
// /.search across resource types, must give the answer a GET with the same query gives; both are
// judged by the same list oracle. The body carries attributes, excludedAttributes, filter, sortBy,
// sortOrder, startIndex and count; a body that is not a SearchRequest is refused.
import type { ListAssertion, Scenario } from '../scenario.ts';
import { failure, requestFamily } from './build.ts';
import { GROUPS, USERS, listOk, scoped, searchPost, withScope } from './list-build.ts';

const s = requestFamily('search', { state: 'users.list', requires: ['filter'] });

interface Search {
  what: string;
  title: string;
  body: Record<string, unknown>;
  where?: 'search' | 'root-search';
  note: string;
  sort?: boolean;
}

function search(x: Search): Scenario {
  const filter = typeof x.body['filter'] === 'string' ? (x.body['filter'] as string) : scoped();
  const body: Record<string, unknown> = { filter, ...x.body };
  const check: Omit<ListAssertion, 'kind' | 'aliases'> = { filter };
  for (const k of ['startIndex', 'count'] as const) if (typeof body[k] === 'number') check[k] = body[k] as number;
  if (typeof body['sortBy'] === 'string') check.sortBy = body['sortBy'] as string;
  if (body['sortOrder'] === 'ascending' || body['sortOrder'] === 'descending') check.sortOrder = body['sortOrder'];
  if (Array.isArray(body['attributes'])) check.attributes = body['attributes'] as string[];
  if (Array.isArray(body['excludedAttributes'])) check.excludedAttributes = body['excludedAttributes'] as string[];
  return s({
    what: x.what,
    title: x.title,
    level: 'MUST',
    refs: ['RFC7644-3.4.3', ...(x.sort ? ['RFC7644-3.4.2.3'] : []), ...(check.startIndex !== undefined || check.count !== undefined ? ['RFC7644-3.4.2.4'] : [])],
    request: searchPost(body, x.where ?? 'search'),
    expect: listOk(USERS, check),
    ...(x.sort ? { requires: ['sort'] } : {}),
    note: x.note,
  });
}

const SEARCHES: Search[] = [
  { what: 'filter', title: 'POST /Users/.search with a filter must list exactly the users a GET with that filter lists.', body: {}, note: 'RFC 7644 §3.4.3: the SearchRequest carries the same query parameters as a GET; the scope filter alone matches the five users.' },
  { what: 'filter.and', title: 'POST /Users/.search must apply a combined filter from the body.', body: { filter: scoped('title eq "Engineer" and active eq true') }, note: 'L1 only.' },
  { what: 'filter.other-case', title: 'POST /Users/.search must match userName ignoring case, as GET does.', body: { filter: scoped('userName eq "{L3.userName|upper}"') }, note: 'userName is caseExact false (RFC 7643 §4.1.1).' },
  { what: 'filter.not', title: 'POST /Users/.search must apply not from the body.', body: { filter: scoped('not (active eq true)') }, note: 'L3 and L5.' },
  { what: 'filter.value-path', title: 'POST /Users/.search must apply a value path from the body.', body: { filter: scoped('emails[type eq "home" and primary eq true]') }, note: 'L2 and L4.' },
  { what: 'count', title: 'POST /Users/.search with count 2 must answer at most two users with totalResults 5.', body: { count: 2 }, note: 'count in the body as a number (RFC 7644 §3.4.3 lists startIndex and count among the SearchRequest attributes).' },
  { what: 'count-zero', title: 'POST /Users/.search with count 0 must answer no users but totalResults 5.', body: { count: 0 }, note: 'RFC 7644 §3.4.2.4 applies to the body as to the URL.' },
  { what: 'start-index-sorted', title: 'POST /Users/.search with sortBy, startIndex 2 and count 2 must answer the second and third users.', body: { sortBy: 'userName', startIndex: 2, count: 2 }, sort: true, note: 'L2, L3.' },
  { what: 'sort-descending', title: 'POST /Users/.search with sortBy and sortOrder descending must answer the users in descending order.', body: { sortBy: 'name.familyName', sortOrder: 'descending' }, sort: true, note: 'Turing, Torvalds, Lovelace, Liskov, Hopper.' },
  { what: 'attributes', title: 'POST /Users/.search with attributes ["userName"] must answer the users with only userName (and id, schemas, meta).', body: { attributes: ['userName'] }, note: 'RFC 7644 §3.4.3: attributes in the SearchRequest, with the meaning of §3.4.2.5.' },
  { what: 'excluded-attributes', title: 'POST /Users/.search with excludedAttributes ["emails","title"] must answer the users without them.', body: { excludedAttributes: ['emails', 'title'] }, note: 'RFC 7644 §3.4.2.5.' },
  { what: 'root.filter', title: 'POST /.search at the root with a userName filter must list exactly the scenario\'s users.', body: {}, where: 'root-search', note: 'RFC 7644 §3.4.3: a search at the root covers every resource type; only users have a userName.' },
  { what: 'root.count', title: 'POST /.search at the root with count 2 must answer at most two resources and totalResults 5.', body: { count: 2 }, where: 'root-search', note: 'Paging applies across resource types.' },
  { what: 'root.sorted', title: 'POST /.search at the root with sortBy userName descending must answer the users in that order.', body: { sortBy: 'userName', sortOrder: 'descending' }, where: 'root-search', sort: true, note: 'L5..L1.' },
];

export function searchScenarios(): Scenario[] {
  const groupFilter = withScope('displayName sw "{scope}"', 'Group');
  return [
    ...SEARCHES.map(search),
    s({
      what: 'root.groups',
      title: 'POST /.search at the root with a displayName filter must list the scenario\'s groups, and no user.',
      level: 'MUST',
      refs: ['RFC7644-3.4.3'],
      state: 'groups.list',
      resource: 'Group',
      requires: ['groups'],
      request: searchPost({ filter: groupFilter }, 'root-search', 'Group'),
      expect: listOk(GROUPS, { filter: groupFilter }),
      note: 'Only the groups\' displayNames start with the list prefix (the users\' are "Ada Lovelace" and the like); a root search covers every resource type.',
    }),
    s({
      what: 'group.members',
      title: 'POST /Groups/.search must list the groups that have a given member.',
      level: 'MUST',
      refs: ['RFC7644-3.4.3', 'RFC7644-3.4.2.2'],
      state: 'groups.list',
      resource: 'Group',
      requires: ['groups'],
      request: searchPost({ filter: scoped('members[value eq "{L3.id}"]', 'Group') }, 'search', 'Group'),
      expect: listOk(GROUPS, { filter: scoped('members[value eq "{L3.id}"]', 'Group') }),
      alsoConformant: [failure([400], ['invalidFilter'])],
      note: 'G1 only. A server may refuse the value path with 400 invalidFilter (Table 9).',
    }),
    s({
      what: 'invalid-filter',
      title: 'POST /Users/.search with a malformed filter must be refused with 400 invalidFilter.',
      level: 'MUST',
      state: 'user.minimal',
      refs: ['RFC7644-3.4.3', 'RFC7644-3.12'],
      request: searchPost({ filter: 'userName eq "{self.userName}" and (' }),
      expect: failure([400], ['invalidFilter'], { unchanged: false }),
      note: 'Table 9 lists invalidFilter for POST (Search) as for GET.',
    }),
    s({
      what: 'wrong-schemas',
      title: 'POST /Users/.search whose schemas is not the SearchRequest URN should be refused with 400.',
      level: 'SHOULD',
      state: 'user.minimal',
      refs: ['RFC7644-3.4.3', 'RFC7644-3.12'],
      request: { target: { unknown: 'User' }, method: 'POST', endpoint: 'search', body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], filter: 'userName eq "{self.userName}"' } },
      expect: failure([400], ['invalidSyntax', 'invalidValue'], { unchanged: false }),
      note: 'RFC 7644 §3.4.3 requires schemas to hold urn:ietf:params:scim:api:messages:2.0:SearchRequest; Table 9 invalidSyntax covers a body that does not "conform to the request schema". The RFC states no MUST for the refusal, hence SHOULD.',
    }),
    s({
      what: 'no-schemas',
      title: 'POST /Users/.search without schemas should be refused with 400.',
      level: 'SHOULD',
      state: 'user.minimal',
      refs: ['RFC7644-3.4.3', 'RFC7644-3.12'],
      request: { target: { unknown: 'User' }, method: 'POST', endpoint: 'search', body: { filter: 'userName eq "{self.userName}"' } },
      expect: failure([400], ['invalidSyntax', 'invalidValue'], { unchanged: false }),
      note: 'As wrong-schemas: the SearchRequest schemas attribute is REQUIRED (RFC 7644 §3.4.3).',
    }),
  ];
}
