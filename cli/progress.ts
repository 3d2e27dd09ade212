// A progress line on stderr while a run is under way: rewritten in place on a terminal,
// a few plain lines otherwise (CI logs), nothing with --quiet.
import type { RunProgress } from '../engine/runner.ts';

export interface Progress {
  start(total: number, target: string): void;
  update(p: RunProgress): void;
  stop(): void;
}

export function createProgress(options: { quiet: boolean; stream: NodeJS.WriteStream; intervalMs?: number }): Progress {
  const { stream } = options;
  const tty = !!stream.isTTY;
  const interval = options.intervalMs ?? 2000;
  const counts: Record<string, number> = {};
  let total = 0;
  let lastPrint = 0;
  let started = 0;
  let open = false;
  const line = (p: RunProgress) => {
    const parts = ['fail', 'error', 'warn', 'blocked'].filter((o) => counts[o]).map((o) => `${counts[o]} ${o}`);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    return `[${p.done}/${total}] ${secs}s${parts.length ? ` · ${parts.join(' · ')}` : ''}`;
  };
  return {
    start(n, target) {
      total = n;
      started = Date.now();
      if (!options.quiet) stream.write(`Running ${n} scenarios against ${target}\n`);
    },
    update(p) {
      counts[p.last.outcome] = (counts[p.last.outcome] ?? 0) + 1;
      if (options.quiet) return;
      const now = Date.now();
      if (tty) {
        if (now - lastPrint < 80 && p.done !== p.total) return;
        lastPrint = now;
        const text = `${line(p)} ${p.last.id}`;
        const width = (stream.columns ?? 100) - 1;
        stream.write(`\r${text.slice(0, width).padEnd(width)}`);
        open = true;
      } else if (now - lastPrint >= interval || p.done === p.total) {
        lastPrint = now;
        stream.write(`${line(p)}\n`);
      }
    },
    stop() {
      if (open) stream.write('\n');
      open = false;
    },
  };
}
