// The run's deadline as an AbortSignal, so that requests under way and retry waits stop at it,
// not only the scenarios that have not started yet.

export interface DeadlineSignal {
  signal: AbortSignal;
  /** Stops the timer (the run ended first, or cleanup is about to start). */
  dispose(): void;
}

/** A signal that fires at `deadline` (epoch ms); undefined when there is no deadline. */
export function deadlineSignal(deadline: number | undefined, now = Date.now()): DeadlineSignal | undefined {
  if (deadline === undefined) return undefined;
  const controller = new AbortController();
  const fire = (): void => controller.abort(new Error('deadline'));
  const wait = deadline - now;
  if (wait <= 0) {
    fire();
    return { signal: controller.signal, dispose: () => undefined };
  }
  const timer = setTimeout(fire, wait);
  // The deadline alone must not keep the process alive.
  timer.unref();
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}

/** How a run with `--deadline` spends it (epoch ms). */
export interface RunBudget {
  /** No scenario starts after this, and requests under way are cut here. */
  scenariosUntil: number;
  /** Cleanup stops here; what it did not delete is reported (and `cleanup --run ID` finishes it). */
  cleanupUntil: number;
  /** The deadline itself: the result and the reports are written between cleanupUntil and this. */
  end: number;
}

const SECOND = 1000;

/**
 * The rule for a deadline of D: cleanup and the reports get 20 % of D, at least 10 s, but never
 * more than half of D (so that a short run still runs scenarios for half its time); the last 5 %
 * of D, at most 2 s, is kept for writing the result and the reports. For 240 s: scenarios until
 * 192 s, cleanup until 238 s. For 30 s: 20 s and 28.5 s. For 10 s: 5 s and 9.5 s.
 */
export function runBudget(from: number, totalMs: number): RunBudget {
  const reserve = Math.min(Math.max(0.2 * totalMs, 10 * SECOND), 0.5 * totalMs);
  const reports = Math.min(0.05 * totalMs, 2 * SECOND);
  const end = from + totalMs;
  return { scenariosUntil: Math.round(end - reserve), cleanupUntil: Math.round(end - reports), end };
}

export interface BudgetSignals {
  /** Fires at scenariosUntil. */
  scenarios: AbortSignal;
  /** Fires at cleanupUntil. */
  cleanup: AbortSignal;
  dispose(): void;
}

/** The budget's two moments as signals; undefined without a budget. */
export function budgetSignals(budget: RunBudget | undefined, now = Date.now()): BudgetSignals | undefined {
  if (budget === undefined) return undefined;
  const scenarios = deadlineSignal(budget.scenariosUntil, now)!;
  const cleanup = deadlineSignal(budget.cleanupUntil, now)!;
  return {
    scenarios: scenarios.signal,
    cleanup: cleanup.signal,
    dispose: () => {
      scenarios.dispose();
      cleanup.dispose();
    },
  };
}
