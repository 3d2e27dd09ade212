import { describe, it, expect, afterEach } from 'vitest';
import type { Exchange } from '../schemas/run-result.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { loadConfig } from './config.ts';
import { ScimClient } from './client.ts';
import { Ledger } from './ledger.ts';
import { lostAnswer, mayHaveBeenApplied, recheckCreate, recheckPatch } from './recheck.ts';
import { TargetError } from './target-error.ts';
import { startLocalServer, sendJson, type Handler } from './local-test-server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function clientFor(handler: Handler): Promise<ScimClient> {
  const server = await startLocalServer(handler);
  const client = new ScimClient(loadConfig({ env: {}, flags: { target: server.url, timeoutMs: 500 } }));
  cleanups.push(() => server.close(), () => client.close());
  return client;
}

const schema = builtinResourceSchemas().User;
const URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const before = { schemas: [URN], id: 'u1', userName: 'bob', nickName: 'Bobby', meta: { version: 'W/"1"' } };
const expected = { ...before, nickName: 'X' };
const timeout = new TargetError('timeout', 'target http://127.0.0.1:1: no response within 500 ms');

describe('mayHaveBeenApplied and lostAnswer', () => {
  it('treats lost answers as maybe applied, a refused connection as not sent', () => {
    expect(mayHaveBeenApplied(timeout)).toBe(true);
    expect(mayHaveBeenApplied(new TargetError('reset', 'x'))).toBe(true);
    expect(mayHaveBeenApplied(new TargetError('deadline', 'x'))).toBe(true);
    expect(mayHaveBeenApplied(new TargetError('refused', 'x'))).toBe(false);
    expect(mayHaveBeenApplied(new Error('x'))).toBe(false);
    expect(lostAnswer(timeout, 'set-up POST /Users')).toBe('the set-up POST /Users timed out (no response within 500 ms)');
  });
});

describe('recheckPatch', () => {
  const run = async (body: unknown, status = 200): Promise<string> => {
    const client = await clientFor((_r, res) => sendJson(res, status, body));
    const exchanges: Exchange[] = [];
    const line = await recheckPatch(client, timeout, { path: '/Users/u1', before, expected, schema, exchanges });
    expect(exchanges.map((e) => e.purpose)).toEqual(['recheck']);
    return line;
  };

  it('says when the change is there, not there, or something else happened', async () => {
    expect(await run({ ...expected, meta: { version: 'W/"2"' } })).toBe('the PATCH timed out (no response within 500 ms); a GET afterwards shows the change was applied');
    expect(await run(before)).toBe('the PATCH timed out (no response within 500 ms); a GET afterwards shows the resource unchanged');
    expect(await run({ ...before, nickName: 'Y' })).toMatch(/; a GET afterwards shows the resource changed, but not as the PATCH asks \(.*nickName.*\)$/);
    expect(await run({ detail: 'gone' }, 404)).toBe('the PATCH timed out (no response within 500 ms); the GET afterwards answered 404, so whether it was applied is unknown');
  });
});

describe('recheckCreate', () => {
  it('finds what a lost POST created by its marked userName and records it for cleanup', async () => {
    let query = '';
    const client = await clientFor((r, res) => {
      query = decodeURIComponent(r.url);
      sendJson(res, 200, { Resources: [{ id: 'new-1', userName: 'scimconf-r1-a1@example.com' }], totalResults: 1 });
    });
    const ledger = new Ledger({ runId: 'r1' });
    const line = await recheckCreate(client, 'the set-up POST /Users timed out (x)', {
      kind: 'User',
      endpoint: '/Users',
      body: { schemas: [URN], userName: 'scimconf-r1-a1@example.com' },
      ledger,
      exchanges: [],
    });
    expect(query).toBe('/Users?filter=userName eq "scimconf-r1-a1@example.com"');
    expect(line).toBe('the set-up POST /Users timed out (x); a search afterwards found it was created (recorded for cleanup)');
    expect(ledger.pending().map((e) => [e.id, e.location])).toEqual([['new-1', '/Users/new-1']]);
  });

  it('says when nothing was created, or when it cannot tell', async () => {
    const empty = await clientFor((_r, res) => sendJson(res, 200, { Resources: [], totalResults: 0 }));
    const input = { kind: 'Group' as const, endpoint: '/Groups', body: { displayName: 'Ops scimconf-r1-a2' }, ledger: new Ledger({ runId: 'r1' }), exchanges: [] };
    expect(await recheckCreate(empty, 'head', input)).toBe('head; a search afterwards shows nothing was created');
    const broken = await clientFor((_r, res) => sendJson(res, 400, { detail: 'no filters here' }));
    expect(await recheckCreate(broken, 'head', input)).toBe('head; the search afterwards answered 400: a resource may be left (its displayName is Ops scimconf-r1-a2)');
  });
});
