// Query resources (RFC 7644 §3.4.2): filter, sortBy/sortOrder and 1-based pagination with
// startIndex and count, from URL parameters or a SearchRequest body (§3.4.3). Filters are
// parsed and evaluated by patch/; this module only chooses, orders and slices.
import type { AttributeDef, ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { COMMON_ATTRIBUTES } from '../schemas/rfc7643.ts';
import { matchesFilter, parseFilter } from '../patch/index.ts';
import type { AttrRef, FilterNode } from '../patch/index.ts';
import { validateFilter } from '../patch/evaluate-filter.ts';
import { compareSortKeys, sortKey, type SortKey } from '../patch/sort-key.ts';
import { ScimHttpError } from './errors.ts';
import { parseAttributeList } from './project-attributes.ts';
import type { Projection } from './project-attributes.ts';

export const SEARCH_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

export interface ListQuery extends Projection {
  filter?: FilterNode;
  /** 1-based index of the first result. */
  startIndex: number;
  /** Page size, already capped to maxResults. */
  count: number;
  sortBy?: string;
  sortOrder: 'ascending' | 'descending';
  /** RFC 9865: present (possibly empty) asks for cursor pagination. */
  cursor?: string;
}

function parseInteger(name: string, raw: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw new ScimHttpError(400, `${name} must be an integer, got "${raw}"`, 'invalidValue');
  return Number.parseInt(raw, 10);
}

function parseSortOrder(raw: string | undefined): 'ascending' | 'descending' {
  if (raw === undefined) return 'ascending';
  const lower = raw.toLowerCase();
  if (lower === 'ascending' || lower === 'descending') return lower;
  throw new ScimHttpError(400, `sortOrder must be "ascending" or "descending", got "${raw}"`, 'invalidValue');
}

interface RawQuery {
  filter?: string | undefined;
  startIndex?: string | undefined;
  count?: string | undefined;
  sortBy?: string | undefined;
  sortOrder?: string | undefined;
  attributes?: string[] | undefined;
  excludedAttributes?: string[] | undefined;
  cursor?: string | undefined;
}

function buildQuery(raw: RawQuery, maxResults: number): ListQuery {
  // RFC 7644 §3.4.2.4: startIndex below 1 is read as 1, a negative count as 0.
  const startIndex = raw.startIndex === undefined ? 1 : Math.max(1, parseInteger('startIndex', raw.startIndex));
  const requested = raw.count === undefined ? maxResults : Math.max(0, parseInteger('count', raw.count));
  const query: ListQuery = {
    startIndex,
    count: Math.min(requested, maxResults),
    sortOrder: parseSortOrder(raw.sortOrder),
  };
  if (raw.filter !== undefined) {
    if (raw.filter.trim() === '') throw new ScimHttpError(400, 'filter must not be empty', 'invalidFilter');
    query.filter = parseFilter(raw.filter);
  }
  if (raw.sortBy !== undefined && raw.sortBy.trim() !== '') query.sortBy = raw.sortBy.trim();
  if (raw.attributes !== undefined) query.attributes = raw.attributes;
  if (raw.excludedAttributes !== undefined) query.excludedAttributes = raw.excludedAttributes;
  if (raw.cursor !== undefined) query.cursor = raw.cursor;
  return query;
}

/** Reads a list query from URL parameters; throws 400 for malformed values. */
export function parseListQuery(params: URLSearchParams, maxResults: number): ListQuery {
  const get = (name: string): string | undefined => params.get(name) ?? undefined;
  return buildQuery(
    {
      filter: get('filter'),
      startIndex: get('startIndex'),
      count: get('count'),
      sortBy: get('sortBy'),
      sortOrder: get('sortOrder'),
      attributes: parseAttributeList(params.get('attributes')),
      excludedAttributes: parseAttributeList(params.get('excludedAttributes')),
      cursor: get('cursor'),
    },
    maxResults,
  );
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && (name === 'startIndex' || name === 'count')) return String(v);
  throw new ScimHttpError(400, `${name} must be a ${name === 'startIndex' || name === 'count' ? 'number' : 'string'}`, 'invalidSyntax');
}

function optionalList(body: Record<string, unknown>, name: string): string[] | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return parseAttributeList(v);
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v.flatMap((s) => parseAttributeList(s) ?? []);
  throw new ScimHttpError(400, `${name} must be an array of strings`, 'invalidSyntax');
}

/** Reads a SearchRequest body (POST …/.search, RFC 7644 §3.4.3). */
export function parseSearchRequest(body: unknown, maxResults: number): ListQuery {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ScimHttpError(400, 'A SearchRequest must be a JSON object', 'invalidSyntax');
  }
  const b = body as Record<string, unknown>;
  const schemas = b['schemas'];
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SEARCH_REQUEST_URN.toLowerCase())) {
    throw new ScimHttpError(400, `schemas must contain ${SEARCH_REQUEST_URN}`, 'invalidSyntax');
  }
  return buildQuery(
    {
      filter: optionalString(b, 'filter'),
      startIndex: optionalString(b, 'startIndex'),
      count: optionalString(b, 'count'),
      sortBy: optionalString(b, 'sortBy'),
      sortOrder: optionalString(b, 'sortOrder'),
      attributes: optionalList(b, 'attributes'),
      excludedAttributes: optionalList(b, 'excludedAttributes'),
      cursor: optionalString(b, 'cursor'),
    },
    maxResults,
  );
}

/** Every attribute definition a resource-level filter may name. */
export function filterScope(schema: ResourceSchema): AttributeDef[] {
  return [...COMMON_ATTRIBUTES, ...schema.core.attributes, ...schema.extensions.flatMap((e) => e.attributes)];
}

/** The resource without returned:never attributes, so a filter cannot probe a password. */
function filterable(resource: ScimResource, schema: ResourceSchema): ScimResource {
  const out: ScimResource = { ...resource };
  for (const def of schema.core.attributes) if (def.returned === 'never') delete out[def.name];
  for (const ext of schema.extensions) {
    const container = out[ext.id];
    if (typeof container !== 'object' || container === null) continue;
    const copy: Record<string, unknown> = { ...(container as Record<string, unknown>) };
    for (const def of ext.attributes) if (def.returned === 'never') delete copy[def.name];
    out[ext.id] = copy;
  }
  return out;
}

/** The key one resource sorts by under its own schema (undefined: no value, or sortBy unknown there). */
export function sortKeyOf(resource: ScimResource, path: string, schema: ResourceSchema): SortKey {
  try {
    return sortKey(filterable(resource, schema), path, schema);
  } catch {
    return undefined;
  }
}

export { compareSortKeys as compareKeys } from '../patch/sort-key.ts';

export interface ListResult {
  totalResults: number;
  /** The requested page, in order. */
  page: ScimResource[];
}

/** Filters, sorts and slices full resource representations. */
export function runListQuery(resources: ScimResource[], query: ListQuery, schema: ResourceSchema): ListResult {
  const selected = selectResources(resources, query, schema);
  const start = query.startIndex - 1;
  return { totalResults: selected.length, page: selected.slice(start, start + query.count) };
}

/**
 * The resources the query selects, in its order (no paging). A filter naming an attribute the
 * resource type does not define is 400 invalidFilter (RFC 7644 Table 9: "the specified attribute
 * and filter comparison combination is not supported"), even when there is nothing to match.
 * `scope` lets a seeded defect bend the attribute definitions the filter is evaluated with.
 */
export function selectResources(resources: ScimResource[], query: ListQuery, schema: ResourceSchema, scope: (defs: AttributeDef[]) => AttributeDef[] = (d) => d): ScimResource[] {
  let selected = resources;
  if (query.filter !== undefined) {
    const filter = query.filter;
    const unknown = unknownFilterAttribute(filter, schema);
    if (unknown !== undefined) throw new ScimHttpError(400, `filter names "${unknown}", which ${schema.resourceType.name} does not define`, 'invalidFilter');
    const defs = scope(filterScope(schema));
    validateFilter(filter, defs);
    selected = resources.filter((r) => matchesFilter(filter, filterable(r, schema), defs));
  }
  if (query.sortBy !== undefined) {
    const path = query.sortBy;
    const keyed = selected.map((resource, index) => ({
      resource,
      index,
      key: sortKey(filterable(resource, schema), path, schema),
    }));
    const direction = query.sortOrder === 'descending' ? -1 : 1;
    keyed.sort((a, b) => direction * compareSortKeys(a.key, b.key) || a.index - b.index);
    selected = keyed.map((k) => k.resource);
  }
  return selected;
}

/** The first attribute (or sub-attribute) the filter names that the resource type does not define. */
export function unknownFilterAttribute(filter: FilterNode, schema: ResourceSchema): string | undefined {
  const known = (defs: AttributeDef[], ref: AttrRef): boolean => {
    const urn = ref.uri?.toLowerCase();
    const pool = urn === undefined ? defs : urn === schema.core.id.toLowerCase() ? [...COMMON_ATTRIBUTES, ...schema.core.attributes] : schema.extensions.find((e) => e.id.toLowerCase() === urn)?.attributes;
    const def = pool?.find((d) => d.name.toLowerCase() === ref.name.toLowerCase());
    if (def === undefined) return false;
    return ref.subAttr === undefined || (def.subAttributes ?? []).some((s) => s.name.toLowerCase() === ref.subAttr!.toLowerCase());
  };
  const visit = (node: FilterNode, defs: AttributeDef[]): string | undefined => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return visit(node.left, defs) ?? visit(node.right, defs);
      case 'not':
        return visit(node.filter, defs);
      case 'valuePath': {
        if (!known(defs, node.attr)) return node.attr.text;
        const def = (node.attr.uri ? schema.extensions.flatMap((e) => e.attributes) : defs).find((d) => d.name.toLowerCase() === node.attr.name.toLowerCase());
        // A multi-valued attribute of simple type filters its records as `value`.
        return def?.subAttributes ? visit(node.filter, def.subAttributes) : undefined;
      }
      default:
        return known(defs, node.attr) ? undefined : node.attr.text;
    }
  };
  return visit(filter, filterScope(schema));
}
