// Builds the full representation of a stored resource: common attributes, derived
// attributes (User.groups, members[].$ref and type) and meta. The result still contains
// writeOnly values such as password: it is the state PATCH operates on, and every output
// goes through projectResource, which drops them.
import type { ScimResource } from '../schemas/scim-schema.ts';
import { formatETag } from './etag.ts';
import type { ResourceTypeRegistry } from './resource-types.ts';
import { GROUP_TYPE, USER_TYPE } from './store.ts';
import type { ResourceStore, StoredResource } from './store.ts';

export interface RenderContext {
  /** Absolute base URL of the SCIM service: scheme, host from the request, basePath. */
  baseUrl: string;
  etag: boolean;
  store: ResourceStore;
  registry: ResourceTypeRegistry;
}

export function locationOf(ctx: RenderContext, resourceType: string, id: string): string {
  const endpoint = ctx.registry.byName(resourceType)?.resourceType.endpoint ?? `/${resourceType}s`;
  return `${ctx.baseUrl}${endpoint}/${encodeURIComponent(id)}`;
}

export function etagOf(record: StoredResource): string {
  return formatETag(record.version);
}

function renderMembers(ctx: RenderContext, members: unknown): unknown {
  if (!Array.isArray(members)) return members;
  return members.map((member: unknown) => {
    if (typeof member !== 'object' || member === null) return member;
    const m = member as Record<string, unknown>;
    const value = m['value'];
    if (typeof value !== 'string') return structuredClone(m);
    const type = ctx.store.find(value)?.resourceType ?? (typeof m['type'] === 'string' ? m['type'] : USER_TYPE);
    const out: Record<string, unknown> = { value, $ref: locationOf(ctx, type, value) };
    if (m['display'] !== undefined) out['display'] = m['display'];
    out['type'] = type;
    return out;
  });
}

function renderGroupsOf(ctx: RenderContext, id: string): Array<Record<string, unknown>> {
  return ctx.store.groupsOf(id).map((group) => {
    const entry: Record<string, unknown> = { value: group.id, $ref: locationOf(ctx, GROUP_TYPE, group.id) };
    const display = group.data['displayName'];
    if (typeof display === 'string') entry['display'] = display;
    entry['type'] = 'direct';
    return entry;
  });
}

export function renderResource(ctx: RenderContext, record: StoredResource): ScimResource {
  const schema = ctx.registry.byName(record.resourceType);
  const out: ScimResource = {};
  out['schemas'] = structuredClone(record.data['schemas'] ?? (schema === undefined ? [] : [schema.core.id]));
  out['id'] = record.id;
  for (const [key, value] of Object.entries(record.data)) {
    if (key === 'schemas' || key === '__proto__') continue;
    out[key] = key === 'members' && record.resourceType === GROUP_TYPE ? renderMembers(ctx, value) : structuredClone(value);
  }
  if (record.resourceType === USER_TYPE) {
    const groups = renderGroupsOf(ctx, record.id);
    if (groups.length > 0) out['groups'] = groups;
  }
  const meta: Record<string, unknown> = {
    resourceType: record.resourceType,
    created: record.created,
    lastModified: record.lastModified,
    location: locationOf(ctx, record.resourceType, record.id),
  };
  if (ctx.etag) meta['version'] = etagOf(record);
  out['meta'] = meta;
  return out;
}
