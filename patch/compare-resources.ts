// Compares two resources the way SCIM defines equality of state: attribute names case-insensitive,
// multi-valued order ignored, absent == null == [] (RFC 7643 §2.5), dateTime compared as instants.
// Values are otherwise compared exactly: a change of case is a real change.
import type { AttributeDef, ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { canonicalView, topLevelDefs } from './canonicalize.ts';
import { isPresent } from './evaluate-filter.ts';
import { isObject, show, type JsonObject } from './json-value.ts';
import { findByName } from './resolve-attribute.ts';

export interface CompareOptions {
  /** Top-level attribute names (case-insensitive) left out of the comparison, e.g. ['meta']. */
  ignore?: string[];
}

function unassigned(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isObject(v) && !isPresent(v));
}

function asList(v: unknown): unknown[] {
  if (unassigned(v)) return [];
  return Array.isArray(v) ? v.filter((x) => !unassigned(x)) : [v];
}

function compareObjects(defs: AttributeDef[] | undefined, e: JsonObject, a: JsonObject, path: string, diffs: string[]): void {
  const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
  for (const k of keys) compareValue(findByName(defs, k), e[k], a[k], path ? `${path}.${k}` : k, diffs);
}

function sameSingle(single: AttributeDef | undefined, e: unknown, a: unknown): boolean {
  const d: string[] = [];
  compareValue(single, e, a, '', d);
  return d.length === 0;
}

function compareValue(def: AttributeDef | undefined, e: unknown, a: unknown, path: string, diffs: string[]): void {
  if (unassigned(e) && unassigned(a)) return;
  if (def?.multiValued || Array.isArray(e) || Array.isArray(a)) {
    const expected = asList(e);
    const remaining = asList(a);
    const missing: unknown[] = [];
    // Each value is compared as a single one of the attribute's.
    const single = def && { ...def, multiValued: false };
    for (const x of expected) {
      const i = remaining.findIndex((y) => sameSingle(single, x, y));
      if (i === -1) missing.push(x);
      else remaining.splice(i, 1);
    }
    if (missing.length === 0 && remaining.length === 0) return;
    const parts = [...missing.map((m) => `missing ${show(m)}`), ...remaining.map((x) => `extra ${show(x)}`)].join('; ');
    const count = asList(a).length;
    diffs.push(
      expected.length === count
        ? `${path}: values differ (${parts})`
        : `${path}: expected ${expected.length} value${expected.length === 1 ? '' : 's'}, got ${count} (${parts})`,
    );
    return;
  }
  if (unassigned(e) || unassigned(a)) {
    diffs.push(`${path}: expected ${unassigned(e) ? '(absent)' : show(e)}, got ${unassigned(a) ? '(absent)' : show(a)}`);
    return;
  }
  if (isObject(e) && isObject(a)) {
    compareObjects(def?.subAttributes, e, a, path, diffs);
    return;
  }
  if (def?.type === 'dateTime' && typeof e === 'string' && typeof a === 'string') {
    const te = Date.parse(e);
    const ta = Date.parse(a);
    if (!Number.isNaN(te) && te === ta) return;
  }
  if (e !== a) diffs.push(`${path}: expected ${show(e)}, got ${show(a)}`);
}

/** One short line per difference, e.g. `name.givenName: expected "Barb", got "Barbara"`. Empty when equal. */
export function diffResources(expected: ScimResource, actual: ScimResource, schema: ResourceSchema, options?: CompareOptions): string[] {
  const ignore = (options?.ignore ?? []).map((s) => s.toLowerCase());
  // Read only: the resources themselves when their names are already canonical (no copy).
  const e = canonicalView(expected, schema);
  const a = canonicalView(actual, schema);
  const topDefs = topLevelDefs(schema);
  const diffs: string[] = [];
  for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) {
    if (ignore.includes(k.toLowerCase())) continue;
    const ext = schema.extensions.find((x) => x.id === k);
    if (ext) {
      const ev = e[k];
      const av = a[k];
      if (isObject(ev) && isObject(av)) compareObjects(ext.attributes, ev, av, k, diffs);
      else compareValue(undefined, ev, av, k, diffs);
      continue;
    }
    compareValue(findByName(topDefs, k), e[k], a[k], k, diffs);
  }
  return diffs;
}

export function resourcesEqual(a: ScimResource, b: ScimResource, schema: ResourceSchema, options?: CompareOptions): boolean {
  return diffResources(a, b, schema, options).length === 0;
}
