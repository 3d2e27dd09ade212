import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server/index.ts';
import type { LoggedRequest } from '../engine/request-log.ts';
import { flowsOf, replay } from './replay.ts';
import { startDelayProxy } from './delay-proxy.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({}, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
});

const json = { 'content-type': 'application/scim+json', accept: 'application/scim+json' };
const OLD = '11111111-2222-3333-4444-555555555555';

// A logged scenario from another server: its ids mean nothing here until the replay rewrites them.
const log: LoggedRequest[] = [
  { flow: 's1', method: 'POST', path: '/Users', headers: json, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'replay-a' }), status: 201, issued: [OLD], ms: 1 },
  { flow: 's1', method: 'PATCH', path: `/Users/${OLD}`, headers: json, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'nickName', value: 'n' }] }), status: 200, ms: 1 },
  { flow: 's1', method: 'GET', path: `/Users/${OLD}`, headers: json, status: 200, ms: 1 },
  { flow: '~1', method: 'DELETE', path: `/Users/${OLD}`, headers: json, status: 204, ms: 1 },
];

describe('replay', () => {
  it('groups requests into flows in order of first appearance', () => {
    expect(flowsOf(log).map((f) => f.map((e) => e.method))).toEqual([['POST', 'PATCH', 'GET'], ['DELETE']]);
  });

  it('replays against a fresh server with the ids it creates, so every answer matches the log', async () => {
    const before = server.store.size;
    const r = await replay(log, { origin: new URL(server.url).origin, token: server.token, concurrency: 2 });
    expect(r.requests).toBe(4);
    expect(r.statusMismatches).toBe(0);
    expect(server.store.size).toBe(before);
  });

  it('counts answers that differ from the log', async () => {
    const wrong = log.map((e) => (e.method === 'GET' ? { ...e, status: 404 } : e));
    const r = await replay(wrong, { origin: new URL(server.url).origin, token: server.token, concurrency: 1 });
    expect(r.statusMismatches).toBe(1);
  });
});

describe('replay of what a run does besides plain creations', () => {
  const user = (userName: string) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName });

  it('follows the ids a Bulk request created, and the cursor of the next page, to the fresh ones', async () => {
    const OLD_A = 'aaaaaaaa-0000-0000-0000-000000000001';
    const OLD_B = 'aaaaaaaa-0000-0000-0000-000000000002';
    const bulk = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'a', data: user('replay-bulk-a') },
        { method: 'POST', path: '/Users', bulkId: 'b', data: user('replay-bulk-b') },
      ],
    };
    const OLD_CURSOR = 'old/cursor+==';
    const entries: LoggedRequest[] = [
      { flow: 'b', method: 'POST', path: '/Bulk', headers: json, body: JSON.stringify(bulk), status: 200, issued: [OLD_A, OLD_B], ms: 1 },
      { flow: 'b', method: 'GET', path: `/Users/${OLD_B}`, headers: json, status: 200, ms: 1 },
      { flow: 'b', method: 'GET', path: '/Users?filter=userName%20sw%20%22replay-bulk-%22&count=1&cursor=', headers: json, status: 200, issued: [OLD_CURSOR], ms: 1 },
      { flow: 'b', method: 'GET', path: `/Users?filter=userName%20sw%20%22replay-bulk-%22&count=1&cursor=${encodeURIComponent(OLD_CURSOR)}`, headers: json, status: 200, ms: 1 },
      { flow: 'b', method: 'DELETE', path: `/Users/${OLD_A}`, headers: json, status: 204, ms: 1 },
      { flow: 'b', method: 'DELETE', path: `/Users/${OLD_B}`, headers: json, status: 204, ms: 1 },
    ];
    const before = server.store.size;
    const r = await replay(entries, { origin: new URL(server.url).origin, token: server.token, concurrency: 1 });
    expect(r.statusMismatches).toBe(0);
    expect(server.store.size).toBe(before);
    // Without the values handed out, the reads and deletes of the Bulk's users and the second page miss.
    const bare = entries.map(({ issued: _issued, ...e }) => e);
    const missed = await replay(bare, { origin: new URL(server.url).origin, token: server.token, concurrency: 1 });
    expect(missed.statusMismatches).toBeGreaterThanOrEqual(3);
    for (const name of ['replay-bulk-a', 'replay-bulk-b']) {
      const found = await fetch(`${server.url}/Users?filter=${encodeURIComponent(`userName eq "${name}"`)}`, { headers: { authorization: `Bearer ${server.token}` } });
      for (const u of ((await found.json()) as { Resources: Array<{ id: string }> }).Resources) {
        await fetch(`${server.url}/Users/${u.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${server.token}` } });
      }
    }
  });

  it('sends a request logged with another credential with the same kind: none, a wrong one, another tenant', async () => {
    const tenants = await startServer({ extraTokens: true }, { host: '127.0.0.1', port: 0 });
    try {
      const entries: LoggedRequest[] = [
        { flow: 's', method: 'GET', path: '/Users', headers: json, status: 401, credential: 'none', ms: 1 },
        { flow: 's', method: 'GET', path: '/Users', headers: json, status: 401, credential: 'wrong', ms: 1 },
        { flow: 's', method: 'POST', path: '/Users', headers: json, body: JSON.stringify(user('replay-limited')), status: 403, credential: 'limited', ms: 1 },
        { flow: 's', method: 'GET', path: '/Users', headers: json, status: 200, ms: 1 },
      ];
      const r = await replay(entries, { origin: new URL(tenants.url).origin, token: tenants.token, tokens: tenants.tokens, concurrency: 1 });
      expect(r.statusMismatches).toBe(0);
      // With the configured token each of the three would have been answered as a success.
      const asAdmin = await replay(entries.map(({ credential: _c, ...e }) => e), { origin: new URL(tenants.url).origin, token: tenants.token, concurrency: 1 });
      expect(asAdmin.statusMismatches).toBe(3);
    } finally {
      await tenants.close();
    }
  });
});

describe('replay over a connection that breaks', () => {
  it('sends a request once more after a dropped connection, and counts one that fails twice instead of stopping', async () => {
    const { createServer } = await import('node:http');
    let calls = 0;
    // The first request's connection is destroyed without an answer; later ones are answered, except /gone.
    const flaky = createServer((req, res) => {
      calls += 1;
      if (calls === 1 || req.url === '/gone') return req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/scim+json' });
      res.end('{}');
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    try {
      const port = (flaky.address() as { port: number }).port;
      const entries: LoggedRequest[] = [
        { flow: 'a', method: 'GET', path: '/one', headers: {}, status: 200, ms: 1 },
        { flow: 'a', method: 'GET', path: '/gone', headers: {}, status: 200, ms: 1 },
        { flow: 'a', method: 'GET', path: '/two', headers: {}, status: 200, ms: 1 },
      ];
      const r = await replay(entries, { origin: `http://127.0.0.1:${port}`, token: 't', concurrency: 1 });
      expect(r.statusMismatches).toBe(1);
      expect(calls).toBe(5);
    } finally {
      await new Promise<void>((r) => flaky.close(() => r()));
    }
  });
});

describe('delay proxy', () => {
  it('passes requests through after the delay', async () => {
    const proxy = await startDelayProxy({ upstream: server.url, delayMs: 30 });
    try {
      const started = performance.now();
      const res = await fetch(`${proxy.url}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${server.token}` } });
      const elapsed = performance.now() - started;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { schemas: string[] }).schemas[0]).toContain('ServiceProviderConfig');
      expect(elapsed).toBeGreaterThanOrEqual(29);
      const denied = await fetch(`${proxy.url}/ServiceProviderConfig`);
      expect(denied.status).toBe(401);
    } finally {
      await proxy.close();
    }
  });
});
