// /Me of the reference server (RFC 7644 §3.11): no credential maps to a user, so 501 for every method.
import { describe, expect, it } from 'vitest';
import { serveForTests } from './http-test-client.ts';

describe('reference server: /Me', () => {
  const served = serveForTests();
  const { call } = served;

  it('answers 501 with a SCIM Error for every method', async () => {
    for (const method of ['GET', 'PATCH', 'PUT', 'DELETE', 'POST']) {
      const res = await call(method, '/Me', method === 'GET' || method === 'DELETE' ? {} : { body: {} });
      expect(res.status).toBe(501);
      expect(res.body).toMatchObject({ status: '501' });
    }
  });

  it('asks for a credential first', async () => {
    const res = await call('GET', '/Me', { token: null });
    expect(res.status).toBe(401);
  });
});
