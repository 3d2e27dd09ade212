// The cross-cutting checks (scenarios/checks.ts) applied to one response. Pure: given what was
// asked and what came back, each check says "not applicable" (undefined), "holds" (null) or what
// is wrong (one line). engine/checks/observer.ts applies them to every exchange of a run.
import type { ResourceSchema } from '../../schemas/scim-schema.ts';
import { validateMessage } from '../../schemas/validate-message.ts';
import type { CheckId } from '../../scenarios/checks.ts';
import type { ResourceKind } from '../../scenarios/scenario.ts';
import { clip, isObject } from '../judge.ts';

export interface ResponseView {
  method: string;
  /** The request URL. */
  url: string;
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The parsed body, undefined when it is empty or not JSON. */
  json: unknown;
}

export interface CheckEnv {
  /** The service root (base URL) the endpoints hang under. */
  baseUrl: string;
  endpoints: Record<ResourceKind, string>;
  schemas: { User: ResourceSchema; Group?: ResourceSchema };
}

export type CheckVerdict = undefined | null | string;

/** What the request addressed: a resource, a collection, its /.search, or something else. */
export interface Addressed {
  kind: ResourceKind;
  shape: 'resource' | 'collection' | 'search';
  id?: string;
  projected: boolean;
}

/** The base URL's origin and path, and the endpoints without a trailing slash: once per environment. */
const bases = new WeakMap<CheckEnv, { origin: string; path: string; endpoints: Record<ResourceKind, string> }>();

function baseOf(env: CheckEnv): { origin: string; path: string; endpoints: Record<ResourceKind, string> } {
  let known = bases.get(env);
  if (!known) {
    const base = new URL(env.baseUrl.endsWith('/') ? env.baseUrl : `${env.baseUrl}/`);
    known = {
      origin: base.origin,
      path: base.pathname.replace(/\/$/, ''),
      endpoints: { User: env.endpoints.User.replace(/\/$/, ''), Group: env.endpoints.Group.replace(/\/$/, '') },
    };
    bases.set(env, known);
  }
  return known;
}

export function addressed(view: Pick<ResponseView, 'url'>, env: CheckEnv): Addressed | undefined {
  let url: URL;
  try {
    url = new URL(view.url);
  } catch {
    return undefined;
  }
  const base = baseOf(env);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.path)) return undefined;
  const rest = url.pathname.slice(base.path.length);
  const projected = url.searchParams.has('attributes') || url.searchParams.has('excludedAttributes');
  for (const kind of ['User', 'Group'] as const) {
    const endpoint = base.endpoints[kind];
    if (rest === endpoint) return { kind, shape: 'collection', projected };
    if (rest === `${endpoint}/.search`) return { kind, shape: 'search', projected };
    if (rest.startsWith(`${endpoint}/`) && !rest.slice(endpoint.length + 1).includes('/')) {
      return { kind, shape: 'resource', id: decodeURIComponent(rest.slice(endpoint.length + 1)), projected };
    }
  }
  return undefined;
}

/** The resources a 2xx body carries: the resource itself, or a ListResponse's Resources. */
function resourcesOf(view: ResponseView, at: Addressed): Array<Record<string, unknown>> {
  if (!isObject(view.json)) return [];
  if (Array.isArray(view.json['Resources'])) return view.json['Resources'].filter(isObject);
  const isList = (at.shape === 'collection' && view.method === 'GET') || at.shape === 'search';
  return isList ? [] : [view.json];
}

/** A resource body (not a list) answered for a resource or a create. */
function singleResource(view: ResponseView, at: Addressed): Record<string, unknown> | undefined {
  if (!isObject(view.json) || Array.isArray(view.json['Resources'])) return undefined;
  if (at.shape === 'resource' || (at.shape === 'collection' && view.method === 'POST')) return view.json;
  return undefined;
}

const success = (view: ResponseView) => view.status >= 200 && view.status < 300;
const mediaType = (headers: Record<string, string>) => (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
const isJsonType = (type: string) => type === 'application/scim+json' || type === 'application/json' || type.endsWith('+json');
const ENTITY_TAG = /^(W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/;

type Check = (view: ResponseView, env: CheckEnv, at: Addressed | undefined) => CheckVerdict;

export const RESPONSE_CHECKS: Record<CheckId, Check> = {
  'response-schema': (view, env, at) => {
    if (!at || !success(view) || at.projected || !isObject(view.json)) return undefined;
    const single = singleResource(view, at);
    const kind = single ? at.kind : Array.isArray(view.json['Resources']) || at.shape !== 'resource' ? 'ListResponse' : undefined;
    if (!kind || (kind === 'Group' && !env.schemas.Group)) return undefined;
    // returned:"never" attributes are the returned-never check's: one leak is one finding.
    const lines = validateMessage(kind, withoutNeverReturned(view.json, env.schemas[at.kind]));
    return lines.length === 0 ? null : `${kind === 'ListResponse' ? 'the ListResponse' : `the ${kind}`} is not valid: ${lines[0]}${lines.length > 1 ? ` (and ${lines.length - 1} more)` : ''}`;
  },

  'returned-never': (view, env, at) => {
    if (!at || !success(view)) return undefined;
    const resources = resourcesOf(view, at);
    if (resources.length === 0) return undefined;
    const schema = env.schemas[at.kind];
    if (!schema) return undefined;
    const { never, extNever } = neverReturned(schema);
    for (const r of resources) {
      const leaked = Object.keys(r).find((k) => never.has(k.toLowerCase()));
      if (leaked) return `the ${at.kind} answer returns "${leaked}", whose schema says returned "never"`;
      for (const ext of extNever) {
        const inner = Object.entries(r).find(([k]) => k.toLowerCase() === ext.id)?.[1];
        const leakedExt = isObject(inner) ? Object.keys(inner).find((k) => ext.names.has(k.toLowerCase())) : undefined;
        if (leakedExt) return `the ${at.kind} answer returns "${leakedExt}" of ${ext.id}, whose schema says returned "never"`;
      }
    }
    return null;
  },

  'meta-location': (view, env, at) => {
    const r = at && success(view) ? singleResource(view, at) : undefined;
    const location = r && isObject(r['meta']) ? r['meta']['location'] : undefined;
    if (!r || !at || location === undefined) return undefined;
    if (typeof location !== 'string') return `meta.location is ${JSON.stringify(location)}, not a URI`;
    const id = typeof r['id'] === 'string' ? r['id'] : undefined;
    if (!id) return undefined;
    const path = resolvedPath(location, env.baseUrl);
    if (path === undefined) return `meta.location "${clip(location, 80)}" is not a URI reference`;
    const want = `${env.endpoints[at.kind].replace(/\/$/, '')}/${id}`;
    return path.endsWith(want) || path.endsWith(`${env.endpoints[at.kind].replace(/\/$/, '')}/${encodeURIComponent(id)}`)
      ? null
      : `meta.location "${clip(location, 80)}" does not point at ${want}`;
  },

  'meta-location-absolute': (view, _env, at) => {
    const r = at && success(view) ? singleResource(view, at) : undefined;
    const location = r && isObject(r['meta']) ? r['meta']['location'] : undefined;
    if (typeof location !== 'string') return undefined;
    return /^[a-z][a-z0-9+.-]*:/i.test(location) ? null : `meta.location "${clip(location, 80)}" is a relative reference`;
  },

  'meta-resource-type': (view, _env, at) => {
    const r = at && success(view) ? singleResource(view, at) : undefined;
    const type = r && isObject(r['meta']) ? r['meta']['resourceType'] : undefined;
    if (!at || type === undefined) return undefined;
    return type === at.kind ? null : `meta.resourceType is ${JSON.stringify(type)} on ${at.kind === 'User' ? 'a User' : 'a Group'}`;
  },

  'content-type-json': (view) => {
    if (!success(view) || view.json === undefined) return undefined;
    const type = mediaType(view.headers);
    return isJsonType(type) ? null : `a JSON body came ${type === '' ? 'without a Content-Type' : `as ${type}`}`;
  },

  'content-type-scim': (view) => {
    if (!success(view) || view.json === undefined) return undefined;
    const type = mediaType(view.headers);
    if (!isJsonType(type)) return undefined; // content-type-json reports it
    return type === 'application/scim+json' ? null : `the body came as ${type}, not application/scim+json`;
  },

  'etag-header': (view, _env, at) => {
    const etag = view.headers['etag'];
    if (etag === undefined || !success(view)) return undefined;
    if (!ENTITY_TAG.test(etag.trim())) return `ETag ${clip(etag, 60)} is not an entity-tag ("x" or W/"x", RFC 7232 §2.3)`;
    const r = at ? singleResource(view, at) : undefined;
    const version = r && isObject(r['meta']) ? r['meta']['version'] : undefined;
    if (typeof version === 'string' && version !== etag.trim()) return `ETag ${clip(etag, 60)} differs from meta.version ${clip(version, 60)}`;
    return null;
  },

  'location-header': (view, env, at) => {
    if (!at || view.method !== 'POST' || at.shape !== 'collection' || view.status !== 201) return undefined;
    const header = view.headers['location'];
    if (header === undefined || header.trim() === '') return 'a 201 create came without a Location header';
    const r = singleResource(view, at);
    const location = r && isObject(r['meta']) ? r['meta']['location'] : undefined;
    const headerPath = resolvedPath(header, env.baseUrl);
    if (headerPath === undefined) return `Location "${clip(header, 80)}" is not a URI reference`;
    if (typeof location === 'string') {
      const metaPath = resolvedPath(location, env.baseUrl);
      if (metaPath !== undefined && metaPath !== headerPath) return `Location "${clip(header, 80)}" differs from meta.location "${clip(location, 80)}"`;
    }
    const id = r && typeof r['id'] === 'string' ? r['id'] : undefined;
    if (id && !headerPath.endsWith(`/${id}`) && !headerPath.endsWith(`/${encodeURIComponent(id)}`)) return `Location "${clip(header, 80)}" does not end with the new id ${id}`;
    return null;
  },
};

function withoutNeverReturned(body: Record<string, unknown>, schema: ResourceSchema | undefined): Record<string, unknown> {
  if (!schema) return body;
  const { never } = neverReturned(schema);
  const strip = (r: unknown): unknown => (isObject(r) ? Object.fromEntries(Object.entries(r).filter(([k]) => !never.has(k.toLowerCase()))) : r);
  const out = strip(body) as Record<string, unknown>;
  if (Array.isArray(out['Resources'])) out['Resources'] = out['Resources'].map(strip);
  return out;
}

/**
 * The path a URI reference names. A reference that starts with "/" is tried against the service
 * root first (RFC 7643 §2.3.7 relative references), so "/Users/1" under https://h/scim/v2 is
 * /scim/v2/Users/1; an absolute URI keeps its own path.
 */
export function resolvedPath(ref: string, baseUrl: string): string | undefined {
  const trimmed = ref.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    try {
      return new URL(trimmed).pathname;
    } catch {
      return undefined;
    }
  }
  try {
    const base = new URL(baseUrl);
    const root = base.pathname.replace(/\/$/, '');
    if (trimmed.startsWith('/')) return trimmed.startsWith(`${root}/`) ? trimmed.split(/[?#]/)[0] : `${root}${trimmed.split(/[?#]/)[0]}`;
    return new URL(trimmed, `${base.origin}${root}/`).pathname;
  } catch {
    return undefined;
  }
}

const neverBySchema = new WeakMap<ResourceSchema, { never: Set<string>; extNever: Array<{ id: string; names: Set<string> }> }>();

/** The lower-case names of a schema's returned:"never" attributes, core and per extension: once per schema. */
function neverReturned(schema: ResourceSchema): { never: Set<string>; extNever: Array<{ id: string; names: Set<string> }> } {
  let known = neverBySchema.get(schema);
  if (!known) {
    known = {
      never: new Set(schema.core.attributes.filter((a) => a.returned === 'never').map((a) => a.name.toLowerCase())),
      extNever: schema.extensions.map((e) => ({ id: e.id.toLowerCase(), names: new Set(e.attributes.filter((a) => a.returned === 'never').map((a) => a.name.toLowerCase())) })),
    };
    neverBySchema.set(schema, known);
  }
  return known;
}
