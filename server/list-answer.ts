// The ListResponse of a list or search (RFC 7644 §3.4.2): the selected resources paged by
// startIndex/count, or by cursor when the request carries one (RFC 9865: `cursor` empty for the
// first page; `nextCursor` on every page but the last, `previousCursor` after the first). Used by
// the resource types' GET / POST .search and by the root POST /.search.
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { URN } from '../schemas/scim-schema.ts';
import type { ServerState } from './context.ts';
import type { ListRequest } from './defect-hooks.ts';
import type { HttpResult } from './http-io.ts';
import { cursorsOf } from './list-cursor.ts';
import type { ListQuery } from './list-query.ts';
import { selectResources } from './list-query.ts';
import { projectResource } from './project-attributes.ts';

/** One resource type's list answer: `views` are its full representations. */
export function answerList(state: ServerState, schema: ResourceSchema, views: ScimResource[], asked: ListQuery, request: ListRequest): HttpResult {
  const query = state.defects.listQuery(asked, request);
  const selected = selectResources(views, query, schema, (defs) => state.defects.filterScope(defs));
  return pageAnswer(state, selected, asked, query, schema.resourceType.name, (r) => projectResource(r, schema, query));
}

/**
 * The page of `selected` the query asks for, as a ListResponse. `asked` is the query as the client
 * sent it (startIndex is echoed from it), `query` the one the server ran with.
 */
export function pageAnswer(state: ServerState, selected: ScimResource[], asked: ListQuery, query: ListQuery, typeKey: string, project: (r: ScimResource) => ScimResource): HttpResult {
  const body: Record<string, unknown> = { schemas: [URN.listResponse], totalResults: selected.length };
  if (query.cursor !== undefined) {
    const key = JSON.stringify([typeKey, query.filter ?? null, query.sortBy ?? null, query.sortOrder, query.count]);
    const cursors = cursorsOf(state);
    const offset = query.cursor === '' ? 0 : cursors.resolve(query.cursor, key);
    const page = selected.slice(offset, offset + query.count);
    body['itemsPerPage'] = page.length;
    if (page.length > 0 && offset + page.length < selected.length) body['nextCursor'] = cursors.issue(key, offset + page.length);
    if (offset > 0) body['previousCursor'] = cursors.issue(key, Math.max(0, offset - query.count));
    body['Resources'] = page.map(project);
    return { status: 200, body };
  }
  const start = query.startIndex - 1;
  const page = selected.slice(start, start + query.count);
  body['itemsPerPage'] = page.length;
  body['startIndex'] = asked.startIndex;
  body['Resources'] = page.map(project);
  return { status: 200, body };
}
