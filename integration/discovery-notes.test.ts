// Discovery says why, through the command: discovery endpoints that answer an HTML page, a body cut
// off mid-way or a body over the cap each get one run note naming the endpoint, the status, the
// content type and the first bytes or the size, and the run goes on with what it could learn.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/index.ts';
import type { RunResult } from '../schemas/run-result.ts';
import { startHostileServer, type FaultRule } from './hostile-server.ts';
import { cli, onlyRun, readResult, resourcesOn, STACK_TRACE, scratch } from './cli-process.ts';

const TOKEN = 'discovery-notes-token-7a21c9';
const space = scratch('scim-discovery-notes-');

async function runAgainst(name: string, rules: FaultRule[]): Promise<{ result: RunResult; server: RunningServer }> {
  const server = await startServer({ tokens: { admin: TOKEN } }, { host: '127.0.0.1', port: 0 });
  const proxy = await startHostileServer(server.url, rules);
  space.keep(proxy, server);
  const out = join(space.root, name);
  const ran = await cli(['run', '--target', proxy.url, '--token', TOKEN, '--only', 'patch.replace.single-valued,patch.replace.sub-attribute', '--out-dir', out, '-q']);
  expect(ran.stderr + ran.stdout).not.toMatch(STACK_TRACE);
  expect(ran.stderr + ran.stdout).not.toContain(TOKEN);
  const result = readResult(onlyRun(out));
  for (const n of result.run.discovery.notes) expect(n).not.toContain('\n');
  // The run went on with what it could learn (RFC 7643 for the rest).
  expect(result.run.discovery.source).toBe('partial');
  expect([result.summary.total, result.summary.pass]).toEqual([2, 2]);
  expect(resourcesOn(server)).toBe(0);
  return { result, server };
}

describe('discovery against broken discovery endpoints', () => {
  it('an HTML sign-in page and a body cut off mid-way: one note each, and the run goes on', async () => {
    const { result } = await runAgainst('page-and-cut', [
      { path: /^\/ServiceProviderConfig$/, fault: { kind: 'login-page' } },
      { path: /^\/ResourceTypes$/, fault: { kind: 'reset-mid-body' } },
    ]);
    expect(result.run.discovery.notes).toEqual([
      expect.stringMatching(/^GET \/ServiceProviderConfig answered 200 \(text\/html\) with an HTML page instead of JSON \(\d+ bytes\), starting "<!DOCTYPE html><html><head><title>Sign in - Acme SSO<\/title…"; assuming patch and filter are supported/),
      expect.stringMatching(/^GET \/ResourceTypes answered 200 \(application\/scim\+json\) but the body was cut off \(connection closed\) after \d+ bytes; using the RFC 7643 User and Group resource types$/),
    ]);
  });

  it('a body over the cap: its size, not its bytes', async () => {
    const { result } = await runAgainst('huge', [{ path: /^\/Schemas$/, fault: { kind: 'huge', bytes: 3 * 1024 * 1024 } }]);
    expect(result.run.discovery.notes).toEqual([
      'GET /Schemas answered 200 (application/scim+json) with a body larger than the 1048576-byte cap (Content-Length 3145728); it was not read; using the RFC 7643 schemas',
    ]);
  });
});
