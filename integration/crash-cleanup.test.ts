// Cleanup that survives the run: Ctrl-C (SIGINT) and SIGTERM clean up before exit, a second Ctrl-C
// exits at once and says how to clean up, and the ledger of a run killed with SIGKILL is emptied
// by `cleanup --run ID`, which deletes only resources that carry the run's marker.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, appendFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startServer, type RunningServer } from '../server/index.ts';
import { Ledger } from '../engine/ledger.ts';
import { startHostileServer, type HostileServer } from './hostile-server.ts';
import { cli, onlyRun, readResult, resourcesOn, startCli, STACK_TRACE, type Running, scratch } from './cli-process.ts';

const TOKEN = 'crash-test-token-6e2f8a41';
const space = scratch('scim-crash-');

/** A reference server behind a proxy that slows every resource request, so a run is long enough to interrupt. */
async function slowTarget(): Promise<{ server: RunningServer; proxy: HostileServer }> {
  const server = await startServer({ tokens: { admin: TOKEN } }, { host: '127.0.0.1', port: 0 });
  const proxy = await startHostileServer(server.url, [{ path: /^\/(Users|Groups)/, fault: { kind: 'delay', ms: 25 } }]);
  space.keep(proxy, server);
  return { server, proxy };
}

function startRun(url: string, out: string): Running {
  return startCli(['run', '--target', url, '--token', TOKEN, '--only', 'patch.*', '--concurrency', '4', '--timeout-ms', '5000', '--out-dir', out, '-q']);
}

/** Resolves once the run's ledger records at least `n` creations. */
async function ledgerGrows(out: string, n: number, run: Running): Promise<string> {
  const until = Date.now() + 20_000;
  let exited = false;
  void run.done.then(() => (exited = true));
  while (Date.now() < until && !exited) {
    if (existsSync(out)) {
      try {
        const file = join(onlyRun(out), 'ledger.ndjson');
        if (existsSync(file) && readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('"created"')).length >= n) return file;
      } catch {
        // The run folder is not there yet.
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the ledger never reached ${n} entries`);
}

describe('interrupting a run', () => {
  it('SIGINT: the scenarios under way finish, the rest are counted as not run, and cleanup leaves nothing', async () => {
    const { server, proxy } = await slowTarget();
    const out = join(space.root, 'sigint');
    const run = startRun(proxy.url, out);
    await ledgerGrows(out, 6, run);
    run.child.kill('SIGINT');
    const ran = await run.done;
    expect(ran.stderr).toContain('SIGINT: finishing the scenarios under way, then cleaning up');
    expect(ran.stderr + ran.stdout).not.toMatch(STACK_TRACE);
    expect(ran.code).toBe(1);
    expect(resourcesOn(server)).toBe(0);
    const result = readResult(onlyRun(out));
    expect(result.leftovers).toEqual([]);
    // Never started is not an error with a line each: one count, one reason.
    expect(result.notRun?.count).toBeGreaterThan(100);
    expect(result.notRun?.reason).toMatch(/interrupted/);
    expect(result.scenarios.some((s) => s.outcome === 'error' && /interrupted/.test(s.reason ?? ''))).toBe(false);
    expect(Ledger.readFile(join(onlyRun(out), 'ledger.ndjson')).filter((e) => !e.deleted)).toEqual([]);
  });

  it('SIGTERM cleans up too', async () => {
    const { server, proxy } = await slowTarget();
    const out = join(space.root, 'sigterm');
    const run = startRun(proxy.url, out);
    await ledgerGrows(out, 4, run);
    run.child.kill('SIGTERM');
    const ran = await run.done;
    expect(ran.stderr).toContain('SIGTERM: finishing the scenarios under way');
    expect(ran.stderr + ran.stdout).not.toMatch(STACK_TRACE);
    expect(resourcesOn(server)).toBe(0);
  });

  it('a second Ctrl-C exits at once and says how to clean up; that command empties the ledger', async () => {
    const { server, proxy } = await slowTarget();
    const out = join(space.root, 'twice');
    const run = startRun(proxy.url, out);
    const ledger = await ledgerGrows(out, 6, run);
    run.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 30));
    run.child.kill('SIGINT');
    const ran = await run.done;
    expect(ran.code).toBe(130);
    expect(ran.stderr).toContain(`exiting without cleanup. Delete what this run left with:\n  scim-conformance cleanup --ledger ${ledger} [target flags]`);
    expect(ran.stderr + ran.stdout).not.toMatch(STACK_TRACE);

    const cleaned = await cli(['cleanup', '--ledger', ledger, '--target', server.url, '--token', TOKEN]);
    expect(cleaned.stderr + cleaned.stdout).not.toMatch(STACK_TRACE);
    expect(cleaned.code, cleaned.stdout + cleaned.stderr).toBe(0);
    expect(resourcesOn(server)).toBe(0);
    expect(Ledger.readFile(ledger).filter((e) => !e.deleted)).toEqual([]);
  });
});

describe('a run killed with SIGKILL', () => {
  it('leaves a ledger that `cleanup --run ID` empties, deleting only what carries the run marker', async () => {
    const { server, proxy } = await slowTarget();
    const out = join(space.root, 'sigkill');
    const run = startRun(proxy.url, out);
    const ledgerFile = await ledgerGrows(out, 8, run);
    run.child.kill('SIGKILL');
    const ran = await run.done;
    expect(ran.signal).toBe('SIGKILL');
    const left = resourcesOn(server);
    expect(left).toBeGreaterThan(0);

    // Someone else's user, and a ledger line that names it (a hand-edited or reused ledger).
    const posted = await fetch(`${server.url}/Users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ceo@example.com', externalId: 'hr-0001' }),
    });
    const foreign = (await posted.json()) as { id: string };
    const runId = basename(onlyRun(out));
    appendFileSync(ledgerFile, `${JSON.stringify({ event: 'created', runId, kind: 'User', id: foreign.id, location: `/Users/${foreign.id}`, createdAt: new Date().toISOString() })}\n`);

    const cleaned = await cli(['cleanup', '--run', runId, '--out-dir', out, '--target', server.url, '--token', TOKEN]);
    expect(cleaned.stderr + cleaned.stdout).not.toMatch(STACK_TRACE);
    expect(cleaned.stdout + cleaned.stderr).not.toContain(TOKEN);
    // The foreign user is reported and kept: exit 1, everything of the run deleted.
    expect(cleaned.code).toBe(1);
    expect(cleaned.stdout).toContain(`left: User ${foreign.id} (it does not carry the marker scimconf-${runId} (userName "ceo@example.com", externalId "hr-0001"); not ours, not deleted)`);
    expect(resourcesOn(server)).toBe(1);
    expect(server.store.get('User', foreign.id)).toBeDefined();
    expect(Ledger.readFile(ledgerFile).filter((e) => !e.deleted).map((e) => e.id)).toEqual([foreign.id]);

    const again = await cli(['cleanup', '--run', runId, '--out-dir', out, '--target', server.url, '--token', TOKEN]);
    expect(again.stdout).toMatch(/Deleted 0 of 1 resources/);
  });

  it('cleanup needs exactly one of --ledger and --run, and a run id that is a plain name', async () => {
    const none = await cli(['cleanup', '--target', 'http://127.0.0.1:9', '--token', TOKEN]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe('error: cleanup needs --ledger FILE or --run ID (one of them)');
    const traversal = await cli(['cleanup', '--run', '../etc', '--target', 'http://127.0.0.1:9', '--token', TOKEN]);
    expect(traversal.code).toBe(2);
    expect(traversal.stderr.trim()).toBe('error: --run: "../etc" is not a run id');
    const missing = await cli(['cleanup', '--run', 'no-such-run', '--out-dir', space.root, '--target', 'http://127.0.0.1:9', '--token', TOKEN]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`error: --run: ${join(space.root, 'no-such-run', 'ledger.ndjson')}: no such file`);
  });
});
