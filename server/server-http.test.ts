// HTTP-level behaviour of the reference server: auth, content types, body limits, routing, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './index.ts';
import type { RunningServer } from './index.ts';
import { clientFor, ERROR_URN, newUser } from './http-test-client.ts';
import type { Call } from './http-test-client.ts';

function expectScimError(res: { status: number; headers: Headers; body: unknown }, status: number, scimType?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  const body = res.body as Record<string, unknown>;
  expect(body['schemas']).toEqual([ERROR_URN]);
  expect(body['status']).toBe(String(status));
  if (scimType !== undefined) expect(body['scimType']).toBe(scimType);
}

describe('reference server: HTTP behaviour', () => {
  let server: RunningServer;
  let call: Call;
  const logLines: string[] = [];

  beforeAll(async () => {
    server = await startServer({ maxBodyBytes: 4096, log: (line) => logLines.push(line) });
    call = clientFor(server);
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on loopback with a random 32-byte token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 401 with WWW-Authenticate and a SCIM error without or with a wrong token, discovery included', async () => {
    for (const path of ['/Users', '/ServiceProviderConfig', '/Schemas', '/nowhere']) {
      for (const token of [null, 'wrong']) {
        const res = await call('GET', path, { token });
        expectScimError(res, 401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="scim-conformance"/);
      }
    }
  });

  it('never writes the token into the log', async () => {
    await call('GET', '/Users');
    expect(logLines.some((l) => /^GET \/Users 200 \d+(\.\d+)?ms$/.test(l))).toBe(true);
    expect(logLines.join('\n')).not.toContain(server.token);
  });

  it('answers unknown routes with a 404 SCIM error and wrong methods with 405', async () => {
    expectScimError(await call('GET', '/Nope'), 404);
    expectScimError(await call('GET', '/Users/a/b'), 404);
    const res = await call('DELETE', '/Users');
    expectScimError(res, 405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expectScimError(await call('POST', '/ServiceProviderConfig', { body: {} }), 405);
  });

  it('turns unparsable JSON into 400 invalidSyntax', async () => {
    expectScimError(await call('POST', '/Users', { raw: '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],' }), 400, 'invalidSyntax');
    expectScimError(await call('POST', '/Users', { raw: '' , contentType: 'application/scim+json' }), 400, 'invalidSyntax');
  });

  it('answers 413 for a body over maxBodyBytes', async () => {
    const res = await call('POST', '/Users', { body: newUser({ displayName: 'x'.repeat(5000) }) });
    expectScimError(res, 413);
  });

  it('accepts application/json and rejects other media types with 415', async () => {
    const ok = await call('POST', '/Users', { body: newUser(), contentType: 'application/json; charset=utf-8' });
    expect(ok.status).toBe(201);
    expectScimError(await call('POST', '/Users', { body: newUser(), contentType: 'text/plain' }), 415);
  });

  it('turns an unexpected exception into a generic 500 SCIM error and keeps serving', async () => {
    const original = server.service.create.bind(server.service);
    server.service.create = () => {
      throw new TypeError('kaboom at /internal/file.ts:1');
    };
    try {
      const res = await call('POST', '/Users', { body: newUser() });
      expectScimError(res, 500);
      expect(res.text).not.toContain('kaboom');
      expect(res.text).not.toContain('file.ts');
      expect(logLines.some((l) => l.includes('internal error') && l.includes('kaboom'))).toBe(true);
    } finally {
      server.service.create = original;
    }
    expect((await call('POST', '/Users', { body: newUser() })).status).toBe(201);
  });
});

describe('reference server: basePath', () => {
  let server: RunningServer;
  let call: Call;
  beforeAll(async () => {
    server = await startServer({ basePath: 'scim/v2/', tokens: { admin: 'fixed-token' } });
    call = clientFor(server);
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves under the base path and builds locations from the request host', async () => {
    expect(server.url).toMatch(/\/scim\/v2$/);
    expect(server.token).toBe('fixed-token');
    const created = await call('POST', '/Users', { body: newUser() });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${server.url}/Users/${created.body.id}`);
    expect(created.body.meta.location).toBe(created.headers.get('location'));
    const outside = await fetch(server.url.replace('/scim/v2', '/Users'), { headers: { Authorization: 'Bearer fixed-token' } });
    expect(outside.status).toBe(404);
  });
});
