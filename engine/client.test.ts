import { describe, it, expect, afterEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../schemas/run-result.ts';
import { loadConfig, type TargetConfig, type AuthConfig } from './config.ts';
import { ScimClient } from './client.ts';
import { startLocalServer, sendJson, closedPort, type LocalServer, type Handler } from './local-test-server.ts';
import { targetError } from './target-error-of.ts';

const TOKEN = 'tok-Very-Secret-42';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(handler: Handler, overrides: Partial<TargetConfig> = {}): Promise<{ server: LocalServer; client: ScimClient; config: TargetConfig }> {
  const server = await startLocalServer(handler);
  const config: TargetConfig = { ...loadConfig({ env: {}, flags: { target: `${server.url}/scim/v2`, token: TOKEN } }), ...overrides };
  const client = new ScimClient(config);
  cleanups.push(() => server.close(), () => client.close());
  return { server, client, config };
}

describe('ScimClient requests', () => {
  it('sends the SCIM media type, the credential and the configured headers', async () => {
    const { server, client } = await setup((_r, res) => sendJson(res, 201, { id: '1' }), { headers: { 'X-Tenant': 'acme', 'X-Gone': 'x' } });
    const res = await client.request('POST', '/Users', { purpose: 'setup', body: { userName: 'a' }, headers: { 'X-Extra': '1', 'x-gone': '' } });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ id: '1' });
    const seen = server.seen[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/scim/v2/Users');
    expect(seen.headers['accept']).toBe('application/scim+json');
    expect(seen.headers['content-type']).toBe('application/scim+json');
    expect(seen.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(seen.headers['x-tenant']).toBe('acme');
    expect(seen.headers['x-extra']).toBe('1');
    expect(seen.headers['x-gone']).toBeUndefined();
    expect(JSON.parse(seen.body)).toEqual({ userName: 'a' });
  });

  it('sends a raw body as is with the given content type, and no content type without a body', async () => {
    const { server, client } = await setup((_r, res) => sendJson(res, 400, { detail: 'bad' }));
    await client.request('PATCH', 'Users/1', { purpose: 'patch', rawBody: '{"Operations": [', contentType: 'application/json' });
    await client.request('GET', '/Users/1', { purpose: 'verify' });
    expect(server.seen[0]!.body).toBe('{"Operations": [');
    expect(server.seen[0]!.headers['content-type']).toBe('application/json');
    expect(server.seen[0]!.url).toBe('/scim/v2/Users/1');
    expect(server.seen[1]!.headers['content-type']).toBeUndefined();
  });

  it('percent-encodes query parameters (spaces as %20, not +)', async () => {
    const { server, client } = await setup((_r, res) => sendJson(res, 200, {}));
    await client.request('GET', '/Users', { purpose: 'verify', query: { filter: 'userName eq "a+b c"', attributes: 'id' } });
    expect(server.seen[0]!.url).toBe('/scim/v2/Users?filter=userName%20eq%20%22a%2Bb%20c%22&attributes=id');
  });

  it('accepts an absolute URL on the same origin and refuses another origin without sending', async () => {
    const { server, client } = await setup((_r, res) => sendJson(res, 200, {}));
    await client.request('GET', `${server.url}/other/Users/9`, { purpose: 'verify' });
    expect(server.seen[0]!.url).toBe('/other/Users/9');
    const exchanges: Exchange[] = [];
    const e = await targetError(client.request('GET', 'http://127.0.0.2:1/Users/9', { purpose: 'cleanup', exchanges }));
    expect(e.kind).toBe('protocol');
    expect(e.message).toContain('not the target');
    expect(server.seen).toHaveLength(1);
  });

  it('never follows a redirect', async () => {
    const { server, client } = await setup((r, res) => {
      if (r.url.endsWith('/Users/1')) {
        res.writeHead(302, { Location: '/scim/v2/Users/2' });
        res.end();
      } else sendJson(res, 200, { id: '2' });
    });
    const res = await client.request('GET', '/Users/1', { purpose: 'verify' });
    expect(res.status).toBe(302);
    expect(res.headers['location']).toBe('/scim/v2/Users/2');
    expect(server.seen).toHaveLength(1);
  });

  it('gives json undefined for an empty or non-JSON body, and counts requests', async () => {
    const { client } = await setup((r, res) => {
      if (r.url.endsWith('/empty')) {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(500, { 'Content-Type': 'text/html' });
        res.end('<h1>oops</h1>');
      }
    });
    const a = await client.request('DELETE', '/empty', { purpose: 'cleanup' });
    const b = await client.request('GET', '/html', { purpose: 'verify' });
    expect([a.status, a.text, a.json]).toEqual([204, '', undefined]);
    expect([b.status, b.text, b.json]).toEqual([500, '<h1>oops</h1>', undefined]);
    expect(client.requestCount).toBe(2);
  });
});

describe('ScimClient exchanges', () => {
  it('records the exchange with secrets redacted', async () => {
    const { client, server } = await setup((_r, res) =>
      sendJson(res, 201, { id: '1', echo: TOKEN }, { 'Set-Cookie': 'sid=abc', Location: `/Users/1?t=${TOKEN}` }),
    );
    const exchanges: Exchange[] = [];
    const res = await client.request('POST', '/Users', {
      purpose: 'setup',
      body: { userName: 'u', password: 'Fixture-Pass-1', note: TOKEN },
      query: { access: TOKEN },
      exchanges,
    });
    expect(exchanges).toHaveLength(1);
    const x = exchanges[0]!;
    expect(res.exchange).toBe(x);
    expect(x.purpose).toBe('setup');
    expect(x.method).toBe('POST');
    expect(x.url).toBe(`${server.url}/scim/v2/Users?access=[REDACTED]`);
    expect(x.requestHeaders['Authorization']).toBe('[REDACTED]');
    expect(x.requestHeaders['Accept']).toBe('application/scim+json');
    expect(JSON.parse(x.requestBody!)).toEqual({ userName: 'u', password: '[REDACTED]', note: '[REDACTED]' });
    expect(x.status).toBe(201);
    expect(x.responseHeaders!['set-cookie']).toBe('[REDACTED]');
    expect(x.responseHeaders!['location']).toBe('/Users/1?t=[REDACTED]');
    expect(JSON.parse(x.responseBody!)).toEqual({ id: '1', echo: '[REDACTED]' });
    expect(x.durationMs).toBeGreaterThanOrEqual(0);
    expect(Number.isNaN(Date.parse(x.startedAt))).toBe(false);
    expect(JSON.stringify(x)).not.toContain(TOKEN);
    expect(JSON.stringify(x)).not.toContain('Fixture-Pass-1');
    // The caller still sees the real answer.
    expect(res.json).toEqual({ id: '1', echo: TOKEN });
  });

  it('caps the body, marks it truncated and still answers', async () => {
    const big = 'x'.repeat(50_000);
    const { client } = await setup((_r, res) => sendJson(res, 200, { big }), { maxBodyBytes: 1024 });
    const exchanges: Exchange[] = [];
    const res = await client.request('GET', '/Users', { purpose: 'verify', exchanges });
    expect(res.truncated).toBe(true);
    expect(Buffer.byteLength(res.text)).toBe(1024);
    expect(res.json).toBeUndefined();
    expect(exchanges[0]!.truncated).toBe(true);
    expect(exchanges[0]!.responseBody!.length).toBe(1024);
    // The connection is still usable for the next request.
    const again = await client.request('GET', '/Users', { purpose: 'verify' });
    expect(again.status).toBe(200);
  });
});

describe('ScimClient transport failures', () => {
  it('times out a target that never answers and records the error', async () => {
    const { client, server } = await setup(() => undefined, { timeoutMs: 200 });
    const exchanges: Exchange[] = [];
    const started = Date.now();
    const e = await targetError(client.request('GET', '/Users', { purpose: 'verify', exchanges }));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe(`target ${server.url}: no response within 200 ms`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(exchanges[0]!.error).toBe(e.message);
    expect(exchanges[0]!.status).toBeUndefined();
    expect(exchanges[0]!.requestHeaders['Authorization']).toBe('[REDACTED]');
  });

  it('times out a body that stalls half-way', async () => {
    const { client } = await setup(
      (_r, res) => {
        res.writeHead(200, { 'Content-Type': 'application/scim+json', 'Content-Length': '100' });
        res.write('{"id":');
      },
      { timeoutMs: 200 },
    );
    expect((await targetError(client.request('GET', '/Users/1', { purpose: 'verify' }))).kind).toBe('timeout');
  });

  it('reports a reset connection', async () => {
    const { client, server } = await setup((_r, res) => {
      res.socket?.destroy();
    });
    const e = await targetError(client.request('GET', '/Users', { purpose: 'verify' }));
    expect(e.kind).toBe('reset');
    expect(e.message).toBe(`target ${server.url} closed the connection before answering`);
  });

  it('reports a refused connection', async () => {
    const port = await closedPort();
    const config = loadConfig({ env: {}, flags: { target: `http://127.0.0.1:${port}` } });
    const client = new ScimClient(config);
    cleanups.push(() => client.close());
    const e = await targetError(client.request('GET', '/ServiceProviderConfig', { purpose: 'discovery' }));
    expect(e.kind).toBe('refused');
    expect(e.message).toBe(`target http://127.0.0.1:${port} refused the connection`);
  });
});

describe('ScimClient auth', () => {
  it('sends basic and custom-header credentials', async () => {
    for (const [auth, name, value] of [
      [{ kind: 'basic', username: 'alice', password: 'pw' }, 'authorization', `Basic ${Buffer.from('alice:pw').toString('base64')}`],
      [{ kind: 'header', name: 'X-Api-Key', value: 'k-1' }, 'x-api-key', 'k-1'],
    ] as Array<[AuthConfig, string, string]>) {
      const { server, client } = await setup((_r, res) => sendJson(res, 200, {}), { auth });
      const exchanges: Exchange[] = [];
      await client.request('GET', '/Users', { purpose: 'verify', exchanges });
      expect(server.seen[0]!.headers[name]).toBe(value);
      expect(Object.values(exchanges[0]!.requestHeaders)).toContain('[REDACTED]');
    }
  });

  const oauth = (url: string): AuthConfig => ({ kind: 'oauth2', tokenUrl: `${url}/token`, clientId: 'cid', clientSecret: 'cs-secret', scope: 'scim' });

  it('gets an OAuth2 client-credentials token once, uses and redacts it', async () => {
    let tokens = 0;
    const { server } = await setup((r, res) => {
      if (r.url === '/token') {
        tokens++;
        sendJson(res, 200, { access_token: 'AT-minted-1', token_type: 'Bearer', expires_in: 3600 });
      } else sendJson(res, 200, { saw: r.headers['authorization'] });
    });
    const c = new ScimClient({ ...loadConfig({ env: {}, flags: { target: server.url } }), auth: oauth(server.url) });
    cleanups.push(() => c.close());
    const exchanges: Exchange[] = [];
    const [a, b] = await Promise.all([
      c.request('GET', '/Users', { purpose: 'verify', exchanges }),
      c.request('GET', '/Groups', { purpose: 'verify', exchanges }),
    ]);
    expect(tokens).toBe(1);
    expect(a.json).toEqual({ saw: 'Bearer AT-minted-1' });
    expect(b.json).toEqual({ saw: 'Bearer AT-minted-1' });
    const tokenReq = server.seen.find((s) => s.url === '/token')!;
    expect(tokenReq.method).toBe('POST');
    expect(tokenReq.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenReq.headers['authorization']).toBe(`Basic ${Buffer.from('cid:cs-secret').toString('base64')}`);
    expect(new URLSearchParams(tokenReq.body).get('grant_type')).toBe('client_credentials');
    expect(new URLSearchParams(tokenReq.body).get('scope')).toBe('scim');
    expect(JSON.stringify(exchanges)).not.toContain('AT-minted-1');
    expect(exchanges).toHaveLength(2);
  });

  it('falls back to credentials in the form when HTTP Basic is refused', async () => {
    const { server } = await setup((r, res) => {
      if (r.url !== '/token') return sendJson(res, 200, {});
      const form = new URLSearchParams(r.body);
      if (form.get('client_secret') === 'cs-secret') sendJson(res, 200, { access_token: 'AT-2' });
      else sendJson(res, 401, { error: 'invalid_client' });
    });
    const c = new ScimClient({ ...loadConfig({ env: {}, flags: { target: server.url } }), auth: oauth(server.url) });
    cleanups.push(() => c.close());
    await c.request('GET', '/Users', { purpose: 'verify' });
    expect(server.seen.filter((s) => s.url === '/token')).toHaveLength(2);
    expect(server.seen.at(-1)!.headers['authorization']).toBe('Bearer AT-2');
  });

  it('reports a refused token request as an auth error naming the token URL and status', async () => {
    const { server } = await setup((_r, res) => sendJson(res, 403, { error: 'unauthorized_client' }));
    const c = new ScimClient({ ...loadConfig({ env: {}, flags: { target: server.url } }), auth: oauth(server.url) });
    cleanups.push(() => c.close());
    const exchanges: Exchange[] = [];
    const e = await targetError(c.request('GET', '/Users', { purpose: 'verify', exchanges }));
    expect(e.kind).toBe('auth');
    expect(e.message).toBe(`target ${server.url}: token request to ${server.url}/token answered 403`);
    expect(exchanges[0]!.error).toBe(e.message);
    expect(server.seen.every((s) => s.url === '/token')).toBe(true);
  });
});

describe('ScimClient over TLS with a self-signed certificate', () => {
  // Generating a certificate needs the openssl command; without it the TLS mapping is still
  // covered by target-error.test.ts.
  const hasOpenssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasOpenssl)('refuses an untrusted certificate, then trusts it via caFile or allowSelfSigned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scimconf-tls-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/scim+json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const base = loadConfig({ env: {}, flags: { target: url } });

    const strict = new ScimClient(base);
    cleanups.push(() => strict.close());
    const e = await targetError(strict.request('GET', '/ServiceProviderConfig', { purpose: 'discovery' }));
    expect(e.kind).toBe('tls');
    expect(e.message).toBe(`target ${url}: TLS certificate not trusted (use tls.caFile or --insecure)`);

    for (const tls of [{ caFile: cert, allowSelfSigned: false }, { allowSelfSigned: true }]) {
      const c = new ScimClient({ ...base, tls });
      cleanups.push(() => c.close());
      expect((await c.request('GET', '/ServiceProviderConfig', { purpose: 'discovery' })).json).toEqual({ ok: true });
    }
  });
});
