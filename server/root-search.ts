// POST /.search at the server root (RFC 7644 §3.4.3): one query across every resource type. Each
// resource keeps its own schemas; a filter attribute one type does not define simply matches none
// of that type's resources, and only a filter no type understands is 400 invalidFilter. Sorting
// is over the union, by the sortBy value each resource has under its own schema.
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import type { RequestContext, ServerState } from './context.ts';
import { ScimHttpError } from './errors.ts';
import type { HttpResult } from './http-io.ts';
import { pageAnswer } from './list-answer.ts';
import type { ListQuery } from './list-query.ts';
import { compareKeys, parseSearchRequest, selectResources, sortKeyOf, unknownFilterAttribute } from './list-query.ts';
import { projectResource } from './project-attributes.ts';
import { renderResource } from './render.ts';

export async function handleRootSearch(ctx: RequestContext, state: ServerState): Promise<HttpResult> {
  if (ctx.method !== 'POST') throw new ScimHttpError(405, `Method ${ctx.method} is not allowed on /.search; allowed: POST`, undefined, { Allow: 'POST' });
  const asked = parseSearchRequest(await ctx.readBody(), state.maxResults);
  const query = state.defects.listQuery(asked, { search: true, root: true });
  const types = state.registry.all;
  const filter = query.filter;
  const usable = filter === undefined ? types : types.filter((t) => unknownFilterAttribute(filter, t) === undefined);
  if (usable.length === 0 && filter !== undefined) {
    throw new ScimHttpError(400, `filter names "${unknownFilterAttribute(filter, types[0]!)}", which no resource type defines`, 'invalidFilter');
  }
  const unsorted: ListQuery = { ...query };
  delete unsorted.sortBy;
  const items: Array<{ resource: ScimResource; schema: ResourceSchema }> = [];
  for (const schema of usable) {
    const views = state.service.store.list(schema.resourceType.name).map((r) => renderResource(ctx.render, r));
    for (const resource of selectResources(views, unsorted, schema, (defs) => state.defects.filterScope(defs))) items.push({ resource, schema });
  }
  const ordered = query.sortBy === undefined ? items : sortAcross(items, query);
  const schemaOf = new Map(ordered.map((i) => [i.resource, i.schema]));
  return pageAnswer(state, ordered.map((i) => i.resource), asked, query, '/', (r) => projectResource(r, schemaOf.get(r)!, query));
}

/** The union sorted by each resource's sortBy value under its own schema (RFC 7644 §3.4.2.3). */
function sortAcross(items: Array<{ resource: ScimResource; schema: ResourceSchema }>, query: ListQuery): Array<{ resource: ScimResource; schema: ResourceSchema }> {
  const direction = query.sortOrder === 'descending' ? -1 : 1;
  const keyed = items.map((item, index) => ({ item, index, key: sortKeyOf(item.resource, query.sortBy!, item.schema) }));
  keyed.sort((a, b) => direction * compareKeys(a.key, b.key) || a.index - b.index);
  return keyed.map((k) => k.item);
}
