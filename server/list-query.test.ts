import { describe, it, expect } from 'vitest';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { parseListQuery, parseSearchRequest, runListQuery, SEARCH_REQUEST_URN } from './list-query.ts';
import { ScimHttpError } from './errors.ts';

const { User } = builtinResourceSchemas();
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const users = [
  { id: '1', userName: 'carol', title: 'B', password: 'pw1', meta: { lastModified: '2024-01-03T00:00:00.000Z' } },
  { id: '2', userName: 'Alice', emails: [{ value: 'z@x', primary: false }, { value: 'a@x', primary: true }], meta: { lastModified: '2024-01-01T00:00:00.000Z' } },
  { id: '3', userName: 'bob', title: 'a', [ENT]: { department: 'Ops' }, emails: [{ value: 'm@x' }], meta: { lastModified: '2024-01-02T00:00:00.000Z' } },
];

const ids = (rs: Array<Record<string, unknown>>): unknown[] => rs.map((r) => r['id']);

describe('parseListQuery', () => {
  it('defaults to startIndex 1 and count maxResults', () => {
    expect(parseListQuery(new URLSearchParams(''), 200)).toEqual({ startIndex: 1, count: 200, sortOrder: 'ascending' });
  });

  it('clamps startIndex below 1, negative count and count above the maximum', () => {
    const q = parseListQuery(new URLSearchParams('startIndex=0&count=-5'), 200);
    expect(q).toMatchObject({ startIndex: 1, count: 0 });
    expect(parseListQuery(new URLSearchParams('count=1000'), 200).count).toBe(200);
  });

  it('rejects non-integers, bad sortOrder and bad filters with 400', () => {
    for (const qs of ['count=ten', 'startIndex=1.5', 'sortOrder=up', 'filter=userName%20eq', 'filter=']) {
      let status: number | undefined;
      try {
        parseListQuery(new URLSearchParams(qs), 200);
      } catch (e) {
        status = (e as ScimHttpError).status;
      }
      expect(status, qs).toBe(400);
    }
  });

  it('reads attributes lists', () => {
    const q = parseListQuery(new URLSearchParams('attributes=userName,emails&excludedAttributes=meta'), 200);
    expect(q.attributes).toEqual(['userName', 'emails']);
    expect(q.excludedAttributes).toEqual(['meta']);
  });
});

describe('parseSearchRequest', () => {
  it('needs the SearchRequest schema and reads numbers and arrays', () => {
    const q = parseSearchRequest({ schemas: [SEARCH_REQUEST_URN], startIndex: 2, count: 5, attributes: ['userName'], sortBy: 'userName' }, 200);
    expect(q).toMatchObject({ startIndex: 2, count: 5, attributes: ['userName'], sortBy: 'userName' });
    expect(() => parseSearchRequest({ filter: 'x' }, 200)).toThrow(ScimHttpError);
    expect(() => parseSearchRequest({ schemas: [SEARCH_REQUEST_URN], count: {} }, 200)).toThrow(ScimHttpError);
  });
});

describe('runListQuery', () => {
  const run = (qs: string) => runListQuery(users, parseListQuery(new URLSearchParams(qs), 200), User);

  it('filters case-insensitively on caseExact false attributes, including extension and meta attributes', () => {
    expect(ids(run('filter=userName eq "ALICE"').page)).toEqual(['2']);
    expect(ids(run(`filter=${encodeURIComponent(`${ENT}:department eq "ops"`)}`).page)).toEqual(['3']);
    expect(ids(run(`filter=${encodeURIComponent('meta.lastModified gt "2024-01-01T12:00:00Z"')}`).page)).toEqual(['1', '3']);
    expect(run('filter=password pr').totalResults).toBe(0);
  });

  it('sorts case-insensitively, unassigned last when ascending and first when descending', () => {
    expect(ids(run('sortBy=userName').page)).toEqual(['2', '3', '1']);
    expect(ids(run('sortBy=title').page)).toEqual(['3', '1', '2']);
    expect(ids(run('sortBy=title&sortOrder=descending').page)).toEqual(['2', '1', '3']);
  });

  it('sorts multi-valued attributes by the primary value, else the first', () => {
    expect(ids(run('sortBy=emails.value').page)).toEqual(['2', '3', '1']);
    expect(ids(run('sortBy=meta.lastModified').page)).toEqual(['2', '3', '1']);
  });

  it('paginates with a 1-based startIndex', () => {
    const r = run('sortBy=userName&startIndex=2&count=1');
    expect(r.totalResults).toBe(3);
    expect(ids(r.page)).toEqual(['3']);
    expect(run('startIndex=10').page).toEqual([]);
  });
});
