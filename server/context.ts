// What a route handler gets: the parsed request and the server's shared state.
import type { IncomingHttpHeaders } from 'node:http';
import type { DefectRuntime } from './defect-hooks.ts';
import type { Emulation } from './emulation.ts';
import type { RenderContext } from './render.ts';
import type { ResourceTypeRegistry } from './resource-types.ts';
import type { ResourceService } from './resources.ts';

export interface ServerState {
  service: ResourceService;
  registry: ResourceTypeRegistry;
  etag: boolean;
  patchSuccess: 200 | 204;
  maxBodyBytes: number;
  /** filter.maxResults of the ServiceProviderConfig; also the default page size. */
  maxResults: number;
  /** Seeded bugs (defects.ts); none on the reference server. */
  defects: DefectRuntime;
  /** The vendor profile the server emulates (emulation.ts); absent on the plain reference server. */
  emulation?: Emulation;
}

export interface RequestContext {
  /** Upper-case method; HEAD is routed as GET. */
  method: string;
  /** Path segments below basePath, percent-decoded. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  render: RenderContext;
  /** Reads, size-checks and parses the JSON body (SCIM errors on failure). */
  readBody(): Promise<unknown>;
  /** Runs a sub-request (a bulk operation) through the same access control and routes; default: the routes alone. */
  dispatch?: (sub: RequestContext) => Promise<import('./http-io.ts').HttpResult>;
}

export function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
