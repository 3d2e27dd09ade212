// Shapes a resource for output (RFC 7643 §7 "returned", RFC 7644 §3.9 and §3.4.2.5):
// "never" attributes (password) are always dropped, "always" ones (id, schemas) always kept,
// "request" ones only when named in `attributes`, "default" ones unless `attributes` names
// others or `excludedAttributes` names them.
import type { AttributeDef, ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { COMMON_ATTRIBUTES } from '../schemas/rfc7643.ts';

export interface Projection {
  /** Attribute paths from `attributes`; undefined when the parameter was not given. */
  attributes?: string[];
  /** Attribute paths from `excludedAttributes`. */
  excludedAttributes?: string[];
}

/** Splits a comma-separated `attributes` / `excludedAttributes` query value. */
export function parseAttributeList(value: string | null | undefined): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items;
}

/** A resolved attribute path: schema URN (lower case), attribute and sub-attribute names (lower case). */
interface AttrRef {
  schema: string;
  attr?: string;
  sub?: string;
}

type SubSelection = 'all' | Set<string>;

class Selection {
  private readonly wholeSchemas = new Set<string>();
  private readonly attrs = new Map<string, SubSelection>();

  add(ref: AttrRef): void {
    if (ref.attr === undefined) {
      this.wholeSchemas.add(ref.schema);
      return;
    }
    const key = `${ref.schema}|${ref.attr}`;
    const current = this.attrs.get(key);
    if (ref.sub === undefined || current === 'all') {
      this.attrs.set(key, 'all');
      return;
    }
    const subs = current ?? new Set<string>();
    subs.add(ref.sub);
    this.attrs.set(key, subs);
  }

  lookup(schema: string, attr: string): SubSelection | undefined {
    if (this.wholeSchemas.has(schema)) return 'all';
    return this.attrs.get(`${schema}|${attr.toLowerCase()}`);
  }
}

function hasAttr(defs: AttributeDef[], name: string): boolean {
  const lower = name.toLowerCase();
  return defs.some((d) => d.name.toLowerCase() === lower);
}

function resolvePath(path: string, schema: ResourceSchema): AttrRef | undefined {
  const lower = path.toLowerCase();
  const urns = [schema.core.id, ...schema.extensions.map((e) => e.id)]
    .map((u) => u.toLowerCase())
    .sort((a, b) => b.length - a.length);
  let urn: string | undefined;
  let rest = lower;
  for (const candidate of urns) {
    if (lower === candidate) return { schema: candidate };
    if (lower.startsWith(`${candidate}:`)) {
      urn = candidate;
      rest = lower.slice(candidate.length + 1);
      break;
    }
  }
  if (urn === undefined && lower.startsWith('urn:')) return undefined;
  const parts = rest.split('.');
  if (parts.length > 2 || parts.some((p) => p === '')) return undefined;
  const [attr, sub] = parts as [string, string | undefined];
  if (urn === undefined) {
    if (hasAttr(schema.core.attributes, attr) || hasAttr(COMMON_ATTRIBUTES, attr)) urn = schema.core.id.toLowerCase();
    else urn = schema.extensions.find((e) => hasAttr(e.attributes, attr))?.id.toLowerCase();
    if (urn === undefined) return undefined;
  }
  return sub === undefined ? { schema: urn, attr } : { schema: urn, attr, sub };
}

function buildSelection(paths: string[], schema: ResourceSchema): Selection {
  const selection = new Selection();
  for (const path of paths) {
    const ref = resolvePath(path, schema);
    // Unknown names select nothing; RFC 7644 §3.9 defines no error for them.
    if (ref !== undefined) selection.add(ref);
  }
  return selection;
}

function findDef(defs: AttributeDef[], name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return defs.find((d) => d.name.toLowerCase() === lower);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Rules {
  include: Selection | undefined;
  exclude: Selection | undefined;
}

function keepSub(sub: AttributeDef | undefined, subName: string, included: SubSelection, excluded: SubSelection | undefined): boolean {
  if (sub?.returned === 'never') return false;
  if (sub?.returned === 'always') return true;
  const lower = subName.toLowerCase();
  if (excluded instanceof Set && excluded.has(lower)) return false;
  if (included instanceof Set) return included.has(lower);
  return sub?.returned !== 'request';
}

function projectObject(
  value: Record<string, unknown>,
  def: AttributeDef,
  included: SubSelection,
  excluded: SubSelection | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '__proto__') continue;
    const sub = def.subAttributes === undefined ? undefined : findDef(def.subAttributes, key);
    if (keepSub(sub, key, included, excluded)) out[key] = v;
  }
  return out;
}

/** The projected value, or undefined when the attribute is left out. */
function projectAttribute(def: AttributeDef | undefined, schemaKey: string, name: string, value: unknown, rules: Rules): unknown {
  if (def?.returned === 'never') return undefined;
  const always = def?.returned === 'always';
  let included: SubSelection = 'all';
  if (rules.include !== undefined) {
    const selected = rules.include.lookup(schemaKey, name);
    if (selected === undefined && !always) return undefined;
    included = always ? 'all' : (selected ?? 'all');
  } else if (def?.returned === 'request') {
    return undefined;
  }
  const excluded = always ? undefined : rules.exclude?.lookup(schemaKey, name);
  if (excluded === 'all') return undefined;
  if (def === undefined || def.type !== 'complex') return value;

  if (def.multiValued && Array.isArray(value)) {
    const items = value
      .map((item) => (isPlainObject(item) ? projectObject(item, def, included, excluded) : item))
      .filter((item) => !(isPlainObject(item) && Object.keys(item).length === 0));
    return items.length === 0 && value.length > 0 ? undefined : items;
  }
  if (isPlainObject(value)) {
    const projected = projectObject(value, def, included, excluded);
    return Object.keys(projected).length === 0 && Object.keys(value).length > 0 ? undefined : projected;
  }
  return value;
}

/** Applies returned-characteristics and the two query parameters to a full resource. */
export function projectResource(resource: ScimResource, schema: ResourceSchema, projection: Projection = {}): ScimResource {
  const rules: Rules = {
    include: projection.attributes === undefined ? undefined : buildSelection(projection.attributes, schema),
    exclude:
      projection.excludedAttributes === undefined || projection.excludedAttributes.length === 0
        ? undefined
        : buildSelection(projection.excludedAttributes, schema),
  };
  const coreKey = schema.core.id.toLowerCase();
  const out: ScimResource = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === '__proto__') continue;
    const extension = schema.extensions.find((e) => e.id.toLowerCase() === key.toLowerCase());
    if (extension !== undefined) {
      if (!isPlainObject(value)) continue;
      const extKey = extension.id.toLowerCase();
      const container: Record<string, unknown> = {};
      for (const [name, v] of Object.entries(value)) {
        if (name === '__proto__') continue;
        const projected = projectAttribute(findDef(extension.attributes, name), extKey, name, v, rules);
        if (projected !== undefined) container[name] = projected;
      }
      if (Object.keys(container).length > 0) out[key] = container;
      continue;
    }
    if (key.toLowerCase() === 'schemas') {
      out[key] = value;
      continue;
    }
    const def = findDef(schema.core.attributes, key) ?? findDef(COMMON_ATTRIBUTES, key);
    const projected = projectAttribute(def, coreKey, key, value, rules);
    if (projected !== undefined) out[key] = projected;
  }
  return out;
}

/** The definition an attribute path (as in sortBy) refers to, if the schema defines it. */
export function findAttributeDef(path: string, schema: ResourceSchema): AttributeDef | undefined {
  const ref = resolvePath(path, schema);
  if (ref?.attr === undefined) return undefined;
  const defs =
    ref.schema === schema.core.id.toLowerCase()
      ? [...schema.core.attributes, ...COMMON_ATTRIBUTES]
      : (schema.extensions.find((e) => e.id.toLowerCase() === ref.schema)?.attributes ?? []);
  const def = findDef(defs, ref.attr);
  if (ref.sub === undefined || def === undefined) return def;
  return def.subAttributes === undefined ? undefined : findDef(def.subAttributes, ref.sub);
}
