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
  const ran = await cli(['run', '--target', proxy.url, '--token', TOKEN, '--only', ONLY, '--timeout-ms', '500', '--concurrency', '4', '--seed', '5', '--out-dir', out, '-q', ...extra]);
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

function expectOthersPass(o: Outcome, affected: number): void {
  expect(o.result.summary.total).toBe(8);
  expect(o.result.summary.pass).toBe(8 - affected);
}

describe.concurrent('hostile targets: every affected scenario is an error that says what the target did', () => {
  it('a success body that is not JSON', async () => {
    const o = await runAgainst('not-json', [{ method: 'PATCH', path: RESOURCE, nth: [1, 3], fault: { kind: 'not-json' } }]);
    expectContained(o);
    expect(o.ran.code).toBe(1);
    expect(o.errors).toHaveLength(2);
    for (const r of o.errors) expect(r).toMatch(/^the target answered PATCH \/Users\/\S+ with 200 and a body that is not JSON \(application\/scim\+json\): "upstream said/);
    expectOthersPass(o, 2);
  });

  it('JSON under Content-Type text/html is judged, and a pass becomes a warn that names the media type', async () => {
    const o = await runAgainst('content-type', [{ method: 'PATCH', path: RESOURCE, nth: [2], fault: { kind: 'content-type', contentType: 'text/html' } }]);
    expectContained(o);
    const warned = o.result.scenarios.filter((s) => s.outcome === 'warn');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.reason).toMatch(/^the PATCH answer matched the expectation, but the JSON body came with Content-Type text\/html instead of application\/scim\+json/);
    expect(o.result.summary.pass).toBe(7);
    expect(o.ran.code).toBe(0);
  });

  it('an HTML login page with 200', async () => {
    const o = await runAgainst('login', [{ method: 'GET', path: RESOURCE, nth: [1, 2], fault: { kind: 'login-page' } }]);
    expectContained(o);
    expect(o.errors).toHaveLength(2);
    for (const r of o.errors) expect(r).toMatch(/answered GET \/Users\/\S+ with 200 and an HTML page \(text\/html, title "Sign in - Acme SSO"\) instead of SCIM JSON/);
    expectOthersPass(o, 2);
  });

  it('a 10 MB body: read up to the cap, then dropped', async () => {
    const o = await runAgainst('huge', [{ method: 'GET', path: RESOURCE, nth: [1], fault: { kind: 'huge' } }]);
    expectContained(o);
    expect(o.errors).toHaveLength(1);
    expect(o.errors[0]).toMatch(/answered GET \/Users\/\S+ with 200 and a body over the response size cap/);
    const stored = readFileSync(join(o.runDir, 'result.json'), 'utf8');
    expect(stored.length).toBeLessThan(4 * 1024 * 1024);
    expectOthersPass(o, 1);
  });

  it('a body sent one byte at a time (body timeout)', async () => {
    const o = await runAgainst('drip', [{ method: 'GET', path: RESOURCE, nth: [1], fault: { kind: 'drip', intervalMs: 40 } }]);
    expectContained(o);
    expect(o.errors).toHaveLength(1);
    expect(o.errors[0]).toMatch(/answered GET \/Users\/\S+ with 200 but did not finish the body within 500 ms \(\d+ bytes received\)$/);
    expectOthersPass(o, 1);
  });

  it('a PATCH that is applied but never answered: not re-sent, read back instead', async () => {
    const o = await runAgainst('hang-patch', [{ method: 'PATCH', path: RESOURCE, nth: [1], fault: { kind: 'hang', forward: true } }]);
    expectContained(o);
    expect(o.errors).toEqual([expect.stringMatching(/^the PATCH timed out \(no response within 500 ms\); a GET afterwards shows the change was applied$/)]);
    expect(o.proxy.seen.filter((s) => s.method === 'PATCH')).toHaveLength(8);
    expectOthersPass(o, 1);
  });

  it('a set-up POST that creates the resource but never answers: found by its marker and cleaned up', async () => {
    const o = await runAgainst('hang-post', [{ method: 'POST', path: /^\/Users$/, nth: [2], fault: { kind: 'hang', forward: true } }]);
    expectContained(o);
    expect(o.errors.length).toBeGreaterThanOrEqual(1);
    for (const r of o.errors) expect(r).toMatch(/^the set-up POST \/Users timed out \(no response within 500 ms\); a search afterwards found it was created \(recorded for cleanup\)$/);
  });

  it('a connection reset in the middle of the body', async () => {
    const o = await runAgainst('reset', [{ method: 'PATCH', path: RESOURCE, nth: [1], fault: { kind: 'reset-mid-body' } }]);
    expectContained(o);
    expect(o.errors).toHaveLength(1);
    expect(o.errors[0]).toMatch(/^the connection was closed during the PATCH \(answered PATCH \/Users\/\S+ with 200 but closed the connection in the middle of the body \(\d+ bytes received\)\); a GET afterwards shows the change was applied$/);
    expectOthersPass(o, 1);
  });

  it('5xx on some requests', async () => {
    const o = await runAgainst('5xx', [
      { method: 'PATCH', path: RESOURCE, nth: [2], fault: { kind: 'status', status: 500, contentType: 'application/scim+json', body: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"500","detail":"database on fire"}' } },
      { method: 'POST', path: /^\/Users$/, nth: [3], fault: { kind: 'status', status: 502 } },
    ]);
    expectContained(o);
    expect(o.errors.length).toBeGreaterThanOrEqual(2);
    expect(o.errors.filter((r) => /^the target failed the PATCH: 500: database on fire$/.test(r))).toHaveLength(1);
    const posts = o.errors.filter((r) => !r.includes('PATCH'));
    expect(posts.length).toBeGreaterThanOrEqual(1);
    for (const r of posts) expect(r).toMatch(/^the target answered POST \/Users with 502: an HTML page \(text\/html\); a search afterwards shows nothing was created$/);
  });

  it('a redirect to another origin is not followed and the credential goes nowhere else', async () => {
    const o = await runAgainst('redirect', [{ method: 'PATCH', path: RESOURCE, nth: [1], fault: { kind: 'redirect', location: `${elsewhere.url}/Users/stolen` } }]);
    expectContained(o);
    expect(o.errors).toEqual([`the target answered PATCH ${o.proxy.seen.find((s) => s.fault === 'redirect')!.path} with 307, a redirect to ${elsewhere.url}/Users/stolen; redirects are not followed, so the credential is sent to the target only`]);
    expect(elsewhere.seen).toEqual([]);
    expectOthersPass(o, 1);
  });

  it('--deadline cuts requests under way short, and cleanup still runs after it', async () => {
    const o = await runAgainst('deadline', [{ method: 'PATCH', path: RESOURCE, fault: { kind: 'hang' } }], ['--timeout-ms', '8000', '--concurrency', '2', '--deadline', '1']);
    // Without the cut the hanging PATCHes alone would take 8 s each.
    expectContained(o, 6000);
    expect(o.errors).toHaveLength(8);
    const cut = o.errors.filter((r) => r.startsWith("the run's deadline cut the PATCH short"));
    expect(cut.length).toBeGreaterThanOrEqual(1);
    for (const r of cut) expect(r).toMatch(/^the run's deadline cut the PATCH short \(deadline: the run reached its deadline during PATCH \/Users\/\S+\); a GET afterwards shows the resource unchanged$/);
    for (const r of o.errors.filter((x) => !cut.includes(x))) expect(r).toMatch(/^deadline: /);
  });
});
