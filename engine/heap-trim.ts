// Keeps a long run's memory flat. A run's garbage is mostly medium-lived (a scenario's exchanges and
// bodies live as long as the scenario, so they outlast young-generation collections and are
// promoted); V8 then lets the old generation grow for tens of megabytes before its first full
// collection, so peak RSS grew with the number of scenarios although what stays alive is small.
// An asynchronous full collection every `every` finished scenarios bounds that: a default run (about
// 550 scenarios) gets none, `--repeat 16` one per `every` (about 30 ms of CPU each).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void | Promise<void>;

let gcFunction: GcFunction | null | undefined;

/** V8's gc(), made available at run time (the documented setFlagsFromString('--expose-gc') way); null if that fails. */
export function exposedGc(): GcFunction | null {
  if (gcFunction !== undefined) return gcFunction;
  try {
    const existing = (globalThis as { gc?: GcFunction }).gc;
    if (typeof existing === 'function') return (gcFunction = existing);
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    gcFunction = typeof fn === 'function' ? (fn as GcFunction) : null;
  } catch {
    gcFunction = null;
  }
  return gcFunction;
}

/** Call once per finished scenario: every `every`-th call starts a full collection. */
export function heapTrimmer(every = 1000, gc: GcFunction | null = exposedGc()): () => void {
  let done = 0;
  return () => {
    done += 1;
    if (gc && done % every === 0) void gc({ type: 'major', execution: 'async' });
  };
}
