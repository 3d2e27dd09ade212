import { afterEach, describe, expect, it } from 'vitest';
import type { Exchange } from '../../schemas/run-result.ts';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import { URN } from '../../schemas/scim-schema.ts';
import { CHECKS } from '../../scenarios/checks.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { ScimClient } from '../client.ts';
import { loadConfig } from '../config.ts';
import { startLocalServer, sendJson } from '../local-test-server.ts';
import { labelExchanges } from '../request-log.ts';
import { CheckObserver } from './observer.ts';

const BASE = 'http://127.0.0.1:1/scim/v2';
const env = (baseUrl = BASE) => ({ baseUrl, endpoints: { User: '/Users', Group: '/Groups' }, schemas: builtinResourceSchemas() });
const neverScenario = { id: 'checks.returned-never', title: 't', family: 'checks', level: 'MUST', refs: [], check: 'returned-never' } as unknown as Scenario;
const user = (extra: Record<string, unknown> = {}) => ({ schemas: [URN.user], id: 'u1', userName: 'a', ...extra });

function exchange(body: unknown): Exchange {
  return {
    purpose: 'verify',
    method: 'GET',
    url: `${BASE}/Users/u1`,
    requestHeaders: {},
    status: 200,
    responseHeaders: { 'content-type': 'application/scim+json' },
    responseBody: JSON.stringify(body),
    durationMs: 0,
    startedAt: new Date().toISOString(),
  };
}

const neverOutcome = (o: CheckObserver) => o.results([neverScenario]).results[0]!;

describe('CheckObserver', () => {
  it('judges the recorded body when no parsed body is given', () => {
    const leak = new CheckObserver(env());
    leak.observe(exchange(user({ password: 'x' })), 's1');
    expect(neverOutcome(leak).outcome).toBe('fail');
    const clean = new CheckObserver(env());
    clean.observe(exchange(user()), 's1');
    expect(neverOutcome(clean).outcome).toBe('pass');
  });

  it('judges the parsed body it is given instead of parsing the recorded one again', () => {
    // The two differ only here, to show which one was judged; the client passes the body it parsed.
    const o = new CheckObserver(env());
    o.observe(exchange(user()), 's1', { json: user({ password: 'x' }) });
    expect(neverOutcome(o).outcome).toBe('fail');
    expect(CHECKS.some((c) => c.id === 'returned-never')).toBe(true);
  });

  it('takes as example the response of the earliest scenario of the selection, whatever order the answers came in', () => {
    const o = new CheckObserver(env());
    o.order(['s.a', 's.b', 's.c']);
    const leak = (path: string) => ({ ...exchange(user({ password: 'x' })), url: `${BASE}${path}` });
    o.observe(leak('/Users/from-c'), 's.c');
    o.observe(leak('/Users/from-b-1'), 's.b');
    o.observe(leak('/Users/from-b-2'), 's.b');
    o.observe(leak('/Users/from-c-2'), 's.c');
    const r = neverOutcome(o);
    expect(r.reason).toMatch(/^4 of 4 responses: .*\(first in s\.b: GET \/scim\/v2\/Users\/from-b-1 -> 200\)$/);
    // An exchange of no selected scenario (the set-up probe) comes before them all.
    o.observe(leak('/Users/probe'), 'set-up probe');
    expect(neverOutcome(o).reason).toContain('first in set-up probe: GET /scim/v2/Users/probe');
  });
});

describe('ScimClient exchange listeners', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });

  async function client(body: unknown, token = 'tok-listener-secret-9') {
    const server = await startLocalServer((_req, res) => sendJson(res, 200, body));
    const c = new ScimClient(loadConfig({ env: {}, flags: { target: `${server.url}/scim/v2`, token } }));
    cleanups.push(() => server.close(), () => c.close());
    const seen: Array<{ exchange: Exchange; parsed?: { json: unknown } }> = [];
    c.onExchange((exchange, _group, _ms, parsed) => seen.push({ exchange, ...(parsed ? { parsed } : {}) }));
    return { c, seen, baseUrl: `${server.url}/scim/v2` };
  }

  it('passes the parsed body along when redaction left the body as it came', async () => {
    const { c, seen } = await client(user());
    const res = await c.request('GET', '/Users/u1', { purpose: 'verify' });
    c.flushExchanges();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.parsed?.json).toEqual(user());
    expect(seen[0]!.parsed?.json).toBe(res.json);
  });

  it('passes nothing when redaction changed the body, so a listener sees only the redacted text', async () => {
    const token = 'tok-listener-secret-9';
    const { c, seen } = await client(user({ nickName: token }), token);
    await c.request('GET', '/Users/u1', { purpose: 'verify' });
    c.flushExchanges();
    expect(seen[0]!.exchange.responseBody).not.toContain(token);
    expect(seen[0]!.parsed).toBeUndefined();
  });

  it('gives the observer the scenario label and the body through a real exchange', async () => {
    const { c, baseUrl } = await client(user({ password: 'x' }));
    const o = new CheckObserver(env(baseUrl));
    c.onExchange(o.listener);
    const group: Exchange[] = [];
    labelExchanges(group, 'sc.one');
    await c.request('GET', '/Users/u1', { purpose: 'verify', exchanges: group });
    c.flushExchanges();
    const r = neverOutcome(o);
    expect(r.outcome).toBe('fail');
    expect(r.reason).toContain('first in sc.one');
  });

  it('lets the scenario go on first: listeners hear an exchange in a later turn, in the order exchanges finished', async () => {
    const { c, seen } = await client(user());
    await c.request('GET', '/Users/u1', { purpose: 'verify' });
    await c.request('GET', '/Users/u2', { purpose: 'verify' });
    // The answers are in, but the checks of the last one have not run yet.
    expect(seen.map((s) => s.exchange.url.replace(/^.*\/Users\//, ''))).toEqual(['u1']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.map((s) => s.exchange.url.replace(/^.*\/Users\//, ''))).toEqual(['u1', 'u2']);
    c.flushExchanges();
    expect(seen).toHaveLength(2);
  });

  it('reports a listener that threw at the next flush, and the other listeners still hear every exchange', async () => {
    const { c, seen } = await client(user());
    let calls = 0;
    c.onExchange(() => {
      calls += 1;
      throw new Error('listener bug');
    });
    await c.request('GET', '/Users/u1', { purpose: 'verify' });
    await new Promise((resolve) => setImmediate(resolve));
    await c.request('GET', '/Users/u2', { purpose: 'verify' });
    expect(() => c.flushExchanges()).toThrow('listener bug');
    expect(calls).toBe(2);
    expect(seen).toHaveLength(2);
    // Reported once.
    expect(() => c.flushExchanges()).not.toThrow();
  });
});
