// Targets that throttle by count or at random, through the command as a user runs it: the run
// finishes, every throttled request is waited out or ends as `error` naming the throttling (never
// a verdict about the server), and cleanup leaves nothing behind. How long such runs take against
// the same target without throttling is measured by `npm run bench` (docs/performance.md), not here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/index.ts';
import type { Exchange, RunResult } from '../schemas/run-result.ts';
import { startHostileServer, type FaultRule, type HostileServer } from './hostile-server.ts';
import { cli, filesUnder, onlyRun, readResult, resourcesOn, STACK_TRACE, type Ran, scratch } from './cli-process.ts';

const TOKEN = 'throttle-test-token-5e2a91c7';
const space = scratch('scim-throttle-');

interface Throttled {
  ran: Ran;
  result: RunResult;
  runDir: string;
  server: RunningServer;
  proxy: HostileServer;
  log: Exchange[];
}

async function runThrottled(name: string, rules: FaultRule[], args: string[]): Promise<Throttled> {
  const server = await startServer({ tokens: { admin: TOKEN } }, { host: '127.0.0.1', port: 0 });
  const proxy = await startHostileServer(server.url, rules, { seed: 7 });
  space.keep(proxy, server);
  const out = join(space.root, name);
  const ran = await cli(['run', '--target', proxy.url, '--token', TOKEN, '--seed', '3', '--out-dir', out, '-q', ...args], {}, 120_000);
  const runDir = onlyRun(out);
  const log = readFileSync(join(runDir, 'exchanges.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Exchange);
  return { ran, result: readResult(runDir), runDir, server, proxy, log };
}

/** What every throttled run must show: it ended normally, was throttled, and left nothing behind. */
function expectFinishedClean(t: Throttled, selected: number): void {
  expect(t.ran.stderr + t.ran.stdout).not.toMatch(STACK_TRACE);
  expect([0, 1], t.ran.stderr).toContain(t.ran.code);
  expect(t.result.summary.total).toBe(selected);
  expect(t.result.notRun).toBeUndefined();
  expect(t.result.leftovers).toEqual([]);
  expect(resourcesOn(t.server)).toBe(0);
  for (const f of filesUnder(t.runDir)) expect(readFileSync(f, 'utf8'), f).not.toContain(TOKEN);
}

/** Scenarios that did not pass: only errors that name the throttling (retries ran out). */
function expectOnlyThrottleErrors(t: Throttled, status: RegExp): void {
  for (const s of t.result.scenarios.filter((x) => x.outcome === 'fail' || x.outcome === 'error' || x.outcome === 'blocked')) {
    expect(`${s.id} ${s.outcome}: ${s.reason}`).toMatch(new RegExp(`^\\S+ error: .*${status.source}`));
  }
}

const FAMILIES = ['--family', 'replace,add'];
const SELECTED = 44;

describe('a target that answers 429 to every third request', () => {
  it('without Retry-After: the run finishes, throttled requests are retried, nothing is left', async () => {
    const t = await runThrottled('every-third', [{ every: 3, fault: { kind: 'throttle' } }], FAMILIES);
    expectFinishedClean(t, SELECTED);
    expectOnlyThrottleErrors(t, /429/);
    // A third of all requests were refused, and each refused one was sent again.
    expect(t.proxy.hits[0]).toBe(Math.floor(t.proxy.seen.length / 3));
    expect(t.log.filter((e) => / \(retry \d\)$/.test(e.purpose)).length).toBeGreaterThanOrEqual(t.proxy.hits[0]! - 3);
    // Cleanup met the throttling too, and got through it.
    expect(t.log.some((e) => e.purpose === 'cleanup' && e.status === 429)).toBe(true);
    expect(t.log.some((e) => e.purpose === 'cleanup (retry 1)')).toBe(true);
  });

  it('with Retry-After: each refused request waits it out, and the run still finishes clean', async () => {
    const t = await runThrottled('every-third-retry-after', [{ every: 3, fault: { kind: 'throttle', seconds: 1 } }], ['--family', 'replace']);
    expectFinishedClean(t, 21);
    expectOnlyThrottleErrors(t, /429/);
    const retried = t.log.filter((e) => / \(retry \d\)$/.test(e.purpose));
    expect(retried.length).toBeGreaterThan(0);
    // Every retry came at least a second after the refusal it follows (the target's Retry-After).
    for (const r of retried) {
      const before = t.log.filter((e) => e.url === r.url && e.method === r.method && e.requestBody === r.requestBody && e.status === 429 && Date.parse(e.startedAt) < Date.parse(r.startedAt)).at(-1)!;
      expect(Date.parse(r.startedAt) - (Date.parse(before.startedAt) + before.durationMs)).toBeGreaterThanOrEqual(980);
    }
  });
});

describe('a target that throttles or fails 20 % of requests at random', () => {
  it('leaves zero resources behind: cleanup DELETEs meeting 429 or 503 are retried until they go through', async () => {
    // 10 % answered 429 and another 10 % (of all requests) 503, neither with Retry-After.
    const t = await runThrottled('random-20', [{ chance: 0.1, fault: { kind: 'throttle' } }, { chance: 0.1 / 0.9, fault: { kind: 'status', status: 503 } }], ['--family', 'replace,add,group,remove']);
    expect(t.ran.stderr + t.ran.stdout).not.toMatch(STACK_TRACE);
    expect(t.result.leftovers).toEqual([]);
    expect(resourcesOn(t.server)).toBe(0);
    const cleanup = t.log.filter((e) => e.purpose.startsWith('cleanup'));
    expect(cleanup.some((e) => e.status === 503)).toBe(true);
    expect(cleanup.some((e) => e.status === 429)).toBe(true);
    expect(t.proxy.hits[0]! + t.proxy.hits[1]!).toBeGreaterThan(t.proxy.seen.length * 0.15);
  });
});
