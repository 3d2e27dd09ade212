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
  /** Where the command's code comes from: dist/ (as installed) or the sources through tsx (a checkout). */
  from: 'dist' | 'sources';
  /** The bound for the compiled command, in milliseconds. */
  limitMs?: number;
}

export const STARTUP_CASES: StartupCase[] = [
  { name: '--version', args: ['--version'], from: 'dist', limitMs: 300 },
  { name: '--help', args: ['--help'], from: 'dist', limitMs: 300 },
  { name: 'list', args: ['list'], from: 'dist', limitMs: 600 },
  { name: '--version (sources through tsx)', args: ['--version'], from: 'sources' },
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

/** Times each case `runs` times after one unmeasured warm-up run (which fills the file cache). */
export async function measureStartup(runs: number, cases: StartupCase[] = STARTUP_CASES): Promise<StartupResult[]> {
  const results: StartupResult[] = [];
  for (const c of cases) {
    const env: Record<string, string> = c.from === 'dist' ? { SCIM_CONFORMANCE_DIST: '1' } : {};
    const argv = [BIN, ...c.args];
    await timeCommand(process.execPath, argv, env);
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) times.push(await timeCommand(process.execPath, argv, env));
    results.push({
      name: c.name,
      from: c.from,
      runs,
      medianMs: median(times),
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
      ...(c.limitMs !== undefined ? { limitMs: c.limitMs } : {}),
    });
  }
  return results;
}

export function renderStartup(results: StartupResult[]): string {
  const ms = (n: number) => `${Math.round(n)}`;
  const rows = results.map((r) => {
    const verdict = r.limitMs === undefined ? '–' : `${r.medianMs <= r.limitMs ? 'met' : 'missed'} (< ${r.limitMs} ms)`;
    return `| ${r.name} | ${r.from === 'dist' ? 'dist/, plain node' : 'sources, tsx'} | ${r.runs} | ${ms(r.medianMs)} | ${ms(r.minMs)} | ${ms(r.maxMs)} | ${verdict} |`;
  });
  return ['| startup | code | runs | median ms | min ms | max ms | target |', '|---|---|---:|---:|---:|---:|---|', ...rows].join('\n') + '\n';
}
