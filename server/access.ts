// Who may do what on the reference server: an admin token (everything), an optional limited token
// (read-only: writes get 403) and an optional other tenant's token (sees and touches only what its
// own tenant created: anything else is 404, as if it did not exist). Security holes can be switched
// on to prove the suite's security family catches each one.
import { bearerToken, tokenMatches, WWW_AUTHENTICATE } from './auth.ts';
import { ScimHttpError } from './errors.ts';
import type { HttpResult } from './http-io.ts';
import type { RequestContext } from './context.ts';
import type { ResourceStore } from './store.ts';

export const SECURITY_HOLES = ['no-auth', 'password-leak', 'cross-tenant-read', 'limited-can-write'] as const;
export type SecurityHole = (typeof SECURITY_HOLES)[number];

export const SECURITY_HOLE_INFO: Record<SecurityHole, string> = {
  'no-auth': 'Requests without a credential or with a wrong one are served as the admin.',
  'password-leak': 'GET of a user, and list and search answers, carry the stored password.',
  'cross-tenant-read': "Another tenant's token can read a user by id.",
  'limited-can-write': 'The read-only (limited) token may write: POST, PUT, PATCH and DELETE succeed.',
};

export interface Tokens {
  admin: string;
  limited?: string;
  otherTenant?: string;
}

export interface Principal {
  role: 'admin' | 'limited';
  tenant: 'main' | 'other';
}

const ADMIN: Principal = { role: 'admin', tenant: 'main' };
const READ_METHODS = new Set(['GET', 'HEAD']);

export class AccessControl {
  /** Resource id → the tenant that created it; resources without an entry belong to the main tenant. */
  private readonly owner = new Map<string, Principal['tenant']>();

  constructor(
    private readonly tokens: Tokens,
    private readonly holes: ReadonlySet<SecurityHole>,
    private readonly store: ResourceStore,
  ) {}

  /** The caller, or a 401 SCIM error with WWW-Authenticate (RFC 6750 §3). */
  authenticate(header: string | undefined): Principal {
    const token = bearerToken(header);
    if (token === undefined) {
      if (this.holes.has('no-auth')) return ADMIN;
      throw new ScimHttpError(401, 'Authorization with a bearer token is required', undefined, { 'WWW-Authenticate': WWW_AUTHENTICATE });
    }
    if (tokenMatches(token, this.tokens.admin)) return ADMIN;
    if (this.tokens.limited !== undefined && tokenMatches(token, this.tokens.limited)) return { role: 'limited', tenant: 'main' };
    if (this.tokens.otherTenant !== undefined && tokenMatches(token, this.tokens.otherTenant)) return { role: 'admin', tenant: 'other' };
    if (this.holes.has('no-auth')) return ADMIN;
    throw new ScimHttpError(401, 'The bearer token is not valid', undefined, { 'WWW-Authenticate': `${WWW_AUTHENTICATE}, error="invalid_token"` });
  }

  /** Runs the route as `who`: refuses writes of the limited role, hides other tenants' resources. */
  async route(ctx: RequestContext, who: Principal, resourceEndpoints: ReadonlySet<string>, next: () => Promise<HttpResult>): Promise<HttpResult> {
    const [first, id, ...rest] = ctx.segments;
    const isResource = first !== undefined && resourceEndpoints.has(first);
    const isSearch = id === '.search' && rest.length === 0;
    if (!isResource) return this.leak(ctx, await next());
    if (who.role === 'limited' && !READ_METHODS.has(ctx.method) && !isSearch && !this.holes.has('limited-can-write')) {
      throw new ScimHttpError(403, 'This credential may only read');
    }
    if (id !== undefined && !isSearch && rest.length === 0) {
      const owner = this.store.find(id) ? (this.owner.get(id) ?? 'main') : who.tenant;
      const crossRead = this.holes.has('cross-tenant-read') && READ_METHODS.has(ctx.method);
      if (owner !== who.tenant && !crossRead) throw new ScimHttpError(404, `${first} ${id} not found`);
    }
    const result = await next();
    if (ctx.method === 'POST' && id === undefined && result.status === 201) {
      const created = (result.body as { id?: unknown } | undefined)?.id;
      if (typeof created === 'string' && who.tenant !== 'main') this.owner.set(created, who.tenant);
    }
    return this.leak(ctx, this.ownResources(result, who));
  }

  /** List and search answers show only the caller's tenant. */
  private ownResources(result: HttpResult, who: Principal): HttpResult {
    const body = result.body as { Resources?: unknown; totalResults?: unknown; itemsPerPage?: unknown } | undefined;
    if (result.status !== 200 || !body || !Array.isArray(body.Resources)) return result;
    const mine = body.Resources.filter((r) => {
      const id = (r as { id?: unknown } | null)?.id;
      return typeof id !== 'string' || (this.owner.get(id) ?? 'main') === who.tenant;
    });
    if (mine.length === body.Resources.length) return result;
    const hidden = body.Resources.length - mine.length;
    const total = typeof body.totalResults === 'number' ? body.totalResults - hidden : mine.length;
    return { ...result, body: { ...body, totalResults: total, itemsPerPage: mine.length, Resources: mine } };
  }

  /** The password-leak hole: GET answers carry the stored password. */
  private leak(ctx: RequestContext, result: HttpResult): HttpResult {
    if (!this.holes.has('password-leak') || result.status !== 200 || (ctx.method !== 'GET' && ctx.segments[1] !== '.search')) return result;
    const withPassword = (r: unknown): unknown => {
      const id = (r as { id?: unknown } | null)?.id;
      const password = typeof id === 'string' ? this.store.find(id)?.data['password'] : undefined;
      return password === undefined ? r : { ...(r as object), password };
    };
    const body = result.body as { Resources?: unknown } | undefined;
    if (body && Array.isArray(body.Resources)) return { ...result, body: { ...body, Resources: body.Resources.map(withPassword) } };
    return { ...result, body: withPassword(body) };
  }
}
