// Renames attribute keys of a resource to the schema's spelling (names are case-insensitive, RFC 7643
// §2.1), so the rest of the module can use plain property access. Values are not checked here.
import type { AttributeDef, ResourceSchema } from '../schemas/scim-schema.ts';
import { COMMON_ATTRIBUTES } from '../schemas/rfc7643.ts';
import { isObject, type JsonObject } from './json-value.ts';
import { findByName } from './resolve-attribute.ts';

/** A deep copy; a primitive is its own copy (structuredClone costs a serialisation per call, and most values are strings). */
function copy(v: unknown): unknown {
  return v === null || typeof v !== 'object' ? v : structuredClone(v);
}

function canonicalValue(def: AttributeDef, v: unknown): unknown {
  if (def.type !== 'complex') return copy(v);
  const one = (x: unknown): unknown => (isObject(x) ? canonicalObject(def.subAttributes ?? [], x) : copy(x));
  return Array.isArray(v) ? v.map(one) : one(v);
}

function canonicalObject(defs: AttributeDef[], obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(obj)) {
    const def = findByName(defs, key);
    if (def) out[def.name] = canonicalValue(def, v);
    else out[key] = copy(v);
  }
  return out;
}

const topLevel = new WeakMap<ResourceSchema, AttributeDef[]>();

/** The common attributes (id, externalId, meta) and the core schema's, in that order. */
export function topLevelDefs(schema: ResourceSchema): AttributeDef[] {
  let defs = topLevel.get(schema);
  if (!defs) {
    defs = [...COMMON_ATTRIBUTES, ...schema.core.attributes];
    topLevel.set(schema, defs);
  }
  return defs;
}

/** A deep copy of `resource` with canonical attribute names (unknown keys kept as they are). */
export function canonicalizeResource(resource: JsonObject, schema: ResourceSchema): JsonObject {
  const topDefs = topLevelDefs(schema);
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(resource)) {
    const ext = extensionNamed(schema, key);
    if (ext) {
      out[ext.id] = isObject(v) ? canonicalObject(ext.attributes, v) : copy(v);
      continue;
    }
    const def = findByName(topDefs, key);
    if (def) out[def.name] = canonicalValue(def, v);
    else out[key] = copy(v);
  }
  return out;
}

/** The schema extension whose URN `key` is, in any case (URNs are ASCII: the length decides first). */
function extensionNamed(schema: ResourceSchema, key: string): ResourceSchema['extensions'][number] | undefined {
  for (const e of schema.extensions) if (e.id.length === key.length && (e.id === key || e.id.toLowerCase() === key.toLowerCase())) return e;
  return undefined;
}

/** Whether canonicalizing `v` under `def` would rename nothing (so that a copy would equal `v`). */
function canonicalUnder(def: AttributeDef, v: unknown): boolean {
  if (def.type !== 'complex') return true;
  if (Array.isArray(v)) return v.every((x) => !isObject(x) || canonicalKeys(def.subAttributes ?? [], x));
  return !isObject(v) || canonicalKeys(def.subAttributes ?? [], v);
}

function canonicalKeys(defs: AttributeDef[], obj: JsonObject): boolean {
  for (const key in obj) {
    const def = findByName(defs, key);
    if (def && (def.name !== key || !canonicalUnder(def, obj[key]))) return false;
  }
  return true;
}

/**
 * `resource` with canonical attribute names, for reading only: the resource itself when every name
 * is already spelled as the schema spells it (the usual answer; nothing is copied), else
 * canonicalizeResource's copy. Never change what it returns.
 */
export function canonicalView(resource: JsonObject, schema: ResourceSchema): JsonObject {
  const topDefs = topLevelDefs(schema);
  for (const key in resource) {
    const v = resource[key];
    const ext = extensionNamed(schema, key);
    if (ext) {
      if (ext.id !== key || (isObject(v) && !canonicalKeys(ext.attributes, v))) return canonicalizeResource(resource, schema);
      continue;
    }
    const def = findByName(topDefs, key);
    if (def && (def.name !== key || !canonicalUnder(def, v))) return canonicalizeResource(resource, schema);
  }
  return resource;
}
