import { describe, it, expect, afterEach } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../schemas/run-result.ts';
import { loadConfig } from './config.ts';
import { ScimClient } from './client.ts';
import { Ledger } from './ledger.ts';
import { startLocalServer, sendJson, closedPort, type Handler } from './local-test-server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function fakeTarget(handler: Handler = (_r, res) => {
  res.writeHead(204);
  res.end();
}) {
  const server = await startLocalServer(handler);
  const client = new ScimClient(loadConfig({ env: {}, flags: { target: `${server.url}/scim` } }));
  cleanups.push(() => server.close(), () => client.close());
  return { server, client };
}

function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'scimconf-ledger-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'run-1', name);
}

describe('Ledger', () => {
  it('has a marker derived from the run id and refuses odd run ids', () => {
    expect(new Ledger({ runId: '20250101-abc' }).marker).toBe('scimconf-20250101-abc');
    expect(() => new Ledger({ runId: 'a b/c' })).toThrow(/run id/);
  });

  it('deletes newest first; 204, 200 and 404 all count as gone', async () => {
    const statuses: Record<string, number> = { '/scim/Users/u1': 204, '/scim/Groups/g1': 200, '/scim/Users/u2': 404 };
    const { server, client } = await fakeTarget((r, res) => {
      res.writeHead(statuses[r.url] ?? 500);
      res.end();
    });
    const ledger = new Ledger({ runId: 'r1' });
    ledger.record({ kind: 'User', id: 'u1', location: '/Users/u1' });
    ledger.record({ kind: 'Group', id: 'g1', location: '/Groups/g1' });
    ledger.record({ kind: 'User', id: 'u2', location: '/Users/u2' });
    expect(ledger.pending().map((e) => e.id)).toEqual(['u1', 'g1', 'u2']);
    const exchanges: Exchange[] = [];
    const leftovers = await ledger.cleanup(client, { concurrency: 1, exchanges });
    expect(leftovers).toEqual([]);
    expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['DELETE /scim/Users/u2', 'DELETE /scim/Groups/g1', 'DELETE /scim/Users/u1']);
    expect(exchanges.map((x) => x.purpose)).toEqual(['cleanup', 'cleanup', 'cleanup']);
    expect(ledger.pending()).toEqual([]);
    // A second cleanup has nothing left to do.
    expect(await ledger.cleanup(client)).toEqual([]);
    expect(server.seen).toHaveLength(3);
  });

  it('dispatches newest first with several workers and deletes everything', async () => {
    // A stand-in client shows the order DELETEs are started in, which arrival order at a server does not.
    const started: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const client = {
      request: async (method: string, path: string) => {
        started.push(`${method} ${path}`);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return { status: 204, exchange: {} };
      },
    } as unknown as ScimClient;
    const ledger = new Ledger({ runId: 'r2' });
    for (let i = 0; i < 10; i++) ledger.record({ kind: 'User', id: `u${i}`, location: `/Users/u${i}` });
    expect(await ledger.cleanup(client, { concurrency: 4 })).toEqual([]);
    expect(started).toEqual(Array.from({ length: 10 }, (_, i) => `DELETE /Users/u${9 - i}`));
    expect(maxInFlight).toBe(4);
    expect(ledger.pending()).toEqual([]);
  });

  it('skips what a scenario deleted itself and ignores ids it never recorded', async () => {
    const { server, client } = await fakeTarget();
    const ledger = new Ledger({ runId: 'r3' });
    ledger.record({ kind: 'User', id: 'a', location: '/Users/a' });
    ledger.record({ kind: 'User', id: 'b', location: '/Users/b' });
    ledger.markDeleted('User', 'a');
    ledger.markDeleted('User', 'not-ours');
    ledger.markDeleted('Group', 'b');
    await ledger.cleanup(client);
    expect(server.seen.map((s) => s.url)).toEqual(['/scim/Users/b']);
  });

  it('reports leftovers without throwing: an error status, a lost connection, a location that is not the resource', async () => {
    const { client } = await fakeTarget((r, res) => {
      if (r.url.endsWith('/locked')) sendJson(res, 409, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', detail: 'user is\nlocked' });
      else {
        res.writeHead(204);
        res.end();
      }
    });
    const ledger = new Ledger({ runId: 'r4' });
    ledger.record({ kind: 'User', id: 'ok', location: '/Users/ok' });
    ledger.record({ kind: 'User', id: 'locked', location: '/Users/locked' });
    ledger.record({ kind: 'Group', id: 'g9', location: '/Groups/someone-else' });
    const leftovers = await ledger.cleanup(client, { concurrency: 1 });
    expect(leftovers).toEqual([
      { kind: 'Group', id: 'g9', location: '/Groups/someone-else', reason: 'location /Groups/someone-else does not end with the id; not deleted' },
      { kind: 'User', id: 'locked', location: '/Users/locked', reason: 'DELETE answered 409 (user is locked)' },
    ]);
    expect(ledger.pending().map((e) => e.id)).toEqual(['locked', 'g9']);

    const port = await closedPort();
    const gone = new ScimClient(loadConfig({ env: {}, flags: { target: `http://127.0.0.1:${port}` } }));
    cleanups.push(() => gone.close());
    const refused = await ledger.cleanup(gone);
    expect(refused.map((l) => `${l.id}: ${l.reason}`)).toEqual([
      'g9: location /Groups/someone-else does not end with the id; not deleted',
      `locked: target http://127.0.0.1:${port} refused the connection`,
    ]);
  });

  it('still deletes everything when the run fails between record and cleanup (try/finally)', async () => {
    const { server, client } = await fakeTarget();
    const ledger = new Ledger({ runId: 'r5' });
    let leftovers: unknown;
    const run = async (): Promise<void> => {
      try {
        ledger.record({ kind: 'User', id: 'x1', location: '/Users/x1' });
        ledger.record({ kind: 'Group', id: 'y1', location: '/Groups/y1' });
        throw new Error('scenario blew up');
      } finally {
        leftovers = await ledger.cleanup(client);
      }
    };
    await expect(run()).rejects.toThrow('scenario blew up');
    expect(leftovers).toEqual([]);
    expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['DELETE /scim/Groups/y1', 'DELETE /scim/Users/x1']);
  });

  it('writes an append-only NDJSON file that reads back, even with a torn last line', async () => {
    const file = tempFile('ledger.ndjson');
    const { client } = await fakeTarget();
    const ledger = new Ledger({ runId: 'r6', file });
    ledger.record({ kind: 'User', id: 'u1', location: '/Users/u1' });
    ledger.record({ kind: 'User', id: 'u 2', location: '/Users/u%202' });
    ledger.record({ kind: 'Group', id: 'g1', location: 'http://example.invalid/Groups/g1' });
    ledger.markDeleted('User', 'u1');

    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => `${l.event} ${l.kind} ${l.id}`)).toEqual(['created User u1', 'created User u 2', 'created Group g1', 'deleted User u1']);
    expect(lines.every((l) => l.runId === 'r6')).toBe(true);

    appendFileSync(file, '{"event":"created","kind":"User","id":"half');
    const entries = Ledger.readFile(file);
    expect(entries.map((e) => [e.kind, e.id, e.location, e.deleted ?? false])).toEqual([
      ['User', 'u1', '/Users/u1', true],
      ['User', 'u 2', '/Users/u%202', false],
      ['Group', 'g1', 'http://example.invalid/Groups/g1', false],
    ]);
    expect(entries.every((e) => !Number.isNaN(Date.parse(e.createdAt)))).toBe(true);

    // A later `cleanup --ledger FILE` carries on from the file and appends to it.
    const again = Ledger.fromFile(file);
    expect(again.runId).toBe('r6');
    expect(again.pending().map((e) => e.id)).toEqual(['u 2', 'g1']);
    const leftovers = await again.cleanup(client, { concurrency: 1 });
    // The absolute URL is on another origin: the client refuses it, so it stays a leftover.
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]!.id).toBe('g1');
    expect(Ledger.readFile(file).filter((e) => !e.deleted).map((e) => e.id)).toEqual(['g1']);
  });

  it('keeps the intent to create until the creation is recorded under the same name', () => {
    const file = tempFile('intents.ndjson');
    const ledger = new Ledger({ runId: 'r7', file });
    ledger.intend({ kind: 'User', endpoint: '/Users', attr: 'userName', value: 'scimconf-r7-u1@example.com' });
    ledger.intend({ kind: 'Group', endpoint: '/Groups', attr: 'displayName', value: 'scimconf-r7 g1' });
    ledger.record({ kind: 'User', id: 'u1', location: '/Users/u1', name: 'scimconf-r7-u1@example.com' });
    // The run died before the group's answer reached the ledger.
    appendFileSync(file, '{"event":"creating","kind":"User","endpo');
    expect(Ledger.unresolvedIntents(file)).toEqual([{ kind: 'Group', endpoint: '/Groups', attr: 'displayName', value: 'scimconf-r7 g1' }]);
    // Intents are not entries: nothing to delete until cleanup finds the resource.
    expect(Ledger.readFile(file).map((e) => e.id)).toEqual(['u1']);
  });

  it('says when a ledger file cannot be read', () => {
    expect(() => Ledger.readFile('/nonexistent/ledger.ndjson')).toThrow('ledger /nonexistent/ledger.ndjson: cannot be read (ENOENT)');
  });
});
