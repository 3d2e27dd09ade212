// A target that throttles: 429 and 503 with Retry-After are waited out and retried, every attempt
// is in the exchange log, the shared limiter backs off and recovers, and --rate paces requests.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/index.ts';
import { loadConfig } from '../engine/config.ts';
import { ScimClient } from '../engine/client.ts';
import { parseRetryAfter } from '../engine/retry.ts';
import type { Exchange } from '../schemas/run-result.ts';
import { startHostileServer, type HostileServer } from './hostile-server.ts';
import { cli, filesUnder, onlyRun, readResult, resourcesOn, STACK_TRACE, scratch } from './cli-process.ts';

const TOKEN = 'rate-limit-test-token-3b7c1d';
const space = scratch('scim-rate-');

async function throttled(rules: Parameters<typeof startHostileServer>[1]): Promise<{ server: RunningServer; proxy: HostileServer }> {
  const server = await startServer({ tokens: { admin: TOKEN } }, { host: '127.0.0.1', port: 0 });
  const proxy = await startHostileServer(server.url, rules);
  space.keep(proxy, server);
  return { server, proxy };
}

describe('a target that throttles for a while', () => {
  it('gets a complete, correct run: 429 and 503 waited out, each attempt in the exchange log', async () => {
    const { server, proxy } = await throttled([
      // Everything, discovery included, is throttled for the first 1.2 s.
      { withinMs: 1200, fault: { kind: 'throttle', seconds: 1 } },
      // Later, some set-up POSTs and PATCHes meet a 503 whose Retry-After is an HTTP date.
      { method: 'POST', path: /^\/Users$/, nth: [3, 7], fault: { kind: 'throttle', status: 503, seconds: 1, asDate: true } },
      { method: 'PATCH', nth: [2], fault: { kind: 'throttle', seconds: 1 } },
    ]);
    const out = join(space.root, 'throttled');
    const ran = await cli(['run', '--target', proxy.url, '--token', TOKEN, '--only', 'patch.replace.*', '--timeout-ms', '3000', '--seed', '2', '--out-dir', out, '-q']);
    expect(ran.stderr + ran.stdout).not.toMatch(STACK_TRACE);
    expect(ran.code, ran.stderr).toBe(0);
    const runDir = onlyRun(out);
    const result = readResult(runDir);
    expect(result.summary.total).toBeGreaterThanOrEqual(20);
    expect(result.summary.pass).toBe(result.summary.total);
    expect(result.leftovers).toEqual([]);
    expect(resourcesOn(server)).toBe(0);
    expect(proxy.hits[0]).toBeGreaterThan(0);
    expect(proxy.hits[1]).toBe(2);
    expect(proxy.hits[2]).toBe(1);

    const log = readFileSync(join(runDir, 'exchanges.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Exchange);
    const retries = log.filter((e) => / \(retry \d\)$/.test(e.purpose));
    expect(retries.length).toBeGreaterThanOrEqual(3);
    expect(log.some((e) => e.purpose === 'patch (retry 1)')).toBe(true);
    expect(log.some((e) => e.purpose === 'discovery (retry 1)')).toBe(true);
    // Every retry follows a throttled answer, and none was sent before its Retry-After.
    for (const r of retries) {
      const n = Number(/\(retry (\d)\)$/.exec(r.purpose)![1]);
      const base = r.purpose.replace(/ \(retry \d\)$/, '');
      const previous = log.filter(
        (e) =>
          e.url === r.url &&
          e.method === r.method &&
          e.requestBody === r.requestBody &&
          e.purpose === (n === 1 ? base : `${base} (retry ${n - 1})`) &&
          Date.parse(e.startedAt) <= Date.parse(r.startedAt),
      );
      expect(previous.length, r.purpose).toBeGreaterThanOrEqual(1);
      const prev = previous.at(-1)!;
      expect([429, 503]).toContain(prev.status);
      const answeredAt = Date.parse(prev.startedAt) + prev.durationMs;
      const named = parseRetryAfter(prev.responseHeaders?.['retry-after'], answeredAt);
      expect(named, 'the throttled answer named a Retry-After').toBeDefined();
      // An HTTP date has whole seconds, so allow for the rounding of "now" too.
      expect(Date.parse(r.startedAt) - answeredAt).toBeGreaterThanOrEqual(named! - 20);
    }
    for (const f of filesUnder(runDir)) expect(readFileSync(f, 'utf8'), f).not.toContain(TOKEN);
  });

  it('gives up after --retries and says so: the scenario is an error, the others still pass', async () => {
    const { server, proxy } = await throttled([{ method: 'PATCH', path: /^\/Users\/[^/]+$/, nth: [1, 2], fault: { kind: 'throttle', seconds: 0 } }]);
    const out = join(space.root, 'give-up');
    const ran = await cli(['run', '--target', proxy.url, '--token', TOKEN, '--only', 'patch.replace.single-valued,patch.replace.sub-attribute', '--retries', '1', '--concurrency', '1', '--out-dir', out, '-q']);
    expect(ran.stderr + ran.stdout).not.toMatch(STACK_TRACE);
    const result = readResult(onlyRun(out));
    const errors = result.scenarios.filter((s) => s.outcome === 'error');
    expect(errors.map((s) => s.reason)).toEqual([expect.stringMatching(/^the target throttled PATCH \/Users\/\S+: 429 \(still 429 after 1 retry\)$/)]);
    expect(errors[0]!.exchanges!.map((e) => e.purpose)).toContain('patch (retry 1)');
    expect(result.summary.pass).toBe(1);
    expect(resourcesOn(server)).toBe(0);
  });
});

describe('the shared limiter', () => {
  it('halves concurrency while the target throttles and grows back after', async () => {
    let inFlight = 0;
    // No Retry-After: the client backs off exponentially (250 ms, 500 ms ...) with jitter.
    const { proxy } = await throttled([{ withinMs: 300, fault: { kind: 'throttle' } }, { fault: { kind: 'delay', ms: 5 } }]);
    const client = new ScimClient(loadConfig({ env: {}, flags: { target: proxy.url, token: TOKEN, concurrency: 8, retries: 10 } }));
    space.keep(client);
    const one = async (): Promise<number> => {
      inFlight += 1;
      try {
        return (await client.request('GET', '/ServiceProviderConfig', { purpose: 'discovery' })).status;
      } finally {
        inFlight -= 1;
      }
    };
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (statuses.length < 80) {
          statuses.push(await one());
        }
      }),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(client.limiterStats.throttles).toBeGreaterThan(0);
    expect(client.limiterStats.lowest).toBeLessThanOrEqual(4);
    expect(client.limiterStats.limit).toBe(8);
    expect(inFlight).toBe(0);
  });

  it('--rate paces requests', async () => {
    const { proxy } = await throttled([]);
    const client = new ScimClient(loadConfig({ env: {}, flags: { target: proxy.url, token: TOKEN, rate: '20' } }));
    space.keep(client);
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 8 }, () => client.request('GET', '/ServiceProviderConfig', { purpose: 'discovery' })));
    // 8 requests at 20/s: the last leaves 350 ms after the first.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(330);
  });
});
