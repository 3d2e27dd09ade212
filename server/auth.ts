// Bearer-token authentication (RFC 6750) for every endpoint, discovery included.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ScimHttpError } from './errors.ts';

export const AUTH_REALM = 'scim-conformance';
export const WWW_AUTHENTICATE = `Bearer realm="${AUTH_REALM}"`;

export function generateToken(): string {
  return randomBytes(32).toString('hex');
}

// Hashing both sides gives equal-length buffers, so the comparison time does not reveal
// the token's length or the position of the first differing character.
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** Extracts the token from an Authorization header value; the scheme is case-insensitive (RFC 7235 §2.1). */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Throws a 401 SCIM error unless the header carries the expected bearer token. */
export function requireBearer(header: string | undefined, expected: string): void {
  const token = bearerToken(header);
  if (token === undefined) {
    throw new ScimHttpError(401, 'Authorization with a bearer token is required', undefined, {
      'WWW-Authenticate': WWW_AUTHENTICATE,
    });
  }
  if (!tokenMatches(token, expected)) {
    throw new ScimHttpError(401, 'The bearer token is not valid', undefined, {
      'WWW-Authenticate': `${WWW_AUTHENTICATE}, error="invalid_token"`,
    });
  }
}
