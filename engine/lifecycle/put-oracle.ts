// The PUT oracle: the resource RFC 7644 §3.5.1 makes of a full replacement. readOnly values sent
// are ignored (the stored ones stay), an immutable value that is set must be sent unchanged (else
// 400 mutability), a required attribute must be sent (else 400), id and meta stay the server's.
// Attributes the body leaves out are not judged here: §3.5.1 lets the server clear them or give
// them a default; the scenarios about omission say so with assertions. A null or [] clears.
import type { AttributeDef, ResourceSchema, ScimResource } from '../../schemas/scim-schema.ts';
import type { ScimType } from '../../schemas/scim-schema.ts';
import { isObject, isUnassigned, jsonEqual } from '../judge.ts';

export interface PutError {
  status: number;
  scimType: ScimType;
  detail: string;
}

export type PutOracle =
  | {
      /** The expected resource (only what the body asserts, plus the readOnly values kept). */
      resource: ScimResource;
      /** Top-level names (lower case: core names and extension URNs) whose state the oracle decides. */
      asserted: string[];
    }
  | { error: PutError };

const SERVER_OWNED = new Set(['schemas', 'id', 'meta']);

const find = (defs: AttributeDef[], name: string) => defs.find((d) => d.name.toLowerCase() === name.toLowerCase());
const valueOf = (resource: Record<string, unknown>, name: string) => Object.entries(resource).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

/** What a PUT of `body` onto `before` must leave, or the error it must raise; undefined when the body is not a resource. */
export function putOracle(before: ScimResource, body: unknown, schema: ResourceSchema): PutOracle | undefined {
  if (!isObject(body)) return undefined;
  const resource: ScimResource = {};
  const asserted = new Set<string>();
  const error = (detail: string, scimType: ScimType): { error: PutError } => ({ error: { status: 400, scimType, detail } });
  // One level of attributes (core, or one extension's): readOnly kept, immutable checked, the rest replaced.
  const level = (defs: AttributeDef[], sent: Record<string, unknown>, current: Record<string, unknown>, out: Record<string, unknown>, where: string): { error: PutError } | undefined => {
    for (const def of defs) {
      const was = valueOf(current, def.name);
      const got = valueOf(sent, def.name);
      if (def.mutability === 'readOnly') {
        if (!isUnassigned(was)) out[def.name] = structuredClone(was);
        continue;
      }
      if (def.mutability === 'immutable' && !isUnassigned(was) && !isUnassigned(got) && !jsonEqual(was, got)) {
        return error(`${where}${def.name} is immutable and set; the PUT sends another value`, 'mutability');
      }
      if (def.required && isUnassigned(got)) return error(`${where}${def.name} is required and the PUT leaves it out`, 'invalidValue');
      if (!isUnassigned(got)) out[def.name] = structuredClone(got);
    }
    return undefined;
  };
  const failed = level(schema.core.attributes.filter((d) => !SERVER_OWNED.has(d.name.toLowerCase())), body, before, resource, '');
  if (failed) return failed;
  for (const key of Object.keys(body)) {
    if (SERVER_OWNED.has(key.toLowerCase()) || body[key] === undefined) continue;
    const def = find(schema.core.attributes, key);
    if (def) {
      if (def.mutability !== 'readOnly') asserted.add(def.name.toLowerCase());
      continue;
    }
    const ext = schema.extensions.find((e) => e.id.toLowerCase() === key.toLowerCase());
    if (!ext) continue;
    const sent = body[key];
    const current = valueOf(before, ext.id);
    const inner: Record<string, unknown> = {};
    const bad = level(ext.attributes, isObject(sent) ? sent : {}, isObject(current) ? current : {}, inner, `${ext.id}:`);
    if (bad) return bad;
    asserted.add(ext.id.toLowerCase());
    // Inside an extension, too, only the attributes sent are decided (the others are omitted ones).
    for (const [k, v] of Object.entries(isObject(sent) ? sent : {})) {
      const d = find(ext.attributes, k);
      if (d && d.mutability !== 'readOnly' && v !== undefined) asserted.add(`${ext.id}:${d.name}`.toLowerCase());
    }
    if (Object.keys(inner).length > 0) resource[ext.id] = inner;
  }
  for (const key of ['id', 'meta']) if (before[key] !== undefined) resource[key] = structuredClone(before[key]);
  return { resource, asserted: [...asserted] };
}

/**
 * The part of an observed resource the oracle decides: the attributes the body sends (inside an
 * extension, the extension attributes it sends) and id. readOnly values are judged by the
 * scenarios' assertions (a starting state's `groups` is stale once a group names the user). An
 * asserted attribute absent both before the PUT and after it is one the target never keeps (it
 * dropped it at creation too): not the PUT's doing, so left out on both sides.
 */
export function putComparable(expected: ScimResource, actual: ScimResource, before: ScimResource, asserted: string[], _schema: ResourceSchema): { expected: ScimResource; actual: ScimResource } {
  const has = (name: string) => asserted.includes(name.toLowerCase());
  const neverKept = (k: string) => isUnassigned(valueOf(before, k)) && isUnassigned(valueOf(actual, k));
  const keep = (r: ScimResource): ScimResource => {
    const out: ScimResource = {};
    for (const [k, v] of Object.entries(r)) {
      if (k.toLowerCase() === 'id') out[k] = v;
      else if (!has(k) || neverKept(k)) continue;
      else if (k.includes(':') && isObject(v)) out[k] = Object.fromEntries(Object.entries(v).filter(([n]) => has(`${k}:${n}`)));
      else out[k] = v;
    }
    return out;
  };
  return { expected: keep(expected), actual: keep(actual) };
}
