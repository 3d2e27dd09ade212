import { describe, it, expect } from 'vitest';
import { budgetSignals, deadlineSignal, runBudget } from './deadline.ts';

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

describe('runBudget', () => {
  const at = (b: ReturnType<typeof runBudget>) => [b.scenariosUntil, b.cleanupUntil, b.end];

  it('leaves 20 % of a long deadline to cleanup and the last 2 s to the reports', () => {
    expect(at(runBudget(0, 240_000))).toEqual([192_000, 238_000, 240_000]);
    expect(at(runBudget(1_000, 100_000))).toEqual([81_000, 99_000, 101_000]);
  });

  it('gives cleanup at least 10 s, but never more than half of a short deadline', () => {
    expect(at(runBudget(0, 30_000))).toEqual([20_000, 28_500, 30_000]);
    expect(at(runBudget(0, 10_000))).toEqual([5_000, 9_500, 10_000]);
    expect(at(runBudget(0, 1_000))).toEqual([500, 950, 1_000]);
  });
});

describe('budgetSignals', () => {
  it('is undefined without a budget', () => {
    expect(budgetSignals(undefined)).toBeUndefined();
  });

  it('fires the scenarios signal first and the cleanup signal at its own moment', async () => {
    const now = Date.now();
    const s = budgetSignals({ scenariosUntil: now - 1, cleanupUntil: now + 30, end: now + 40 }, now)!;
    expect([s.scenarios.aborted, s.cleanup.aborted]).toEqual([true, false]);
    await new Promise((r) => setTimeout(r, 60));
    expect(s.cleanup.aborted).toBe(true);
    const t = Date.now();
    const later = budgetSignals({ scenariosUntil: t + 20, cleanupUntil: t + 20, end: t + 20 }, t)!;
    later.dispose();
    await new Promise((r) => setTimeout(r, 40));
    expect([later.scenarios.aborted, later.cleanup.aborted]).toEqual([false, false]);
  });
});
