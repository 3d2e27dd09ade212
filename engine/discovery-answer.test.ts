// Discovery says why a piece could not be read: endpoint, status, content type, and the first
// bytes or the size, in one line; and the run goes on with the pieces that could be read.
import { describe, it, expect, afterEach } from 'vitest';
import type { ServerResponse } from 'node:http';
import { URN } from '../schemas/scim-schema.ts';
import { loadConfig, type TargetConfig } from './config.ts';
import { ScimClient } from './client.ts';
import { discover } from './discovery.ts';
import { readPiece, settle } from './discovery-answer.ts';
import { startLocalServer, sendJson } from './local-test-server.ts';

const TOKEN = 'tok-Discovery-Answer-51';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

type Send = (res: ServerResponse) => void;

async function answering(send: Send, overrides: Partial<TargetConfig> = {}): Promise<{ client: ScimClient; config: TargetConfig }> {
  const server = await startLocalServer((_r, res) => send(res));
  const config: TargetConfig = { ...loadConfig({ env: {}, flags: { target: server.url, token: TOKEN, timeoutMs: '2000' } }), ...overrides };
  const client = new ScimClient(config);
  cleanups.push(() => server.close(), () => client.close());
  return { client, config };
}

async function why(send: Send, overrides: Partial<TargetConfig> = {}): Promise<string> {
  const { client, config } = await answering(send, overrides);
  const piece = readPiece(await settle(client.request('GET', '/Schemas', { purpose: 'discovery' })), '/Schemas', config.maxBodyBytes);
  if (!('why' in piece)) throw new Error('expected the piece to be unreadable');
  expect(piece.why).not.toContain('\n');
  return piece.why;
}

const raw = (status: number, type: string | undefined, body: string, extra: Record<string, string> = {}): Send => (res) => {
  res.writeHead(status, { ...(type ? { 'Content-Type': type } : {}), 'Content-Length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
};

describe('readPiece', () => {
  it('reads the JSON of a 2xx answer', async () => {
    const { client, config } = await answering((res) => sendJson(res, 200, { Resources: [] }));
    expect(readPiece(await settle(client.request('GET', '/Schemas', { purpose: 'discovery' })), '/Schemas', config.maxBodyBytes)).toEqual({ json: { Resources: [] } });
  });

  it('names an HTML page with its status, content type, size and first bytes', async () => {
    const page = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>please sign in to continue to the directory</body></html>';
    expect(await why(raw(200, 'text/html; charset=utf-8', page))).toBe(
      `GET /Schemas answered 200 (text/html) with an HTML page instead of JSON (${page.length} bytes), starting "<!DOCTYPE html> <html><head><title>Sign in</title></head><b…"`,
    );
  });

  it('names a body that is not JSON, quoting it without the credential it echoes', async () => {
    const text = `ok Bearer ${TOKEN}`;
    const said = await why(raw(200, 'text/plain', text));
    expect(said).toBe(`GET /Schemas answered 200 (text/plain) with a body that is not JSON (${text.length} bytes), starting "ok Bearer [REDACTED]"`);
    expect(said).not.toContain(TOKEN);
  });

  it('tells JSON that breaks off from JSON that is wrong, and an empty body', async () => {
    const cut = `{"schemas":["${URN.listResponse}"],"Resources":[{"id":"urn:ietf:params:scim:schemas:core:2.0:User","attri`;
    expect(await why(raw(200, 'application/scim+json', cut))).toMatch(
      new RegExp(`^GET /Schemas answered 200 \\(application/scim\\+json\\) with JSON that breaks off after ${cut.length} bytes \\(cut short\\?\\), starting "\\{"schemas"`),
    );
    expect(await why(raw(200, 'application/json', '{"a": nope}'))).toBe('GET /Schemas answered 200 (application/json) with a body that is not JSON (11 bytes), starting "{"a": nope}"');
    expect(await why(raw(200, undefined, ''))).toBe('GET /Schemas answered 200 (no Content-Type) with an empty body');
  });

  it('gives the size of a body over the cap instead of quoting it', async () => {
    const big = JSON.stringify({ Resources: [{ description: 'x'.repeat(5000) }] });
    expect(await why(raw(200, 'application/scim+json', big), { maxBodyBytes: 1024 })).toBe(
      `GET /Schemas answered 200 (application/scim+json) with a body larger than the 1024-byte cap (Content-Length ${big.length}); it was not read`,
    );
  });

  it('says how far an answer got when the connection closed in the middle of the body', async () => {
    const said = await why((res) => {
      res.writeHead(200, { 'Content-Type': 'application/scim+json', 'Content-Length': '5000' });
      res.write('{"Resources":[');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(said).toBe('GET /Schemas answered 200 (application/scim+json) but the body was cut off (connection closed) after 14 bytes');
  });

  it('keeps the status of other answers as it was', async () => {
    expect(await why((res) => sendJson(res, 404, { status: '404' }))).toBe('GET /Schemas answered 404');
  });
});

describe('discover with one piece broken', () => {
  it('goes on with the pieces it could read and notes the broken one in one line', async () => {
    const spc = { schemas: [URN.serviceProviderConfig], patch: { supported: true }, bulk: { supported: false }, filter: { supported: true }, changePassword: { supported: false }, sort: { supported: false }, etag: { supported: true } };
    const server = await startLocalServer((r, res) => {
      if (r.url === '/ServiceProviderConfig') sendJson(res, 200, spc);
      else if (r.url === '/ResourceTypes') raw(502, 'text/html', '<html>bad gateway</html>')(res);
      else {
        res.writeHead(200, { 'Content-Type': 'application/scim+json', 'Content-Length': '9000' });
        res.write('{"Resources":[{"id":"urn:');
        setTimeout(() => res.socket?.destroy(), 20);
      }
    });
    const config = loadConfig({ env: {}, flags: { target: server.url, token: TOKEN } });
    const client = new ScimClient(config);
    cleanups.push(() => server.close(), () => client.close());
    const d = await discover(client, config);
    expect(d.source).toBe('partial');
    expect(d.capabilities.etag).toBe(true);
    expect(d.notes).toEqual([
      'GET /ResourceTypes answered 502; using the RFC 7643 User and Group resource types',
      'GET /Schemas answered 200 (application/scim+json) but the body was cut off (connection closed) after 25 bytes; using the RFC 7643 schemas',
    ]);
  });
});
