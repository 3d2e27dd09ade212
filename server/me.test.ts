// /Me of the reference server (RFC 7644 §3.11): no credential maps to a user, so 501 for every method.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './index.ts';
import type { RunningServer } from './index.ts';
import { clientFor } from './http-test-client.ts';
import type { Call } from './http-test-client.ts';

describe('reference server: /Me', () => {
  let server: RunningServer;
  let call: Call;
  beforeAll(async () => {
    server = await startServer();
    call = clientFor(server);
  });
  afterAll(async () => {
    await server.close();
  });

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
