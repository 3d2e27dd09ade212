// Seeded defects (catalogue in defects.ts) outside the PATCH pipeline's own steps: how the HTTP
// layer answers any method (a create's Location, a 401's challenge, an error's media type, a read
// that ignores `attributes`), a create that answers a conflict with the wrong status, and a PATCH
// whose operations reach a user other than the one it addresses.
import { applyPatch } from '../patch/index.ts';
import type { PatchOperation } from '../patch/index.ts';
import type { ScimResource } from '../schemas/scim-schema.ts';
import type { DefectHooks, ErrorRequest, PatchCall } from './defect-hooks.ts';
import { errorBody } from './errors.ts';
import type { HttpResult } from './http-io.ts';
import { checkUniqueness, toStoredData } from './integrity.ts';
import { USER_TYPE } from './store.ts';
import type { StoredResource } from './store.ts';
import { isObject } from '../patch/json-value.ts';

export type HttpDefectName =
  | 'create-uniqueness-400'
  | 'create-without-location'
  | 'create-location-mismatch'
  | '401-without-www-authenticate'
  | 'error-content-type-html'
  | 'get-attributes-ignored'
  | 'patch-writes-other-user';

/** A POST to a resource type's collection (a create). */
function isCreate(request: ErrorRequest): boolean {
  return request.method === 'POST' && /\/(Users|Groups)$/.test(request.path);
}

/** A request to one resource (not /.search). */
function isOne(request: ErrorRequest): boolean {
  return /\/(Users|Groups)\/[^/]+$/.test(request.path) && !request.path.endsWith('/.search');
}

/** The headers without `name` (any case). */
function withoutHeader(result: HttpResult, name: string): HttpResult {
  if (result.headers === undefined) return result;
  const headers = Object.fromEntries(Object.entries(result.headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase()));
  return { ...result, headers };
}

function locationOf(result: HttpResult): string | undefined {
  return Object.entries(result.headers ?? {}).find(([k]) => k.toLowerCase() === 'location')?.[1];
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (isObject(value)) for (const v of Object.values(value)) strings(v, out);
  return out;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Other users the operations' values name: a value equal to their userName, or holding their id. */
function usersNamedBy(ops: PatchOperation[], call: PatchCall): StoredResource[] {
  const self = call.current.id;
  const found = new Map<string, StoredResource>();
  const add = (r: StoredResource | undefined) => {
    if (r !== undefined && r.resourceType === USER_TYPE && r.id !== self) found.set(r.id, r);
  };
  for (const text of strings(ops.map((o) => o.value))) {
    add(call.store.findByUserName(text));
    for (const m of text.matchAll(UUID)) add(call.store.get(USER_TYPE, m[0]) ?? call.store.get(USER_TYPE, m[0].toLowerCase()));
  }
  return [...found.values()];
}

/** Applies the operations to another user as if it had been addressed; what cannot be applied is skipped. */
function applyToOther(other: StoredResource, ops: PatchOperation[], call: PatchCall): void {
  try {
    const representation: ScimResource = { schemas: [call.schema.core.id], ...structuredClone(other.data), id: other.id };
    const { resource } = applyPatch(representation, ops, call.schema);
    const data = toStoredData(resource, USER_TYPE, call.store, other.id);
    checkUniqueness(data, USER_TYPE, call.store, other.id);
    call.store.update(USER_TYPE, other.id, data);
  } catch {
    // The leak is best effort, like the bug it imitates: the addressed user's PATCH still succeeds.
  }
}

export const HTTP_BEHAVIOURS: Record<HttpDefectName, DefectHooks> = {
  'create-uniqueness-400': {
    errorResponse: (result, _e, request) => {
      const body = isObject(result.body) ? result.body : undefined;
      if (!isCreate(request) || result.status !== 409 || body?.['scimType'] !== 'uniqueness') return result;
      const detail = typeof body['detail'] === 'string' ? body['detail'] : 'userName is already in use';
      return { ...result, status: 400, body: errorBody(400, detail, 'uniqueness') };
    },
  },

  'create-without-location': {
    response: (result, request) => (isCreate(request) && result.status === 201 ? withoutHeader(result, 'Location') : result),
  },

  'create-location-mismatch': {
    // The Location is built from the request URL (the collection), not from the new resource.
    response: (result, request) => {
      const location = locationOf(result);
      if (!isCreate(request) || result.status !== 201 || location === undefined) return result;
      const rest = withoutHeader(result, 'Location');
      return { ...rest, headers: { ...rest.headers, Location: location.slice(0, location.lastIndexOf('/')) } };
    },
  },

  '401-without-www-authenticate': {
    errorResponse: (result) => (result.status === 401 ? withoutHeader(result, 'WWW-Authenticate') : result),
  },

  'error-content-type-html': {
    // The SCIM Error JSON itself, sent under the framework's default media type.
    errorResponse: (result) =>
      result.body === undefined
        ? result
        : { status: result.status, ...(result.headers ? { headers: result.headers } : {}), text: { contentType: 'text/html; charset=utf-8', content: JSON.stringify(result.body) } },
  },

  'get-attributes-ignored': {
    query: (query, request) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || !isOne(request)) return query;
      const kept = new URLSearchParams(query);
      kept.delete('attributes');
      kept.delete('excludedAttributes');
      return kept;
    },
  },

  'patch-writes-other-user': {
    operations: (ops, call) => {
      if (call.schema.resourceType.name === USER_TYPE) call.stash.set('patch-writes-other-user', ops);
      return ops;
    },
    written: (outcome, call) => {
      const ops = call.stash.get('patch-writes-other-user') as PatchOperation[] | undefined;
      if (ops !== undefined) for (const other of usersNamedBy(ops, call)) applyToOther(other, ops, call);
      return outcome;
    },
  },
};
