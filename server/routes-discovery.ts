// Discovery endpoints (RFC 7644 §4, RFC 7643 §5–§7): /ServiceProviderConfig, /ResourceTypes,
// /Schemas. Read-only; pagination and sorting are ignored, and a filter is refused with 403
// as §4 recommends, so a client never believes a filter was applied.
import type { SchemaDef } from '../schemas/scim-schema.ts';
import { URN } from '../schemas/scim-schema.ts';
import type { RequestContext, ServerState } from './context.ts';
import { ScimHttpError } from './errors.ts';
import type { HttpResult } from './http-io.ts';
import { CURSOR_TIMEOUT_SECONDS } from './list-cursor.ts';
import { BULK_LIMITS } from './bulk.ts';
import type { ResourceSchema, ResourceTypeDef } from '../schemas/scim-schema.ts';

export const DISCOVERY_ENDPOINTS = ['ServiceProviderConfig', 'ResourceTypes', 'Schemas'] as const;

function serviceProviderConfig(ctx: RequestContext, state: ServerState): Record<string, unknown> {
  return {
    schemas: [URN.serviceProviderConfig],
    patch: { supported: true },
    // Bulk (bulk.ts) is the reference server's; an emulated vendor contract documents PATCH only.
    bulk: { supported: !state.emulation, maxOperations: BULK_LIMITS.maxOperations, maxPayloadSize: BULK_LIMITS.maxPayloadSize },
    filter: { supported: true, maxResults: state.maxResults },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: state.etag },
    // RFC 9865 §4: both index and cursor pagination; index when the request names neither.
    pagination: { cursor: true, index: true, defaultPaginationMethod: 'index', defaultPageSize: state.maxResults, maxPageSize: state.maxResults, cursorTimeout: CURSOR_TIMEOUT_SECONDS },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with a bearer token in the Authorization header (RFC 6750)',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${ctx.render.baseUrl}/ServiceProviderConfig`,
    },
  };
}

function resourceTypeResource(ctx: RequestContext, def: ResourceTypeDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    schemas: [URN.resourceType],
    id: def.id,
    name: def.name,
    endpoint: def.endpoint,
  };
  if (def.description !== undefined) out['description'] = def.description;
  out['schema'] = def.schema;
  out['schemaExtensions'] = structuredClone(def.schemaExtensions);
  out['meta'] = {
    resourceType: 'ResourceType',
    location: `${ctx.render.baseUrl}/ResourceTypes/${encodeURIComponent(def.id)}`,
  };
  return out;
}

function schemaResource(ctx: RequestContext, def: SchemaDef): Record<string, unknown> {
  const out: Record<string, unknown> = { schemas: [URN.schema], id: def.id, name: def.name };
  if (def.description !== undefined) out['description'] = def.description;
  out['attributes'] = structuredClone(def.attributes);
  out['meta'] = { resourceType: 'Schema', location: `${ctx.render.baseUrl}/Schemas/${def.id}` };
  return out;
}

/** Every schema the registered resource types use, each once, cores first. */
export function allSchemas(types: ResourceSchema[]): SchemaDef[] {
  const seen = new Map<string, SchemaDef>();
  for (const t of types) if (!seen.has(t.core.id)) seen.set(t.core.id, t.core);
  for (const t of types) for (const e of t.extensions) if (!seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()];
}

function listResponse(resources: unknown[]): HttpResult {
  return {
    status: 200,
    body: {
      schemas: [URN.listResponse],
      totalResults: resources.length,
      itemsPerPage: resources.length,
      startIndex: 1,
      Resources: resources,
    },
  };
}

function findById<T>(items: T[], id: string, key: (item: T) => string): T | undefined {
  const lower = id.toLowerCase();
  return items.find((item) => key(item).toLowerCase() === lower);
}

/** Handles a discovery request; `endpoint` is one of DISCOVERY_ENDPOINTS. */
export function handleDiscovery(ctx: RequestContext, state: ServerState, endpoint: string, rest: string[]): HttpResult {
  if (ctx.method !== 'GET') {
    throw new ScimHttpError(405, `Method ${ctx.method} is not allowed on /${endpoint}; allowed: GET`, undefined, { Allow: 'GET' });
  }
  if (ctx.query.has('filter')) {
    throw new ScimHttpError(403, `Filtering is not supported on /${endpoint}`);
  }
  if (rest.length > 1 || (endpoint === 'ServiceProviderConfig' && rest.length > 0)) {
    throw new ScimHttpError(404, `No such endpoint: /${endpoint}/${rest.join('/')}`);
  }
  const id = rest[0];
  if (endpoint === 'ServiceProviderConfig') return { status: 200, body: serviceProviderConfig(ctx, state) };
  if (endpoint === 'ResourceTypes') {
    const defs = state.registry.all.map((t) => t.resourceType);
    if (id === undefined) return listResponse(defs.map((d) => resourceTypeResource(ctx, d)));
    const def = findById(defs, id, (d) => d.id);
    if (def === undefined) throw new ScimHttpError(404, `Resource type ${id} not found`);
    return { status: 200, body: resourceTypeResource(ctx, def) };
  }
  const schemas = allSchemas(state.registry.all);
  if (id === undefined) return listResponse(schemas.map((s) => schemaResource(ctx, s)));
  const def = findById(schemas, id, (s) => s.id);
  if (def === undefined) throw new ScimHttpError(404, `Schema ${id} not found`);
  return { status: 200, body: schemaResource(ctx, def) };
}
