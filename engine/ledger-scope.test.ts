// A scenario's own resources are deleted when it ends (engine/runner.ts runScenario with
// scopedLedger and deleteRecorded); shared ones and failed deletions stay for the run's cleanup.
import { afterEach, describe, expect, it } from 'vitest';
import type { Exchange } from '../schemas/run-result.ts';
import { startServer } from '../server/index.ts';
import { ScimClient } from './client.ts';
import { loadConfig } from './config.ts';
import { deleteRecorded, Ledger, scopedLedger } from './ledger.ts';
import { startLocalServer } from './local-test-server.ts';
import { labelOf } from './request-log.ts';
import { runScenarios } from './runner.ts';
import { openSession } from './session.ts';
import { SharedPool } from './shared-pool.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function target(statusOf: (url: string) => number) {
  const server = await startLocalServer((r, res) => {
    res.writeHead(statusOf(r.url));
    res.end();
  });
  const client = new ScimClient(loadConfig({ env: {}, flags: { target: `${server.url}/scim` } }));
  cleanups.push(() => server.close(), () => client.close());
  return { server, client };
}

describe('scopedLedger', () => {
  it('writes through to the ledger and remembers only what was recorded through it', () => {
    const ledger = new Ledger({ runId: 'r1' });
    ledger.record({ kind: 'User', id: 'other', location: '/Users/other' });
    const scope = scopedLedger(ledger);
    scope.ledger.record({ kind: 'User', id: 'u1', location: '/Users/u1' });
    scope.ledger.record({ kind: 'Group', id: 'g1', location: '/Groups/g1' });
    scope.ledger.markDeleted('User', 'other');
    expect(scope.ledger.marker).toBe(ledger.marker);
    expect(scope.recorded).toEqual([
      { kind: 'User', id: 'u1' },
      { kind: 'Group', id: 'g1' },
    ]);
    expect(ledger.pending().map((e) => e.id)).toEqual(['u1', 'g1']);
  });
});

describe('deleteRecorded', () => {
  it('deletes only the given entries, newest first, keeps what `keep` holds, and leaves a failure pending', async () => {
    const { server, client } = await target((url) => (url === '/scim/Users/fails' ? 403 : 204));
    const ledger = new Ledger({ runId: 'r1' });
    for (const id of ['before', 'u1', 'shared', 'fails', 'u2']) ledger.record({ kind: 'User', id, location: `/Users/${id}` });
    const exchanges: Exchange[] = [];
    const recorded = ['u1', 'shared', 'fails', 'u2'].map((id) => ({ kind: 'User' as const, id }));
    await deleteRecorded(ledger, client, recorded, { keep: (id) => id === 'shared', exchanges });
    expect(server.seen.map((r) => `${r.method} ${r.url}`).filter((l, i, all) => all.indexOf(l) === i)).toEqual(['DELETE /scim/Users/u2', 'DELETE /scim/Users/fails', 'DELETE /scim/Users/u1']);
    expect(exchanges.every((e) => e.purpose.startsWith('cleanup'))).toBe(true);
    expect(ledger.pending().map((e) => e.id)).toEqual(['before', 'shared', 'fails']);
  });

  it('sends nothing when there is nothing of its own', async () => {
    const { server, client } = await target(() => 204);
    const ledger = new Ledger({ runId: 'r1' });
    ledger.record({ kind: 'User', id: 's', location: '/Users/s' });
    await deleteRecorded(ledger, client, [{ kind: 'User', id: 's' }], { keep: () => true });
    await deleteRecorded(ledger, client, []);
    expect(server.seen).toHaveLength(0);
    expect(ledger.pending()).toHaveLength(1);
  });
});

describe('SharedPool.holds', () => {
  it('knows the ids of resources created through it once they resolve, not of failed ones', async () => {
    const pool = new SharedPool();
    expect(pool.holds('a')).toBe(false);
    const got = await pool.get('k', async () => ({ resource: { id: 'a' } }));
    expect(got.resource['id']).toBe('a');
    expect(pool.holds('a')).toBe(true);
    await expect(pool.get('bad', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(pool.holds('b')).toBe(false);
  });
});

describe('a scenario deletes its own resources when it ends', () => {
  it('leaves only the shared resources on the target for the run cleanup, with its DELETEs in its own flow', async () => {
    const server = await startServer({}, { host: '127.0.0.1', port: 0 });
    cleanups.push(() => server.close());
    const config = loadConfig({ env: { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token, SCIM_CONCURRENCY: '4' } });
    const deletes: Array<{ label: string | undefined; url: string }> = [];
    const session = await openSession(config, {
      runId: 'scope-test',
      seed: 3,
      onExchange: [(e, group) => (e.purpose === 'cleanup' ? deletes.push({ label: labelOf(group), url: e.url }) : undefined)],
    });
    let closed = false;
    cleanups.push(async () => {
      if (!closed) await session.close();
    });
    // Group scenarios list shared users; user scenarios create private ones.
    const chosen = session.scenarios.filter((s) => s.id.startsWith('patch.') && s.check === undefined).filter((s, i) => i % 10 === 0);
    const withShared = chosen.filter((s) => s.resource === 'Group');
    expect(withShared.length).toBeGreaterThan(0);
    const { results } = await runScenarios(session.context, chosen, { concurrency: 4 });
    expect(results.length).toBe(chosen.length);
    const pending = session.ledger.pending();
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((e) => session.context.shared?.holds(e.id))).toBe(true);
    expect(server.store.size).toBe(pending.length);
    // Each scenario's DELETEs are labelled with it, so the request log keeps them in its flow.
    expect(deletes.length).toBeGreaterThan(chosen.length / 2);
    expect(deletes.every((d) => d.label !== undefined && chosen.some((s) => s.id === d.label))).toBe(true);
    closed = true;
    expect(await session.close()).toEqual([]);
    expect(server.store.size).toBe(0);
  });
});
