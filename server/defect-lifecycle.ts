// Seeded defects of the resource lifecycle (create, GET, PUT, DELETE), catalogued in defects.ts.
// The PATCH hooks (defect-hooks.ts) do not reach these requests, so the service and the routes ask
// this module, by the runtime's defect names, how to bend them. With none of these names enabled
// every function returns its input: the clean server behaves as if the calls were not there.
import { randomUUID } from 'node:crypto';
import type { ScimResource } from '../schemas/scim-schema.ts';
import { URN } from '../schemas/scim-schema.ts';
import type { DefectHooks } from './defect-hooks.ts';
import type { ResourceStore, StoredResource } from './store.ts';
import { isObject } from '../patch/json-value.ts';

export const LIFECYCLE_DEFECT_NAMES = [
  'put-merges',
  'put-if-match-ignored',
  'delete-if-match-ignored',
  'delete-leaves-membership',
  'delete-unknown-204',
  'deleted-still-readable',
  'if-none-match-ignored',
  'create-required-unchecked',
  'create-schemas-unchecked',
  'create-meta-from-client',
] as const;

export type LifecycleDefectName = (typeof LIFECYCLE_DEFECT_NAMES)[number];

/** The catalogue entries (defects.ts): what each breaks and the sections it breaks. */
export const LIFECYCLE_CATALOGUE: Record<LifecycleDefectName, { breaks: string; refs: string[]; caughtAs?: 'fail' | 'warn' | 'error' }> = {
  'put-merges': {
    breaks: 'PUT merges the body into the stored resource: attributes it leaves out, sends as null or as [] keep their old values.',
    refs: ['RFC7644-3.5.1'],
  },
  'put-if-match-ignored': {
    breaks: 'PUT ignores If-Match: a replacement with a stale ETag is applied.',
    refs: ['RFC7644-3.14', 'RFC7232-3.1'],
  },
  'delete-if-match-ignored': {
    breaks: 'DELETE ignores If-Match: a delete with a stale ETag deletes the resource.',
    refs: ['RFC7644-3.14', 'RFC7232-3.1'],
  },
  'delete-leaves-membership': {
    breaks: 'A deleted user stays in the members of its groups (a dangling reference).',
    refs: ['RFC7644-3.6', 'RFC7643-4.2'],
    caughtAs: 'warn',
  },
  'delete-unknown-204': {
    breaks: 'DELETE of an unknown or already deleted id answers 204 instead of 404.',
    refs: ['RFC7644-3.6', 'RFC7644-3.12'],
  },
  'deleted-still-readable': {
    breaks: 'A deleted resource is only marked deleted: GET still answers 200 with it.',
    refs: ['RFC7644-3.6'],
  },
  'if-none-match-ignored': {
    breaks: 'GET ignores If-None-Match: the current ETag gets 200 and the whole resource instead of 304.',
    refs: ['RFC7644-3.14', 'RFC7232-3.2'],
  },
  'create-required-unchecked': {
    breaks: 'A user created without userName (or with null) is accepted with a generated one instead of 400.',
    refs: ['RFC7643-4.1.1', 'RFC7644-3.12'],
  },
  'create-schemas-unchecked': {
    breaks: 'A create whose schemas is missing or wrong is accepted as if it named the resource type\'s schema.',
    refs: ['RFC7643-3', 'RFC7644-3.3'],
  },
  'create-meta-from-client': {
    breaks: 'A create takes meta.lastModified from the client\'s body instead of ignoring meta.',
    refs: ['RFC7643-3.1'],
  },
};

/** No lifecycle defect has a PATCH or HTTP hook: each names itself, and its behaviour is this module's. */
export const LIFECYCLE_BEHAVIOURS: Record<LifecycleDefectName, DefectHooks> = Object.fromEntries(LIFECYCLE_DEFECT_NAMES.map((n) => [n, { lifecycle: n }])) as Record<LifecycleDefectName, DefectHooks>;


/** Deleted records still served by GET (deleted-still-readable), per store. */
const graveyards = new WeakMap<ResourceStore, Map<string, StoredResource>>();

/** How the enabled lifecycle defects bend a request; identity when none is enabled. */
export class LifecycleDefects {
  private readonly on: ReadonlySet<string>;

  constructor(names: readonly string[]) {
    this.on = new Set(names.filter((n) => (LIFECYCLE_DEFECT_NAMES as readonly string[]).includes(n)));
  }

  /** The POST body before it is validated. */
  createBody(type: string, body: unknown): unknown {
    if (this.on.size === 0 || !isObject(body)) return body;
    let out = body;
    if (this.on.has('create-schemas-unchecked')) {
      // Whatever schemas says, the body is taken as the resource type's (with the extensions it carries).
      const core = type === 'Group' ? URN.group : URN.user;
      out = { ...out, schemas: [core, ...Object.keys(out).filter((k) => k.toLowerCase().startsWith('urn:'))] };
    }
    if (this.on.has('create-required-unchecked') && type === 'User' && (out['userName'] === undefined || out['userName'] === null)) {
      out = { ...out, userName: `generated-${randomUUID()}` };
    }
    return out;
  }

  /** After a create: the record as the defects leave it. */
  created(store: ResourceStore, body: unknown, record: StoredResource): StoredResource {
    if (!this.on.has('create-meta-from-client') || !isObject(body) || !isObject(body['meta'])) return record;
    const lastModified = body['meta']['lastModified'];
    return typeof lastModified === 'string' ? (store.restamp(record.id, { lastModified }) ?? record) : record;
  }

  /** The data a PUT stores, given what the body made of it and the stored data. */
  replaceData(data: ScimResource, current: ScimResource): ScimResource {
    if (!this.on.has('put-merges')) return data;
    return { ...current, ...data };
  }

  /** Whether the If-Match check of this method runs. */
  checksIfMatch(method: 'PUT' | 'DELETE'): boolean {
    return !this.on.has(method === 'PUT' ? 'put-if-match-ignored' : 'delete-if-match-ignored');
  }

  /** DELETE of an id the store does not have: true when it is answered 204 anyway. */
  deletesUnknown(): boolean {
    return this.on.has('delete-unknown-204');
  }

  /** Whether a deleted user leaves its groups. */
  dropsMemberships(): boolean {
    return !this.on.has('delete-leaves-membership');
  }

  /** Called with a deleted record. */
  deleted(store: ResourceStore, record: StoredResource): void {
    if (!this.on.has('deleted-still-readable')) return;
    let graveyard = graveyards.get(store);
    if (!graveyard) graveyards.set(store, (graveyard = new Map()));
    graveyard.set(record.id, record);
  }

  /** GET of an id the store does not have: a deleted record still served, if any. */
  ghost(store: ResourceStore, type: string, id: string): StoredResource | undefined {
    const record = graveyards.get(store)?.get(id);
    return record && record.resourceType === type ? record : undefined;
  }

  /** The If-None-Match header GET honours. */
  ifNoneMatch(header: string | undefined): string | undefined {
    return this.on.has('if-none-match-ignored') ? undefined : header;
  }
}

const cache = new WeakMap<readonly string[], LifecycleDefects>();

/** The lifecycle defects among a runtime's names. */
export function lifecycleDefects(names: readonly string[]): LifecycleDefects {
  let found = cache.get(names);
  if (!found) cache.set(names, (found = new LifecycleDefects(names)));
  return found;
}
