// Type checks of values against attribute definitions (RFC 7643 §2.3), with canonical sub-attribute
// names. Wrong types are 400 invalidValue. Nulls inside a complex value are kept as null so that
// callers can treat them as "unassign this sub-attribute".
import type { AttributeDef } from '../schemas/scim-schema.ts';
import { findByName } from './resolve-attribute.ts';
import { isObject, show, type JsonObject } from './json-value.ts';
import type { ResolvedOptions } from './options.ts';
import { invalidValue } from './patch-error.ts';

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fail(label: string, expected: string, value: unknown): never {
  throw invalidValue(`${label}: expected ${expected}, got ${show(value)}`);
}

function coerceSimple(def: AttributeDef, v: unknown, label: string, opts: ResolvedOptions): unknown {
  switch (def.type) {
    case 'string':
    case 'reference':
      if (typeof v !== 'string') fail(label, 'a string', v);
      return v;
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (opts.coerceBooleanStrings && typeof v === 'string') {
        const lower = v.toLowerCase();
        if (lower === 'true') return true;
        if (lower === 'false') return false;
      }
      return fail(label, 'a boolean', v);
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) fail(label, 'an integer', v);
      return v;
    case 'decimal':
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(label, 'a number', v);
      return v;
    case 'dateTime':
      if (typeof v !== 'string' || !DATE_TIME.test(v) || Number.isNaN(Date.parse(v))) fail(label, 'an xsd:dateTime', v);
      return v;
    case 'binary':
      if (typeof v !== 'string' || !BASE64.test(v.replace(/\s/g, ''))) fail(label, 'base64 binary', v);
      return v;
    case 'complex':
      return fail(label, 'a complex value', v);
  }
}

function coerceComplex(def: AttributeDef, v: unknown, label: string, opts: ResolvedOptions): JsonObject {
  let value = v;
  if (!def.multiValued) {
    if (opts.unwrapSingletonArrays && Array.isArray(value) && value.length === 1) value = value[0];
    if (opts.coerceStringToComplexValue && typeof value === 'string' && findByName(def.subAttributes, 'value')) {
      value = { value };
    }
  }
  if (!isObject(value)) fail(label, 'an object', v);
  const out: JsonObject = {};
  for (const [key, subValue] of Object.entries(value)) {
    const sub = findByName(def.subAttributes, key);
    if (!sub) throw invalidValue(`${label}: unknown sub-attribute "${key}"`);
    out[sub.name] = subValue === null ? null : coerceValue(sub, subValue, `${label}.${sub.name}`, opts);
  }
  return out;
}

/** One value of `def` (one record when `def` is multi-valued). */
export function coerceSingle(def: AttributeDef, v: unknown, label: string, opts: ResolvedOptions): unknown {
  if (def.type === 'complex') return coerceComplex(def, v, label, opts);
  return coerceSimple(def, v, label, opts);
}

/** Drops null members: a stored record never carries unassigned sub-attributes. */
export function withoutNulls(obj: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * The records of a multi-valued attribute: an array, or a single value taken as one record.
 * Every record is type-checked; empty records and nulls are invalidValue.
 */
export function coerceRecords(def: AttributeDef, v: unknown, label: string, opts: ResolvedOptions): unknown[] {
  const items = Array.isArray(v) ? v : [v];
  return items.map((item, i) => {
    const itemLabel = `${label}[${i}]`;
    if (item === null || item === undefined) throw invalidValue(`${itemLabel}: null is not a value`);
    if (def.type === 'complex') {
      if (!isObject(item)) fail(itemLabel, 'an object', item);
      const record = withoutNulls(coerceComplex(def, item, itemLabel, opts));
      if (Object.keys(record).length === 0) throw invalidValue(`${itemLabel}: empty record`);
      return record;
    }
    return coerceSimple(def, item, itemLabel, opts);
  });
}

/** A whole value of `def`: records for multi-valued attributes, else a single value. */
export function coerceValue(def: AttributeDef, v: unknown, label: string, opts: ResolvedOptions): unknown {
  if (def.multiValued) return coerceRecords(def, v, label, opts);
  return coerceSingle(def, v, label, opts);
}
