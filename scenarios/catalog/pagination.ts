// Pagination (RFC 7644 §3.4.2.4, RFC 9865): startIndex and count on a scoped query over the five
// list users, judged by the list oracle: totalResults is the number of matches whatever the page,
// itemsPerPage the page's length, startIndex the one asked (below 1 read as 1), count=0 only
// totalResults, a count above the maximum capped, never an error. With sortBy the page's content is
// known exactly; without it only its size and membership. Page walks fetch every page of the set
// and must see each user exactly once; cursor walks run where the target advertises RFC 9865.
import type { ListAssertion, Scenario } from '../scenario.ts';
import { failure, requestFamily } from './build.ts';
import { USERS, listGet, listOk, scoped, searchPost } from './list-build.ts';

const s = requestFamily('pagination', { state: 'users.list', requires: ['filter'] });
const sorted = ['filter', 'sort'] as const;

interface Page {
  what: string;
  title: string;
  query: Record<string, string>;
  level?: Scenario['level'];
  note: string;
  sort?: boolean;
  walk?: { by: 'index' | 'cursor'; maxPages: number };
  cursor?: boolean;
  /** Judge the first page only (cursor semantics, no walk). */
  firstOnly?: boolean;
}

function page(p: Page): Scenario {
  const filter = p.query['filter'] ?? scoped();
  const query: Record<string, string> = { ...p.query, filter };
  const num = (k: string) => (query[k] !== undefined && query[k] !== '' ? Number(query[k]) : undefined);
  const check: Omit<ListAssertion, 'kind' | 'aliases'> = { filter };
  const start = num('startIndex');
  const count = num('count');
  if (start !== undefined) check.startIndex = start;
  if (count !== undefined) check.count = count;
  if (query['sortBy']) check.sortBy = query['sortBy'];
  if (query['sortOrder'] === 'ascending' || query['sortOrder'] === 'descending') check.sortOrder = query['sortOrder'];
  if (p.walk) check.walk = p.walk.by;
  const request = listGet(query);
  if (p.walk && !p.firstOnly) request.walk = p.walk;
  return s({
    what: p.what,
    title: p.title,
    level: p.level ?? 'MUST',
    refs: ['RFC7644-3.4.2.4', ...(p.sort ? ['RFC7644-3.4.2.3'] : []), ...(p.cursor ? ['RFC9865-2'] : [])],
    request,
    expect: listOk(USERS, check),
    requires: p.cursor ? ['filter', 'cursor', ...(p.sort ? (['sort'] as const) : [])] : p.sort ? [...sorted] : [],
    note: p.note,
  });
}

const byName = { sortBy: 'userName' };

const PAGES: Page[] = [
  { what: 'count.two', title: 'The server must answer count=2 with at most two users, totalResults 5 and itemsPerPage equal to the page length.', query: { count: '2' }, note: 'totalResults counts every match, not the page (RFC 7644 §3.4.2: "the total number of results returned by the list or query operation").' },
  { what: 'count.one', title: 'The server must answer count=1 with one user at most and totalResults 5.', query: { count: '1' }, note: 'count: "the desired maximum number of query results per page"; itemsPerPage and startIndex are REQUIRED when the results are partial.' },
  { what: 'count.zero', title: 'The server must answer count=0 with no resources but totalResults 5.', query: { count: '0' }, note: 'RFC 7644 §3.4.2.4: "A value of "0" indicates that no resource results are to be returned except for "totalResults"."' },
  { what: 'count.negative', title: 'The server must read a negative count as 0: no resources, totalResults 5.', query: { count: '-3' }, note: 'RFC 7644 §3.4.2.4: "A negative value SHALL be interpreted as "0"."' },
  { what: 'count.above-maximum', title: 'The server must cap a count above its maximum instead of refusing it.', query: { count: '100000' }, note: 'RFC 7644 §3.4.2.4: the service provider sets the maximum; a larger count is not an error, and five users fit under any maximum.' },
  { what: 'start-index.zero', title: 'The server must read startIndex=0 as 1 and echo startIndex 1.', query: { startIndex: '0', count: '2' }, note: 'RFC 7644 §3.4.2.4: "A value less than 1 SHALL be interpreted as 1."' },
  { what: 'start-index.negative', title: 'The server must read a negative startIndex as 1.', query: { startIndex: '-4', count: '2' }, note: 'RFC 7644 §3.4.2.4: "A value less than 1 SHALL be interpreted as 1."' },
  { what: 'start-index.echo', title: 'The server must echo startIndex=3 and still count every match in totalResults.', query: { startIndex: '3', count: '2' }, note: 'startIndex: "The 1-based index of the first result in the current set of list results" (RFC 7644 §3.4.2).' },
  { what: 'start-index.beyond', title: 'The server must answer a startIndex past the last match with an empty page and totalResults 5.', query: { startIndex: '9', count: '2' }, note: 'Nothing to list from position 9 of 5; the total is unchanged.' },
  { what: 'start-index.without-count', title: 'The server must honour startIndex without count (userName order: from the third user on).', query: { startIndex: '3', ...byName }, sort: true, note: 'L3, L4, L5 in userName order.' },
  { what: 'sorted.first-page', title: 'The server must answer startIndex=1&count=2 in userName order with the first two users.', query: { startIndex: '1', count: '2', ...byName }, sort: true, note: 'With sortBy the page is known exactly: L1, L2.' },
  { what: 'sorted.second-page', title: 'The server must answer startIndex=2&count=2 in userName order with the second and third users (1-based).', query: { startIndex: '2', count: '2', ...byName }, sort: true, note: 'startIndex is 1-based: L2, L3. A 0-based server answers L3, L4.' },
  { what: 'sorted.last-page', title: 'The server must answer startIndex=5&count=2 in userName order with the last user only.', query: { startIndex: '5', count: '2', ...byName }, sort: true, note: 'L5, itemsPerPage 1.' },
  { what: 'sorted.descending-page', title: 'The server must page a descending sort: startIndex=2&count=2 gives the fourth and third users.', query: { startIndex: '2', count: '2', sortBy: 'userName', sortOrder: 'descending' }, sort: true, note: 'L4, L3.' },
  { what: 'filtered.total', title: 'The server must count only the filter matches in totalResults when paging a filtered query.', query: { filter: scoped('title ew "er"'), count: '1' }, note: 'Three users (L1, L3, L4) have a title ending in "er"; totalResults 3 whatever the page.' },
  { what: 'walk.two', title: 'Walking the pages with count=2 must list every user exactly once.', query: { count: '2' }, walk: { by: 'index', maxPages: 6 }, note: 'The engine follows startIndex = previous startIndex + itemsPerPage until totalResults; each page is judged and the union must be the five users, none twice.' },
  { what: 'walk.one', title: 'Walking the pages one user at a time must list every user exactly once.', query: { count: '1' }, walk: { by: 'index', maxPages: 8 }, note: 'Five pages of one.' },
  { what: 'walk.three', title: 'Walking the pages with count=3 must list every user exactly once.', query: { count: '3' }, walk: { by: 'index', maxPages: 5 }, note: 'Pages of three and two.' },
  { what: 'walk.sorted', title: 'Walking the pages of a userName sort must give the five users in order, each once.', query: { count: '2', ...byName }, sort: true, walk: { by: 'index', maxPages: 6 }, note: 'Concatenated pages must be L1..L5.' },
  { what: 'cursor.first-page', title: 'A server with cursor pagination must answer an empty cursor with the first page and a nextCursor.', query: { cursor: '', count: '2' }, cursor: true, firstOnly: true, walk: { by: 'cursor', maxPages: 1 }, note: 'RFC 9865 §2: "Service providers supporting cursor-based pagination MUST include nextCursor in all paged query responses except when returning the last page."' },
  { what: 'cursor.walk', title: 'Walking nextCursor with count=2 must list every user exactly once and end without a nextCursor.', query: { cursor: '', count: '2' }, cursor: true, walk: { by: 'cursor', maxPages: 6 }, note: 'RFC 9865 §2: nextCursor is omitted only on the last page.' },
  { what: 'cursor.walk-one', title: 'Walking nextCursor one user at a time must list every user exactly once.', query: { cursor: '', count: '1' }, cursor: true, walk: { by: 'cursor', maxPages: 8 }, note: 'Five pages of one.' },
  { what: 'cursor.walk-sorted', title: 'Walking nextCursor over a userName sort must give the five users in order.', query: { cursor: '', count: '2', ...byName }, cursor: true, sort: true, walk: { by: 'cursor', maxPages: 6 }, level: 'SHOULD', note: 'RFC 9865 §2.2: "If sorting is implemented ..., then cursor-paged results SHOULD be sorted."' },
];

const c = requestFamily('pagination', { state: 'user.minimal', requires: ['filter', 'cursor'] });

export function paginationScenarios(): Scenario[] {
  return [
    ...PAGES.map(page),
    s({
      what: 'cursor.search-first-page',
      title: 'A server with cursor pagination must answer a SearchRequest with an empty cursor with the first page and a nextCursor.',
      level: 'MUST',
      refs: ['RFC9865-3', 'RFC7644-3.4.3'],
      requires: ['cursor'],
      request: searchPost({ filter: scoped(), cursor: '', count: 2 }),
      expect: listOk(USERS, { filter: scoped(), count: 2, walk: 'cursor' }),
      note: 'RFC 9865 §3: the cursor parameters go in the SearchRequest body of POST /.search; nextCursor is REQUIRED on every page but the last (§2).',
    }),
    c({
      what: 'cursor.invalid',
      title: 'A server with cursor pagination should refuse a cursor it never issued with 400 invalidCursor.',
      level: 'SHOULD',
      refs: ['RFC9865-2.1', 'RFC7644-3.12'],
      request: listGet({ filter: 'userName eq "{self.userName}"', cursor: 'not-a-cursor-of-this-server', count: '2' }),
      expect: failure([400], ['invalidCursor'], { unchanged: false }),
      note: 'RFC 9865 §2.1: invalid pagination parameters SHOULD get the appropriate status, most often 400, and Table 3 defines scimType invalidCursor for "Cursor value is invalid". An expired cursor (expiredCursor) cannot be tested without waiting cursorTimeout.',
    }),
  ];
}
