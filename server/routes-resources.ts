// /Users and /Groups (any registered resource type): create, read, list, search, replace,
// patch, delete (RFC 7644 §3.3–§3.6). Bodies are read before the synchronous part that
// touches the store.
import type { ResourceSchema } from '../schemas/scim-schema.ts';
import { header } from './context.ts';
import type { RequestContext, ServerState } from './context.ts';
import { ScimHttpError } from './errors.ts';
import { notModified } from './etag.ts';
import type { HttpResult } from './http-io.ts';
import { parseListQuery, parseSearchRequest } from './list-query.ts';
import { answerList } from './list-answer.ts';
import type { ListQuery } from './list-query.ts';
import { parseAttributeList, projectResource } from './project-attributes.ts';
import type { Projection } from './project-attributes.ts';
import { etagOf, locationOf, renderResource } from './render.ts';
import { lifecycleDefects } from './defect-lifecycle.ts';
import type { StoredResource } from './store.ts';

function methodNotAllowed(method: string, allow: string[]): ScimHttpError {
  return new ScimHttpError(405, `Method ${method} is not allowed here; allowed: ${allow.join(', ')}`, undefined, {
    Allow: allow.join(', '),
  });
}

function projectionOf(ctx: RequestContext): Projection {
  const projection: Projection = {};
  const attributes = parseAttributeList(ctx.query.get('attributes'));
  const excluded = parseAttributeList(ctx.query.get('excludedAttributes'));
  if (attributes !== undefined) projection.attributes = attributes;
  if (excluded !== undefined) projection.excludedAttributes = excluded;
  return projection;
}

function hasProjection(projection: Projection): boolean {
  return projection.attributes !== undefined || projection.excludedAttributes !== undefined;
}

function versionHeaders(ctx: RequestContext, state: ServerState, record: StoredResource): Record<string, string> {
  const headers: Record<string, string> = { Location: locationOf(ctx.render, record.resourceType, record.id) };
  if (state.etag) headers['ETag'] = etagOf(record);
  return headers;
}

function resourceResult(
  ctx: RequestContext,
  state: ServerState,
  schema: ResourceSchema,
  record: StoredResource,
  status: number,
): HttpResult {
  const body = projectResource(renderResource(ctx.render, record), schema, projectionOf(ctx));
  return { status, headers: versionHeaders(ctx, state, record), body };
}

function listResult(ctx: RequestContext, state: ServerState, schema: ResourceSchema, query: ListQuery, search = false): HttpResult {
  const views = state.service.store.list(schema.resourceType.name).map((r) => renderResource(ctx.render, r));
  return answerList(state, schema, views, query, { search, root: false });
}

async function collection(ctx: RequestContext, state: ServerState, schema: ResourceSchema): Promise<HttpResult> {
  if (ctx.method === 'GET') return listResult(ctx, state, schema, parseListQuery(ctx.query, state.maxResults));
  if (ctx.method === 'POST') {
    const body = await ctx.readBody();
    const record = state.service.create(schema, body);
    return resourceResult(ctx, state, schema, record, 201);
  }
  throw methodNotAllowed(ctx.method, ['GET', 'POST']);
}

async function search(ctx: RequestContext, state: ServerState, schema: ResourceSchema): Promise<HttpResult> {
  if (ctx.method !== 'POST') throw methodNotAllowed(ctx.method, ['POST']);
  const body = await ctx.readBody();
  return listResult(ctx, state, schema, parseSearchRequest(body, state.maxResults), true);
}

async function single(ctx: RequestContext, state: ServerState, schema: ResourceSchema, id: string): Promise<HttpResult> {
  const conditions = { ifMatch: header(ctx, 'if-match') };
  switch (ctx.method) {
    case 'GET': {
      const lifecycle = lifecycleDefects(state.defects.names);
      const record = lifecycle.ghost(state.service.store, schema.resourceType.name, id) ?? state.service.get(schema, id);
      if (state.etag && notModified(lifecycle.ifNoneMatch(header(ctx, 'if-none-match')), etagOf(record))) {
        return { status: 304, headers: versionHeaders(ctx, state, record) };
      }
      return resourceResult(ctx, state, schema, record, 200);
    }
    case 'PUT': {
      const body = await ctx.readBody();
      const record = state.service.replace(ctx.render, schema, id, body, conditions);
      return resourceResult(ctx, state, schema, record, 200);
    }
    case 'PATCH': {
      const read = await ctx.readBody();
      const body = state.emulation ? state.emulation.decodePatch(read, schema) : read;
      const { record, previous } = state.service.patch(ctx.render, schema, id, body, conditions);
      // RFC 7644 §3.5.2: with attributes/excludedAttributes the answer must carry the resource.
      if (state.patchSuccess === 204 && !hasProjection(projectionOf(ctx))) {
        return { status: 204, headers: versionHeaders(ctx, state, record) };
      }
      return state.defects.patchResponse(resourceResult(ctx, state, schema, record, 200), () => ({
        schema,
        record,
        previous,
        projection: projectionOf(ctx),
        render: (r) => renderResource(ctx.render, r),
        project: (r, p) => projectResource(r, schema, p),
      }));
    }
    case 'DELETE':
      state.service.delete(ctx.render, schema, id, conditions);
      return { status: 204 };
    default:
      throw methodNotAllowed(ctx.method, ['GET', 'PUT', 'PATCH', 'DELETE']);
  }
}

/** Routes the segments after the resource type's endpoint segment. */
export async function handleResources(
  ctx: RequestContext,
  state: ServerState,
  schema: ResourceSchema,
  rest: string[],
): Promise<HttpResult> {
  if (rest.length === 0) return collection(ctx, state, schema);
  if (rest.length === 1 && rest[0] === '.search') return search(ctx, state, schema);
  if (rest.length === 1 && rest[0] !== undefined && rest[0] !== '') return single(ctx, state, schema, rest[0]);
  throw new ScimHttpError(404, `No such endpoint: ${schema.resourceType.endpoint}/${rest.join('/')}`);
}
