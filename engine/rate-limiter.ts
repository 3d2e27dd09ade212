// One limiter per client, shared by every request to the target: a concurrency limit that halves
// while the target throttles and grows back by one per window of successes (AIMD), an optional
// requests-per-second cap for targets that must be treated gently, and a pause that holds every
// request back until a Retry-After has passed.
import { sleep } from './retry.ts';

export interface LimiterOptions {
  /** The ceiling (and starting value) of the concurrency limit. */
  maxConcurrency: number;
  /** Requests per second; undefined = no cap. */
  rate?: number;
  /** A second throttle within this many ms of a decrease does not decrease again. */
  cooldownMs?: number;
  now?: () => number;
}

export interface LimiterStats {
  limit: number;
  lowest: number;
  inFlight: number;
  throttles: number;
}

export class AdaptiveLimiter {
  readonly #max: number;
  readonly #interval: number;
  readonly #cooldown: number;
  readonly #now: () => number;
  #limit: number;
  #lowest: number;
  #inFlight = 0;
  #successes = 0;
  #throttles = 0;
  #lastDecrease = Number.NEGATIVE_INFINITY;
  #nextSlot = 0;
  #holdUntil = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(options: LimiterOptions) {
    this.#max = Math.max(1, Math.floor(options.maxConcurrency));
    this.#limit = this.#max;
    this.#lowest = this.#max;
    this.#interval = options.rate !== undefined && options.rate > 0 ? 1000 / options.rate : 0;
    this.#cooldown = options.cooldownMs ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  get stats(): LimiterStats {
    return { limit: this.#limit, lowest: this.#lowest, inFlight: this.#inFlight, throttles: this.#throttles };
  }

  /** Waits for a slot (and the pace and any pause); the returned function gives it back. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.#inFlight < this.#limit && this.#waiters.length === 0) {
      this.#inFlight += 1;
    } else {
      // The slot is handed over by #wake (which counts it as in flight), so nobody jumps the queue.
      await new Promise<void>((resolve, reject) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const i = this.#waiters.indexOf(wake);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(signal?.reason);
        };
        this.#waiters.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.#inFlight -= 1;
      this.#wake();
    };
    try {
      // The pace: each request reserves the next free slot in time, so N waiting requests spread out.
      const now = this.#now();
      const at = Math.max(now, this.#holdUntil, this.#interval > 0 ? this.#nextSlot : 0);
      if (this.#interval > 0) this.#nextSlot = at + this.#interval;
      if (at > now) await sleep(at - now, signal);
    } catch (e) {
      release();
      throw e;
    }
    return release;
  }

  /** The target said 429/503: halve the limit (once per cooldown) and hold everyone back. */
  throttled(retryAfterMs?: number): void {
    this.#throttles += 1;
    this.#successes = 0;
    const now = this.#now();
    if (retryAfterMs !== undefined) this.#holdUntil = Math.max(this.#holdUntil, now + retryAfterMs);
    if (now - this.#lastDecrease < this.#cooldown) return;
    this.#lastDecrease = now;
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#lowest = Math.min(this.#lowest, this.#limit);
  }

  /** An answer that was not throttled: after `limit` of them in a row the limit grows by one. */
  succeeded(): void {
    if (this.#limit >= this.#max) return;
    this.#successes += 1;
    if (this.#successes >= this.#limit) {
      this.#successes = 0;
      this.#limit += 1;
      this.#wake();
    }
  }

  #wake(): void {
    while (this.#waiters.length > 0 && this.#inFlight < this.#limit) {
      this.#inFlight += 1;
      this.#waiters.shift()!();
    }
  }
}
