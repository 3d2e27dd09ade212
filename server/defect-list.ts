// Seeded defects (catalogue in defects.ts) of lists and searches (RFC 7644 §3.4.2, §3.4.3, RFC
// 9865): filters evaluated wrongly, paging off by one, totals that count the page, sort orders
// ignored, a search body's filter ignored, cursors ignored. They bend the query a list runs with
// (the answer still echoes the one asked), the attribute definitions its filter sees, or the
// ListResponse it answers.
import type { FilterNode } from '../patch/index.ts';
import type { AttributeDef } from '../schemas/scim-schema.ts';
import type { DefectHooks, ErrorRequest } from './defect-hooks.ts';
import type { HttpResult } from './http-io.ts';
import type { ListQuery } from './list-query.ts';
import { isObject } from '../patch/json-value.ts';

export type ListDefectName =
  | 'filter-case-sensitive'
  | 'filter-co-as-sw'
  | 'filter-not-ignored'
  | 'start-index-off-by-one'
  | 'total-results-page'
  | 'items-per-page-total'
  | 'count-zero-all'
  | 'sort-order-ignored'
  | 'search-body-filter-ignored'
  | 'page-repeats-last'
  | 'cursor-ignored';

/** Every node of the filter rewritten by `f` (bottom-up). */
function mapFilter(node: FilterNode, f: (n: FilterNode) => FilterNode): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return f({ ...node, left: mapFilter(node.left, f), right: mapFilter(node.right, f) });
    case 'not':
      return f({ ...node, filter: mapFilter(node.filter, f) });
    case 'valuePath':
      return f({ ...node, filter: mapFilter(node.filter, f) });
    default:
      return f(node);
  }
}

function withFilter(query: ListQuery, f: (n: FilterNode) => FilterNode): ListQuery {
  return query.filter === undefined ? query : { ...query, filter: mapFilter(query.filter, f) };
}

function caseExactEverywhere(defs: AttributeDef[]): AttributeDef[] {
  return defs.map((d) => ({ ...d, ...(d.type === 'string' ? { caseExact: true } : {}), ...(d.subAttributes ? { subAttributes: caseExactEverywhere(d.subAttributes) } : {}) }));
}

/** A ListResponse of a resource type's list or search (not the discovery lists). */
function listAnswer(result: HttpResult, request: ErrorRequest): Record<string, unknown> | undefined {
  if (result.status !== 200 || !isObject(result.body) || !Array.isArray(result.body['schemas'])) return undefined;
  if (!(result.body['schemas'] as unknown[]).includes('urn:ietf:params:scim:api:messages:2.0:ListResponse')) return undefined;
  return /\/(Users|Groups|\.search)$/.test(request.path) ? result.body : undefined;
}

function bodyEdit(edit: (body: Record<string, unknown>) => void): DefectHooks['response'] {
  return (result, request) => {
    const body = listAnswer(result, request);
    if (body === undefined) return result;
    const copy = { ...body };
    edit(copy);
    return { ...result, body: copy };
  };
}

export const LIST_BEHAVIOURS: Record<ListDefectName, DefectHooks> = {
  'filter-case-sensitive': { filterScope: caseExactEverywhere },
  'filter-co-as-sw': { listQuery: (q) => withFilter(q, (n) => (n.kind === 'compare' && n.op === 'co' ? { ...n, op: 'sw' } : n)) },
  'filter-not-ignored': { listQuery: (q) => withFilter(q, (n) => (n.kind === 'not' ? n.filter : n)) },
  'start-index-off-by-one': { listQuery: (q) => (q.cursor === undefined && q.startIndex > 1 ? { ...q, startIndex: q.startIndex + 1 } : q) },
  'total-results-page': {
    response: bodyEdit((b) => {
      b['totalResults'] = Array.isArray(b['Resources']) ? b['Resources'].length : 0;
    }),
  },
  'items-per-page-total': {
    response: bodyEdit((b) => {
      b['itemsPerPage'] = b['totalResults'];
    }),
  },
  'count-zero-all': { listQuery: (q) => (q.count === 0 ? { ...q, count: Number.MAX_SAFE_INTEGER } : q) },
  'sort-order-ignored': { listQuery: (q) => ({ ...q, sortOrder: 'ascending' }) },
  'search-body-filter-ignored': {
    listQuery: (q, request) => {
      if (!request.search || q.filter === undefined) return q;
      const { filter: _ignored, ...rest } = q;
      return rest;
    },
  },
  'page-repeats-last': { listQuery: (q) => (q.cursor === undefined && q.startIndex > 1 ? { ...q, startIndex: q.startIndex - 1 } : q) },
  'cursor-ignored': { listQuery: (q) => (q.cursor !== undefined && q.cursor !== '' ? { ...q, cursor: '' } : q) },
};
