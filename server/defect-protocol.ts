// Seeded defects of the protocol endpoints: discovery (/ServiceProviderConfig, /ResourceTypes,
// /Schemas), /Me and /Bulk. Each bends the reference server the way real servers ship it; the
// discovery, me and bulk families catch them (server/defects.ts lists what each breaks).
import { URN } from '../schemas/scim-schema.ts';
import type { DefectHooks, ErrorRequest } from './defect-hooks.ts';
import { errorBody } from './errors.ts';
import type { HttpResult } from './http-io.ts';
import { isObject } from '../patch/json-value.ts';

export type ProtocolDefect =
  | 'bulk-id-unresolved'
  | 'bulk-fail-on-errors-ignored'
  | 'bulk-max-operations-unenforced'
  | 'bulk-status-number'
  | 'bulk-without-location'
  | 'spc-without-authentication-schemes'
  | 'resource-type-unlisted-extension'
  | 'schemas-not-a-list'
  | 'me-404'
  | 'discovery-filter-ignored';

type Json = Record<string, unknown>;

/** The last path segment(s) of the request, below any base path. */
const endsWith = (request: ErrorRequest, ...tail: string[]): boolean => request.path.replace(/\/+$/, '').endsWith(`/${tail.join('/')}`);
const isBulk = (request: ErrorRequest): boolean => request.method === 'POST' && endsWith(request, 'Bulk');
const DISCOVERY = ['ServiceProviderConfig', 'ResourceTypes', 'Schemas'];
const isDiscovery = (request: ErrorRequest): boolean => DISCOVERY.some((d) => request.path.includes(`/${d}`));

/** A BulkResponse with each operation result passed through `f`. */
function mapBulkOps(result: HttpResult, f: (op: Json) => Json): HttpResult {
  const body = result.body;
  if (result.status !== 200 || !isObject(body) || !Array.isArray(body['Operations'])) return result;
  return { ...result, body: { ...body, Operations: body['Operations'].map((op) => (isObject(op) ? f(op) : op)) } };
}

/** A made-up extension schema that no /Schemas of this server lists. */
export const UNLISTED_EXTENSION = 'urn:example:params:scim:schemas:extension:unlisted:2.0:User';

export const PROTOCOL_BEHAVIOURS: Record<ProtocolDefect, DefectHooks> = {
  'bulk-id-unresolved': {
    bulkOptions: (o) => ({ ...o, resolveBulkIds: false }),
  },

  'bulk-fail-on-errors-ignored': {
    bulkOptions: (o) => ({ ...o, honourFailOnErrors: false }),
  },

  'bulk-max-operations-unenforced': {
    bulkOptions: (o) => ({ ...o, enforceMaxOperations: false }),
  },

  'bulk-status-number': {
    response: (result, request) => (isBulk(request) ? mapBulkOps(result, (op) => ({ ...op, status: Number(op['status']) })) : result),
  },

  'bulk-without-location': {
    response: (result, request) =>
      isBulk(request)
        ? mapBulkOps(result, (op) => {
            const { location: _dropped, ...rest } = op;
            return rest;
          })
        : result,
  },

  'spc-without-authentication-schemes': {
    response: (result, request) => {
      if (request.method !== 'GET' || !endsWith(request, 'ServiceProviderConfig') || !isObject(result.body)) return result;
      const { authenticationSchemes: _dropped, ...rest } = result.body;
      return { ...result, body: rest };
    },
  },

  'resource-type-unlisted-extension': {
    // The User resource type names an extension schema that /Schemas does not have.
    response: (result, request) => {
      if (request.method !== 'GET' || !request.path.includes('/ResourceTypes') || result.status !== 200) return result;
      const addTo = (rt: unknown): unknown => {
        if (!isObject(rt) || rt['schema'] !== URN.user) return rt;
        const exts = Array.isArray(rt['schemaExtensions']) ? rt['schemaExtensions'] : [];
        return { ...rt, schemaExtensions: [...exts, { schema: UNLISTED_EXTENSION, required: false }] };
      };
      const body = result.body;
      if (isObject(body) && Array.isArray(body['Resources'])) return { ...result, body: { ...body, Resources: body['Resources'].map(addTo) } };
      return { ...result, body: addTo(body) };
    },
  },

  'schemas-not-a-list': {
    // GET /Schemas answers its schemas without the ListResponse envelope (no schemas, no totalResults).
    response: (result, request) => {
      if (request.method !== 'GET' || !endsWith(request, 'Schemas') || !isObject(result.body) || !Array.isArray(result.body['Resources'])) return result;
      return { ...result, body: { Resources: result.body['Resources'] } };
    },
  },

  'me-404': {
    errorResponse: (result, _error, request) => (endsWith(request, 'Me') && result.status === 501 ? { ...result, status: 404, body: errorBody(404, 'Resource Me not found') } : result),
  },

  'discovery-filter-ignored': {
    query: (query, request) => {
      if (!isDiscovery(request) || !query.has('filter')) return query;
      const copy = new URLSearchParams(query);
      copy.delete('filter');
      return copy;
    },
  },
};
