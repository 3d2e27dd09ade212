// The embedded reference SCIM 2.0 server: in-memory, node:http, bearer-token auth.
// Every answer, errors included, is application/scim+json; a handler failure that was not
// raised on purpose becomes a generic 500 SCIM error and one log line, never a crash.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PatchOptions } from '../patch/index.ts';
import { generateToken } from './auth.ts';
import { AccessControl, type SecurityHole, type Tokens } from './access.ts';
import { checkUserRules, type DataRules } from './rules.ts';
import type { RequestContext, ServerState } from './context.ts';
import { createDefectRuntime } from './defects.ts';
import type { DefectName } from './defects.ts';
import { createQuirkRuntime } from './quirks.ts';
import type { QuirkName } from './quirks.ts';
import { describeUnexpected, resolveError, ScimHttpError } from './errors.ts';
import { writeResult } from './http-io.ts';
import type { HttpResult } from './http-io.ts';
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from './read-body.ts';
import { builtinRegistry } from './resource-types.ts';
import { ResourceService } from './resources.ts';
import { route, splitPath, stripBasePath } from './router.ts';
import { ResourceStore } from './store.ts';
import { createEmulation } from './emulation.ts';

export interface ServerOptions {
  /**
   * Bearer tokens; admin default: a random 32-byte hex token generated at start. `limited` is
   * read-only; `otherTenant` sees only what it created (server/access.ts).
   */
  tokens?: { admin?: string; limited?: string; otherTenant?: string };
  /** Generate the limited and other-tenant tokens that `tokens` does not give. */
  extraTokens?: boolean;
  /** Security holes to switch on (server/access.ts), to prove the security family catches them. */
  holes?: SecurityHole[];
  /** Data rules checked when a User is created (server/rules.ts), like a strict real target. */
  rules?: DataRules;
  /** Prefix of every endpoint, e.g. '/scim/v2'; default '' (resources at /Users, /Groups). */
  basePath?: string;
  /** Passed to parsePatchRequest / applyPatch. */
  patchOptions?: PatchOptions;
  /** ETag / meta.version / If-Match support; default true. */
  etag?: boolean;
  /** Request body limit; default 1 MiB. Larger bodies get 413. */
  maxBodyBytes?: number;
  /** Status of a successful PATCH without attributes/excludedAttributes; default 200. */
  patchSuccess?: 200 | 204;
  /** Request log: method, path (no query), status, duration. Never the token. */
  log?: (line: string) => void;
  /** Seeded bugs to switch on (server/defects.ts), to prove the suite catches them; default none. */
  defects?: DefectName[];
  /** Real-world quirks to switch on (server/quirks.ts), behaviour that is not a PATCH defect; default none. */
  quirks?: QuirkName[];
  /** Emulate a vendor profile (profiles/profiles.ts): its base path, dialect, success and error forms. */
  profile?: string;
}

export interface RunningServer {
  /** http://HOST:PORT + basePath */
  url: string;
  token: string;
  /** Every token the server accepts (limited and otherTenant when configured). */
  tokens: Tokens;
  close(): Promise<void>;
  /** The live store, e.g. to inspect or seed state in tests. */
  store: ResourceStore;
  /** Create/replace/patch/delete with the same checks the HTTP routes apply. */
  service: ResourceService;
}

export const MAX_RESULTS = 200;

export function normalizeBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

// A Host header is echoed into meta.location and Location; anything beyond host[:port]
// is replaced by the listening address rather than trusted.
function hostFor(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host !== undefined && /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(host) ? host : fallback;
}

export async function startServer(options: ServerOptions = {}, listen: { host?: string; port?: number } = {}): Promise<RunningServer> {
  const token = options.tokens?.admin ?? generateToken();
  if (token === '') throw new Error('The admin token must not be empty');
  const extra = (given: string | undefined): string | undefined => given ?? (options.extraTokens ? generateToken() : undefined);
  const limited = extra(options.tokens?.limited);
  const otherTenant = extra(options.tokens?.otherTenant);
  const tokens: Tokens = { admin: token, ...(limited ? { limited } : {}), ...(otherTenant ? { otherTenant } : {}) };
  const emulation = options.profile !== undefined && options.profile !== 'rfc7644' ? createEmulation(options.profile) : undefined;
  const basePath = emulation ? emulation.basePath : normalizeBasePath(options.basePath);
  const defects = createDefectRuntime(options.defects ?? []);
  const quirks = createQuirkRuntime(options.quirks ?? []);
  const store = new ResourceStore();
  const service = new ResourceService(store, options.patchOptions ?? emulation?.patchOptions ?? {}, defects, quirks);
  const state: ServerState = {
    service,
    registry: quirks.registry(builtinRegistry()),
    etag: options.etag ?? emulation?.etag ?? true,
    patchSuccess: options.patchSuccess ?? emulation?.patchSuccess ?? 200,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxResults: MAX_RESULTS,
    defects,
    ...(emulation ? { emulation } : {}),
  };
  const log = options.log;
  const access = new AccessControl(tokens, new Set(options.holes ?? []), store);
  const resourceEndpoints = new Set(state.registry.all.map((s) => s.resourceType.endpoint.replace(/^\//, '')));
  // A bulk request writes: the read-only credential may not send one (its operations are checked one by one too).
  const accessEndpoints = new Set([...resourceEndpoints, 'Bulk']);
  const rules = options.rules;
  let listeningHost = '127.0.0.1';

  async function respond(req: IncomingMessage, pathname: string, query: URLSearchParams): Promise<HttpResult> {
    const who = access.authenticate(req.headers.authorization);
    const below = stripBasePath(pathname, basePath);
    const segments = below === undefined ? undefined : splitPath(below);
    if (segments === undefined) throw new ScimHttpError(404, `No such endpoint: ${pathname}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const ctx: RequestContext = {
      method: method === 'HEAD' ? 'GET' : method,
      segments,
      query,
      headers: req.headers,
      render: {
        baseUrl: `http://${hostFor(req, listeningHost)}${basePath}`,
        etag: state.etag,
        store,
        registry: state.registry,
      },
      readBody: () => readJsonBody(req, { maxBytes: state.maxBodyBytes }),
    };
    if (rules && ctx.method === 'POST' && segments.length === 1 && state.registry.byEndpoint(segments[0]!)?.resourceType.name === 'User') {
      const read = ctx.readBody;
      ctx.readBody = async () => {
        const body = await read();
        checkUserRules(rules, body);
        return body;
      };
    }
    ctx.dispatch = (sub) => access.route(sub, who, resourceEndpoints, () => route(sub, state));
    if (!quirks.active) return access.route(ctx, who, accessEndpoints, () => route(ctx, state));
    const routed = await access.route(ctx, who, accessEndpoints, async () => {
      quirks.request(segments, ctx.method);
      return route(ctx, state);
    });
    return quirks.response(routed, { baseUrl: ctx.render.baseUrl, store });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const pathname = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    // Seeded defects (defects.ts) may bend what the server reads and answers; none: unchanged.
    const line = { method: (req.method ?? 'GET').toUpperCase(), path: pathname };
    const query = defects.query(new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)), line);
    let result: HttpResult;
    try {
      result = defects.response(await respond(req, pathname, query), line);
    } catch (e) {
      const resolved = resolveError(e);
      if (resolved.unexpected) log?.(`internal error on ${req.method} ${pathname}: ${describeUnexpected(e)}`);
      result = defects.errorResponse({ status: resolved.status, headers: resolved.headers, body: resolved.body }, e, {
        method: (req.method ?? 'GET').toUpperCase(),
        path: pathname,
      });
      if (emulation) result = emulation.errorResult(result, pathname);
    }
    if (!res.headersSent && !res.destroyed) writeResult(res, result);
    log?.(`${req.method} ${pathname} ${result.status} ${(performance.now() - started).toFixed(1)}ms`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log?.(`failed to answer ${req.method}: ${describeUnexpected(e)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, listen.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  listeningHost = `${host}:${address.port}`;

  return {
    url: `http://${listeningHost}${basePath}`,
    token,
    tokens,
    store,
    service,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
