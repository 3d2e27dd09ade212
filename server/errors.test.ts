import { describe, it, expect } from 'vitest';
import { describeUnexpected, errorBody, resolveError, ScimHttpError } from './errors.ts';

describe('errors', () => {
  it('builds a SCIM Error body with the status as a string', () => {
    expect(errorBody(409, 'taken', 'uniqueness')).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      detail: 'taken',
    });
    expect(errorBody(404)).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
  });

  it('resolves ScimHttpError with its headers', () => {
    const r = resolveError(new ScimHttpError(405, 'no', undefined, { Allow: 'GET' }));
    expect(r.status).toBe(405);
    expect(r.headers).toEqual({ Allow: 'GET' });
    expect(r.unexpected).toBe(false);
  });

  it('resolves status-carrying errors such as PatchError structurally', () => {
    class FakePatchError extends Error {
      status = 400;
      scimType = 'noTarget' as const;
      detail = 'Operation 1: nothing matched';
    }
    const r = resolveError(new FakePatchError('x'));
    expect(r.status).toBe(400);
    expect(r.body.scimType).toBe('noTarget');
    expect(r.body.detail).toBe('Operation 1: nothing matched');
  });

  it('turns anything else into a generic 500 without internals', () => {
    const r = resolveError(new TypeError('cannot read properties of undefined at /secret/path.ts:12'));
    expect(r.status).toBe(500);
    expect(r.unexpected).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain('secret');
    expect(resolveError({ status: 200 }).status).toBe(500);
  });

  it('describes unexpected errors on one line', () => {
    expect(describeUnexpected(new Error('a\nb'))).toBe('Error: a');
    expect(describeUnexpected('boom')).toBe('non-error thrown: boom');
  });
});
