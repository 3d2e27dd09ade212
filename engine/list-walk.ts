// The page walk of a list scenario (request.walk): after the scenario's first GET, the following
// pages of the same query, by startIndex (RFC 7644 §3.4.2.4) or by the nextCursor of each answer
// (RFC 9865 §2), at most `maxPages` requests in all. Each page is one of the scenario's own
// exchanges; the list oracle judges them together (no resource lost, none repeated).
import type { Exchange } from '../schemas/run-result.ts';
import type { ScimClient, ScimResponse } from './client.ts';
import { assertUsable } from './answer-check.ts';
import { isObject } from './judge.ts';

export interface WalkSpec {
  by: 'index' | 'cursor';
  maxPages: number;
}

/** The next page's query after `answer`, or undefined when the walk is over. */
export function nextQuery(by: WalkSpec['by'], query: Record<string, string>, answer: ScimResponse): Record<string, string> | undefined {
  const body = answer.json;
  if (answer.status !== 200 || !isObject(body)) return undefined;
  const resources = Array.isArray(body['Resources']) ? body['Resources'] : [];
  if (by === 'cursor') {
    const next = body['nextCursor'];
    return typeof next === 'string' && next !== '' ? { ...query, cursor: next } : undefined;
  }
  if (resources.length === 0) return undefined;
  const start = Math.max(1, Number(query['startIndex'] ?? '1') || 1);
  const nextStart = start + resources.length;
  const total = typeof body['totalResults'] === 'number' ? body['totalResults'] : undefined;
  if (total !== undefined && nextStart > total) return undefined;
  return { ...query, startIndex: String(nextStart) };
}

/** Fetches the pages after `first` (the scenario's own answer); returns them in order. */
export async function walkPages(client: ScimClient, path: string, query: Record<string, string>, first: ScimResponse, spec: WalkSpec, exchanges: Exchange[]): Promise<ScimResponse[]> {
  const pages: ScimResponse[] = [];
  let q = nextQuery(spec.by, query, first);
  while (q !== undefined && pages.length + 1 < spec.maxPages) {
    const res = assertUsable(`GET ${path}`, await client.request('GET', path, { purpose: 'verify', query: q, exchanges }), { serverErrors: false });
    pages.push(res);
    q = nextQuery(spec.by, q, res);
  }
  return pages;
}
