// Timestamps for meta.created / meta.lastModified. Two changes within the same millisecond
// must still get strictly increasing lastModified values (RFC 7643 §3.1 meta), so the clock
// never returns the same instant twice and never goes backwards.
export class MonotonicClock {
  private last = 0;
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** ISO 8601 with milliseconds, strictly later than every earlier result of this clock. */
  next(): string {
    const ms = Math.max(this.now(), this.last + 1);
    this.last = ms;
    return new Date(ms).toISOString();
  }
}
