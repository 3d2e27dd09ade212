// The semantics of one add / replace / remove on a resolved target (RFC 7644 §3.5.2.1-3), applied
// in place to a working copy owned by applyPatch. Mutability, required and type rules are checked
// as each value is written.
import type { AttributeDef, ResourceSchema } from '../schemas/scim-schema.ts';
import { coerceRecords, coerceSingle, coerceValue, withoutNulls } from './coerce-value.ts';
import { isPresent, matchesFilter } from './evaluate-filter.ts';
import { isObject, jsonEqual, show, type JsonObject } from './json-value.ts';
import type { ResolvedOptions } from './options.ts';
import type { FilterNode } from './parse-filter.ts';
import { parsePath } from './parse-path.ts';
import { invalidPath, invalidValue, mutability, noTarget } from './patch-error.ts';
import {
  filterScope,
  findByName,
  resolveAttributeText,
  resolveTarget,
  type ResolvedAttribute,
  type ResolvedContainer,
  type Target,
} from './resolve-attribute.ts';

export type OpName = 'add' | 'replace' | 'remove';

export interface OpContext {
  res: JsonObject;
  schema: ResourceSchema;
  opts: ResolvedOptions;
}

type AttrTarget = ResolvedAttribute & { filter?: FilterNode };

// ---- storage ------------------------------------------------------------------------------------

function getAttr(ctx: OpContext, container: string | null, def: AttributeDef): unknown {
  const h = container === null ? ctx.res : ctx.res[container];
  return isObject(h) ? h[def.name] : undefined;
}

function putAttr(ctx: OpContext, container: string | null, def: AttributeDef, value: unknown): void {
  if (container !== null && !isObject(ctx.res[container])) ctx.res[container] = {};
  const h = (container === null ? ctx.res : ctx.res[container]) as JsonObject;
  if (isPresent(value)) h[def.name] = value;
  else delete h[def.name];
  if (container !== null && Object.keys(h).length === 0) delete ctx.res[container];
}

function records(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

// ---- rules --------------------------------------------------------------------------------------

function checkSubChanges(def: AttributeDef, before: unknown, after: unknown): void {
  if (!isObject(after)) return;
  const old = isObject(before) ? before : {};
  for (const sub of def.subAttributes ?? []) {
    const o = old[sub.name];
    const n = after[sub.name];
    if (jsonEqual(o, n) || (!isPresent(o) && !isPresent(n))) continue;
    if (sub.mutability === 'readOnly') throw mutability(`${def.name}.${sub.name} is readOnly`);
    if (sub.mutability === 'immutable' && isPresent(o)) throw mutability(`${def.name}.${sub.name} is immutable and already set to ${show(o)}`);
    if (sub.required && isPresent(o) && !isPresent(n)) throw mutability(`${def.name}.${sub.name} is required and cannot be removed`);
  }
}

/** Writes a whole attribute value after checking mutability, required and non-empty rules. */
function commit(ctx: OpContext, container: string | null, def: AttributeDef, next: unknown): void {
  const old = getAttr(ctx, container, def);
  if (jsonEqual(old, next) || (!isPresent(old) && !isPresent(next))) return;
  if (def.mutability === 'readOnly') throw mutability(`${def.name} is readOnly`);
  if (def.mutability === 'immutable' && isPresent(old)) throw mutability(`${def.name} is immutable and already set`);
  if (def.required && next === '') throw invalidValue(`${def.name} is required and cannot be empty`);
  if (def.required && isPresent(old) && !isPresent(next)) throw mutability(`${def.name} is required and cannot be removed`);
  if (def.type === 'complex' && !def.multiValued) checkSubChanges(def, old, next);
  putAttr(ctx, container, def, next);
}

/** Drops records left with no assigned sub-attribute, and exact duplicates. */
function tidyRecords(list: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const r of list) {
    if (!isPresent(r)) continue;
    if (!out.some((o) => jsonEqual(o, r))) out.push(r);
  }
  return out;
}

function sameCi(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : jsonEqual(a, b);
}

/** Index of the stored record that `rec` denotes (RFC 7643 §2.4: same value and type), or -1. */
function identityIndex(list: unknown[], rec: unknown): number {
  if (!isObject(rec)) return list.findIndex((e) => jsonEqual(e, rec));
  if (rec['value'] === undefined) return list.findIndex((e) => jsonEqual(e, rec));
  return list.findIndex(
    (e) =>
      isObject(e) &&
      jsonEqual(e['value'], rec['value']) &&
      (e['type'] === undefined || rec['type'] === undefined || sameCi(e['type'], rec['type'])),
  );
}

function matchingIndexes(def: AttributeDef, list: unknown[], filter: FilterNode): number[] {
  const scope = filterScope(def);
  const out: number[] = [];
  list.forEach((e, i) => {
    if (matchesFilter(filter, e, scope)) out.push(i);
  });
  return out;
}

/** A new record built from the `eq` terms of an and-only filter (Entra's valuePath add, IOP-05). */
function recordFromFilter(def: AttributeDef, filter: FilterNode): JsonObject {
  const out: JsonObject = {};
  const visit = (n: FilterNode): void => {
    if (n.kind === 'and') {
      visit(n.left);
      visit(n.right);
    } else if (n.kind === 'compare' && n.op === 'eq' && n.value !== null) {
      const sub = findByName(filterScope(def), n.attr.name);
      if (!sub) throw noTarget(`cannot create a ${def.name} value from this filter`);
      out[sub.name] = n.value;
    } else {
      throw noTarget(`no ${def.name} value matches, and the filter is not a set of "eq" terms to create one from`);
    }
  };
  visit(filter);
  return out;
}

function setSub(record: unknown, sub: AttributeDef, value: unknown): JsonObject {
  const next: JsonObject = isObject(record) ? { ...record } : {};
  if (value === null) delete next[sub.name];
  else next[sub.name] = value;
  return next;
}

// ---- add / replace / remove on attributes -------------------------------------------------------

function label(t: AttrTarget): string {
  return t.sub ? `${t.def.name}.${t.sub.name}` : t.def.name;
}

/** The value for `t.sub`, type-checked; null kept (it means unassign). */
function subValue(ctx: OpContext, t: AttrTarget & { sub: AttributeDef }, value: unknown): unknown {
  return value === null ? null : coerceValue(t.sub, value, label(t), ctx.opts);
}

function writeSubEverywhere(ctx: OpContext, t: AttrTarget & { sub: AttributeDef }, value: unknown): void {
  const v = subValue(ctx, t, value);
  const current = getAttr(ctx, t.container, t.def);
  if (!t.def.multiValued) {
    if (!isPresent(current) && v === null) return;
    commit(ctx, t.container, t.def, setSub(current, t.sub, v));
    return;
  }
  const list = records(current);
  if (list.length === 0) {
    if (v !== null) commit(ctx, t.container, t.def, [{ [t.sub.name]: v }]);
    return;
  }
  const next = list.map((r) => {
    const n = setSub(r, t.sub, v);
    checkSubChanges(t.def, r, n);
    return n;
  });
  commit(ctx, t.container, t.def, tidyRecords(next));
}

function mergeComplex(current: unknown, value: JsonObject): JsonObject {
  const next: JsonObject = isObject(current) ? { ...current } : {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

/** valuePath matching nothing: create the record (when allowed) or 400 noTarget. */
function createFromFilter(ctx: OpContext, t: AttrTarget & { filter: FilterNode }, value: unknown, list: unknown[]): void {
  if (value === null) return;
  let rec: unknown;
  if (t.def.type !== 'complex') {
    rec = coerceSingle(t.def, value, label(t), ctx.opts);
  } else {
    const base = recordFromFilter(t.def, t.filter);
    rec = t.sub
      ? { ...base, [t.sub.name]: subValue(ctx, { ...t, sub: t.sub }, value) }
      : { ...base, ...withoutNulls(coerceSingle(t.def, value, label(t), ctx.opts) as JsonObject) };
  }
  commit(ctx, t.container, t.def, [...list, rec]);
}

function updateMatches(ctx: OpContext, t: AttrTarget, list: unknown[], matched: number[], update: (r: unknown) => unknown): void {
  const next = list.map((r, i) => {
    if (!matched.includes(i)) return r;
    const n = update(r);
    if (t.def.type === 'complex') checkSubChanges(t.def, r, n);
    return n;
  });
  commit(ctx, t.container, t.def, tidyRecords(next));
}

/**
 * The part of add and replace on a value path that they share: when nothing matches, create an
 * element from the filter (if the option allows) or fail with noTarget; with a sub-attribute, set
 * it on every match. What is left (whole matched elements) is returned to the caller.
 */
function filteredTarget(
  ctx: OpContext,
  t: AttrTarget,
  current: unknown,
  value: unknown,
  createWhenNone: boolean | undefined,
): { list: unknown[]; matched: number[] } | undefined {
  const filter = t.filter!;
  const list = records(current);
  const matched = matchingIndexes(t.def, list, filter);
  if (matched.length === 0) {
    if (!createWhenNone) throw noTarget(`no ${t.def.name} value matches the filter`);
    createFromFilter(ctx, { ...t, filter }, value, list);
    return undefined;
  }
  const sub = t.sub;
  if (sub) {
    const v = subValue(ctx, { ...t, sub }, value);
    updateMatches(ctx, t, list, matched, (r) => setSub(r, sub, v));
    return undefined;
  }
  return { list, matched };
}

function addToAttribute(ctx: OpContext, t: AttrTarget, value: unknown): void {
  if (value === null) throw invalidValue(`add needs a value for ${label(t)}; use remove to unassign`);
  const current = getAttr(ctx, t.container, t.def);
  if (t.filter) {
    const whole = filteredTarget(ctx, t, current, value, ctx.opts.addValuePathCreates);
    if (whole) {
      const v = coerceSingle(t.def, value, label(t), ctx.opts);
      updateMatches(ctx, t, whole.list, whole.matched, (r) => (isObject(r) && isObject(v) ? mergeComplex(r, v) : v));
    }
    return;
  }
  if (t.sub) {
    writeSubEverywhere(ctx, { ...t, sub: t.sub }, value);
    return;
  }
  if (t.def.multiValued) {
    const next = [...records(current)];
    for (const rec of coerceRecords(t.def, value, label(t), ctx.opts)) {
      const i = identityIndex(next, rec);
      const existing = next[i];
      if (i === -1) {
        next.push(rec);
      } else if (isObject(existing) && isObject(rec)) {
        const merged = { ...existing, ...rec };
        checkSubChanges(t.def, existing, merged);
        next[i] = merged;
      }
    }
    commit(ctx, t.container, t.def, next);
    return;
  }
  const v = coerceSingle(t.def, value, label(t), ctx.opts);
  commit(ctx, t.container, t.def, t.def.type === 'complex' ? mergeComplex(current, v as JsonObject) : v);
}

function replaceAttribute(ctx: OpContext, t: AttrTarget, value: unknown): void {
  const current = getAttr(ctx, t.container, t.def);
  if (t.filter) {
    const whole = filteredTarget(ctx, t, current, value, ctx.opts.replaceValuePathUpserts);
    if (whole && value === null) {
      commit(ctx, t.container, t.def, whole.list.filter((_, i) => !whole.matched.includes(i)));
    } else if (whole) {
      // E-8: the matched record is overwritten by the given value.
      const v = coerceSingle(t.def, value, label(t), ctx.opts);
      const rec = isObject(v) ? withoutNulls(v) : v;
      updateMatches(ctx, t, whole.list, whole.matched, () => rec);
    }
    return;
  }
  if (t.sub) {
    writeSubEverywhere(ctx, { ...t, sub: t.sub }, value);
    return;
  }
  if (value === null) {
    commit(ctx, t.container, t.def, undefined);
    return;
  }
  if (t.def.multiValued) {
    commit(ctx, t.container, t.def, tidyRecords(coerceRecords(t.def, value, label(t), ctx.opts)));
    return;
  }
  const v = coerceSingle(t.def, value, label(t), ctx.opts);
  // RFC 7644 §3.5.2.3: sub-attributes not given in the value are left unchanged.
  commit(ctx, t.container, t.def, t.def.type === 'complex' ? mergeComplex(current, v as JsonObject) : v);
}

/** A record named in a remove's `value` (Entra's member removal): all given sub-attributes equal. */
function recordMatchesGiven(rec: unknown, given: unknown): boolean {
  if (!isObject(given)) return jsonEqual(rec, given) || (isObject(rec) && jsonEqual(rec['value'], given));
  if (!isObject(rec)) return jsonEqual(rec, given['value']) && Object.keys(given).length === 1;
  return Object.entries(given).every(([k, v]) => jsonEqual(rec[k], v));
}

function removeFromAttribute(ctx: OpContext, t: AttrTarget, value: unknown): void {
  const current = getAttr(ctx, t.container, t.def);
  if (t.filter) {
    const list = records(current);
    const matched = matchingIndexes(t.def, list, t.filter);
    if (matched.length === 0) return; // E-5: nothing to remove is a successful no-op
    const sub = t.sub;
    if (sub) updateMatches(ctx, t, list, matched, (r) => setSub(r, sub, null));
    else commit(ctx, t.container, t.def, list.filter((_, i) => !matched.includes(i)));
    return;
  }
  if (t.sub) {
    if (!isPresent(current)) return;
    writeSubEverywhere(ctx, { ...t, sub: t.sub }, null);
    return;
  }
  if (t.def.multiValued && value !== undefined && value !== null) {
    // E-2: a value on remove never means "remove everything".
    if (!ctx.opts.removeByValueArray) throw invalidValue(`remove on ${t.def.name} takes no value; use a value filter in the path`);
    const given = coerceRecords(t.def, value, `${t.def.name} (remove value)`, ctx.opts);
    const list = records(current);
    commit(ctx, t.container, t.def, list.filter((r) => !given.some((g) => recordMatchesGiven(r, g))));
    return;
  }
  commit(ctx, t.container, t.def, undefined);
}

// ---- containers and path-less values ------------------------------------------------------------

function applyToContainer(ctx: OpContext, op: OpName, t: ResolvedContainer, value: unknown): void {
  if (op === 'remove' || (op === 'replace' && value === null)) {
    const ext = ctx.schema.resourceType.schemaExtensions.find((e) => e.schema.toLowerCase() === t.urn.toLowerCase());
    if (ext?.required) throw mutability(`extension ${t.urn} is required`);
    const container = ctx.res[t.urn];
    if (!isObject(container)) return;
    for (const def of t.schema.attributes) {
      if (def.required && isPresent(container[def.name])) throw mutability(`${def.name} is required and cannot be removed`);
    }
    delete ctx.res[t.urn];
    return;
  }
  if (!isObject(value)) throw invalidValue(`the value for ${t.urn} must be an object of its attributes`);
  for (const [key, v] of Object.entries(value)) {
    const inner = resolveAttributeText(`${t.urn}:${key}`, ctx.schema);
    if (inner.kind !== 'attribute') throw invalidPath(`"${key}" is not an attribute of ${t.urn}`);
    applyToTarget(ctx, op, inner, v, true);
  }
}

/**
 * Applies one operation to a resolved target. `lenient` is set for attributes named inside a value
 * (path-less or container form): a readOnly attribute given its current value is then ignored
 * (Okta sends the group's own id), while a different value is still 400 mutability.
 */
export function applyToTarget(ctx: OpContext, op: OpName, target: Target, value: unknown, lenient: boolean): void {
  if (target.kind === 'container') {
    applyToContainer(ctx, op, target, value);
    return;
  }
  const readOnly = target.def.mutability === 'readOnly' || target.sub?.mutability === 'readOnly';
  if (readOnly && (!lenient || op === 'remove')) throw mutability(`${label(target)} is readOnly`);
  if (op === 'add') addToAttribute(ctx, target, value);
  else if (op === 'replace') replaceAttribute(ctx, target, value);
  else removeFromAttribute(ctx, target, value);
}

/** add/replace without a path: each member of the value object is an attribute to add or replace. */
export function applyPathless(ctx: OpContext, op: 'add' | 'replace', value: unknown): void {
  if (!isObject(value)) throw invalidValue(`${op} without a path needs an object value`);
  for (const [key, v] of Object.entries(value)) {
    // The server keeps `schemas` consistent with the extension data; a client copy is not applied.
    if (key.toLowerCase() === 'schemas') continue;
    applyToTarget(ctx, op, resolveTarget(parsePath(key), ctx.schema), v, true);
  }
}
