import { describe, it, expect } from 'vitest';
import { AdaptiveLimiter } from './rate-limiter.ts';

describe('AdaptiveLimiter concurrency', () => {
  it('never lets more than the limit run, and hands slots over in order', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 2 });
    const r1 = await limiter.acquire();
    const r2 = await limiter.acquire();
    const order: number[] = [];
    const p3 = limiter.acquire().then((r) => (order.push(3), r));
    const p4 = limiter.acquire().then((r) => (order.push(4), r));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    expect(limiter.stats.inFlight).toBe(2);
    r1();
    r1(); // releasing twice frees one slot only
    const r3 = await p3;
    expect(order).toEqual([3]);
    r2();
    const r4 = await p4;
    expect(order).toEqual([3, 4]);
    r3();
    r4();
    expect(limiter.stats.inFlight).toBe(0);
  });

  it('halves while throttled (once per cooldown) and grows back by one per window of successes', () => {
    let now = 0;
    const limiter = new AdaptiveLimiter({ maxConcurrency: 8, cooldownMs: 1000, now: () => now });
    limiter.throttled();
    limiter.throttled(); // same burst: no second decrease
    expect(limiter.stats.limit).toBe(4);
    now = 1500;
    limiter.throttled();
    expect(limiter.stats).toMatchObject({ limit: 2, lowest: 2, throttles: 3 });
    limiter.succeeded();
    expect(limiter.stats.limit).toBe(2);
    limiter.succeeded();
    expect(limiter.stats.limit).toBe(3);
    for (let i = 0; i < 3 + 4 + 5 + 6; i++) limiter.succeeded();
    expect(limiter.stats.limit).toBe(7);
    for (let i = 0; i < 100; i++) limiter.succeeded();
    expect(limiter.stats.limit).toBe(8);
  });

  it('an aborted waiter leaves the queue and gets no slot', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 1 });
    const r1 = await limiter.acquire();
    const ac = new AbortController();
    const waiting = limiter.acquire(ac.signal);
    ac.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    r1();
    expect(limiter.stats.inFlight).toBe(0);
    (await limiter.acquire())();
  });
});

describe('AdaptiveLimiter: overload vs quota ticks', () => {
  it('leaves the limit alone when a minority of answers is throttled (every third request)', () => {
    let now = 0;
    const limiter = new AdaptiveLimiter({ maxConcurrency: 8, now: () => now });
    for (let i = 0; i < 60; i++) {
      now += 100;
      if (i % 3 === 2) limiter.throttled(1000);
      else limiter.succeeded();
    }
    expect(limiter.stats).toMatchObject({ limit: 8, lowest: 8, throttles: 20 });
    expect(limiter.overloaded).toBe(false);
    expect(limiter.pressure).toBeCloseTo(1 / 3, 1);
  });

  it('holds nobody back for the Retry-After of a quota tick, but everyone when overloaded', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 4, window: 4 });
    for (let i = 0; i < 3; i++) limiter.succeeded();
    limiter.throttled(60_000);
    // One throttled answer in four: the next request goes at once (else this would wait a minute).
    (await limiter.acquire())();
    limiter.throttled(40);
    limiter.throttled(40);
    expect(limiter.overloaded).toBe(true);
    const t0 = Date.now();
    (await limiter.acquire())();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(30);
  });

  it('recovers the whole concurrency after a run of successes once the overload is over', () => {
    let now = 0;
    const limiter = new AdaptiveLimiter({ maxConcurrency: 8, cooldownMs: 0, now: () => now });
    for (let i = 0; i < 10; i++) {
      now += 10;
      limiter.throttled();
    }
    expect(limiter.stats.limit).toBe(1);
    // 1 + 2 + ... + 7 successes take the limit from 1 back to 8.
    for (let i = 0; i < 27; i++) limiter.succeeded();
    expect(limiter.stats.limit).toBe(7);
    limiter.succeeded();
    expect(limiter.stats).toMatchObject({ limit: 8, lowest: 1 });
    expect(limiter.overloaded).toBe(false);
  });
});

describe('AdaptiveLimiter pace and pause', () => {
  it('spaces requests to the configured rate', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 8, rate: 50 });
    const t0 = Date.now();
    const releases = await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
    // 5 requests at 50/s: the last may start 80 ms after the first.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(70);
    releases.forEach((r) => r());
  });

  it('holds every request back until a Retry-After has passed', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 8 });
    limiter.throttled(60);
    const t0 = Date.now();
    (await limiter.acquire())();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50);
  });
});
