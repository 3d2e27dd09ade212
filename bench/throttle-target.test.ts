import { describe, it, expect, afterEach } from 'vitest';
import { request } from 'undici';
import { startThrottledTarget, throttleRules } from './throttle-target.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

describe('throttleRules', () => {
  it('throttles every N-th request first, then delays the rest', () => {
    expect(throttleRules(20, { every: 3, retryAfterSeconds: 1 })).toEqual([
      { every: 3, fault: { kind: 'throttle', status: 429, seconds: 1 } },
      { fault: { kind: 'delay', ms: 20 } },
    ]);
    expect(throttleRules(20, { every: 3 })[0]).toEqual({ every: 3, fault: { kind: 'throttle', status: 429 } });
    expect(throttleRules(0)).toEqual([]);
  });
});

describe('startThrottledTarget', () => {
  it('answers 429 to exactly every third request, with the Retry-After asked for, and serves the rest', async () => {
    const target = await startThrottledTarget(1, { every: 3, retryAfterSeconds: 2 });
    open.push(target);
    const answers: Array<[number, string | undefined]> = [];
    for (let i = 0; i < 6; i++) {
      const res = await request(`${target.url}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${target.token}` } });
      await res.body.text();
      answers.push([res.statusCode, res.headers['retry-after'] as string | undefined]);
    }
    expect(answers).toEqual([[200, undefined], [200, undefined], [429, '2'], [200, undefined], [200, undefined], [429, '2']]);
  });
});
