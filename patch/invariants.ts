// Rules that hold after every operation: at most one primary record per multi-valued attribute
// (RFC 7644 §3.5.2, RFC 7643 §2.4), no empty extension containers, `schemas` listing exactly the
// extensions whose container is present (RFC 7643 §3).
import type { AttributeDef, ResourceSchema } from '../schemas/scim-schema.ts';
import { isPresent } from './evaluate-filter.ts';
import { isObject, jsonEqual, type JsonObject } from './json-value.ts';
import type { ResolvedOptions } from './options.ts';
import { invalidValue } from './patch-error.ts';
import { findByName } from './resolve-attribute.ts';

function holderOf(res: JsonObject, container: string | null): JsonObject | undefined {
  if (container === null) return res;
  const h = res[container];
  return isObject(h) ? h : undefined;
}

function primaryAttributes(schema: ResourceSchema): Array<{ container: string | null; def: AttributeDef }> {
  const out: Array<{ container: string | null; def: AttributeDef }> = [];
  const add = (container: string | null, defs: AttributeDef[]): void => {
    for (const def of defs) {
      if (def.multiValued && def.type === 'complex' && findByName(def.subAttributes, 'primary')) out.push({ container, def });
    }
  };
  add(null, schema.core.attributes);
  for (const ext of schema.extensions) add(ext.id, ext.attributes);
  return out;
}

/**
 * Enforces a single primary. A record that became primary in this operation (`before` → `after`)
 * wins and the other primaries are set false; two new primaries, or any duplicate primaries when
 * normalisation is off, are 400 invalidValue.
 */
export function normalizePrimaries(before: JsonObject, after: JsonObject, schema: ResourceSchema, opts: ResolvedOptions): void {
  for (const { container, def } of primaryAttributes(schema)) {
    const h = holderOf(after, container);
    const records = h?.[def.name];
    if (!h || !Array.isArray(records)) continue;
    const primaries = records.filter((r) => isObject(r) && r['primary'] === true);
    if (primaries.length <= 1) continue;
    const old = holderOf(before, container)?.[def.name];
    const oldPrimaries = Array.isArray(old) ? old.filter((r) => isObject(r) && r['primary'] === true) : [];
    const winners = primaries.filter((p) => !oldPrimaries.some((o) => jsonEqual(o, p)));
    const winner = winners[0];
    if (!opts.normalizePrimary || winners.length !== 1 || winner === undefined) {
      throw invalidValue(`${def.name}: more than one value has "primary": true`);
    }
    h[def.name] = records.map((r) => (r !== winner && isObject(r) && r['primary'] === true ? { ...r, primary: false } : r));
  }
}

/** Drops empty extension containers and keeps `schemas` consistent with the containers present. */
export function syncSchemas(res: JsonObject, schema: ResourceSchema): void {
  const present: string[] = [];
  for (const ext of schema.extensions) {
    if (!(ext.id in res)) continue;
    if (isPresent(res[ext.id])) present.push(ext.id);
    else delete res[ext.id];
  }
  const current = res['schemas'];
  if (!Array.isArray(current)) {
    if (present.length > 0) res['schemas'] = [schema.core.id, ...present];
    return;
  }
  const isExt = (u: unknown): boolean => typeof u === 'string' && schema.extensions.some((e) => e.id.toLowerCase() === u.toLowerCase());
  const isPresentUrn = (u: unknown): boolean => typeof u === 'string' && present.some((p) => p.toLowerCase() === u.toLowerCase());
  const next = current.filter((u) => !isExt(u) || isPresentUrn(u));
  for (const p of present) {
    if (!next.some((u) => typeof u === 'string' && u.toLowerCase() === p.toLowerCase())) next.push(p);
  }
  if (!jsonEqual(next, current)) res['schemas'] = next;
}
