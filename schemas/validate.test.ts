import { describe, it, expect } from 'vitest';
import { validateWith } from './validate.ts';

describe('validateWith', () => {
  it('finds a schema by bare name, file name or path', () => {
    const good = { baseUrl: 'https://x', auth: { kind: 'none' } };
    expect(validateWith('config', good)).toEqual({ ok: true });
    expect(validateWith('config.schema.json', good)).toEqual({ ok: true });
    expect(validateWith('schemas/json/config.schema.json', good)).toEqual({ ok: true });
  });

  it('reports dotted paths with plain messages', () => {
    const result = validateWith('config', {
      baseUrl: '',
      auth: { kind: 'basic', username: 'u' },
      headers: { 'bad name': 'v' },
      capabilities: { patch: 'yes', teleport: true },
      concurrency: 100,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'baseUrl', message: 'must be a non-empty string' },
        { path: 'auth.password', message: 'is required' },
        { path: 'headers.bad name', message: 'is not an allowed property name' },
        { path: 'capabilities.patch', message: 'must be boolean' },
        { path: 'capabilities.teleport', message: 'is not an allowed property' },
        { path: 'concurrency', message: 'must be <= 64' },
      ]),
    );
    expect(result.errors).toHaveLength(6);
  });

  it('names the allowed values of a discriminated union', () => {
    expect(validateWith('config', { auth: { kind: 'magic' } })).toEqual({
      ok: false,
      errors: [{ path: 'auth.kind', message: 'must be one of "none", "bearer", "basic", "header", "oauth2"' }],
    });
    expect(validateWith('config', { auth: {} })).toEqual({ ok: false, errors: [{ path: 'auth.kind', message: 'is required' }] });
  });

  it('gives the same answer on repeated use of the cached validator', () => {
    const bad = { timeoutMs: 0 };
    const first = validateWith('config', bad);
    expect(validateWith('config', bad)).toEqual(first);
    expect(first).toEqual({ ok: false, errors: [{ path: 'timeoutMs', message: 'must be >= 1' }] });
  });

  it('throws for a schema that does not exist', () => {
    expect(() => validateWith('no-such-thing', {})).toThrow('schema no-such-thing.schema.json not found in schemas/json/');
  });
});
