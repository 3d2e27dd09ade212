// What each quirk (quirks.ts) does to the reference server, and the runtime that composes them.
// A quirk is real-world behaviour that is not a PATCH defect: the server still answers every
// request, only in the way some real servers do. The runtime with no quirk hands every input back
// untouched, so the clean server behaves exactly as if the hook points were not there.
import { createHash } from 'node:crypto';
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { ScimHttpError } from './errors.ts';
import type { HttpResult } from './http-io.ts';
import { createRegistry } from './resource-types.ts';
import type { ResourceTypeRegistry } from './resource-types.ts';
import { USER_TYPE } from './store.ts';
import type { ResourceStore } from './store.ts';
import { isObject } from '../patch/json-value.ts';

/** What a response hook may look at besides the answer itself. */
export interface ResponseView {
  /** Absolute base URL of this request: scheme, host, basePath (the service root). */
  baseUrl: string;
  store: ResourceStore;
}

export interface QuirkHooks {
  /** The resource types and schemas the server serves and advertises in /Schemas. */
  registry?(registry: ResourceTypeRegistry): ResourceTypeRegistry;
  /** Before routing (after authentication); may throw a SCIM error. */
  request?(segments: readonly string[], method: string): void;
  /** Data about to be stored by a create, replace or patch; may throw a SCIM error. */
  stored?(resourceType: string, data: ScimResource): ScimResource;
  /** Every answer of a routed request (errors included). */
  response?(result: HttpResult, view: ResponseView): HttpResult;
}

/** The sub-attribute `empty-canonical-values` advertises with an empty list and refuses. */
export const EMPTY_CANONICAL_TARGET = { attribute: 'roles', subAttribute: 'type' } as const;

type Json = Record<string, unknown>;

/** Applies `f` to the resource a body is, or to each resource of a ListResponse. */
function eachResource(body: unknown, f: (resource: Json) => Json): unknown {
  if (!isObject(body)) return body;
  if (Array.isArray(body['Resources'])) return { ...body, Resources: body['Resources'].map((r: unknown) => (isObject(r) ? f(r) : r)) };
  return f(body);
}

const ok = (result: HttpResult): boolean => result.status >= 200 && result.status < 300;

// relative-location: "/Users/<id>" instead of "http://host/base/Users/<id>" in meta.location and
// the Location header; member and group $ref values stay absolute.
function relative(value: unknown, baseUrl: string): unknown {
  return typeof value === 'string' && value.startsWith(`${baseUrl}/`) ? value.slice(baseUrl.length) : value;
}

const relativeLocation: QuirkHooks = {
  response(result, { baseUrl }) {
    const headers = result.headers?.['Location'] === undefined ? result.headers : { ...result.headers, Location: relative(result.headers['Location'], baseUrl) as string };
    const body = eachResource(result.body, (r) => (isObject(r['meta']) && 'location' in r['meta'] ? { ...r, meta: { ...r['meta'], location: relative(r['meta']['location'], baseUrl) } } : r));
    return { ...result, ...(headers ? { headers } : {}), ...(result.body !== undefined ? { body } : {}) };
  },
};

// empty-canonical-values: /Schemas lists `canonicalValues: []` for one sub-attribute, and any value
// of it is refused, so no request may carry it (read literally: no value is canonical).
function withEmptyCanonicalValues(schema: ResourceSchema): ResourceSchema {
  if (schema.resourceType.name !== USER_TYPE) return schema;
  const copy = structuredClone(schema);
  const attribute = copy.core.attributes.find((a) => a.name === EMPTY_CANONICAL_TARGET.attribute);
  const sub = attribute?.subAttributes?.find((s) => s.name === EMPTY_CANONICAL_TARGET.subAttribute);
  if (sub) sub.canonicalValues = [];
  return copy;
}

const emptyCanonicalValues: QuirkHooks = {
  registry: (registry) => createRegistry(registry.all.map(withEmptyCanonicalValues)),
  stored(resourceType, data) {
    const { attribute, subAttribute } = EMPTY_CANONICAL_TARGET;
    const values = resourceType === USER_TYPE ? data[attribute] : undefined;
    if (!Array.isArray(values)) return data;
    for (const element of values) {
      const value = isObject(element) ? element[subAttribute] : undefined;
      if (value === undefined || value === null) continue;
      throw new ScimHttpError(
        400,
        `${attribute}.${subAttribute}: value ${JSON.stringify(value)} is not one of the canonical values []`,
        'invalidValue',
      );
    }
    return data;
  },
};

// drops-nickname: accepted on every write, never kept.
const dropsNickname: QuirkHooks = {
  stored(resourceType, data) {
    if (resourceType !== USER_TYPE || !('nickName' in data)) return data;
    const { nickName: _dropped, ...kept } = data;
    return kept;
  },
};

// returns-password: every User representation carries a password hash in the LDAP {SHA256} form
// (of the stored password, or of the initial one the directory generated for a user created without).
export function passwordHash(id: string, password: unknown): string {
  const secret = typeof password === 'string' ? password : `generated-initial-password:${id}`;
  return `{SHA256}${createHash('sha256').update(secret, 'utf8').digest('base64')}`;
}

const returnsPassword: QuirkHooks = {
  response(result, { store }) {
    if (!ok(result) || result.body === undefined) return result;
    const body = eachResource(result.body, (r) => {
      const id = r['id'];
      const record = typeof id === 'string' ? store.find(id) : undefined;
      if (record?.resourceType !== USER_TYPE) return r;
      return { ...r, password: passwordHash(record.id, record.data['password']) };
    });
    return { ...result, body };
  },
};

// no-schemas-endpoint: /Schemas and /Schemas/{id} do not exist.
const noSchemasEndpoint: QuirkHooks = {
  request(segments) {
    if (segments[0] === 'Schemas') throw new ScimHttpError(404, `No such endpoint: /${segments.join('/')}`);
  },
};

export const QUIRK_BEHAVIOURS = {
  'relative-location': relativeLocation,
  'empty-canonical-values': emptyCanonicalValues,
  'drops-nickname': dropsNickname,
  'returns-password': returnsPassword,
  'no-schemas-endpoint': noSchemasEndpoint,
} as const satisfies Record<string, QuirkHooks>;

/** The hooks of the enabled quirks, composed in order. */
export class QuirkRuntime {
  readonly names: readonly string[];
  private readonly hooks: readonly QuirkHooks[];

  constructor(names: readonly string[] = [], hooks: readonly QuirkHooks[] = []) {
    this.names = names;
    this.hooks = hooks;
  }

  get active(): boolean {
    return this.hooks.length > 0;
  }

  registry(registry: ResourceTypeRegistry): ResourceTypeRegistry {
    return this.hooks.reduce((r, h) => h.registry?.(r) ?? r, registry);
  }

  request(segments: readonly string[], method: string): void {
    for (const h of this.hooks) h.request?.(segments, method);
  }

  stored(resourceType: string, data: ScimResource): ScimResource {
    return this.hooks.reduce((d, h) => h.stored?.(resourceType, d) ?? d, data);
  }

  response(result: HttpResult, view: ResponseView): HttpResult {
    return this.hooks.reduce((r, h) => h.response?.(r, view) ?? r, result);
  }
}

export const NO_QUIRKS = new QuirkRuntime();
