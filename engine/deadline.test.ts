import { describe, it, expect } from 'vitest';
import { deadlineSignal } from './deadline.ts';

describe('deadlineSignal', () => {
  it('is undefined without a deadline', () => {
    expect(deadlineSignal(undefined)).toBeUndefined();
  });

  it('fires at the deadline, or at once when it has passed', async () => {
    const soon = deadlineSignal(Date.now() + 20)!;
    expect(soon.signal.aborted).toBe(false);
    await new Promise((r) => setTimeout(r, 40));
    expect(soon.signal.aborted).toBe(true);
    expect(deadlineSignal(Date.now() - 1)!.signal.aborted).toBe(true);
  });

  it('never fires once disposed', async () => {
    const d = deadlineSignal(Date.now() + 10)!;
    d.dispose();
    await new Promise((r) => setTimeout(r, 30));
    expect(d.signal.aborted).toBe(false);
  });
});
