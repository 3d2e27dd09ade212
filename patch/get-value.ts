// Reads a SCIM path from a resource, as the suite's assertions need it.
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { canonicalView } from './canonicalize.ts';
import { matchesFilter } from './evaluate-filter.ts';
import { isObject } from './json-value.ts';
import { parsePath } from './parse-path.ts';
import { filterScope, resolveTarget } from './resolve-attribute.ts';

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/**
 * The value at `path`; for a multi-valued attribute with a value filter, the array of matching
 * records (or of their sub-attribute values); for a sub-attribute of a multi-valued attribute
 * without filter, the array of that sub-attribute's values. Undefined when unassigned.
 */
export function getValue(resource: ScimResource, path: string, schema: ResourceSchema): unknown {
  // What it returns may be part of `resource` itself: callers read it, never change it.
  const res = canonicalView(resource, schema);
  const t = resolveTarget(parsePath(path), schema);
  if (t.kind === 'container') return res[t.urn];
  const h = t.container === null ? res : res[t.container];
  const v = isObject(h) ? h[t.def.name] : undefined;
  const sub = t.sub;
  if (t.filter) {
    const filter = t.filter;
    const matched = list(v).filter((r) => matchesFilter(filter, r, filterScope(t.def)));
    return sub ? matched.flatMap((r) => (isObject(r) && r[sub.name] !== undefined ? [r[sub.name]] : [])) : matched;
  }
  if (!sub) return v;
  if (t.def.multiValued) return list(v).flatMap((r) => (isObject(r) && r[sub.name] !== undefined ? [r[sub.name]] : []));
  return isObject(v) ? v[sub.name] : undefined;
}
