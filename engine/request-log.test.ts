import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../schemas/run-result.ts';
import { ScimClient } from './client.ts';
import { loadConfig } from './config.ts';
import { sendJson, startLocalServer } from './local-test-server.ts';
import { exchangeStream, issuedValues, labelExchanges, labelOf, lineBatcher, requestLog, type LoggedRequest } from './request-log.ts';

const exchange = (over: Partial<Exchange> = {}): Exchange => ({
  purpose: 'setup',
  method: 'POST',
  url: 'http://127.0.0.1:9999/scim/Users?x=1',
  requestHeaders: { Authorization: '[REDACTED]', 'Content-Type': 'application/scim+json' },
  requestBody: '{"userName":"a","password":"[REDACTED]"}',
  status: 201,
  responseBody: '{"id":"abc","userName":"a"}',
  durationMs: 2,
  startedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

/** Runs `body` with a fresh folder under the system's temporary one, removed afterwards. */
async function inTempDir(prefix: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('request log', () => {
  it('writes replayable requests without credentials, grouped by scenario', async () => {
    await inTempDir('reqlog-', async (dir) => {
      const file = join(dir, 'requests.ndjson');
      const sink = requestLog(file);
      const group: Exchange[] = [];
      labelExchanges(group, 'patch.add.x');
      expect(labelOf(group)).toBe('patch.add.x');
      sink.listener(exchange(), group, 1.23456);
      sink.listener(exchange({ method: 'DELETE', status: 204, requestBody: undefined, responseBody: '' }), undefined, 0.5);
      sink.listener(exchange({ method: 'DELETE', status: 204, requestBody: undefined, responseBody: '' }), undefined, 0.5);
      await sink.close();
      const [post, del1, del2] = lines(file) as unknown as LoggedRequest[];
      expect(post).toEqual({
        flow: 'patch.add.x',
        method: 'POST',
        path: '/scim/Users?x=1',
        headers: { 'Content-Type': 'application/scim+json' },
        body: '{"userName":"a","password":"[REDACTED]"}',
        status: 201,
        issued: ['abc'],
        ms: 1.235,
      });
      expect(del1?.flow).not.toBe(del2?.flow);
      expect(del1?.issued).toBeUndefined();
    });
  });

  it('streams every exchange to exchanges.ndjson with its scenario', async () => {
    await inTempDir('exlog-', async (dir) => {
      const file = join(dir, 'run', 'exchanges.ndjson');
      const sink = exchangeStream(file);
      const group: Exchange[] = [];
      labelExchanges(group, 's1');
      sink.listener(exchange(), group, 1);
      sink.listener(exchange({ purpose: 'discovery', method: 'GET' }), undefined, 1);
      await sink.close();
      const [a, b] = lines(file);
      expect(a).toMatchObject({ scenario: 's1', method: 'POST', requestHeaders: { Authorization: '[REDACTED]' } });
      expect(b).not.toHaveProperty('scenario');
    });
  });

  it('writes every line by close, in batches', async () => {
    await inTempDir('exlog-batch-', async (dir) => {
      const file = join(dir, 'exchanges.ndjson');
      const sink = exchangeStream(file);
      const group: Exchange[] = [];
      labelExchanges(group, 'big');
      for (let i = 0; i < 500; i++) sink.listener(exchange({ purpose: `p${i}` }), group, 1);
      await sink.close();
      const all = lines(file);
      expect(all).toHaveLength(500);
      expect(all.map((l) => l['purpose'])).toEqual(Array.from({ length: 500 }, (_, i) => `p${i}`));
    });
  });
});

describe('lineBatcher: what goes to the file in one write', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a batch once it passes 64 KiB, what is left after 200 ms, and anything pending at flush', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const batches = lineBatcher((text) => writes.push(text));
    const line = `${'x'.repeat(999)}\n`; // 1,000 bytes: the 66th line passes 64 KiB (65,536)
    for (let i = 0; i < 100; i++) batches.add(line);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe(line.repeat(66));
    vi.advanceTimersByTime(199);
    expect(writes).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toBe(line.repeat(34));
    batches.add('last\n');
    batches.flush();
    expect(writes).toEqual([line.repeat(66), line.repeat(34), 'last\n']);
    // Nothing pending: no empty write, and the timer that flush cleared writes nothing later.
    batches.flush();
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(3);
  });
});

describe('issuedValues: what an answer hands out for later requests to name', () => {
  it('is the id a POST created, and nothing for a search, an error or a body that is not JSON', () => {
    expect(issuedValues('POST', '/scim/Users', 201, '{"id":"u1"}')).toEqual(['u1']);
    expect(issuedValues('POST', '/scim/Users/.search', 200, '{"id":"x","Resources":[]}')).toEqual([]);
    expect(issuedValues('POST', '/scim/Users', 409, '{"id":"u1"}')).toEqual([]);
    expect(issuedValues('POST', '/scim/Users', 201, 'created')).toEqual([]);
    expect(issuedValues('PATCH', '/scim/Users/u1', 200, '{"id":"u1"}')).toEqual([]);
  });

  it('is, for a Bulk request, the id each POST operation created, by position', () => {
    const answer = JSON.stringify({
      Operations: [
        { method: 'POST', bulkId: 'a', location: 'http://h/scim/Users/u1', status: '201' },
        { method: 'PATCH', location: 'http://h/scim/Groups/g0', status: '200' },
        { method: 'POST', bulkId: 'b', status: '409' },
        { method: 'POST', bulkId: 'c', location: '/Groups/g1', status: '201' },
      ],
    });
    expect(issuedValues('POST', '/scim/Bulk', 200, answer)).toEqual(['u1', null, null, 'g1']);
  });

  it("is the next page's cursor of a list", () => {
    expect(issuedValues('GET', '/scim/Users?count=2&cursor=', 200, '{"Resources":[],"nextCursor":"c/2+=="}')).toEqual(['c/2+==']);
    expect(issuedValues('GET', '/scim/Users?count=2', 200, '{"Resources":[]}')).toEqual([]);
  });
});

describe('request log of a request sent with another credential', () => {
  it('names the credential a scenario chose, and sends and logs no secret of it', async () => {
    const server = await startLocalServer((req, res) => sendJson(res, req.headers['authorization'] ? 200 : 401, { seen: req.headers['authorization'] ?? null }));
    const dir = mkdtempSync(join(tmpdir(), 'reqlog-cred-'));
    const client = new ScimClient(loadConfig({ env: {}, flags: { target: `${server.url}/scim/v2`, token: 'tok-reqlog-secret-1' } }));
    try {
      const file = join(dir, 'requests.ndjson');
      const sink = requestLog(file);
      client.onExchange(sink.listener);
      expect((await client.request('GET', '/Users', { purpose: 'patch', auth: 'none', credential: 'none' })).status).toBe(401);
      expect((await client.request('GET', '/Users', { purpose: 'verify' })).status).toBe(200);
      client.flushExchanges();
      await sink.close();
      const [none, configured] = lines(file) as unknown as LoggedRequest[];
      expect(none?.credential).toBe('none');
      expect(configured).not.toHaveProperty('credential');
      expect(readFileSync(file, 'utf8')).not.toContain('tok-reqlog-secret-1');
    } finally {
      await client.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
