// ScimClient and idempotent requests (cleanup DELETEs): retried after a 5xx and after a lost answer
// with the run's backoff; the recovery signal; what a cut body tells. (Retries of throttled
// requests are in client-retry.test.ts.)
import { describe, it, expect, afterEach } from 'vitest';
import type { Exchange } from '../schemas/run-result.ts';
import { loadConfig, type TargetConfig } from './config.ts';
import { CutBodyError, ScimClient } from './client.ts';
import { closedPort, startLocalServer, sendJson, type LocalServer, type Handler } from './local-test-server.ts';
import { targetError } from './target-error-of.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(handler: Handler, overrides: Partial<TargetConfig> = {}): Promise<{ server: LocalServer; client: ScimClient }> {
  const server = await startLocalServer(handler);
  const client = new ScimClient({ ...loadConfig({ env: {}, flags: { target: server.url, token: 'tok-idem-9' } }), ...overrides });
  cleanups.push(() => server.close(), () => client.close());
  return { server, client };
}

describe('ScimClient idempotent requests', () => {
  it('sends a DELETE again after 503 and 500; a 404 then means the first one went through', async () => {
    let n = 0;
    const { client } = await setup((_r, res) => {
      n += 1;
      if (n === 1) sendJson(res, 503, { detail: 'busy' });
      else if (n === 2) sendJson(res, 500, { detail: 'oops' });
      else sendJson(res, 404, { detail: 'not found' });
    });
    const exchanges: Exchange[] = [];
    const res = await client.request('DELETE', '/Users/1', { purpose: 'cleanup', idempotent: true, exchanges });
    expect(res.status).toBe(404);
    expect(exchanges.map((e) => [e.purpose, e.status])).toEqual([['cleanup', 503], ['cleanup (retry 1)', 500], ['cleanup (retry 2)', 404]]);
  });

  it('gives up after the retries and says so', async () => {
    const { server, client } = await setup((_r, res) => sendJson(res, 502, {}), { retries: 1 });
    const res = await client.request('DELETE', '/Users/1', { purpose: 'cleanup', idempotent: true });
    expect([res.status, res.gaveUp]).toEqual([502, 'still 502 after 1 retry']);
    expect(server.seen).toHaveLength(2);
  });

  it('sends it again after a timeout, but never a request that is not idempotent', async () => {
    let n = 0;
    const { server, client } = await setup((_r, res) => {
      n += 1;
      // The first answer never comes.
      if (n !== 1) {
        res.writeHead(204);
        res.end();
      }
    }, { timeoutMs: 200 });
    expect((await client.request('DELETE', '/Users/1', { purpose: 'cleanup', idempotent: true })).status).toBe(204);
    expect(server.seen.map((s) => s.method)).toEqual(['DELETE', 'DELETE']);
    n = 0;
    const err = await targetError(client.request('PATCH', '/Users/1', { purpose: 'patch', body: {} }));
    expect(err.kind).toBe('timeout');
    expect(server.seen).toHaveLength(3);
  });

  it('does not retry a refused connection (a target that is down)', async () => {
    const port = await closedPort();
    const client = new ScimClient(loadConfig({ env: {}, flags: { target: `http://127.0.0.1:${port}` } }));
    cleanups.push(() => client.close());
    const exchanges: Exchange[] = [];
    const err = await targetError(client.request('DELETE', '/Users/1', { purpose: 'cleanup', idempotent: true, exchanges }));
    expect(err.kind).toBe('refused');
    expect(exchanges).toHaveLength(1);
  });
});

describe('ScimClient recovery signal', () => {
  it('lets recovery reads go on after the run signal, until the recovery signal', async () => {
    const { client } = await setup((r, res) => (r.url === '/hang' ? undefined : sendJson(res, 200, {})), { timeoutMs: 5000 });
    const run = new AbortController();
    const recovery = new AbortController();
    client.setRunSignal(run.signal, recovery.signal);
    run.abort();
    expect((await targetError(client.request('GET', '/x', { purpose: 'verify' }))).kind).toBe('deadline');
    expect((await client.request('GET', '/x', { purpose: 'recheck', recovery: true })).status).toBe(200);
    const hanging = targetError(client.request('GET', '/hang', { purpose: 'recheck', recovery: true }));
    setTimeout(() => recovery.abort(), 50);
    expect(await hanging).toMatchObject({ kind: 'deadline', message: 'deadline: the run reached its deadline during GET /hang' });
  });
});

describe('CutBodyError', () => {
  it('keeps the status, content type and bytes of an answer whose body broke off', async () => {
    const { client } = await setup((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/scim+json; charset=utf-8', 'Content-Length': '1000' });
      res.write('{"id":"1"', () => setTimeout(() => res.socket?.destroy(), 10));
    });
    const err = await client.request('GET', '/Users/1', { purpose: 'verify' }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(CutBodyError);
    expect((err as CutBodyError).answer).toEqual({ status: 200, contentType: 'application/scim+json; charset=utf-8', received: 9 });
  });
});
