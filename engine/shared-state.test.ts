// A shared starting state (the list families' users, fixtures/states.ts `shared`) is created once
// per session by the first scenario that needs it. When its creation fails part way, that scenario
// is blocked and deletes what it did create; the next scenario creates the state again.
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startServer } from '../server/index.ts';
import { loadConfig } from './config.ts';
import { startLocalServer } from './local-test-server.ts';
import { labelOf } from './request-log.ts';
import { runScenarios } from './runner.ts';
import { openSession } from './session.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('a shared starting state', () => {
  it('is created once; a failed creation blocks its scenario, which deletes what it made, and the next one creates it again', async () => {
    const server = await startServer({}, { host: '127.0.0.1', port: 0 });
    let refused = 0;
    // In front of the reference server: the first POST of the fourth list user is refused.
    const front = await startLocalServer(async (r, res) => {
      if (r.method === 'POST' && r.body.includes('l4-delta') && refused === 0) {
        refused += 1;
        res.writeHead(400, { 'content-type': 'application/scim+json' });
        res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', detail: 'refused once by the test' }));
        return;
      }
      const headers = Object.fromEntries(Object.entries(r.headers).filter(([n, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(n))) as Record<string, string>;
      const answer = await request(`${server.url}${r.url.slice('/scim'.length)}`, { method: r.method as 'GET', headers, ...(r.body !== '' ? { body: r.body } : {}) });
      const text = await answer.body.text();
      const out: Record<string, string> = {};
      for (const [n, v] of Object.entries(answer.headers)) if (typeof v === 'string' && !['connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(n)) out[n] = v;
      res.writeHead(answer.statusCode, out);
      res.end(text);
    });
    cleanups.push(() => server.close(), () => front.close());

    const config = loadConfig({ env: { SCIM_BASE_URL: `${front.url}/scim`, SCIM_TOKEN: server.token, SCIM_CONCURRENCY: '1' } });
    const setupPosts: Array<{ label: string | undefined; status: number | undefined }> = [];
    const deletes: Array<{ label: string | undefined; url: string }> = [];
    const session = await openSession(config, {
      runId: 'shared-state-test',
      seed: 5,
      onExchange: [
        (e, group) => {
          // (The run's probe, labelled "set-up probe", creates a user of its own first.)
          if (e.purpose === 'setup' && e.method === 'POST' && labelOf(group) !== 'set-up probe') setupPosts.push({ label: labelOf(group), status: e.status });
          if (e.purpose === 'cleanup' && e.method === 'DELETE') deletes.push({ label: labelOf(group), url: e.url });
        },
      ],
    });
    let closed = false;
    cleanups.push(async () => {
      if (!closed) await session.close();
    });
    const chosen = session.scenarios.filter((s) => s.state.name === 'users.list' && s.family === 'filter').slice(0, 6);
    expect(chosen).toHaveLength(6);

    const { results } = await runScenarios(session.context, chosen, { concurrency: 1 });
    expect(results.map((r) => r.outcome)).toEqual(['blocked', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(results[0]!.reason).toContain('refused once by the test');
    // L1..L3, the refused L4, then the whole state once more: nine POSTs, none by the later scenarios.
    expect(setupPosts.map((p) => p.status)).toEqual([201, 201, 201, 400, 201, 201, 201, 201, 201]);
    expect(setupPosts.slice(0, 4).every((p) => p.label === chosen[0]!.id)).toBe(true);
    expect(setupPosts.slice(4).every((p) => p.label === chosen[1]!.id)).toBe(true);
    // The blocked scenario deleted its three users; the shared five stay for the run's cleanup.
    expect(deletes.filter((d) => d.label === chosen[0]!.id)).toHaveLength(3);
    expect(server.store.size).toBe(5);
    closed = true;
    expect(await session.close()).toEqual([]);
    expect(server.store.size).toBe(0);
  });
});
