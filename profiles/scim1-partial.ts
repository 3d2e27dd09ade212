// The SCIM 1.x partial update (Workspace ONE Access's PATCH body) in both directions:
// encode: the partial update that turns `before` into `after` (what a PatchOp would have done),
// decode: the PatchOp operations a partial update means (what the emulating server applies).
// 1.x semantics: attributes listed in meta.attributes are cleared first; list items carrying
// "operation": "delete" are removed (matched by value); everything else is merged.
import { isDeepStrictEqual } from 'node:util';
import type { AttributeDef, ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { URN } from '../schemas/scim-schema.ts';
import { COMMON_ATTRIBUTES } from '../schemas/rfc7643.ts';

export const SCIM1_CORE = 'urn:scim:schemas:core:1.0';
export const SCIM1_ENTERPRISE = 'urn:scim:schemas:extension:enterprise:1.0';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const unassigned = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
const SKIPPED = new Set(['id', 'meta', 'schemas']);

/** A partial update the server cannot read: answered with 400 like any malformed body. */
export class PartialUpdateError extends Error {
  readonly status = 400;
  readonly detail: string;
  constructor(detail: string) {
    super(detail);
    this.name = 'PartialUpdateError';
    this.detail = detail;
  }
}

function findDef(defs: readonly AttributeDef[], name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return defs.find((d) => d.name.toLowerCase() === lower);
}

function coreDefs(schema: ResourceSchema): AttributeDef[] {
  return [...COMMON_ATTRIBUTES, ...schema.core.attributes];
}

function keyOf(resource: Json, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(resource).find((k) => k.toLowerCase() === lower);
}

const scim1Urn = (urn: string) => (urn.toLowerCase() === URN.enterpriseUser.toLowerCase() ? SCIM1_ENTERPRISE : urn);
const scim2Urn = (urn: string) => (urn.toLowerCase() === SCIM1_ENTERPRISE ? URN.enterpriseUser : urn);

// ---------- encode ----------

/** The partial update that makes `before` into `after`; an empty update when nothing changes. */
export function encodePartialUpdate(before: ScimResource, after: ScimResource, schema: ResourceSchema): Json {
  const body: Json = {};
  const clear: string[] = [];
  const extensionIds = schema.extensions.map((e) => e.id.toLowerCase());
  const coreKeys = new Set(
    [...Object.keys(before), ...Object.keys(after)].filter((k) => !SKIPPED.has(k.toLowerCase()) && !extensionIds.includes(k.toLowerCase())),
  );
  const seen = new Set<string>();
  for (const key of coreKeys) {
    if (seen.has(key.toLowerCase())) continue;
    seen.add(key.toLowerCase());
    const def = findDef(coreDefs(schema), key);
    if (def?.mutability === 'readOnly') continue;
    diffAttribute(def, key, valueOf(before, key), valueOf(after, key), '', body, clear);
  }
  let usesEnterprise = false;
  for (const ext of schema.extensions) {
    const b = valueOf(before, ext.id);
    const a = valueOf(after, ext.id);
    const urn = scim1Urn(ext.id);
    const out: Json = {};
    const bo = isObject(b) ? b : {};
    const ao = isObject(a) ? a : {};
    const names = new Set([...Object.keys(bo), ...Object.keys(ao)].map((k) => k.toLowerCase()));
    for (const lower of names) {
      const def = findDef(ext.attributes, lower);
      if (def?.mutability === 'readOnly') continue;
      const name = def?.name ?? lower;
      diffAttribute(def, name, valueOf(bo, name), valueOf(ao, name), `${urn}:`, out, clear);
    }
    if (urn === SCIM1_ENTERPRISE) toScim1Manager(out);
    if (Object.keys(out).length > 0) body[urn] = out;
    if (urn === SCIM1_ENTERPRISE && (Object.keys(out).length > 0 || clear.some((c) => c.startsWith(urn)))) usesEnterprise = true;
  }
  const update: Json = { schemas: usesEnterprise ? [SCIM1_CORE, SCIM1_ENTERPRISE] : [SCIM1_CORE], ...body };
  if (clear.length > 0) update['meta'] = { attributes: clear.map(toScim1Path) };
  return update;
}

function valueOf(resource: Json, name: string): unknown {
  const key = keyOf(resource, name);
  return key === undefined ? undefined : resource[key];
}

function diffAttribute(def: AttributeDef | undefined, name: string, b: unknown, a: unknown, prefix: string, out: Json, clear: string[]): void {
  if (unassigned(a)) {
    if (!unassigned(b)) clear.push(`${prefix}${name}`);
    return;
  }
  if (isDeepStrictEqual(a, b)) return;
  if (def?.multiValued && Array.isArray(a)) {
    const items = listChanges(def, Array.isArray(b) ? b : [], a);
    if (items) out[name] = items;
    else {
      clear.push(`${prefix}${name}`);
      out[name] = a;
    }
    return;
  }
  if (def?.type === 'complex' && isObject(a) && isObject(b)) {
    const changed: Json = {};
    for (const sub of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (unassigned(a[sub]) && !unassigned(b[sub])) clear.push(`${prefix}${name}.${sub}`);
      else if (!isDeepStrictEqual(a[sub], b[sub])) changed[sub] = a[sub];
    }
    if (Object.keys(changed).length > 0) out[name] = changed;
    return;
  }
  out[name] = a;
}

/**
 * The list items of a multi-valued change: deletions by value plus the new items; undefined when
 * the change cannot be said that way (an item modified in place, items without a unique value).
 */
function listChanges(def: AttributeDef, before: unknown[], after: unknown[]): unknown[] | undefined {
  if (def.type !== 'complex') return undefined;
  const removed = before.filter((b) => !after.some((a) => isDeepStrictEqual(a, b)));
  const added = after.filter((a) => !before.some((b) => isDeepStrictEqual(a, b)));
  const valueOfItem = (x: unknown) => (isObject(x) && typeof x['value'] === 'string' ? x['value'] : undefined);
  const beforeValues = before.map(valueOfItem);
  for (const r of removed) {
    const v = valueOfItem(r);
    if (v === undefined || beforeValues.filter((x) => x === v).length > 1) return undefined;
    if (added.some((a) => valueOfItem(a) === v)) return undefined;
  }
  return [...removed.map((r) => ({ value: valueOfItem(r), operation: 'delete' })), ...added];
}

/** Workspace ONE names the manager's id managerId (enterprise extension 1.0). */
function toScim1Manager(ext: Json): void {
  const key = keyOf(ext, 'manager');
  if (key === undefined || !isObject(ext[key])) return;
  const m = ext[key] as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(m)) {
    if (k.toLowerCase() === 'value') out['managerId'] = v;
    else if (k.toLowerCase() !== '$ref') out[k] = v;
  }
  ext[key] = out;
}

function toScim1Path(path: string): string {
  return path.replace(/(manager)\.value$/i, '$1.managerId');
}

// ---------- decode ----------

export interface PatchOpBody {
  schemas: string[];
  Operations: Array<{ op: string; path?: string; value?: unknown }>;
}

/** The PatchOp request a partial update means; throws PartialUpdateError when it is not one. */
export function decodePartialUpdate(body: unknown, schema: ResourceSchema): PatchOpBody {
  if (!isObject(body)) throw new PartialUpdateError('The supplied JSON is incorrect: a partial update is a JSON object');
  const removes: PatchOpBody['Operations'] = [];
  const changes: PatchOpBody['Operations'] = [];
  const meta = valueOf(body, 'meta');
  if (meta !== undefined) {
    const attributes = isObject(meta) ? valueOf(meta, 'attributes') : undefined;
    if (attributes !== undefined && (!Array.isArray(attributes) || !attributes.every((a) => typeof a === 'string'))) {
      throw new PartialUpdateError('The supplied JSON is incorrect: meta.attributes must be a list of attribute names');
    }
    for (const a of (attributes as string[] | undefined) ?? []) removes.push({ op: 'remove', path: toScim2Path(a) });
  }
  const extensionIds = schema.extensions.map((e) => e.id.toLowerCase());
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (SKIPPED.has(lower)) continue;
    if (lower.startsWith('urn:')) {
      const urn = scim2Urn(key);
      if (!extensionIds.includes(urn.toLowerCase())) {
        changes.push({ op: 'replace', path: urn, value });
        continue;
      }
      if (!isObject(value)) throw new PartialUpdateError(`The supplied JSON is incorrect: ${key} must be an object`);
      const ext = schema.extensions.find((e) => e.id.toLowerCase() === urn.toLowerCase())!;
      for (const [name, v] of Object.entries(value)) {
        const def = findDef(ext.attributes, name);
        attributeOps(def, `${ext.id}:${name}`, fromScim1Manager(name, v), removes, changes);
      }
      continue;
    }
    const def = findDef(coreDefs(schema), key);
    if (def?.mutability === 'readOnly') continue;
    attributeOps(def, key, value, removes, changes);
  }
  return { schemas: [URN.patchOp], Operations: [...removes, ...changes] };
}

function attributeOps(
  def: AttributeDef | undefined,
  path: string,
  value: unknown,
  removes: PatchOpBody['Operations'],
  changes: PatchOpBody['Operations'],
): void {
  if (def?.multiValued && Array.isArray(value)) {
    const adds: unknown[] = [];
    for (const item of value) {
      const op = isObject(item) ? valueOf(item, 'operation') : undefined;
      if (typeof op === 'string' && op.toLowerCase() === 'delete') {
        const v = valueOf(item as Json, 'value');
        if (typeof v !== 'string') throw new PartialUpdateError(`The supplied JSON is incorrect: a deleted ${path} item needs its value`);
        removes.push({ op: 'remove', path: `${path}[value eq ${JSON.stringify(v)}]` });
      } else if (isObject(item)) {
        const { [keyOf(item, 'operation') ?? 'operation']: _dropped, ...rest } = item;
        adds.push(rest);
      } else adds.push(item);
    }
    if (adds.length > 0) changes.push({ op: 'add', path, value: adds });
    return;
  }
  changes.push({ op: 'replace', path, value });
}

function fromScim1Manager(name: string, value: unknown): unknown {
  if (name.toLowerCase() !== 'manager' || !isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.toLowerCase() === 'managerid') out['value'] = v;
    else if (k.toLowerCase() !== 'displayname') out[k] = v;
  }
  return out;
}

function toScim2Path(path: string): string {
  let p = path;
  if (p.toLowerCase().startsWith(`${SCIM1_ENTERPRISE}:`)) p = `${URN.enterpriseUser}:${p.slice(SCIM1_ENTERPRISE.length + 1)}`;
  return p.replace(/(manager)\.managerId$/i, '$1.value');
}
