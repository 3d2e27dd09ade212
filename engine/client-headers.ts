// Header helpers of the client: undici's header object flattened, a header set whatever the case
// of an existing one, and the header of a per-request credential.
import type { AuthConfig } from './config.ts';
import { TargetError } from './target-error.ts';

/** Lower-case names; a repeated header's values joined with ", ". */
export function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(h)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Sets `name` replacing any spelling of it already there; an empty value removes it. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  if (value !== '') headers[name] = value;
}

/** The header of a per-request credential; OAuth2 would need its own token cache, so it is refused. */
export function overrideHeader(auth: AuthConfig | 'none'): [string, string] | undefined {
  if (auth === 'none' || auth.kind === 'none') return undefined;
  if (auth.kind === 'bearer') return ['Authorization', `Bearer ${auth.token}`];
  if (auth.kind === 'basic') return ['Authorization', `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`];
  if (auth.kind === 'header') return [auth.name, auth.value];
  throw new TargetError('auth', 'an OAuth2 credential cannot be used for a single request; use bearer, basic or header');
}
