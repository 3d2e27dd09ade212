// The PATCH dialects: how a request that RFC 7644 writes as a PatchOp is written for a service
// (encode, used by the engine), and how the emulating reference server reads it back (decode).
import { applyPatch, parsePatchRequest, parsePath, PatchError, resolveTarget, type PatchOptions } from '../patch/index.ts';
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import type { Dialect } from './profiles.ts';
import { encodePartialUpdate, PartialUpdateError } from './scim1-partial.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export type EncodeResult = { body: unknown } | { unsupported: string };

export interface EncodeInput {
  /** The RFC 7644 PatchOp body, placeholders resolved. */
  body: unknown;
  /** The target as the server answered its creation; absent for unknown or deleted targets. */
  before?: ScimResource;
  schema: ResourceSchema;
  options: PatchOptions;
}

/** The request body the dialect sends for the RFC 7644 body, or why it cannot be written. */
export function encodeForDialect(dialect: Dialect, input: EncodeInput): EncodeResult {
  switch (dialect) {
    case 'patchop':
      return { body: input.body };
    case 'patchop-capitalised':
      return { body: encodeCapitalised(input.body, input.schema) };
    case 'scim1-partial':
      return encodePartial(input);
  }
}

// ---------- PatchOp with Add/Replace/Remove and {value} arrays (Adra) ----------

const CAPITALISED: Record<string, string> = { add: 'Add', replace: 'Replace', remove: 'Remove' };

/** The operations of a PatchOp-like body (either spelling of the key), or undefined. */
export function operationsOf(body: unknown): unknown[] | undefined {
  if (!isObject(body)) return undefined;
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations');
  const ops = key === undefined ? undefined : body[key];
  return Array.isArray(ops) ? ops : undefined;
}

/** True when the path names one simple, single value (so the dialect's [{value}] form applies). */
export function isSimpleTarget(path: unknown, schema: ResourceSchema): boolean {
  if (typeof path !== 'string') return false;
  try {
    const target = resolveTarget(parsePath(path), schema);
    if (target.kind === 'container') return false;
    const def = target.sub ?? target.def;
    if (target.filter && !target.sub) return false;
    return def.type !== 'complex' && !def.multiValued;
  } catch (e) {
    if (e instanceof PatchError) return false;
    throw e;
  }
}

const isPrimitive = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Lower-case add/replace/remove become Add/Replace/Remove; a simple value becomes [{value}]. */
export function encodeCapitalised(body: unknown, schema: ResourceSchema): unknown {
  const ops = operationsOf(body);
  if (!ops || !isObject(body)) return body;
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations')!;
  const encoded = ops.map((o) => {
    if (!isObject(o)) return o;
    const out: Json = { ...o };
    // Only the exact lower-case names: scenarios about op spelling keep their spelling.
    if (typeof o['op'] === 'string' && CAPITALISED[o['op']] !== undefined) out['op'] = CAPITALISED[o['op']];
    if ('value' in o && isPrimitive(o['value']) && isSimpleTarget(o['path'], schema)) out['value'] = [{ value: o['value'] }];
    return out;
  });
  return { ...body, [key]: encoded };
}

/**
 * The server side of the Adra dialect: [{value: x}] for a simple target means x, and an add or
 * replace without a path is refused (the documented contract requires a path).
 */
export function decodeCapitalised(body: unknown, schema: ResourceSchema): unknown {
  const ops = operationsOf(body);
  if (!ops || !isObject(body)) return body;
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations')!;
  const decoded = ops.map((o, i) => {
    if (!isObject(o)) return o;
    const op = typeof o['op'] === 'string' ? o['op'].toLowerCase() : '';
    if ((op === 'add' || op === 'replace') && (o['path'] === undefined || o['path'] === '')) {
      throw new PartialUpdateError(`Operation ${i + 1}: path is required`);
    }
    const v = o['value'];
    if (Array.isArray(v) && v.length === 1 && isObject(v[0]) && Object.keys(v[0]).length === 1 && isPrimitive(v[0]['value']) && isSimpleTarget(o['path'], schema)) {
      return { ...o, value: v[0]['value'] };
    }
    return o;
  });
  return { ...body, [key]: decoded };
}

/** True when the body has an add or replace without a path (RFC 7644 allows it; some dialects do not). */
export function hasPathLessWrite(body: unknown): boolean {
  return (operationsOf(body) ?? []).some((o) => {
    if (!isObject(o)) return false;
    const op = typeof o['op'] === 'string' ? o['op'].toLowerCase() : '';
    return (op === 'add' || op === 'replace') && (o['path'] === undefined || o['path'] === '');
  });
}

// ---------- SCIM 1.x partial update (Workspace ONE Access) ----------

function encodePartial(input: EncodeInput): EncodeResult {
  const { body, before, schema, options } = input;
  if (before === undefined) return literalPartial(body);
  let after: ScimResource;
  try {
    after = applyPatch(before, parsePatchRequest(body, options), schema, options).resource;
  } catch (e) {
    if (e instanceof PatchError) {
      return { unsupported: `a partial update has no operations, paths or envelope, so the PatchOp error this scenario provokes (${e.status}${e.scimType ? ` ${e.scimType}` : ''}) cannot be written in it` };
    }
    throw e;
  }
  return { body: encodePartialUpdate(before, after, schema) };
}

/** Without the resource (unknown or deleted target) only plain top-level add/replace can be written. */
function literalPartial(body: unknown): EncodeResult {
  const ops = operationsOf(body);
  const out: Json = {};
  for (const o of ops ?? []) {
    const op = isObject(o) && typeof o['op'] === 'string' ? o['op'].toLowerCase() : '';
    const path = isObject(o) ? o['path'] : undefined;
    if ((op !== 'add' && op !== 'replace') || typeof path !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(path)) {
      return { unsupported: 'this PatchOp cannot be written as a partial update without knowing the resource' };
    }
    out[path] = (o as Json)['value'];
  }
  if (!ops || ops.length === 0) return { unsupported: 'a partial update has no operations envelope to get wrong' };
  return { body: { schemas: ['urn:scim:schemas:core:1.0'], ...out } };
}
