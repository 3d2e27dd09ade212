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
