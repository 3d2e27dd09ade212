import { describe, it, expect } from 'vitest';
import { bearerToken, generateToken, requireBearer, tokenMatches, WWW_AUTHENTICATE } from './auth.ts';
import { ScimHttpError } from './errors.ts';

describe('auth', () => {
  it('generates 32-byte hex tokens that differ', () => {
    const a = generateToken();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(generateToken()).not.toBe(a);
  });

  it('extracts a bearer token with a case-insensitive scheme', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('secret', 'secret')).toBe(true);
    expect(tokenMatches('secret', 'secreT')).toBe(false);
    expect(tokenMatches('secret', 'secret2')).toBe(false);
  });

  it('throws 401 with WWW-Authenticate when missing or wrong', () => {
    expect(() => requireBearer('Bearer good', 'good')).not.toThrow();
    for (const header of [undefined, 'Bearer bad', 'Basic Z29vZA==']) {
      try {
        requireBearer(header, 'good');
        expect.unreachable('should have thrown');
      } catch (e) {
        expect(e).toBeInstanceOf(ScimHttpError);
        const err = e as ScimHttpError;
        expect(err.status).toBe(401);
        expect(err.headers['WWW-Authenticate']).toContain(WWW_AUTHENTICATE);
        expect(err.detail).not.toContain('good');
      }
    }
  });
});
