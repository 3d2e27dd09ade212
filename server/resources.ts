// Create, replace, patch and delete of stored resources. Each method runs synchronously from
// the lookup to the write, so concurrent requests are serialised by the event loop and never
// lose updates. Validation and PATCH semantics come from patch/; this module adds the rules
// that need the store (uniqueness, member references), versions and derived attributes.
import { isDeepStrictEqual } from 'node:util';
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { applyPatch, normalizeResource, parsePatchRequest } from '../patch/index.ts';
import type { PatchOperation, PatchOptions } from '../patch/index.ts';
import { NO_DEFECTS } from './defect-hooks.ts';
import type { DefectRuntime, PatchHooks } from './defect-hooks.ts';
import { NO_QUIRKS } from './quirk-behaviours.ts';
import type { QuirkRuntime } from './quirk-behaviours.ts';
import { ScimHttpError } from './errors.ts';
import { lifecycleDefects } from './defect-lifecycle.ts';
import { checkIfMatch } from './etag.ts';
import { checkUniqueness, membersAffected, toStoredData } from './integrity.ts';
import { etagOf, renderResource } from './render.ts';
import type { RenderContext } from './render.ts';
import { GROUP_TYPE, USER_TYPE } from './store.ts';
import type { ResourceStore, StoredResource } from './store.ts';

export interface WriteConditions {
  /** The If-Match header, honoured only when ETags are enabled. */
  ifMatch?: string | undefined;
}

export interface PatchOutcome {
  record: StoredResource;
  /** False when the operations left the resource as it was (version and lastModified kept). */
  changed: boolean;
  /** The record before the PATCH. */
  previous: StoredResource;
}

export class ResourceService {
  readonly store: ResourceStore;
  private readonly patchOptions: PatchOptions;
  /** Seeded bugs (defects.ts); none on the reference server. */
  private readonly defects: DefectRuntime;
  /** Real-world quirks (quirks.ts) that bend what is stored; none on the reference server. */
  private readonly quirks: QuirkRuntime;

  constructor(store: ResourceStore, patchOptions: PatchOptions = {}, defects: DefectRuntime = NO_DEFECTS, quirks: QuirkRuntime = NO_QUIRKS) {
    this.store = store;
    this.patchOptions = patchOptions;
    this.defects = defects;
    this.quirks = quirks;
  }

  /** The stored resource, or 404 for an unknown or deleted id (RFC 7644 §3.6). */
  get(schema: ResourceSchema, id: string): StoredResource {
    const record = this.store.get(schema.resourceType.name, id);
    if (record === undefined) {
      throw new ScimHttpError(404, `${schema.resourceType.name} ${id} not found`);
    }
    return record;
  }

  create(schema: ResourceSchema, sent: unknown): StoredResource {
    const type = schema.resourceType.name;
    const body = lifecycleDefects(this.defects.names).createBody(type, sent);
    const normalized = normalizeResource(body, schema, 'create', undefined, this.patchOptions);
    const data = this.quirks.stored(type, toStoredData(normalized, type, this.store));
    checkUniqueness(data, type, this.store);
    const record = lifecycleDefects(this.defects.names).created(this.store, body, this.store.create(type, data));
    this.afterWrite(type, undefined, record.data);
    return record;
  }

  replace(ctx: RenderContext, schema: ResourceSchema, id: string, body: unknown, conditions: WriteConditions): StoredResource {
    const type = schema.resourceType.name;
    const current = this.get(schema, id);
    if (lifecycleDefects(this.defects.names).checksIfMatch('PUT')) this.checkPrecondition(ctx, current, conditions);
    const normalized = normalizeResource(body, schema, 'replace', renderResource(ctx, current), this.patchOptions);
    const data = lifecycleDefects(this.defects.names).replaceData(this.quirks.stored(type, toStoredData(normalized, type, this.store, id)), current.data);
    checkUniqueness(data, type, this.store, id);
    // Replacing with an identical representation is not a modification: version kept.
    if (isDeepStrictEqual(data, current.data)) return current;
    const record = this.store.update(type, id, data);
    this.afterWrite(type, current.data, record.data);
    return record;
  }

  patch(ctx: RenderContext, schema: ResourceSchema, id: string, body: unknown, conditions: WriteConditions): PatchOutcome {
    const current = this.get(schema, id);
    const before = renderResource(ctx, current);
    const hooks = this.defects.forPatch({ schema, store: this.store, current, before, ifMatch: conditions.ifMatch });
    hooks.precondition(() => this.checkPrecondition(ctx, current, conditions));
    const options = hooks.patchOptions(this.patchOptions);
    const operations = hooks.operations(parsePatchRequest(hooks.body(body), options));
    try {
      return { ...hooks.written(this.applyAndStore(hooks, schema, current, before, operations, options)), previous: current };
    } catch (e) {
      hooks.failed(e, operations, (subset) => {
        try {
          this.applyAndStore(hooks, schema, current, before, subset, options);
          return true;
        } catch {
          return false;
        }
      });
      throw e;
    }
  }

  private applyAndStore(
    hooks: PatchHooks,
    schema: ResourceSchema,
    current: StoredResource,
    before: ScimResource,
    operations: PatchOperation[],
    options: PatchOptions,
  ): { record: StoredResource; changed: boolean } {
    const type = schema.resourceType.name;
    const id = current.id;
    const result = applyPatch(before, operations, schema, options);
    const stored = this.quirks.stored(type, toStoredData(hooks.patched(result.resource), type, this.store, id));
    const data = hooks.stored(stored);
    hooks.uniqueness(data, () => checkUniqueness(data, type, this.store, id));
    // RFC 7644 §3.5.2.1: a request that changes nothing keeps version and lastModified. The
    // deep comparison also catches changes that vanish once stored (a member added twice).
    // (A seeded defect that rewrote the data counts as a change of its own.)
    const unchanged = !result.changed && data === stored;
    if (unchanged || isDeepStrictEqual(data, current.data)) return { record: current, changed: false };
    const record = this.store.update(type, id, data);
    this.afterWrite(type, current.data, record.data);
    return { record, changed: true };
  }

  delete(ctx: RenderContext, schema: ResourceSchema, id: string, conditions: WriteConditions): void {
    const type = schema.resourceType.name;
    const lifecycle = lifecycleDefects(this.defects.names);
    if (lifecycle.deletesUnknown() && this.store.get(type, id) === undefined) return;
    const current = this.get(schema, id);
    if (lifecycle.checksIfMatch('DELETE')) this.checkPrecondition(ctx, current, conditions);
    this.store.delete(type, id);
    lifecycle.deleted(this.store, current);
    this.afterWrite(type, current.data, undefined);
    if (lifecycle.dropsMemberships()) this.removeFromGroups(id);
  }

  private checkPrecondition(ctx: RenderContext, current: StoredResource, conditions: WriteConditions): void {
    if (ctx.etag) checkIfMatch(conditions.ifMatch, etagOf(current));
  }

  /** Users whose derived `groups` changed get a new version, so their ETag stays truthful. */
  private afterWrite(type: string, before: ScimResource | undefined, after: ScimResource | undefined): void {
    if (type !== GROUP_TYPE) return;
    for (const memberId of membersAffected(before, after)) {
      if (this.store.find(memberId)?.resourceType === USER_TYPE) this.store.touch(memberId);
    }
  }

  /** A deleted resource stops being a member anywhere (no dangling references). */
  private removeFromGroups(id: string): void {
    for (const group of this.store.groupsOf(id)) {
      const members = Array.isArray(group.data['members']) ? (group.data['members'] as unknown[]) : [];
      const remaining = members.filter((m) => (m as { value?: unknown } | null)?.value !== id);
      const data: ScimResource = { ...group.data };
      if (remaining.length > 0) data['members'] = remaining;
      else delete data['members'];
      this.store.update(GROUP_TYPE, group.id, data);
    }
  }
}
