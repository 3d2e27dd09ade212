// The attributes a schema offers to PATCH, as "targets": where an attribute sits (core or an
// extension, top level or sub-attribute), how a path names it, and how its id words read.
import type { AttributeDef, ResourceSchema } from '../../schemas/scim-schema.ts';
import type { ResourceKind } from '../scenario.ts';

export interface Target {
  resource: ResourceKind;
  /** The attribute itself (a sub-attribute when `parent` is set). */
  def: AttributeDef;
  parent?: AttributeDef;
  /** URN of the schema that defines the attribute. */
  urn: string;
  /** Set for extension attributes: the short name used in ids ("enterprise"). */
  extension?: string;
}

/** Words of a URN that say nothing about which extension it is. */
const URN_NOISE = new Set(['urn', 'ietf', 'params', 'scim', 'schemas', 'schema', 'extension', 'extensions', 'core', 'api']);

/** "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" → "enterprise". */
export function extensionShortName(urn: string, resourceName: string): string {
  const words = urn
    .split(':')
    .filter((w) => !URN_NOISE.has(w.toLowerCase()) && !/^v?\d+(\.\d+)*$/i.test(w) && w.toLowerCase() !== resourceName.toLowerCase());
  return kebab(words.join('-')) || 'extension';
}

/** "givenName" → "given-name", "$ref" → "ref", "x509Certificates" → "x509-certificates". */
export function kebab(name: string): string {
  return name
    .replace(/\$/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** Top-level attributes of the core schema and of each extension. */
export function topLevelTargets(resource: ResourceKind, schema: ResourceSchema): Target[] {
  const out: Target[] = schema.core.attributes.map((def) => ({ resource, def, urn: schema.core.id }));
  for (const ext of schema.extensions) {
    const extension = extensionShortName(ext.id, schema.resourceType.name);
    for (const def of ext.attributes) out.push({ resource, def, urn: ext.id, extension });
  }
  return out;
}

export function subTargets(t: Target): Target[] {
  return (t.def.subAttributes ?? []).map((def) => ({ ...t, def, parent: t.def }));
}

/** The attribute path as a client writes it (extension attributes fully qualified, RFC 7644 §3.10). */
export function pathOf(t: Target): string {
  const local = t.parent ? `${t.parent.name}.${t.def.name}` : t.def.name;
  return t.extension ? `${t.urn}:${local}` : local;
}

/** The path with the schema URN in front, also for core attributes. */
export function qualifiedPathOf(t: Target): string {
  return `${t.urn}:${t.parent ? `${t.parent.name}.${t.def.name}` : t.def.name}`;
}

/** A value-path on the target's multi-valued attribute, e.g. emails[type eq "home"] (+ ".display"). */
export function valuePathOf(t: Target, filter: string, sub?: string): string {
  const base = t.extension ? `${t.urn}:${t.def.name}` : t.def.name;
  return `${base}[${filter}]${sub ? `.${sub}` : ''}`;
}

/** The words of a scenario id that name the attribute: "name.given-name", "enterprise.employee-number". */
export function idWords(t: Target): string {
  return [t.extension, t.parent ? kebab(t.parent.name) : undefined, kebab(t.def.name)].filter((w) => w !== undefined).join('.');
}

/** The path-less form: `{attr: v}`, `{parent: {sub: v}}`, or nested under the extension URN. */
export function pathlessValue(t: Target, value: unknown): Record<string, unknown> {
  const inner = t.parent ? { [t.parent.name]: { [t.def.name]: value } } : { [t.def.name]: value };
  return t.extension ? { [t.urn]: inner } : inner;
}

/** How the path reads in a title. */
export function label(t: Target): string {
  const local = t.parent ? `${t.parent.name}.${t.def.name}` : t.def.name;
  return t.extension ? `${t.extension} ${local}` : local;
}
