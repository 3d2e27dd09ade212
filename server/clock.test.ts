import { describe, it, expect } from 'vitest';
import { MonotonicClock } from './clock.ts';

describe('MonotonicClock', () => {
  it('returns strictly increasing ISO timestamps within one millisecond', () => {
    const clock = new MonotonicClock(() => Date.UTC(2024, 0, 1));
    const a = clock.next();
    const b = clock.next();
    expect(a).toBe('2024-01-01T00:00:00.000Z');
    expect(b).toBe('2024-01-01T00:00:00.001Z');
  });

  it('never goes backwards when the wall clock does', () => {
    let now = Date.UTC(2024, 0, 1, 0, 0, 10);
    const clock = new MonotonicClock(() => now);
    const a = clock.next();
    now -= 5000;
    const b = clock.next();
    expect(Date.parse(b)).toBeGreaterThan(Date.parse(a));
  });
});
