// The command against hostile targets: the reference server behind a fault-injecting proxy. For
// each kind of misbehaviour the run ends in time, the scenarios it hit are `error` with a reason
// that names what the target did, the others pass, nothing is left on the server, the token is in
// no output, and no stack trace is printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/index.ts';
import { startLocalServer, type LocalServer } from '../engine/local-test-server.ts';
import type { RunResult } from '../schemas/run-result.ts';
import { startHostileServer, type FaultRule, type HostileServer } from './hostile-server.ts';
import { cli, filesUnder, onlyRun, readResult, resourcesOn, STACK_TRACE, type Ran } from './cli-process.ts';

const TOKEN = 'hostile-test-token-8d1e4f2a9c';
/** Scenarios that all expect success and pass against the reference server. */
const ONLY = [
  'patch.replace.single-valued',
  'patch.replace.sub-attribute',
  'patch.replace.active-false',
  'patch.replace.multi-valued.all',
  'patch.replace.user-name',
  'patch.replace.complex.keeps-unspecified',
  'patch.replace.value-path.element',
  'patch.replace.value-path.value',
].join(',');
const RESOURCE = /^\/(Users|Groups)\/[^/]+$/;

let root: string;
let elsewhere: LocalServer;
const open: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'scim-hostile-'));
  // The host a redirect points to: it must never see a request.
  elsewhere = await startLocalServer((_r, res) => {
    res.writeHead(200);
    res.end('{}');
  });
});

afterAll(async () => {
  for (const s of open) await s.close();
  await elsewhere?.close();
  rmSync(root, { recursive: true, force: true });
});

interface Outcome {
  ran: Ran;
  result: RunResult;
  runDir: string;
  server: RunningServer;
  proxy: HostileServer;
  errors: string[];
}

async function runAgainst(name: string, rules: FaultRule[], extra: string[] = []): Promise<Outcome> {
  const server = await startServer({ tokens: { admin: TOKEN } }, { host: '127.0.0.1', port: 0 });
  const proxy = await startHostileServer(server.url, rules);
  open.push(proxy, server);
  const out = join(root, name);
  const ran = await cli(['run', '--target', proxy.url, '--token', TOKEN, '--only', ONLY, '--timeout-ms', '2000', '--concurrency', '4', '--seed', '5', '--out-dir', out, '-q', ...extra]);
  const runDir = onlyRun(out);
  const result = readResult(runDir);
  return { ran, result, runDir, server, proxy, errors: result.scenarios.filter((s) => s.outcome === 'error').map((s) => s.reason ?? '') };
}

/** What every hostile run must show, whatever the fault. */
function expectContained(o: Outcome, maxMs = 15_000): void {
  expect(o.ran.stderr + o.ran.stdout, o.ran.stderr).not.toMatch(STACK_TRACE);
  expect(o.ran.ms).toBeLessThan(maxMs);
  expect(o.result.leftovers).toEqual([]);
  expect(resourcesOn(o.server), 'resources left on the target').toBe(0);
  expect(o.ran.stdout + o.ran.stderr).not.toContain(TOKEN);
  for (const f of filesUnder(o.runDir)) expect(readFileSync(f, 'utf8'), f).not.toContain(TOKEN);
  for (const r of o.errors) expect(r, 'one-line reason').not.toMatch(/\n/);
}

/** The reasons of `o`'s errors that match `re`. */
function matching(o: Outcome, re: RegExp): string[] {
  return o.errors.filter((r) => re.test(r));
}

describe('hostile targets: every affected scenario is an error that says what the target did', () => {
  it('answers that cannot be judged: not JSON, a login page, 10 MB, one byte at a time', async () => {
    // One run meets four faults, each on a different scenario (a scenario stops at its first fault).
    const o = await runAgainst('answers', [
      { method: 'PATCH', path: RESOURCE, nth: [1], fault: { kind: 'not-json' } },
      { method: 'GET', path: RESOURCE, nth: [1], fault: { kind: 'login-page' } },
      { method: 'GET', path: RESOURCE, nth: [2], fault: { kind: 'huge' } },
      { method: 'GET', path: RESOURCE, nth: [3], fault: { kind: 'drip', intervalMs: 40 } },
    ]);
    expectContained(o);
    expect(o.proxy.hits).toEqual([1, 1, 1, 1]);
    expect(o.ran.code).toBe(1);
    expect(o.errors, o.errors.join('\n')).toHaveLength(4);
    expect(matching(o, /^the target answered PATCH \/Users\/\S+ with 200 and a body that is not JSON \(application\/scim\+json\): "upstream said: OK/)).toHaveLength(1);
    expect(matching(o, /^the target answered GET \/Users\/\S+ with 200 and an HTML page \(text\/html, title "Sign in - Acme SSO"\) instead of SCIM JSON/)).toHaveLength(1);
    expect(matching(o, /^the target answered GET \/Users\/\S+ with 200 and a body over the response size cap/)).toHaveLength(1);
    expect(matching(o, /^target \S+ answered GET \/Users\/\S+ with 200 but did not finish the body within 2000 ms \(\d+ bytes received\)$/)).toHaveLength(1);
    expect(o.result.summary.pass).toBe(4);
    // The 10 MB body was dropped at the cap, not stored.
    expect(readFileSync(join(o.runDir, 'result.json'), 'utf8').length).toBeLessThan(4 * 1024 * 1024);
  });

  it('lost answers: a PATCH applied but never answered, a reset mid-body, a redirect, a 500; and JSON as text/html', async () => {
    const o = await runAgainst('lost', [
      { method: 'PATCH', path: RESOURCE, nth: [1], fault: { kind: 'hang', forward: true } },
      { method: 'PATCH', path: RESOURCE, nth: [2], fault: { kind: 'reset-mid-body' } },
      { method: 'PATCH', path: RESOURCE, nth: [3], fault: { kind: 'redirect', location: `${elsewhere.url}/Users/stolen` } },
      {
        method: 'PATCH',
        path: RESOURCE,
        nth: [4],
        fault: { kind: 'status', status: 500, contentType: 'application/scim+json', body: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"500","detail":"database on fire"}' },
      },
      { method: 'PATCH', path: RESOURCE, nth: [5], fault: { kind: 'content-type', contentType: 'text/html' } },
    ], ['--only', `${ONLY},checks.content-type-json`]);
    expectContained(o);
    expect(o.proxy.hits).toEqual([1, 1, 1, 1, 1]);
    expect(o.errors, o.errors.join('\n')).toHaveLength(4);
    // Never re-sent: exactly one PATCH per scenario reached the proxy.
    expect(o.proxy.seen.filter((s) => s.method === 'PATCH')).toHaveLength(8);
    expect(matching(o, /^the PATCH timed out \(no response within 2000 ms\); a GET afterwards shows the change was applied$/)).toHaveLength(1);
    expect(
      matching(o, /^the connection was closed during the PATCH \(answered PATCH \/Users\/\S+ with 200 but closed the connection in the middle of the body \(\d+ bytes received\)\); a GET afterwards shows the change was applied$/),
    ).toHaveLength(1);
    const redirected = o.proxy.seen.find((s) => s.fault === 'redirect')!.path;
    expect(o.errors).toContain(`the target answered PATCH ${redirected} with 307, a redirect to ${elsewhere.url}/Users/stolen; redirects are not followed, so the credential is sent to the target only`);
    expect(elsewhere.seen).toEqual([]);
    expect(matching(o, /^the target failed the PATCH: 500: database on fire$/)).toHaveLength(1);
    // Decision: JSON under the wrong media type is judged as the target meant it (the PATCH passes on
    // its own requirement); the media type is the cross-cutting check's, one finding for the run.
    expect(o.result.scenarios.filter((s) => s.family !== 'checks' && s.outcome === 'pass')).toHaveLength(4);
    const check = o.result.scenarios.find((s) => s.id === 'checks.content-type-json')!;
    expect(check.outcome).toBe('fail');
    expect(check.reason).toMatch(/^1 of \d+ responses: a JSON body came as text\/html/);
    expect(o.result.findings.find((f) => f.key === 'check:content-type-json')?.responses?.broken).toBe(1);
  });

  it('set-up POSTs that are lost or fail: what they may have created is found by its marker and cleaned up', async () => {
    const o = await runAgainst('posts', [
      { method: 'POST', path: /^\/Users$/, nth: [2], fault: { kind: 'hang', forward: true } },
      { method: 'POST', path: /^\/Users$/, nth: [4], fault: { kind: 'not-json' } },
      { method: 'POST', path: /^\/Users$/, nth: [6], fault: { kind: 'status', status: 502 } },
    ]);
    expectContained(o);
    expect(o.proxy.hits).toEqual([1, 1, 1]);
    // A resource shared by several scenarios fails them all, so at least one each.
    expect(matching(o, /^the set-up POST \/Users timed out \(no response within 2000 ms\); a search afterwards found it was created \(recorded for cleanup\)$/).length).toBeGreaterThanOrEqual(1);
    expect(matching(o, /^the target answered POST \/Users with 201 and a body that is not JSON \(application\/scim\+json\): "upstream said: OK \(this is not JSON\) Bearer \[REDACTED\]"; a search afterwards found it was created \(recorded for cleanup\)$/).length).toBeGreaterThanOrEqual(1);
    expect(matching(o, /^the target answered POST \/Users with 502: an HTML page \(text\/html\); a search afterwards shows nothing was created$/).length).toBeGreaterThanOrEqual(1);
    expect(o.errors.length).toBe(o.result.summary.total - o.result.summary.pass);
  });

  it('--deadline cuts requests under way short at the scenarios\' share of it, and cleanup runs in the rest', async () => {
    // --deadline 5 is the whole run: scenarios until 2.5 s, cleanup until 4.75 s (engine/deadline.ts).
    const o = await runAgainst('deadline', [{ method: 'PATCH', path: RESOURCE, fault: { kind: 'hang' } }], ['--timeout-ms', '8000', '--concurrency', '2', '--deadline', '5']);
    // Without the cut the hanging PATCHes alone would take 8 s each, two at a time.
    expectContained(o, 12_000);
    expect(o.result.run.durationMs).toBeLessThanOrEqual(5000);
    // Scenarios under way are errors; those never started are counted as not run, not judged.
    expect(o.errors.length + (o.result.notRun?.count ?? 0)).toBe(8);
    const cut = matching(o, /^the run's deadline cut the PATCH short/);
    expect(cut.length).toBeGreaterThanOrEqual(1);
    for (const r of cut) expect(r).toMatch(/^the run's deadline cut the PATCH short \(deadline: the run reached its deadline during PATCH \/Users\/\S+\); a GET afterwards shows the resource unchanged$/);
    for (const r of o.errors.filter((x) => !cut.includes(x))) expect(r).toMatch(/^deadline: /);
  });
});
