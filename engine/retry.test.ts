import { describe, it, expect } from 'vitest';
import { DEFAULT_RETRY_POLICY, lostAnswerDecision, parseRetryAfter, retryDecision, sleep } from './retry.ts';

const policy = { ...DEFAULT_RETRY_POLICY, retries: 2, maxWaitMs: 10_000, baseDelayMs: 100 };
const noJitter = (): number => 0;
const fullJitter = (): number => 1;

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    // A date in the past means "now".
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
    expect(parseRetryAfter('1.5')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('retryDecision', () => {
  it('waits out a 429 Retry-After with jitter of at most 20 %', () => {
    expect(retryDecision(429, { 'retry-after': '2' }, 1, policy, noJitter)).toEqual({ retry: true, waitMs: 2000, why: 'Retry-After 2' });
    const jittered = retryDecision(429, { 'retry-after': '2' }, 1, policy, fullJitter);
    expect(jittered).toMatchObject({ retry: true, waitMs: 2400 });
  });

  it('backs off exponentially on a 429 without Retry-After', () => {
    expect(retryDecision(429, {}, 1, policy, noJitter)).toMatchObject({ retry: true, waitMs: 100, why: 'backoff' });
    expect(retryDecision(429, {}, 2, policy, noJitter)).toMatchObject({ retry: true, waitMs: 200 });
  });

  it('retries a 503 only when it says when to come back', () => {
    expect(retryDecision(503, { 'retry-after': '1' }, 1, policy, noJitter)).toMatchObject({ retry: true, waitMs: 1000 });
    expect(retryDecision(503, {}, 1, policy, noJitter)).toEqual({ retry: false });
  });

  it('never retries other statuses', () => {
    for (const status of [200, 400, 404, 500, 502]) expect(retryDecision(status, { 'retry-after': '1' }, 1, policy).retry).toBe(false);
  });

  it('gives up after the configured retries, or when the wait is too long, and says why', () => {
    expect(retryDecision(429, { 'retry-after': '1' }, 3, policy)).toEqual({ retry: false, why: 'still 429 after 2 retries' });
    expect(retryDecision(429, { 'retry-after': '3600' }, 1, policy)).toEqual({
      retry: false,
      why: '429 with Retry-After 3600 s, longer than the 10 s the suite waits',
    });
    expect(retryDecision(429, {}, 1, { ...policy, retries: 0 }).retry).toBe(false);
  });
});

describe('retryDecision for idempotent requests and quota ticks', () => {
  const now = Date.now();
  it('retries a 5xx of an idempotent request with the backoff, but not 501 and not a plain request', () => {
    for (const status of [500, 502, 503, 504]) {
      expect(retryDecision(status, {}, 1, policy, noJitter, now, { idempotent: true })).toEqual({ retry: true, waitMs: 100, why: 'backoff' });
      expect(retryDecision(status, {}, 1, policy, noJitter, now).retry).toBe(false);
    }
    expect(retryDecision(501, {}, 1, policy, noJitter, now, { idempotent: true }).retry).toBe(false);
    expect(retryDecision(500, {}, 3, policy, noJitter, now, { idempotent: true })).toEqual({ retry: false, why: 'still 500 after 2 retries' });
  });

  it('retries a quota tick after a tenth of the backoff, and a Retry-After as named', () => {
    expect(retryDecision(429, {}, 1, policy, noJitter, now, { quotaTick: true })).toMatchObject({ retry: true, waitMs: 10 });
    expect(retryDecision(429, {}, 2, policy, noJitter, now, { quotaTick: true })).toMatchObject({ retry: true, waitMs: 20 });
    // The jitter of a short wait is at most the wait itself.
    expect(retryDecision(429, {}, 1, policy, fullJitter, now, { quotaTick: true })).toMatchObject({ waitMs: 20 });
    expect(retryDecision(429, { 'retry-after': '1' }, 1, policy, noJitter, now, { quotaTick: true })).toMatchObject({ waitMs: 1000 });
    // A quota tick has a retry budget of its own (when larger); an overload has `retries`.
    const ticks = { ...policy, quotaTickRetries: 5 };
    expect(retryDecision(429, {}, 5, ticks, noJitter, now, { quotaTick: true })).toMatchObject({ retry: true });
    expect(retryDecision(429, {}, 6, ticks, noJitter, now, { quotaTick: true })).toEqual({ retry: false, why: 'still 429 after 5 retries' });
    expect(retryDecision(429, {}, 3, ticks, noJitter, now)).toEqual({ retry: false, why: 'still 429 after 2 retries' });
    expect(retryDecision(502, {}, 3, ticks, noJitter, now, { quotaTick: true, idempotent: true }).retry).toBe(false);
    // A 5xx is no quota tick: the full backoff.
    expect(retryDecision(502, {}, 1, policy, noJitter, now, { quotaTick: true, idempotent: true })).toMatchObject({ waitMs: 100 });
  });
});

describe('lostAnswerDecision', () => {
  it('retries a timeout or a reset with the backoff, up to the retries', () => {
    expect(lostAnswerDecision('timeout', 1, policy, noJitter)).toEqual({ retry: true, waitMs: 100, why: 'backoff' });
    expect(lostAnswerDecision('reset', 2, policy, noJitter)).toEqual({ retry: true, waitMs: 200, why: 'backoff' });
    expect(lostAnswerDecision('reset', 3, policy, noJitter)).toEqual({ retry: false, why: 'still failing after 2 retries' });
  });

  it('never retries a refused connection, the deadline or anything else', () => {
    for (const kind of ['refused', 'deadline', 'dns', 'tls', 'protocol', 'auth', 'too-large', 'other'] as const) {
      expect(lostAnswerDecision(kind, 1, policy).retry, kind).toBe(false);
    }
  });
});

describe('sleep', () => {
  it('resolves after the delay and rejects at once when aborted', async () => {
    const t0 = Date.now();
    await sleep(20);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(15);
    const ac = new AbortController();
    const p = sleep(10_000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    await expect(sleep(10, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });
});
