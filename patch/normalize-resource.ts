// The body of a POST (create) or PUT (replace) turned into the stored form: canonical names, type
// checks, readOnly values dropped, required attributes present, immutable values unchanged on
// replace, extension data nested under its URN and `schemas` listing exactly the extensions present.
// Unknown attributes are 400 invalidValue. The server assigns id and meta; this does not.
import type { AttributeDef, ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { coerceRecords, coerceSingle, coerceValue, withoutNulls } from './coerce-value.ts';
import { canonicalizeResource } from './canonicalize.ts';
import { isPresent } from './evaluate-filter.ts';
import { getCi, isObject, jsonEqual, show, type JsonObject } from './json-value.ts';
import { resolveOptions, type PatchOptions } from './options.ts';
import { invalidSyntax, invalidValue, mutability, PatchError } from './patch-error.ts';
import { resolveAttributeText, type ResolvedAttribute } from './resolve-attribute.ts';

const SERVER_OWNED = new Set(['schemas', 'id', 'meta']);

function stripReadOnly(def: AttributeDef, rec: unknown): unknown {
  if (!isObject(rec)) return rec;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(rec)) {
    const sub = def.subAttributes?.find((s) => s.name === k);
    if (sub?.mutability !== 'readOnly' && v !== null) out[k] = v;
  }
  return out;
}

function checkSchemas(input: JsonObject, schema: ResourceSchema): void {
  const schemas = getCi(input, 'schemas');
  if (!Array.isArray(schemas) || !schemas.every((s) => typeof s === 'string')) {
    throw invalidSyntax('"schemas" must be an array of schema URNs');
  }
  const known = [schema.core.id, ...schema.extensions.map((e) => e.id)].map((u) => u.toLowerCase());
  if (!schemas.some((s) => (s as string).toLowerCase() === schema.core.id.toLowerCase())) {
    throw invalidSyntax(`"schemas" must contain ${schema.core.id}`);
  }
  for (const s of schemas as string[]) {
    if (!known.includes(s.toLowerCase())) throw invalidValue(`"schemas" lists ${s}, which ${schema.resourceType.name} does not support`);
  }
}

function holder(out: JsonObject, container: string | null): JsonObject {
  if (container === null) return out;
  if (!isObject(out[container])) out[container] = {};
  return out[container] as JsonObject;
}

function store(out: JsonObject, t: ResolvedAttribute, value: unknown, label: string, opts: ReturnType<typeof resolveOptions>): void {
  if (value === null || value === undefined) return;
  if (t.def.mutability === 'readOnly' || t.sub?.mutability === 'readOnly') return;
  const h = holder(out, t.container);
  if (t.sub) {
    if (t.def.multiValued) throw invalidValue(`${label}: give ${t.def.name} as an array of values`);
    const parent = isObject(h[t.def.name]) ? (h[t.def.name] as JsonObject) : {};
    h[t.def.name] = { ...parent, [t.sub.name]: coerceValue(t.sub, value, label, opts) };
    return;
  }
  let v: unknown;
  if (t.def.multiValued) v = coerceRecords(t.def, value, label, opts).map((r) => stripReadOnly(t.def, r));
  else if (t.def.type === 'complex') v = stripReadOnly(t.def, withoutNulls(coerceSingle(t.def, value, label, opts) as JsonObject));
  else v = coerceSingle(t.def, value, label, opts);
  if (isPresent(v) || v === '') h[t.def.name] = v;
}

function resolveKey(key: string, schema: ResourceSchema) {
  try {
    return resolveAttributeText(key, schema);
  } catch (e) {
    if (e instanceof PatchError) throw invalidValue(`unknown attribute "${key}"`);
    throw e;
  }
}

function checkRequired(out: JsonObject, schema: ResourceSchema): void {
  const need = (defs: AttributeDef[], h: JsonObject, where: string): void => {
    for (const def of defs) {
      if (!def.required) continue;
      const v = h[def.name];
      if (!isPresent(v)) throw invalidValue(`${where}${def.name} is required`);
    }
  };
  need(schema.core.attributes, out, '');
  for (const ext of schema.extensions) {
    const required = schema.resourceType.schemaExtensions.find((e) => e.schema.toLowerCase() === ext.id.toLowerCase())?.required;
    const h = out[ext.id];
    if (!isObject(h)) {
      if (required) throw invalidValue(`extension ${ext.id} is required`);
      continue;
    }
    need(ext.attributes, h, `${ext.id}:`);
  }
}

function checkPrimaries(out: JsonObject, schema: ResourceSchema): void {
  const scan = (defs: AttributeDef[], h: JsonObject): void => {
    for (const def of defs) {
      const v = h[def.name];
      if (def.multiValued && Array.isArray(v) && v.filter((r) => isObject(r) && r['primary'] === true).length > 1) {
        throw invalidValue(`${def.name}: more than one value has "primary": true`);
      }
    }
  };
  scan(schema.core.attributes, out);
  for (const ext of schema.extensions) if (isObject(out[ext.id])) scan(ext.attributes, out[ext.id] as JsonObject);
}

/** On replace: immutable values must not change (omitted ones are kept); readOnly values are kept from `current`. */
function carryOver(out: JsonObject, current: JsonObject, schema: ResourceSchema): void {
  const visit = (defs: AttributeDef[], container: string | null): void => {
    const cur = container === null ? current : current[container];
    if (!isObject(cur)) return;
    for (const def of defs) {
      const before = cur[def.name];
      if (!isPresent(before)) continue;
      const h = container === null ? out : out[container];
      const after = isObject(h) ? h[def.name] : undefined;
      if (def.mutability === 'readOnly' || (def.mutability === 'immutable' && !isPresent(after))) {
        holder(out, container)[def.name] = structuredClone(before);
        continue;
      }
      if (def.mutability === 'immutable' && !jsonEqual(before, after)) throw mutability(`${def.name} is immutable (current ${show(before)})`);
      if (def.type !== 'complex' || def.multiValued || !isObject(before) || !isObject(after)) continue;
      for (const sub of def.subAttributes ?? []) {
        const b = before[sub.name];
        if (!isPresent(b)) continue;
        if (sub.mutability === 'readOnly') after[sub.name] = structuredClone(b);
        else if (sub.mutability === 'immutable' && !isPresent(after[sub.name])) after[sub.name] = structuredClone(b);
        else if (sub.mutability === 'immutable' && !jsonEqual(b, after[sub.name])) throw mutability(`${def.name}.${sub.name} is immutable`);
      }
    }
  };
  visit(schema.core.attributes, null);
  for (const ext of schema.extensions) visit(ext.attributes, ext.id);
}

export function normalizeResource(
  input: unknown,
  schema: ResourceSchema,
  mode: 'create' | 'replace',
  current?: ScimResource,
  options?: PatchOptions,
): ScimResource {
  const opts = resolveOptions(options);
  if (!isObject(input)) throw invalidSyntax('the resource must be a JSON object');
  checkSchemas(input, schema);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(input)) {
    if (SERVER_OWNED.has(key.toLowerCase())) continue;
    if (key.includes('[')) throw invalidValue(`"${key}" is not an attribute name`);
    const t = resolveKey(key, schema);
    if (t.kind === 'attribute') {
      store(out, t, value, key, opts);
      continue;
    }
    if (value === null) continue;
    if (!isObject(value)) throw invalidValue(`${t.urn} must be an object of its attributes`);
    for (const [inner, v] of Object.entries(value)) {
      const it = resolveKey(`${t.urn}:${inner}`, schema);
      if (it.kind !== 'attribute') throw invalidValue(`unknown attribute "${inner}" in ${t.urn}`);
      store(out, it, v, `${t.urn}:${inner}`, opts);
    }
  }
  for (const ext of schema.extensions) if (isObject(out[ext.id]) && !isPresent(out[ext.id])) delete out[ext.id];
  if (mode === 'replace' && current) carryOver(out, canonicalizeResource(current, schema), schema);
  for (const def of schema.core.attributes) {
    if (def.required && out[def.name] === '') throw invalidValue(`${def.name} is required and cannot be empty`);
  }
  checkRequired(out, schema);
  checkPrimaries(out, schema);
  const present = schema.extensions.filter((e) => isObject(out[e.id])).map((e) => e.id);
  return { schemas: [schema.core.id, ...present], ...out };
}
