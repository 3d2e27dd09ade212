import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import type { ScimResource } from '../schemas/scim-schema.ts';
import type { ListAssertion } from '../scenarios/scenario.ts';
import type { Observation } from './judge.ts';
import { compareKeys, expectedMatches, judgeList, sortKey } from './list-oracle.ts';

const { User } = builtinResourceSchemas();
const user = (n: number, extra: ScimResource = {}): ScimResource => ({ id: `id-${n}`, userName: `p-l${n}-x@example.com`, ...extra });
const created: Record<string, ScimResource> = {
  L1: user(1, { title: 'Engineer', emails: [{ value: 'b@x', primary: true }, { value: 'a@x' }] }),
  L2: user(2, { title: 'admiral', emails: [{ value: 'c@x' }], displayName: 'Grace Hopper' }),
  L3: user(3, { title: 'engineer' }),
};
const aliases = ['L1', 'L2', 'L3'];
const list = (ids: string[], extra: Record<string, unknown> = {}) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: ids.length, itemsPerPage: ids.length, startIndex: 1, Resources: ids.map((id) => ({ id })), ...extra });
const obs = (body: unknown, pages?: unknown[]): Observation => ({
  schema: User,
  patch: { status: 200, json: body, text: '', headers: {} },
  created,
  projected: false,
  ...(pages ? { pages: pages.map((json) => ({ status: 200, json, text: '', headers: {} })) } : {}),
});
const keys = (a: Omit<ListAssertion, 'kind' | 'aliases'>, o: Observation) => judgeList({ kind: 'list', aliases, ...a }, o).map((p) => p.key);

describe('expectedMatches', () => {
  it('evaluates the filter over the candidates with the schema case rules', () => {
    expect(expectedMatches({ kind: 'list', aliases, filter: 'title eq "ENGINEER"' }, created, User)).toEqual(['L1', 'L3']);
    expect(expectedMatches({ kind: 'list', aliases, filter: 'id eq "ID-2"' }, created, User)).toEqual([]);
    expect(expectedMatches({ kind: 'list', aliases, filter: 'userName eq "{L2.userName|upper}"' }, created, User)).toEqual(['L2']);
  });
});

describe('sortKey', () => {
  it('sorts a multi-valued attribute by its primary value, strings by caseExact, no value last', () => {
    expect(sortKey(created['L1']!, 'emails', User)).toBe('b@x');
    expect(sortKey(created['L2']!, 'emails.value', User)).toBe('c@x');
    expect(sortKey(created['L2']!, 'title', User)).toBe('admiral');
    expect(sortKey(created['L3']!, 'emails', User)).toBeUndefined();
    expect(compareKeys(undefined, 'a')).toBeGreaterThan(0);
  });
});

describe('judgeList', () => {
  it('passes the exact matching set, in any order without sortBy', () => {
    expect(keys({ filter: 'title sw "eng"' }, obs(list(['id-3', 'id-1'])))).toEqual([]);
  });

  it('finds a foreign or missing resource, a wrong total and a wrong itemsPerPage', () => {
    expect(keys({ filter: 'title sw "eng"' }, obs(list(['id-1', 'id-2'])))[0]).toBe('list:not-matching');
    expect(keys({ filter: 'title sw "eng"' }, obs(list(['id-1']))) [0]).toBe('list:not-matching');
    // The resources are named by alias and displayName: a shared list state's creation is not in every scenario's exchanges.
    const [missing] = judgeList({ kind: 'list', aliases, filter: 'title eq "admiral"' }, obs(list([])));
    expect(missing?.text).toContain('leaves out L2 (Grace Hopper), which the query matches');
    expect(keys({}, obs(list(['id-1', 'id-2', 'id-3'], { totalResults: 2 })))).toEqual(['list:total-results']);
    expect(keys({}, obs(list(['id-1', 'id-2', 'id-3'], { itemsPerPage: 9 })))).toEqual(['list:items-per-page']);
  });

  it('judges count, startIndex echo and count=0', () => {
    expect(keys({ count: 1 }, obs(list(['id-2'], { totalResults: 3 })))).toEqual([]);
    expect(keys({ count: 1 }, obs(list(['id-2', 'id-1'], { totalResults: 3 })))).toEqual(['list:page-size']);
    expect(keys({ startIndex: 0, count: 1 }, obs(list(['id-2'], { totalResults: 3, startIndex: 0 })))).toEqual(['list:start-index']);
    expect(keys({ count: 0 }, obs({ schemas: [], totalResults: 3, itemsPerPage: 0, startIndex: 1 }))).toEqual([]);
  });

  it('judges the order of a sort, ties in any order, and a page that starts at the wrong place', () => {
    expect(keys({ sortBy: 'userName', sortOrder: 'descending' }, obs(list(['id-3', 'id-2', 'id-1'])))).toEqual([]);
    expect(keys({ sortBy: 'userName', sortOrder: 'descending' }, obs(list(['id-1', 'id-2', 'id-3'])))).toEqual(['list:order']);
    expect(keys({ sortBy: 'title' }, obs(list(['id-2', 'id-3', 'id-1'])))).toEqual([]);
    expect(keys({ sortBy: 'userName', startIndex: 2, count: 1 }, obs(list(['id-3'], { totalResults: 3, startIndex: 2 })))).toEqual(['list:start-index']);
  });

  it('walks pages: every match once', () => {
    const p1 = list(['id-1', 'id-2'], { totalResults: 3 });
    expect(keys({ count: 2, walk: 'index' }, obs(p1, [list(['id-3'], { totalResults: 3, startIndex: 3 })]))).toEqual([]);
    expect(keys({ count: 2, walk: 'index' }, obs(p1, [list(['id-2'], { totalResults: 3, startIndex: 3 })]))).toEqual(['list:page-walk']);
  });

  it('requires nextCursor on every cursor page but the last', () => {
    const first = { schemas: [], totalResults: 3, itemsPerPage: 2, Resources: [{ id: 'id-1' }, { id: 'id-2' }] };
    expect(keys({ count: 2, walk: 'cursor' }, obs(first))).toEqual(['list:cursor']);
    expect(keys({ count: 2, walk: 'cursor' }, obs({ ...first, nextCursor: 'c' }))).toEqual([]);
  });

  it('leaves a wrong status to the status check and reports a projection ignored', () => {
    expect(judgeList({ kind: 'list', aliases }, { ...obs({}), patch: { status: 400, json: {}, text: '', headers: {} } })).toEqual([]);
    const full = { ...list(['id-1', 'id-2', 'id-3']), Resources: [{ id: 'id-1', title: 'x' }, { id: 'id-2' }, { id: 'id-3' }] };
    expect(keys({ attributes: ['userName'] }, obs(full))).toEqual(['attributes-ignored']);
  });
});
