// /Me (RFC 7644 §3.11): the alias for the resource of the authenticated subject. The reference
// server's credentials are bearer tokens of an administrator, a read-only client and another tenant:
// none of them is a user resource, so there is no subject to alias and every method answers 501
// (Not Implemented), which §3.11 names for a service provider that does not support /Me.
import { ScimHttpError } from './errors.ts';
import type { HttpResult } from './http-io.ts';
import type { RequestContext } from './context.ts';

export function handleMe(ctx: RequestContext): Promise<HttpResult> {
  const rest = ctx.segments.slice(1).join('/');
  throw new ScimHttpError(501, `/Me${rest ? `/${rest}` : ''} is not supported: the credential (${ctx.method}) is a client token that maps to no user resource`);
}
