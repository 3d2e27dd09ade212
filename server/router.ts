// Maps the path below basePath to a handler.
import type { RequestContext, ServerState } from './context.ts';
import { ScimHttpError } from './errors.ts';
import type { HttpResult } from './http-io.ts';
import { DISCOVERY_ENDPOINTS, handleDiscovery } from './routes-discovery.ts';
import { handleResources } from './routes-resources.ts';
import { handleRootSearch } from './root-search.ts';
import { DEFAULT_BULK_OPTIONS, handleBulk } from './bulk.ts';
import { handleMe } from './me.ts';

/** Splits a request path into decoded segments; undefined when it cannot be decoded. */
export function splitPath(pathname: string): string[] | undefined {
  const trimmed = pathname.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return [];
  try {
    return trimmed.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** The path below basePath, or undefined when the request is outside it. */
export function stripBasePath(pathname: string, basePath: string): string | undefined {
  if (basePath === '') return pathname;
  if (pathname === basePath) return '/';
  if (pathname.startsWith(`${basePath}/`)) return pathname.slice(basePath.length);
  return undefined;
}

export async function route(ctx: RequestContext, state: ServerState): Promise<HttpResult> {
  const [first, ...rest] = ctx.segments;
  if (first !== undefined) {
    if (first === '.search' && rest.length === 0) return handleRootSearch(ctx, state);
    if ((DISCOVERY_ENDPOINTS as readonly string[]).includes(first)) return handleDiscovery(ctx, state, first, rest);
    if (first === 'Bulk') return handleBulk(ctx, state, ctx.dispatch ?? ((sub) => route(sub, state)), state.defects.bulkOptions(DEFAULT_BULK_OPTIONS));
    if (first === 'Me') return handleMe(ctx);
    const schema = state.registry.byEndpoint(first);
    if (schema !== undefined) return handleResources(ctx, state, schema, rest);
  }
  throw new ScimHttpError(404, `No such endpoint: /${ctx.segments.join('/')}`);
}
