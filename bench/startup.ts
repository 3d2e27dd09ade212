// The startup case of `npm run bench`: how long the command takes to answer `--version`, `--help`
// and `list`, process start to exit, as an installed package runs it (the compiled dist/ with plain
// node), with the sources through tsx beside it for contrast. Measured, never asserted.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT}bin/scim-conformance.mjs`;

export interface StartupCase {
  name: string;
  args: string[];
  /**
   * Where the command's code comes from: dist/ (as installed) or the sources through tsx (a
   * checkout); `bare` is `node -e 0`, node's own start on this machine, for scale.
   */
  from: 'dist' | 'sources' | 'bare';
  /** The bound for the compiled command, in milliseconds. */
  limitMs?: number;
}

export const STARTUP_CASES: StartupCase[] = [
  { name: '--version', args: ['--version'], from: 'dist', limitMs: 300 },
  { name: '--help', args: ['--help'], from: 'dist', limitMs: 300 },
  { name: 'list', args: ['list'], from: 'dist', limitMs: 600 },
  { name: '--version (sources through tsx)', args: ['--version'], from: 'sources' },
  { name: 'node -e 0 (node alone, for scale)', args: [], from: 'bare' },
];

export interface StartupResult {
  name: string;
  from: StartupCase['from'];
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  limitMs?: number;
}

/** `npm run build`: the bench measures the compiled code, so it compiles the sources it was started from. */
export function buildDist(): void {
  const built = spawnSync(process.execPath, [`${ROOT}bin/build.mjs`], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) throw new Error(`the build (bin/build.mjs) exited with ${built.status ?? built.signal}`);
}

/** One process start to exit, in milliseconds; rejects when it does not exit 0. */
export function timeCommand(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`));
    });
  });
}

/**
 * Times each case `runs` times after one unmeasured warm-up run of each (which fills the file
 * cache). The cases take turns, so a change in the machine's load falls on all of them alike.
 */
export async function measureStartup(runs: number, cases: StartupCase[] = STARTUP_CASES): Promise<StartupResult[]> {
  const argv = (c: StartupCase) => (c.from === 'bare' ? ['-e', '0'] : [BIN, ...c.args]);
  const env = (c: StartupCase): Record<string, string> => (c.from === 'dist' ? { SCIM_CONFORMANCE_DIST: '1' } : {});
  const times = cases.map(() => [] as number[]);
  for (let i = -1; i < runs; i += 1) {
    for (const [k, c] of cases.entries()) {
      const ms = await timeCommand(process.execPath, argv(c), env(c));
      if (i >= 0) times[k]!.push(ms);
    }
  }
  return cases.map((c, k) => ({
    name: c.name,
    from: c.from,
    runs,
    medianMs: median(times[k]!),
    minMs: Math.min(...times[k]!),
    maxMs: Math.max(...times[k]!),
    ...(c.limitMs !== undefined ? { limitMs: c.limitMs } : {}),
  }));
}

export function renderStartup(results: StartupResult[]): string {
  const ms = (n: number) => `${Math.round(n)}`;
  const rows = results.map((r) => {
    const verdict = r.limitMs === undefined ? '–' : `${r.medianMs <= r.limitMs ? 'met' : 'missed'} (< ${r.limitMs} ms)`;
    const code = { dist: 'dist/, plain node', sources: 'sources, tsx', bare: 'none' }[r.from];
    return `| ${r.name} | ${code} | ${r.runs} | ${ms(r.medianMs)} | ${ms(r.minMs)} | ${ms(r.maxMs)} | ${verdict} |`;
  });
  return ['| startup | code | runs | median ms | min ms | max ms | target |', '|---|---|---:|---:|---:|---:|---|', ...rows].join('\n') + '\n';
}
