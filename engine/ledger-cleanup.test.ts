// Ledger cleanup against a flaky or slow target: DELETEs retried with the run's backoff, further
// passes over what failed for a passing reason, and a hard stop at the cleanup deadline.
// (The ledger itself is in ledger.test.ts.)
import { describe, it, expect, afterEach } from 'vitest';
import { loadConfig, type TargetConfig } from './config.ts';
import { ScimClient } from './client.ts';
import { Ledger, NOT_REACHED } from './ledger.ts';
import { startLocalServer, sendJson, type Handler, type LocalServer } from './local-test-server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function fakeTarget(handler: Handler, overrides: Partial<TargetConfig> = {}): Promise<{ server: LocalServer; client: ScimClient }> {
  const server = await startLocalServer(handler);
  const client = new ScimClient({ ...loadConfig({ env: {}, flags: { target: server.url } }), ...overrides });
  cleanups.push(() => server.close(), () => client.close());
  return { server, client };
}

/** Each resource answers 503 to its first `failures` DELETEs, then 204 (and 404 once gone). */
function flaky(failures: number): Handler {
  const attempts = new Map<string, number>();
  return (r, res) => {
    const n = (attempts.get(r.url) ?? 0) + 1;
    attempts.set(r.url, n);
    if (n <= failures) sendJson(res, 503, { detail: 'try later' });
    else if (n === failures + 1) {
      res.writeHead(204);
      res.end();
    } else sendJson(res, 404, {});
  };
}

function ledgerOf(runId: string, ids: string[]): Ledger {
  const ledger = new Ledger({ runId });
  for (const id of ids) ledger.record({ kind: 'User', id, location: `/Users/${id}` });
  return ledger;
}

describe('Ledger.cleanup against a flaky target', () => {
  it('retries each DELETE with the backoff, and passes again over what still failed', async () => {
    // retries 1: two attempts per pass; three 503s need a second pass.
    const { server, client } = await fakeTarget(flaky(3), { retries: 1 });
    const ledger = ledgerOf('flaky1', ['a', 'b', 'c']);
    expect(await ledger.cleanup(client, { concurrency: 2, roundPauseMs: 10 })).toEqual([]);
    expect(ledger.pending()).toEqual([]);
    expect(server.seen.filter((s) => s.url === '/Users/a')).toHaveLength(4);
  });

  it('with one pass only, reports the resources left and why', async () => {
    const { client } = await fakeTarget(flaky(3), { retries: 1 });
    const ledger = ledgerOf('flaky2', ['a', 'b']);
    const left = await ledger.cleanup(client, { concurrency: 1, rounds: 1 });
    expect(left.map((l) => `${l.id}: ${l.reason}`)).toEqual(['b: DELETE answered 503 (still 503 after 1 retry)', 'a: DELETE answered 503 (still 503 after 1 retry)']);
  });

  it('does not pass again over what will not change (a 409, a foreign location)', async () => {
    const { server, client } = await fakeTarget((_r, res) => sendJson(res, 409, { detail: 'locked' }));
    const ledger = ledgerOf('locked', ['a']);
    expect((await ledger.cleanup(client, { roundPauseMs: 10 })).map((l) => l.reason)).toEqual(['DELETE answered 409 (locked)']);
    expect(server.seen).toHaveLength(1);
  });
});

describe('Ledger.cleanup and timeouts', () => {
  it('passes again over a DELETE that timed out while others went through', async () => {
    let first = true;
    const { server, client } = await fakeTarget((r, res) => {
      if (r.url === '/Users/a' && first) {
        first = false;
        return; // this one answer never comes
      }
      res.writeHead(204);
      res.end();
    }, { timeoutMs: 150, retries: 0 });
    const ledger = ledgerOf('slow-one', ['a', 'b']);
    expect(await ledger.cleanup(client, { concurrency: 2, roundPauseMs: 10 })).toEqual([]);
    expect(server.seen.filter((s) => s.url === '/Users/a')).toHaveLength(2);
  });

  it('does not pass again when every DELETE timed out (a target that hangs)', async () => {
    const { server, client } = await fakeTarget(() => undefined, { timeoutMs: 150, retries: 0 });
    const left = await ledgerOf('hung', ['a', 'b']).cleanup(client, { concurrency: 2, roundPauseMs: 10 });
    expect(left.map((l) => l.reason)).toEqual([expect.stringMatching(/no response within 150 ms$/), expect.stringMatching(/no response within 150 ms$/)]);
    expect(server.seen).toHaveLength(2);
  });
});

describe('Ledger.cleanup at its deadline', () => {
  it('stops at the signal: the DELETE under way is cut, the rest is reported as not reached', async () => {
    const { server, client } = await fakeTarget((r, res) => {
      if (r.url === '/Users/c') return; // never answers
      res.writeHead(204);
      res.end();
    }, { timeoutMs: 10_000 });
    const deadline = new AbortController();
    client.setRunSignal(deadline.signal, deadline.signal);
    const ledger = ledgerOf('cut', ['a', 'b', 'c']);
    setTimeout(() => deadline.abort(), 100);
    const left = await ledger.cleanup(client, { concurrency: 1, signal: deadline.signal });
    expect(left).toEqual([
      { kind: 'User', id: 'c', location: '/Users/c', reason: 'deadline: the run reached its deadline during DELETE /Users/c' },
      { kind: 'User', id: 'b', location: '/Users/b', reason: NOT_REACHED },
      { kind: 'User', id: 'a', location: '/Users/a', reason: NOT_REACHED },
    ]);
    expect(server.seen.map((s) => s.url)).toEqual(['/Users/c']);
    expect(ledger.pending().map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });

  it('starts nothing once the signal has fired', async () => {
    const { server, client } = await fakeTarget((_r, res) => sendJson(res, 204, {}));
    const left = await ledgerOf('late', ['a']).cleanup(client, { signal: AbortSignal.abort() });
    expect(left.map((l) => l.reason)).toEqual([NOT_REACHED]);
    expect(server.seen).toEqual([]);
  });
});
