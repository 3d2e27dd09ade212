// ScimClient against throttling and half-answering targets: retries, the run signal, and messages
// that say how far an answer got. (The rest of the client is in client.test.ts.)
import { describe, it, expect, afterEach } from 'vitest';
import type { Exchange } from '../schemas/run-result.ts';
import { loadConfig, type TargetConfig } from './config.ts';
import { ScimClient } from './client.ts';
import { startLocalServer, sendJson, type LocalServer, type Handler } from './local-test-server.ts';
import { targetError } from './target-error-of.ts';

const TOKEN = 'tok-Retry-Secret-77';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(handler: Handler, overrides: Partial<TargetConfig> = {}): Promise<{ server: LocalServer; client: ScimClient }> {
  const server = await startLocalServer(handler);
  const client = new ScimClient({ ...loadConfig({ env: {}, flags: { target: server.url, token: TOKEN } }), ...overrides });
  cleanups.push(() => server.close(), () => client.close());
  return { server, client };
}

describe('ScimClient retries', () => {
  it('waits out a 429 and a 503 with Retry-After, each attempt its own exchange', async () => {
    let n = 0;
    const { server, client } = await setup((_r, res) => {
      n += 1;
      if (n === 1) sendJson(res, 429, { detail: 'slow down' }, { 'Retry-After': '0' });
      else if (n === 2) sendJson(res, 503, { detail: 'busy' }, { 'Retry-After': new Date(Date.now()).toUTCString() });
      else sendJson(res, 200, { id: '1' });
    });
    const exchanges: Exchange[] = [];
    const res = await client.request('PATCH', '/Users/1', { purpose: 'patch', body: { a: 1 }, exchanges });
    expect(res.status).toBe(200);
    expect(res.gaveUp).toBeUndefined();
    expect(exchanges.map((e) => [e.purpose, e.status])).toEqual([['patch', 429], ['patch (retry 1)', 503], ['patch (retry 2)', 200]]);
    expect(server.seen.map((s) => s.body)).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
    expect(client.requestCount).toBe(3);
    expect(client.limiterStats.throttles).toBe(2);
  });

  it('does not retry a 503 without Retry-After, nor any other status', async () => {
    const { server, client } = await setup((_r, res) => sendJson(res, 503, { detail: 'down' }));
    const res = await client.request('GET', '/Users/1', { purpose: 'verify' });
    expect(res.status).toBe(503);
    expect(server.seen).toHaveLength(1);
  });

  it('gives up after the configured retries and says why', async () => {
    const { server, client } = await setup((_r, res) => sendJson(res, 429, {}, { 'Retry-After': '0' }), { retries: 2 });
    const res = await client.request('GET', '/Users/1', { purpose: 'verify' });
    expect([res.status, res.gaveUp]).toEqual([429, 'still 429 after 2 retries']);
    expect(server.seen).toHaveLength(3);
  });

  it('never re-sends a request whose answer was lost', async () => {
    const { server, client } = await setup(() => undefined, { timeoutMs: 150 });
    const err = await targetError(client.request('PATCH', '/Users/1', { purpose: 'patch', body: {} }));
    expect(err.kind).toBe('timeout');
    expect(server.seen).toHaveLength(1);
  });
});

describe('ScimClient answers that stop half-way', () => {
  it('a body that trickles: says the status came and the body did not finish', async () => {
    const { client } = await setup((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/scim+json', 'Content-Length': '1000' });
      res.write('{"id":');
    }, { timeoutMs: 200 });
    const err = await targetError(client.request('GET', '/Users/1', { purpose: 'verify' }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/^target http:\/\/127\.0\.0\.1:\d+ answered GET \/Users\/1 with 200 but did not finish the body within 200 ms \(6 bytes received\)$/);
  });

  it('a connection closed mid-body: says so', async () => {
    const { client } = await setup((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/scim+json', 'Content-Length': '1000' });
      res.write('{"id":"1"', () => setTimeout(() => res.socket?.destroy(), 10));
    });
    const err = await targetError(client.request('GET', '/Users/1', { purpose: 'verify' }));
    expect(err.kind).toBe('reset');
    expect(err.message).toMatch(/answered GET \/Users\/1 with 200 but closed the connection in the middle of the body \(9 bytes received\)$/);
  });
});

describe('ScimClient run signal (the deadline)', () => {
  it('cuts a request under way and a retry wait short; recovery reads and a detached signal go through', async () => {
    const { client } = await setup((r, res) => {
      if (r.url === '/hang') return;
      if (r.url === '/throttle') sendJson(res, 429, {}, { 'Retry-After': '1' });
      else sendJson(res, 200, { ok: true });
    }, { timeoutMs: 5000 });
    const deadline = new AbortController();
    client.setRunSignal(deadline.signal);
    const t0 = Date.now();
    const hanging = targetError(client.request('PATCH', '/hang', { purpose: 'patch', body: {} }));
    const waiting = targetError(client.request('GET', '/throttle', { purpose: 'verify' }));
    setTimeout(() => deadline.abort(), 100);
    const [a, b] = await Promise.all([hanging, waiting]);
    expect(Date.now() - t0).toBeLessThan(900);
    expect([a.kind, a.message]).toEqual(['deadline', 'deadline: the run reached its deadline during PATCH /hang']);
    expect([b.kind, b.message]).toEqual(['deadline', 'deadline: the run reached its deadline during GET /throttle']);
    // The target's Retry-After still holds everyone back (about 1 s), then the recovery read goes.
    expect((await client.request('GET', '/x', { purpose: 'recheck', recovery: true })).status).toBe(200);
    await targetError(client.request('GET', '/x', { purpose: 'verify' }));
    client.setRunSignal(undefined);
    expect((await client.request('DELETE', '/x', { purpose: 'cleanup' })).status).toBe(200);
  });
});

describe('ScimClient and a Retry-After too long to honour', () => {
  it('gives up at once and holds no other request back', async () => {
    const { client } = await setup((r, res) => (r.url === '/slow' ? sendJson(res, 429, {}, { 'Retry-After': '3600' }) : sendJson(res, 200, {})));
    const t0 = Date.now();
    const res = await client.request('GET', '/slow', { purpose: 'verify' });
    expect(res.gaveUp).toBe('429 with Retry-After 3600 s, longer than the 60 s the suite waits');
    expect((await client.request('GET', '/fast', { purpose: 'verify' })).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
