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

/** A deep copy of `resource` with canonical attribute names (unknown keys kept as they are). */
export function canonicalizeResource(resource: JsonObject, schema: ResourceSchema): JsonObject {
  const topDefs = [...COMMON_ATTRIBUTES, ...schema.core.attributes];
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(resource)) {
    const ext = schema.extensions.find((e) => e.id.toLowerCase() === key.toLowerCase());
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
