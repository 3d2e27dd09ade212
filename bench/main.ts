// `npm run bench`: the suite's cost, case by case, against the floor (the same requests replayed
// bare). A script, not a test: it measures and reports, it asserts nothing about timing.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/index.ts';
import { startEmbeddedServer } from '../cli/embedded-server.ts';
import type { LoggedRequest } from '../engine/request-log.ts';
import type { RunResult } from '../schemas/run-result.ts';
import { startDelayProxy } from './delay-proxy.ts';
import { replay } from './replay.ts';
import { runCli } from './run-cli.ts';
import { buildDist, measureStartup, renderStartup, type StartupResult } from './startup.ts';
import { median, renderTable, requestStats, type CaseResult } from './stats.ts';
import { evaluateTargets, renderTargets } from './targets.ts';
import { behindProxy, startThrottledTarget, type BenchTarget, type ThrottleSpec } from './throttle-target.ts';

export interface CaseDef {
  name: string;
  description: string;
  /** Undefined: the CLI's default. */
  concurrency?: number;
  latencyMs: number;
  repeat: number;
  /** Behind the hostile proxy (bench/throttle-target.ts), with 429 on every N-th request when set. */
  throttled?: { throttle?: ThrottleSpec };
}

export const CASES: CaseDef[] = [
  { name: 'default', description: 'embedded server, default concurrency', latencyMs: 0, repeat: 1 },
  { name: 'latency-20ms', description: '20 ms added to every request by a delay proxy', latencyMs: 20, repeat: 1 },
  { name: 'concurrency-1', description: 'embedded server, --concurrency 1', concurrency: 1, latencyMs: 0, repeat: 1 },
  { name: 'concurrency-4', description: 'embedded server, --concurrency 4', concurrency: 4, latencyMs: 0, repeat: 1 },
  { name: 'concurrency-16', description: 'embedded server, --concurrency 16', concurrency: 16, latencyMs: 0, repeat: 1 },
  { name: 'repeat-4x', description: 'every scenario 4 times', latencyMs: 0, repeat: 4 },
  { name: 'repeat-16x', description: 'every scenario 16 times', latencyMs: 0, repeat: 16 },
  // Count-based throttling against the same target without it (issue 15, item 10): at most 3x its time.
  { name: 'proxy-20ms', description: '20 ms per request through the throttling proxy, nothing throttled', latencyMs: 20, repeat: 1, throttled: {} },
  { name: 'throttle-3rd', description: 'as proxy-20ms, every third request answered 429 without Retry-After', latencyMs: 20, repeat: 1, throttled: { throttle: { every: 3 } } },
  { name: 'throttle-3rd-ra0', description: 'as proxy-20ms, every third request answered 429 with Retry-After: 0', latencyMs: 20, repeat: 1, throttled: { throttle: { every: 3, retryAfterSeconds: 0 } } },
  { name: 'throttle-3rd-ra1', description: 'as proxy-20ms, every third request answered 429 with Retry-After: 1', latencyMs: 20, repeat: 1, throttled: { throttle: { every: 3, retryAfterSeconds: 1 } } },
];

interface Trial {
  wallMs: number;
  floorMs: number;
  record: Omit<CaseResult, 'trialsWallMs' | 'floorMs' | 'name' | 'description'>;
}

function readLog(file: string): LoggedRequest[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LoggedRequest);
}

/**
 * A server of the kind the case ran against: the embedded one as `run` starts it (its own thread),
 * or, when the case adds latency, one in this process behind the delay proxy.
 */
async function target(latencyMs: number, throttled?: CaseDef['throttled']): Promise<BenchTarget> {
  if (throttled) return startThrottledTarget(latencyMs, throttled.throttle);
  // As `run` starts it: with the limited and other-tenant tokens the security family sends.
  if (latencyMs === 0) return startEmbeddedServer({ extraTokens: true });
  const server = await startServer({}, { host: '127.0.0.1', port: 0 });
  return behindProxy(server, await startDelayProxy({ upstream: server.url, delayMs: latencyMs }));
}

async function trial(def: CaseDef): Promise<Trial> {
  const work = mkdtempSync(join(tmpdir(), 'scim-bench-'));
  try {
    const logFile = join(work, 'requests.ndjson');
    const args = ['run', '-q', '--seed', '1', '--out-dir', join(work, 'runs'), '--request-log', logFile];
    if (def.concurrency !== undefined) args.push('--concurrency', String(def.concurrency));
    if (def.repeat > 1) args.push('--repeat', String(def.repeat));
    // The embedded server lives in the CLI process; with latency the target is ours, behind the proxy.
    const remote = def.latencyMs > 0 || def.throttled ? await target(def.latencyMs, def.throttled) : undefined;
    const env: Record<string, string> = remote ? { SCIM_BASE_URL: remote.url, SCIM_TOKEN: remote.token } : {};
    const ran = await runCli(args, { env, workDir: work }).finally(() => remote?.close());
    const runDir = readdirSync(join(work, 'runs'))[0];
    // Exit 1 (conformance failures) still measured the run; anything else did not.
    if ((ran.exitCode !== 0 && ran.exitCode !== 1) || runDir === undefined) {
      throw new Error(`case ${def.name}: the run exited with ${ran.exitCode}: ${ran.stderr.trim().split('\n').pop() ?? ''}`);
    }
    const result = JSON.parse(readFileSync(join(work, 'runs', runDir, 'result.json'), 'utf8')) as RunResult;
    for (const s of result.scenarios.filter((x) => x.outcome === 'fail' || x.outcome === 'error' || x.outcome === 'blocked')) {
      process.stderr.write(`  (${def.name}: ${s.id} ${s.outcome}: ${s.reason ?? ''})\n`);
    }
    const log = readLog(logFile);

    // The floor of a throttled case is the same target without the 429s.
    const fresh = await target(def.latencyMs, def.throttled ? {} : undefined);
    const floor = await replay(log, { origin: new URL(fresh.url).origin, token: fresh.token, ...(fresh.tokens ? { tokens: fresh.tokens } : {}), concurrency: result.run.concurrency }).finally(() =>
      fresh.close(),
    );
    if (floor.statusMismatches > 0) process.stderr.write(`  (${def.name}: ${floor.statusMismatches} replayed requests answered another status)\n`);
    return {
      wallMs: ran.wallMs,
      floorMs: floor.wallMs,
      record: {
        concurrency: result.run.concurrency,
        addedLatencyMs: def.latencyMs,
        scenarios: result.summary.total,
        exitCode: ran.exitCode,
        wallMs: ran.wallMs,
        runMs: result.run.durationMs,
        ...(ran.cpuMs !== undefined ? { cpuMs: ran.cpuMs } : {}),
        ...(ran.peakRssMb !== undefined ? { peakRssMb: ran.peakRssMb } : {}),
        stats: requestStats(log, result.summary.total),
      },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measure(def: CaseDef, trials: number): Promise<CaseResult> {
  const runs: Trial[] = [];
  for (let i = 0; i < trials; i += 1) runs.push(await trial(def));
  const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const mid = byWall[Math.floor((byWall.length - 1) / 2)]!;
  return {
    name: def.name,
    description: def.description,
    ...mid.record,
    floorMs: median(runs.map((r) => r.floorMs)),
    trialsWallMs: runs.map((r) => Math.round(r.wallMs)),
  };
}

export function machine(): Record<string, string | number> {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

interface BenchFlags {
  trials: number;
  /** Runs of each startup command (the median is reported). */
  startupRuns: number;
  only?: string[];
  out: string;
}

function parseFlags(argv: string[]): BenchFlags {
  const flags: BenchFlags = { trials: 3, startupRuns: 11, out: new URL('.', import.meta.url).pathname };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--trials') flags.trials = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (a === '--only') flags.only = value().split(',').map((s) => s.trim());
    else if (a === '--out') flags.out = value();
    else if (a === '--quick') {
      flags.trials = 1;
      flags.startupRuns = 5;
      flags.only = ['startup', ...CASES.filter((c) => c.name !== 'repeat-16x' && c.name !== 'throttle-3rd-ra1').map((c) => c.name)];
    } else if (a === '--help' || a === '-h') {
      throw new Error('usage: npm run bench -- [--trials N] [--only case,case] [--quick] [--out DIR]\ncases: startup, ' + CASES.map((c) => c.name).join(', '));
    } else throw new Error(`unknown option ${a}`);
  }
  return flags;
}

export async function main(argv: string[]): Promise<number> {
  let flags: BenchFlags;
  try {
    flags = parseFlags(argv);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const defs = flags.only ? CASES.filter((c) => flags.only!.includes(c.name)) : CASES;
  const loadBefore = loadavg();
  const started = new Date();
  const cases: CaseResult[] = [];
  let startup: StartupResult[] = [];
  try {
    // Every case runs the compiled command, as the package ships it: compile the sources first.
    process.stderr.write('bench: building dist/ ...\n');
    buildDist();
    if (!flags.only || flags.only.includes('startup')) {
      process.stderr.write(`bench: startup (${flags.startupRuns} runs per command) ...\n`);
      startup = await measureStartup(flags.startupRuns);
    }
  } catch (e) {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  // A case that cannot be measured is reported and skipped: the others' numbers are still written.
  const failed: string[] = [];
  for (const def of defs) {
    process.stderr.write(`bench: ${def.name} (${flags.trials} trial${flags.trials === 1 ? '' : 's'}) ...\n`);
    try {
      cases.push(await measure(def, flags.trials));
    } catch (e) {
      const why = `${def.name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
      process.stderr.write(`bench: ${why}\n`);
      failed.push(why);
    }
  }
  const targets = evaluateTargets(cases);
  const info = { ...machine(), loadAverageBefore: loadBefore.map((n) => n.toFixed(2)).join(' '), loadAverageAfter: loadavg().map((n) => n.toFixed(2)).join(' ') };
  const table = renderTable(cases);
  const md =
    `# scim-conformance bench (${started.toISOString()})\n\n` +
    `Machine: ${Object.entries(info).map(([k, v]) => `${k} ${v}`).join(', ')}. Median of ${flags.trials} trial(s) per case.\n\n` +
    (cases.length > 0 ? `${table}\n${renderTargets(targets)}` : '') +
    (failed.length > 0 ? `\nNot measured (the case failed):\n\n${failed.map((f) => `- ${f}`).join('\n')}\n` : '') +
    (startup.length > 0 ? `${cases.length > 0 ? '\n' : ''}Startup, process start to exit, median of ${flags.startupRuns} runs after a warm-up, the commands taking turns:\n\n${renderStartup(startup)}` : '');
  mkdirSync(flags.out, { recursive: true });
  writeFileSync(join(flags.out, 'results.json'), JSON.stringify({ date: started.toISOString(), machine: info, trials: flags.trials, cases, targets, startup, ...(failed.length > 0 ? { failed } : {}) }, null, 2) + '\n');
  writeFileSync(join(flags.out, 'results.md'), md);
  process.stdout.write(`${md}\nWritten: ${join(flags.out, 'results.json')}, ${join(flags.out, 'results.md')}\n`);
  return failed.length > 0 ? 1 : 0;
}
