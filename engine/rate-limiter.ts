// One limiter per client, shared by every request to the target: a concurrency limit that halves
// while the target is overloaded and grows back by one per window of successes (AIMD), an optional
// requests-per-second cap for targets that must be treated gently, and a pause that holds every
// request back until a Retry-After has passed.
//
// Overload vs quota ticks: a target that refuses most of what it is sent (more than half of the
// last 20 answers throttled) is overloaded, and fewer requests in flight is what helps it: the
// limit halves and a Retry-After holds everyone. A target that throttles a minority of requests
// (every N-th request, a random share) is counting, not drowning: sending fewer at a time would
// only slow the run without changing the share, so then only the throttled request waits and
// backs off (engine/client.ts), and the others go on at full concurrency.
import { sleep } from './retry.ts';

export interface LimiterOptions {
  /** The ceiling (and starting value) of the concurrency limit. */
  maxConcurrency: number;
  /** Requests per second; undefined = no cap. */
  rate?: number;
  /** A second throttle within this many ms of a decrease does not decrease again. */
  cooldownMs?: number;
  /** How many recent answers decide whether the target is overloaded (default 20). */
  window?: number;
  now?: () => number;
}

export interface LimiterStats {
  limit: number;
  lowest: number;
  inFlight: number;
  throttles: number;
  /** Share of throttled answers among the recent ones (0..1). */
  pressure: number;
}

/** More than this share of the recent answers throttled: the target is overloaded. */
const OVERLOAD = 0.5;

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
  /** The last answers, true = throttled (a ring of `window` entries). */
  readonly #recent: boolean[] = [];
  readonly #window: number;
  #recentAt = 0;
  #recentThrottled = 0;

  constructor(options: LimiterOptions) {
    this.#max = Math.max(1, Math.floor(options.maxConcurrency));
    this.#limit = this.#max;
    this.#lowest = this.#max;
    this.#interval = options.rate !== undefined && options.rate > 0 ? 1000 / options.rate : 0;
    this.#cooldown = options.cooldownMs ?? 1000;
    this.#now = options.now ?? Date.now;
    this.#window = Math.max(1, options.window ?? 20);
  }

  get stats(): LimiterStats {
    return { limit: this.#limit, lowest: this.#lowest, inFlight: this.#inFlight, throttles: this.#throttles, pressure: this.pressure };
  }

  /** Share of throttled answers among the recent ones. */
  get pressure(): number {
    return this.#recent.length === 0 ? 0 : this.#recentThrottled / this.#recent.length;
  }

  /** More than half of the recent answers were throttled. */
  get overloaded(): boolean {
    return this.pressure > OVERLOAD;
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

  /**
   * The target said 429 (or 503 with Retry-After). Overloaded: halve the limit (once per cooldown)
   * and hold everyone back for `retryAfterMs`. Otherwise it was a quota tick: nothing changes here,
   * the throttled request alone waits (the caller's backoff).
   */
  throttled(retryAfterMs?: number): void {
    this.#throttles += 1;
    this.#note(true);
    if (!this.overloaded) return;
    this.#successes = 0;
    const now = this.#now();
    if (retryAfterMs !== undefined) this.#holdUntil = Math.max(this.#holdUntil, now + retryAfterMs);
    if (now - this.#lastDecrease < this.#cooldown) return;
    this.#lastDecrease = now;
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#lowest = Math.min(this.#lowest, this.#limit);
  }

  /** An answer that was not throttled: after `limit` of them the limit grows by one. */
  succeeded(): void {
    this.#note(false);
    if (this.#limit >= this.#max) return;
    this.#successes += 1;
    if (this.#successes >= this.#limit) {
      this.#successes = 0;
      this.#limit += 1;
      this.#wake();
    }
  }

  #note(throttled: boolean): void {
    if (this.#recent.length < this.#window) this.#recent.push(throttled);
    else {
      if (this.#recent[this.#recentAt]) this.#recentThrottled -= 1;
      this.#recent[this.#recentAt] = throttled;
      this.#recentAt = (this.#recentAt + 1) % this.#window;
    }
    if (throttled) this.#recentThrottled += 1;
  }

  #wake(): void {
    while (this.#waiters.length > 0 && this.#inFlight < this.#limit) {
      this.#inFlight += 1;
      this.#waiters.shift()!();
    }
  }
}
