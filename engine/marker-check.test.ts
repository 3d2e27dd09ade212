import { describe, it, expect, afterEach } from 'vitest';
import { loadConfig } from './config.ts';
import { ScimClient } from './client.ts';
import { Ledger } from './ledger.ts';
import { carriesMarker, markerCheck } from './marker-check.ts';
import { startLocalServer, sendJson } from './local-test-server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('carriesMarker', () => {
  const marker = 'scimconf-run-1';
  it('finds the marker where the fixtures put it, case-insensitively', () => {
    expect(carriesMarker({ userName: 'scimconf-run-1-a1-bob@example.com' }, marker)).toBe(true);
    expect(carriesMarker({ userName: 'SCIMCONF-RUN-1-A1-BOB@EXAMPLE.COM' }, marker)).toBe(true);
    expect(carriesMarker({ userName: 'renamed@example.com', externalId: 'scimconf-run-1:a2' }, marker)).toBe(true);
    expect(carriesMarker({ displayName: 'Sales scimconf-run-1-a3' }, marker)).toBe(true);
  });

  it('rejects resources without it, and another run whose id only starts the same', () => {
    expect(carriesMarker({ userName: 'alice@example.com', externalId: 'hr-42' }, marker)).toBe(false);
    expect(carriesMarker({ userName: 'scimconf-run-12-a1-bob@example.com' }, marker)).toBe(false);
    expect(carriesMarker({ userName: 'x-scimconf-run-1-a1@example.com' }, marker)).toBe(false);
    expect(carriesMarker({ userName: 'alice@example.com', displayName: 'scimconf-run-1' }, marker)).toBe(false);
  });
});

describe('Ledger.cleanup with markerCheck', () => {
  it('deletes only marked resources, counts a 404 as gone, and reports the rest', async () => {
    const bodies: Record<string, unknown> = {
      '/Users/ours': { id: 'ours', userName: 'scimconf-r1-a1-x@example.com' },
      '/Users/theirs': { id: 'theirs', userName: 'ceo@example.com', externalId: 'hr-1' },
      '/Groups/g1': { id: 'g1', displayName: 'Ops scimconf-r1-a2' },
    };
    const server = await startLocalServer((r, res) => {
      if (r.method === 'DELETE') {
        res.writeHead(204);
        res.end();
        return;
      }
      const body = bodies[r.url];
      if (r.url === '/Users/flaky') sendJson(res, 500, { detail: 'boom' });
      else if (body) sendJson(res, 200, body);
      else sendJson(res, 404, { detail: 'not found' });
    });
    const client = new ScimClient(loadConfig({ env: {}, flags: { target: server.url } }));
    cleanups.push(() => server.close(), () => client.close());
    const ledger = new Ledger({ runId: 'r1' });
    for (const [kind, id] of [['User', 'ours'], ['User', 'theirs'], ['Group', 'g1'], ['User', 'gone'], ['User', 'flaky']] as const) {
      ledger.record({ kind, id, location: `/${kind}s/${id}` });
    }
    const leftovers = await ledger.cleanup(client, { concurrency: 1, check: markerCheck(client, ledger.marker) });
    const deletes = server.seen.filter((s) => s.method === 'DELETE').map((s) => s.url);
    expect(deletes.sort()).toEqual(['/Groups/g1', '/Users/ours']);
    expect(leftovers.map((l) => [l.id, l.reason])).toEqual([
      ['flaky', 'GET answered 500, so the run marker could not be checked; not deleted'],
      ['theirs', 'it does not carry the marker scimconf-r1 (userName "ceo@example.com", externalId "hr-1"); not ours, not deleted'],
    ]);
    expect(ledger.pending().map((e) => e.id).sort()).toEqual(['flaky', 'theirs']);
  });
});
