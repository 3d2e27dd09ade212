// Shared pieces of the list families (filter, pagination, sort, search): the `{scope}` placeholder,
// the scoped filter, the list requests and the list oracle's assertion. Every list query of a
// scenario is scoped with `userName sw "{scope}"` (groups: `displayName sw "{scope}"`), the prefix
// only the resources of its starting state carry (fixtures/list-users.ts; created once per session
// and only queried), so that on a real server full of other users only those can match.
import type { Assertion, ListAssertion, Scenario } from '../scenario.ts';
import { failure, okChecked } from './build.ts';

/** The users of the `users.list` state, and the `{scope}` placeholder bound to the last of them (so all are created). */
export const USERS = ['L1', 'L2', 'L3', 'L4', 'L5'];
export const GROUPS = ['G1', 'G2', 'G3'];
const USER_SCOPE = '{L5.userName|scope}';
const GROUP_SCOPE = '{G3.displayName|scope}';

/** `{scope}` in scenario text stands for the prefix of the scenario's list resources. */
export function withScope(text: string, kind: 'User' | 'Group' = 'User'): string {
  return text.replaceAll('{scope}', kind === 'User' ? USER_SCOPE : GROUP_SCOPE);
}

/** The scope filter, and the tested expression inside it when there is one. */
export function scoped(expression?: string, kind: 'User' | 'Group' = 'User'): string {
  const attr = kind === 'User' ? 'userName' : 'displayName';
  return withScope(expression === undefined ? `${attr} sw "{scope}"` : `${attr} sw "{scope}" and (${expression})`, kind);
}

/** GET of the collection with these query parameters (placeholders allowed). */
export function listGet(query: Record<string, string>, kind: 'User' | 'Group' = 'User'): Scenario['request'] {
  return { target: { unknown: kind }, method: 'GET', endpoint: 'collection', body: undefined, query };
}

/** POST of a SearchRequest to the type's /.search, or the root /.search. */
export function searchPost(body: Record<string, unknown>, where: 'search' | 'root-search' = 'search', kind: 'User' | 'Group' = 'User'): Scenario['request'] {
  return { target: { unknown: kind }, method: 'POST', endpoint: where, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], ...body } };
}

/** The list oracle over these aliases, for a query written like the request's. */
export function listCheck(aliases: string[], query: Omit<ListAssertion, 'kind' | 'aliases'>): Assertion {
  return { kind: 'list', aliases, ...query };
}

/** 200 with the answer the list oracle computes. */
export function listOk(aliases: string[], query: Omit<ListAssertion, 'kind' | 'aliases'>) {
  return okChecked([listCheck(aliases, query)], { status: [200] });
}

/** A filter RFC 7644 Table 9 lets a server refuse: "the specified attribute and filter comparison combination is not supported". */
export const unsupportedCombination = failure([400], ['invalidFilter']);
