import { describe, it, expect } from 'vitest';
import { flattenHeaders, overrideHeader, setHeader } from './client-headers.ts';
import { TargetError } from './target-error.ts';

describe('client headers', () => {
  it('flattens names to lower case and joins repeated values', () => {
    expect(flattenHeaders({ 'Content-Type': 'application/scim+json', 'Set-Cookie': ['a=1', 'b=2'], Gone: undefined })).toEqual({
      'content-type': 'application/scim+json',
      'set-cookie': 'a=1, b=2',
    });
  });

  it('replaces a header whatever its spelling, and removes it with an empty value', () => {
    const h: Record<string, string> = { accept: 'x', 'User-Agent': 'y' };
    setHeader(h, 'Accept', 'application/scim+json');
    setHeader(h, 'user-agent', '');
    expect(h).toEqual({ Accept: 'application/scim+json' });
  });

  it('builds the header of a per-request credential and refuses OAuth2', () => {
    expect(overrideHeader('none')).toBeUndefined();
    expect(overrideHeader({ kind: 'bearer', token: 't1' })).toEqual(['Authorization', 'Bearer t1']);
    expect(overrideHeader({ kind: 'basic', username: 'u', password: 'p' })).toEqual(['Authorization', `Basic ${Buffer.from('u:p').toString('base64')}`]);
    expect(overrideHeader({ kind: 'header', name: 'X-Key', value: 'k' })).toEqual(['X-Key', 'k']);
    expect(() => overrideHeader({ kind: 'oauth2', tokenUrl: 'https://t', clientId: 'c', clientSecret: 's' })).toThrow(TargetError);
  });
});
