// When and how long to wait before sending a throttled request again. Only answers that say
// "not processed, come back later" are retried: 429 always, 503 only with Retry-After (a 503
// without it is an outage, not throttling). Transport failures are never retried here: the
// target may have applied the request (see engine/recheck.ts).

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** A Retry-After longer than this is not waited out: the answer is given up on. */
  maxWaitMs: number;
  /** First backoff when the target names no delay; doubles per retry. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, maxWaitMs: 60_000, baseDelayMs: 250 };

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export type RetryDecision =
  | { retry: true; waitMs: number; why: string }
  | { retry: false; why?: string };

/**
 * Whether the answer of `attempt` (1 = the first send) is retried, and after how long. The wait is
 * the target's Retry-After (or an exponential backoff) plus up to 20 % jitter, so that parallel
 * requests throttled together do not come back together.
 */
export function retryDecision(
  status: number,
  headers: Record<string, string>,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  now = Date.now(),
): RetryDecision {
  if (status !== 429 && status !== 503) return { retry: false };
  const named = parseRetryAfter(headers['retry-after'], now);
  if (status === 503 && named === undefined) return { retry: false };
  if (attempt > policy.retries) return { retry: false, why: `still ${status} after ${policy.retries} ${policy.retries === 1 ? 'retry' : 'retries'}` };
  if (named !== undefined && named > policy.maxWaitMs) {
    return { retry: false, why: `${status} with Retry-After ${Math.ceil(named / 1000)} s, longer than the ${policy.maxWaitMs / 1000} s the suite waits` };
  }
  const base = named ?? policy.baseDelayMs * 2 ** (attempt - 1);
  const jitter = Math.round(random() * Math.max(base * 0.2, 50));
  return { retry: true, waitMs: Math.min(base + jitter, policy.maxWaitMs), why: named !== undefined ? `Retry-After ${headers['retry-after']}` : 'backoff' };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
