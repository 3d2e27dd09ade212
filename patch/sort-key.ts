// The sort rules of RFC 7644 §3.4.2.3, one copy for the reference server and the list oracle: the
// value a resource sorts by under sortBy (strings by their caseExact, dateTimes as instants, a
// multi-valued attribute by its primary record, else its first) and how two such values compare
// (no value sorts last ascending, and so first descending).
import type { AttributeDef, ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { getValue } from './get-value.ts';
import { getCi as objectGetCi, isObject } from './json-value.ts';
import { resolveAttributeText } from './resolve-attribute.ts';

export type SortKey = string | number | boolean | undefined;

const getCi = (obj: unknown, name: string): unknown => (isObject(obj) ? objectGetCi(obj, name) : undefined);

/** The definition of an attribute path ("name.givenName", "urn:…:employeeNumber"), or undefined. */
function definitionOf(path: string, schema: ResourceSchema): AttributeDef | undefined {
  try {
    const r = resolveAttributeText(path, schema);
    return r.kind === 'attribute' ? (r.sub ?? r.def) : undefined;
  } catch {
    return undefined;
  }
}

function primaryOrFirst(values: unknown[]): unknown {
  return values.find((v) => getCi(v, 'primary') === true) ?? values[0];
}

function sortValue(resource: ScimResource, path: string, schema: ResourceSchema): unknown {
  // A sub-attribute of a multi-valued attribute sorts by the primary record's value, else the first's.
  const dot = path.lastIndexOf('.');
  if (dot > path.lastIndexOf(':')) {
    const parent = path.slice(0, dot);
    if (definitionOf(parent, schema)?.multiValued === true) {
      const records = getValue(resource, parent, schema);
      return Array.isArray(records) ? getCi(primaryOrFirst(records), path.slice(dot + 1)) : undefined;
    }
  }
  let value = getValue(resource, path, schema);
  if (Array.isArray(value)) value = primaryOrFirst(value);
  if (isObject(value)) value = getCi(value, 'value');
  return value;
}

/** The key a resource sorts by; throws the PatchError of getValue for a path the schema does not define. */
export function sortKey(resource: ScimResource, path: string, schema: ResourceSchema): SortKey {
  const value = sortValue(resource, path, schema);
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') {
    const def = definitionOf(path, schema);
    if (def?.type === 'dateTime') {
      const t = Date.parse(value);
      return Number.isNaN(t) ? value : t;
    }
    return def?.caseExact === true ? value : value.toLowerCase();
  }
  return typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** Ascending comparison; no value sorts last. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
