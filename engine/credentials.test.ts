import { describe, expect, it } from 'vitest';
import { missingCredential, requestAuth, wrongCredential } from './credentials.ts';

describe('credentials of one request', () => {
  const extra = { limited: { kind: 'bearer' as const, token: 'L' } };
  it('maps none, wrong, limited and other-tenant', () => {
    expect(requestAuth(undefined, { kind: 'bearer', token: 'A' }, extra)).toBeUndefined();
    expect(requestAuth('none', { kind: 'bearer', token: 'A' }, extra)).toBe('none');
    expect(requestAuth('limited', { kind: 'bearer', token: 'A' }, extra)).toEqual({ kind: 'bearer', token: 'L' });
    expect(requestAuth('other-tenant', { kind: 'bearer', token: 'A' }, extra)).toBeUndefined();
  });
  it('makes a wrong credential of the same kind', () => {
    const basic = wrongCredential({ kind: 'basic', username: 'u', password: 'p' });
    expect(basic.kind === 'basic' && basic.username === 'u' && basic.password !== 'p').toBe(true);
    const header = wrongCredential({ kind: 'header', name: 'X-Key', value: 'v' });
    expect(header.kind === 'header' && header.name === 'X-Key' && header.value !== 'v').toBe(true);
    expect(wrongCredential({ kind: 'none' }).kind).toBe('bearer');
  });
  it('says which config field is missing', () => {
    expect(missingCredential('limited', undefined)).toMatch(/credentials\.limited/);
    expect(missingCredential('other-tenant', extra)).toMatch(/credentials\.otherTenant/);
    expect(missingCredential('limited', extra)).toBeUndefined();
    expect(missingCredential('none', undefined)).toBeUndefined();
  });
});
