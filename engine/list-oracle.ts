// The list oracle (RFC 7644 §3.4.2): what a list or search answer must hold, computed from the
// scenario's own resources as the server answered their creation. The resolved filter is parsed and
// evaluated by patch/ over the candidates; sortBy orders them by the rules of §3.4.2.3 (strings by
// caseExact, a multi-valued attribute by its primary value, no value last ascending and first
// descending); startIndex and count cut the page (§3.4.2.4). The answer's Resources must be
// exactly the matching ones (by id), totalResults their number, itemsPerPage the page's length and
// startIndex the request's. A page walk (the following pages of the same query) must list every
// matching resource exactly once.
import { matchesFilter, parseFilter, PatchError } from '../patch/index.ts';
import { compareSortKeys, sortKey as sharedSortKey, type SortKey } from '../patch/sort-key.ts';
import type { FilterNode } from '../patch/index.ts';
import type { AttributeDef, ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { COMMON_ATTRIBUTES } from '../schemas/rfc7643.ts';
import type { ListAssertion } from '../scenarios/scenario.ts';
import { resolvePlaceholders } from '../scenarios/resolve-placeholders.ts';
import { scopeOf } from '../fixtures/list-users.ts';
import { problem, type Problem } from './findings.ts';
import { isObject, type Observation, type ObservedResponse } from './judge.ts';

/** Every attribute definition a filter or sortBy may name on this resource type. */
export function listScope(schema: ResourceSchema): AttributeDef[] {
  return [...COMMON_ATTRIBUTES, ...schema.core.attributes, ...schema.extensions.flatMap((e) => e.attributes)];
}

/** The aliases (in the assertion's order) whose resources match the filter; throws on a filter the oracle refuses. */
export function expectedMatches(a: ListAssertion, created: Record<string, ScimResource>, schema: ResourceSchema): string[] {
  const filter = a.filter === undefined ? undefined : parseFilter(String(resolvePlaceholders(a.filter, created)));
  const scope = listScope(schema);
  return a.aliases.filter((alias) => {
    const r = created[alias];
    return r !== undefined && (filter === undefined || matchesFilter(filter as FilterNode, r, scope));
  });
}

/** `L2 (Grace Hopper)`; a group's displayName without the run's scope prefix. */
function aliasName(alias: string, resource: ScimResource | undefined): string {
  const shown = resource?.['displayName'];
  if (typeof shown !== 'string' || shown === '') return alias;
  const prefix = scopeOf(shown);
  return `${alias} (${prefix === shown ? shown : shown.slice(prefix.length)})`;
}

/** The key a resource sorts by (patch/sort-key.ts, shared with the reference server); a sortBy its schema does not define has none. */
export function sortKey(resource: ScimResource, sortBy: string, schema: ResourceSchema): SortKey {
  try {
    return sharedSortKey(resource, sortBy, schema);
  } catch {
    return undefined;
  }
}

export { compareSortKeys as compareKeys } from '../patch/sort-key.ts';

interface Page {
  label: string;
  ids: string[];
  body: Record<string, unknown>;
}

const idsOf = (resources: unknown[]): string[] => resources.map((r) => (isObject(r) && typeof r['id'] === 'string' ? r['id'] : '?'));

/** The problem a scenario is filed under comes first: what is listed, then where, then the counts. */
const PRIORITY = ['state:oracle', 'list:not-a-list', 'list:not-matching', 'list:page-size', 'list:start-index', 'list:order', 'list:page-walk', 'list:cursor', 'list:total-results', 'list:items-per-page', 'attributes-ignored'];

/** Judges the answer (and a walk's further pages) against the oracle. A wrong status is the status check's. */
export function judgeList(a: ListAssertion, obs: Observation): Problem[] {
  const rank = (p: Problem) => PRIORITY.indexOf(p.key);
  return judgeAll(a, obs)
    .map((p, i) => [p, i] as const)
    .sort(([x, i], [y, j]) => rank(x) - rank(y) || i - j)
    .map(([p]) => p);
}

function judgeAll(a: ListAssertion, obs: Observation): Problem[] {
  if (obs.patch.status !== 200) return [];
  let matching: string[];
  try {
    matching = expectedMatches(a, obs.created, obs.schema);
  } catch (e) {
    return [problem('state:oracle', `scenario inconsistent: the list oracle rejects the filter (${e instanceof PatchError ? e.detail : String(e)})`)];
  }
  const answers: ObservedResponse[] = [obs.patch, ...(obs.pages ?? [])];
  const pages: Page[] = [];
  const problems: Problem[] = [];
  for (const [i, answer] of answers.entries()) {
    const label = answers.length > 1 ? `page ${i + 1}` : 'ListResponse';
    const body = answer.json;
    if (answer.status !== 200 || !isObject(body)) {
      problems.push(problem('list:not-a-list', `${label}: ${answer.status !== 200 ? `answered ${answer.status}` : 'the 200 body is not a ListResponse object'}`));
      return problems;
    }
    const resources = body['Resources'];
    if (resources !== undefined && !Array.isArray(resources)) {
      problems.push(problem('list:not-a-list', `${label}: Resources is not an array`));
      return problems;
    }
    pages.push({ label, ids: idsOf(resources ?? []), body });
    problems.push(...judgeProjection(a, label, resources ?? [], obs.schema));
  }
  // An alias with its displayName ("L2 (Grace Hopper)", "G2 (g2-navy)"): the list resources are
  // shared, so the scenario's own exchanges need not show their creation.
  const aliasOf = new Map(a.aliases.map((alias) => [String(obs.created[alias]?.['id']), aliasName(alias, obs.created[alias])]));
  const name = (id: string) => aliasOf.get(id) ?? id;
  const names = (ids: string[]) => ids.map(name).join(', ') || 'none';
  const start = Math.max(1, a.startIndex ?? 1);
  const count = a.count === undefined ? undefined : Math.max(0, a.count);
  const matchingIds = matching.map((alias) => String(obs.created[alias]!['id']));
  const ordered = a.sortBy ? orderOf(matching, a, obs) : matchingIds;
  const walking = obs.pages !== undefined;

  let listedSoFar = 0;
  for (const [i, page] of pages.entries()) {
    listedSoFar += page.ids.length;
    const total = page.body['totalResults'];
    if (total !== matching.length && !(a.walk === 'cursor' && total === undefined)) {
      problems.push(problem('list:total-results', `${page.label}: totalResults ${JSON.stringify(total)}, but ${matching.length} of the scenario's resources match (${names(matchingIds)})`));
    }
    const foreign = page.ids.filter((id) => !matchingIds.includes(id));
    if (foreign.length > 0) problems.push(problem('list:not-matching', `${page.label}: lists ${names(foreign)}, which the query does not match (matching: ${names(matchingIds)})`));
    if (count !== undefined && page.ids.length > count) problems.push(problem('list:page-size', `${page.label}: ${page.ids.length} resources where count=${count} allows at most ${count}`));
    if (a.walk === 'cursor' && typeof page.body['nextCursor'] !== 'string' && listedSoFar < matching.length) {
      problems.push(problem('list:cursor', `${page.label}: no nextCursor although ${matching.length - listedSoFar} matching resource(s) are still to come (RFC 9865 §2: nextCursor on every page but the last)`));
    }
    const perPage = page.body['itemsPerPage'];
    const partial = page.ids.length < matching.length;
    if (perPage !== undefined ? perPage !== page.ids.length : partial) {
      problems.push(problem('list:items-per-page', `${page.label}: itemsPerPage ${JSON.stringify(perPage)} with ${page.ids.length} resources on the page`));
    }
    const echoed = page.body['startIndex'];
    if (i === 0 && a.walk !== 'cursor' && (echoed !== undefined ? echoed !== start : partial)) {
      problems.push(problem('list:start-index', `${page.label}: startIndex ${JSON.stringify(echoed)} where the request asked for ${start}`));
    }
  }
  if (walking) {
    const seen = new Map<string, number>();
    for (const p of pages) for (const id of p.ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    const twice = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    const lost = matchingIds.filter((id) => !seen.has(id));
    if (twice.length > 0 || lost.length > 0) {
      problems.push(problem('list:page-walk', `walking ${pages.length} page(s): ${twice.length > 0 ? `listed more than once: ${names(twice)}` : ''}${twice.length > 0 && lost.length > 0 ? '; ' : ''}${lost.length > 0 ? `on no page: ${names(lost)}` : ''}`));
    }
    if (a.sortBy && twice.length === 0 && lost.length === 0) problems.push(...judgeOrder(pages.flatMap((p) => p.ids), ordered, 1, a, obs, names));
    return problems;
  }
  const first = pages[0]!;
  if (count === undefined && start === 1) {
    const missing = matchingIds.filter((id) => !first.ids.includes(id));
    if (missing.length > 0) problems.push(problem('list:not-matching', `${first.label}: leaves out ${names(missing)}, which the query matches`));
  }
  if (count === 0 && first.ids.length > 0) problems.push(problem('list:page-size', `${first.label}: count=0 must return no resources, got ${first.ids.length}`));
  if (a.sortBy) problems.push(...judgeOrder(first.ids, ordered, start, a, obs, names));
  return problems;
}

/** The matching resources' ids in the order the oracle sorts them. */
function orderOf(matching: string[], a: ListAssertion, obs: Observation): string[] {
  const keyed = matching.map((alias) => ({ id: String(obs.created[alias]!['id']), key: sortKey(obs.created[alias]!, a.sortBy!, obs.schema) }));
  const dir = a.sortOrder === 'descending' ? -1 : 1;
  return keyed.sort((x, y) => dir * compareSortKeys(x.key, y.key)).map((k) => k.id);
}

/**
 * The listed ids must follow the sort: where the keys are distinct, position by position from
 * startIndex; where some keys tie (their order is the server's), each step must not go backwards.
 */
function judgeOrder(got: string[], ordered: string[], start: number, a: ListAssertion, obs: Observation, names: (ids: string[]) => string): Problem[] {
  const byId = new Map(Object.values(obs.created).map((r) => [String(r['id']), r]));
  const key = (id: string) => {
    const r = byId.get(id);
    return r ? sortKey(r, a.sortBy!, obs.schema) : undefined;
  };
  const dir = a.sortOrder === 'descending' ? -1 : 1;
  const keys = ordered.map(key);
  const distinct = new Set(keys.map((k) => JSON.stringify(k ?? null))).size === keys.length;
  const want = ordered.slice(start - 1, start - 1 + got.length);
  const order = `sortBy=${a.sortBy}${a.sortOrder ? ` sortOrder=${a.sortOrder}` : ''}`;
  if (distinct) {
    if (got.every((id, i) => id === want[i])) return [];
    const at = got.length > 0 ? ordered.findIndex((_, k) => got.every((id, i) => id === ordered[k + i])) : -1;
    if (at >= 0 && at !== start - 1) return [problem('list:start-index', `the page holds results ${at + 1}..${at + got.length} of the sorted set where startIndex=${start} was asked (${order}: ${names(got)})`)];
    // The listed resources all match (membership is judged apart): they are in the wrong places.
    return [problem('list:order', `${order}: expected ${names(want)}, got ${names(got)}`)];
  }
  for (let i = 1; i < got.length; i++) {
    if (dir * compareSortKeys(key(got[i - 1]!), key(got[i]!)) > 0) return [problem('list:order', `${order}: ${names([got[i - 1]!])} is listed before ${names([got[i]!])} (expected ${names(ordered)})`)];
  }
  return [];
}

/** attributes / excludedAttributes on a list or search apply to every listed resource (RFC 7644 §3.4.2.5). */
function judgeProjection(a: ListAssertion, label: string, resources: unknown[], schema: ResourceSchema): Problem[] {
  const problems: Problem[] = [];
  const always = new Set(['id', 'schemas', 'meta']);
  // A returned:"never" attribute (password) is the returned-never check's, not this one's.
  for (const d of schema.core.attributes) if (d.returned === 'never') always.add(d.name.toLowerCase());
  for (const r of resources) {
    if (!isObject(r)) continue;
    const keys = Object.keys(r).map((k) => k.toLowerCase());
    if (a.attributes) {
      const allowed = new Set([...always, ...a.attributes.map((n) => n.toLowerCase())]);
      const extra = keys.filter((k) => !allowed.has(k) && !k.startsWith('urn:'));
      if (extra.length > 0) {
        problems.push(problem('attributes-ignored', `${label}: a listed resource carries ${extra.join(', ')}, which attributes=${a.attributes.join(',')} did not ask for`));
        break;
      }
    }
    if (a.excludedAttributes) {
      const kept = a.excludedAttributes.filter((n) => keys.includes(n.toLowerCase()));
      if (kept.length > 0) {
        problems.push(problem('attributes-ignored', `${label}: a listed resource carries ${kept.join(', ')}, which excludedAttributes names`));
        break;
      }
    }
  }
  return problems;
}
