// Finds the attribute definition a path or value key names: case-insensitive names, URN prefixes
// matched against the schemas of the resource type (longest URN wins, case-insensitive), core
// attributes optionally qualified with the core URN, unqualified extension attributes resolved
// when exactly one extension defines them.
import type { AttributeDef, ResourceSchema, SchemaDef } from '../schemas/scim-schema.ts';
import { COMMON_ATTRIBUTES } from '../schemas/rfc7643.ts';
import { type AttrRef, isAttrName } from './attr-ref.ts';
import { filterAttributes, type FilterNode } from './parse-filter.ts';
import type { ParsedPath } from './parse-path.ts';
import { validateFilter } from './evaluate-filter.ts';
import { invalidFilter, invalidPath } from './patch-error.ts';

/** Where an attribute lives: top level (core and common attributes) or inside an extension container. */
export interface ResolvedAttribute {
  kind: 'attribute';
  /** Canonical extension URN, or null for top-level attributes. */
  container: string | null;
  def: AttributeDef;
  /** Sub-attribute of a complex `def`. */
  sub?: AttributeDef;
}

export interface ResolvedContainer {
  kind: 'container';
  urn: string;
  schema: SchemaDef;
}

export type Resolved = ResolvedAttribute | ResolvedContainer;

/** A resolved PATCH target: an attribute, a sub-attribute, or records selected by a value filter. */
export type Target = Resolved & { filter?: FilterNode };

export function findByName<T extends { name: string }>(list: readonly T[] | undefined, name: string): T | undefined {
  if (!list) return undefined;
  // Attribute names are ASCII (RFC 7643 §2.1 ATTRNAME), whose case never changes a length: only a
  // name of the same length can match. Names are lowercased (a new string each) only when needed.
  let lower: string | undefined;
  for (const d of list) {
    if (d.name.length !== name.length) continue;
    if (d.name === name || d.name.toLowerCase() === (lower ??= name.toLowerCase())) return d;
  }
  return undefined;
}

function withSub(base: { container: string | null; def: AttributeDef }, subName: string | undefined, text: string): ResolvedAttribute {
  if (subName === undefined) return { kind: 'attribute', ...base };
  if (base.def.type !== 'complex') {
    throw invalidPath(`"${text}": ${base.def.name} is not complex and has no sub-attribute "${subName}"`);
  }
  const sub = findByName(base.def.subAttributes, subName);
  if (!sub) throw invalidPath(`"${text}": ${base.def.name} has no sub-attribute "${subName}"`);
  return { kind: 'attribute', ...base, sub };
}

function lookupTopLevel(name: string, schema: ResourceSchema, text: string): { container: string | null; def: AttributeDef } {
  const def = findByName(COMMON_ATTRIBUTES, name) ?? findByName(schema.core.attributes, name);
  if (def) return { container: null, def };
  const inExtensions = schema.extensions.flatMap((ext) => {
    const d = findByName(ext.attributes, name);
    return d ? [{ container: ext.id, def: d }] : [];
  });
  const only = inExtensions[0];
  if (inExtensions.length === 1 && only) return only;
  if (inExtensions.length > 1) throw invalidPath(`"${text}" is defined by several extensions; qualify it with the schema URN`);
  throw invalidPath(`"${text}": no attribute "${name}" in the ${schema.resourceType.name} schemas`);
}

/** Resolves an attribute reference written as text ("name.givenName", "urn:…:User:manager.value", "urn:…:User"). */
export function resolveAttributeText(text: string, schema: ResourceSchema): Resolved {
  const lower = text.toLowerCase();
  if (lower.startsWith('urn:')) {
    let best: SchemaDef | undefined;
    for (const s of [schema.core, ...schema.extensions]) {
      const id = s.id.toLowerCase();
      if ((lower === id || lower.startsWith(`${id}:`)) && (!best || s.id.length > best.id.length)) best = s;
    }
    if (!best) throw invalidPath(`"${text}": unknown schema URN for ${schema.resourceType.name}`);
    if (lower.length === best.id.length) {
      if (best === schema.core) throw invalidPath(`"${text}": the core schema URN alone is not an attribute`);
      return { kind: 'container', urn: best.id, schema: best };
    }
    const parts = text.slice(best.id.length + 1).split('.');
    if (parts.length > 2 || !parts.every(isAttrName)) throw invalidPath(`"${text}" is not a valid attribute path`);
    const [name, subName] = parts as [string, string | undefined];
    const isCore = best === schema.core;
    const def = isCore
      ? (findByName(COMMON_ATTRIBUTES, name) ?? findByName(best.attributes, name))
      : findByName(best.attributes, name);
    if (!def) throw invalidPath(`"${text}": no attribute "${name}" in ${best.id}`);
    return withSub({ container: isCore ? null : best.id, def }, subName, text);
  }
  const parts = text.split('.');
  if (parts.length > 2 || !parts.every(isAttrName)) throw invalidPath(`"${text}" is not a valid attribute path`);
  const [name, subName] = parts as [string, string | undefined];
  return withSub(lookupTopLevel(name, schema, text), subName, text);
}

export function resolveAttrRef(ref: AttrRef, schema: ResourceSchema): Resolved {
  return resolveAttributeText(ref.text, schema);
}

/** The definitions a value filter on `def` may use: its sub-attributes, or `value` for simple records. */
export function filterScope(def: AttributeDef): AttributeDef[] {
  if (def.type === 'complex') return def.subAttributes ?? [];
  return [{ ...def, name: 'value', multiValued: false }];
}

/** Resolves a parsed PATCH path against the resource schema. */
export function resolveTarget(parsed: ParsedPath, schema: ResourceSchema): Target {
  const resolved = resolveAttrRef(parsed.attr, schema);
  if (!parsed.filter) return resolved;
  if (resolved.kind === 'container' || resolved.sub) throw invalidPath(`"${parsed.text}": a value filter needs a multi-valued attribute`);
  const { def } = resolved;
  if (!def.multiValued) throw invalidPath(`"${parsed.text}": ${def.name} is single-valued and cannot take a value filter`);
  const scope = filterScope(def);
  for (const ref of filterAttributes(parsed.filter)) {
    if (ref.uri !== undefined || ref.subAttr !== undefined || !findByName(scope, ref.name)) {
      throw invalidFilter(`"${parsed.text}": "${ref.text}" is not a sub-attribute of ${def.name}`);
    }
  }
  validateFilter(parsed.filter, scope);
  const target: Target = { ...resolved, filter: parsed.filter };
  if (parsed.valueSubAttr !== undefined) {
    if (def.type !== 'complex') throw invalidPath(`"${parsed.text}": ${def.name} has no sub-attributes`);
    const sub = findByName(def.subAttributes, parsed.valueSubAttr);
    if (!sub) throw invalidPath(`"${parsed.text}": ${def.name} has no sub-attribute "${parsed.valueSubAttr}"`);
    return { ...target, sub };
  }
  return target;
}
