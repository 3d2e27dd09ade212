// When and how long to wait before sending a throttled request again. Only answers that say
// "not processed, come back later" are retried: 429 always, 503 only with Retry-After (a 503
// without it is an outage, not throttling). Transport failures are never retried here: the
// target may have applied the request (see engine/recheck.ts).
//
// Idempotent requests (cleanup DELETEs) are the exception: sending one twice is harmless (a 404
// the second time means it is gone), so they are also retried after a 5xx and after a lost answer
// (timeout, reset), with the same backoff.
import type { TargetErrorKind } from './target-error.ts';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /**
   * Retries of a quota tick (a throttle while most answers go through), when more than `retries`:
   * with every third request refused, one request in 81 meets four refusals in a row, one in 19683
   * meets nine. Unset: `retries`.
   */
  quotaTickRetries?: number;
  /** A Retry-After longer than this is not waited out: the answer is given up on. */
  maxWaitMs: number;
  /** First backoff when the target names no delay; doubles per retry. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, quotaTickRetries: 8, maxWaitMs: 60_000, baseDelayMs: 250 };

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

export interface RetryOptions {
  /** Resending is harmless: 5xx answers are retried too (see lostAnswerDecision for transport failures). */
  idempotent?: boolean;
  /**
   * The target is not overloaded (most answers go through): a throttle without Retry-After is a
   * quota tick, retried after a tenth of the base delay, since waiting longer would not change the
   * share of refused requests, only slow the run.
   */
  quotaTick?: boolean;
}

/** 5xx answers worth sending an idempotent request again for (501 Not Implemented is not one). */
const TRANSIENT_5XX = new Set([500, 502, 503, 504]);

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
  options: RetryOptions = {},
): RetryDecision {
  const named = parseRetryAfter(headers['retry-after'], now);
  const throttle = status === 429 || (status === 503 && named !== undefined);
  const transient = options.idempotent === true && TRANSIENT_5XX.has(status);
  if (!throttle && !transient) return { retry: false };
  const retries = throttle && options.quotaTick ? Math.max(policy.retries, policy.quotaTickRetries ?? 0) : policy.retries;
  if (attempt > retries) return { retry: false, why: `still ${status} after ${retries} ${retries === 1 ? 'retry' : 'retries'}` };
  if (named !== undefined && named > policy.maxWaitMs) {
    return { retry: false, why: `${status} with Retry-After ${Math.ceil(named / 1000)} s, longer than the ${policy.maxWaitMs / 1000} s the suite waits` };
  }
  if (named !== undefined) return { retry: true, waitMs: withJitter(named, policy, random), why: `Retry-After ${headers['retry-after']}` };
  const base = throttle && options.quotaTick ? policy.baseDelayMs / 10 : policy.baseDelayMs;
  return { retry: true, waitMs: withJitter(base * 2 ** (attempt - 1), policy, random), why: 'backoff' };
}

/**
 * After a lost answer (no status at all): only an idempotent request is sent again, and only when
 * the target may just have been busy (timeout, reset), with the backoff. A refused connection is
 * not retried: that is a target that is down or a wrong URL, and waiting would only slow the end.
 */
export function lostAnswerDecision(kind: TargetErrorKind, attempt: number, policy: RetryPolicy, random: () => number = Math.random): RetryDecision {
  if (kind !== 'timeout' && kind !== 'reset') return { retry: false };
  if (attempt > policy.retries) return { retry: false, why: `still failing after ${policy.retries} ${policy.retries === 1 ? 'retry' : 'retries'}` };
  return { retry: true, waitMs: withJitter(policy.baseDelayMs * 2 ** (attempt - 1), policy, random), why: 'backoff' };
}

/**
 * Up to 20 % on top (at least up to 50 ms, or up to the wait itself when it is shorter), so that
 * requests throttled together do not come back together.
 */
function withJitter(base: number, policy: RetryPolicy, random: () => number): number {
  return Math.min(base + Math.round(random() * Math.max(base * 0.2, Math.min(base, 50))), policy.maxWaitMs);
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
