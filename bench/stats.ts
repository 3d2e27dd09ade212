// Numbers of one measured case, from the CLI's request log and result, and their Markdown table.
import type { LoggedRequest } from '../engine/request-log.ts';

export interface RequestStats {
  requests: number;
  /** Requests per scenario over the whole run (discovery, shared set-up and cleanup included). */
  perScenarioMean: number;
  /** Most requests one scenario made itself (its set-up, PATCH, GETs and the DELETEs of what it created; shared resources are deleted run-wide). */
  perScenarioMax: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function requestStats(log: LoggedRequest[], scenarios: number): RequestStats {
  const perFlow = new Map<string, number>();
  // Unlabelled requests (discovery, the final cleanup of shared resources) are the run's, not one scenario's.
  for (const e of log) if (!e.flow.startsWith('~')) perFlow.set(e.flow, (perFlow.get(e.flow) ?? 0) + 1);
  const ms = log.map((e) => e.ms);
  return {
    requests: log.length,
    perScenarioMean: scenarios > 0 ? log.length / scenarios : 0,
    perScenarioMax: Math.max(0, ...perFlow.values()),
    latencyP50Ms: percentile(ms, 50),
    latencyP95Ms: percentile(ms, 95),
  };
}

export interface CaseResult {
  name: string;
  description: string;
  concurrency: number;
  addedLatencyMs: number;
  scenarios: number;
  exitCode: number | null;
  /** CLI process start to exit. */
  wallMs: number;
  /** The run itself (result.json run.durationMs): discovery to cleanup, no process start or reports. */
  runMs: number;
  /** user + system CPU of the CLI process, when /usr/bin/time could tell. */
  cpuMs?: number;
  peakRssMb?: number;
  floorMs: number;
  stats: RequestStats;
  /** Wall times of every trial; the reported one is the median. */
  trialsWallMs: number[];
}

export function scenariosPerSecond(c: CaseResult): number {
  return c.wallMs > 0 ? (c.scenarios * 1000) / c.wallMs : 0;
}

const fixed = (n: number | undefined, digits: number): string => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));

export function renderTable(cases: CaseResult[]): string {
  const head = [
    'case', 'scenarios', 'requests', 'req/scenario mean', 'req/scenario max', 'wall s', 'CPU s', 'scenarios/s',
    'p50 ms', 'p95 ms', 'peak RSS MB', 'floor s', 'wall/floor', 'run/floor',
  ];
  const rows = cases.map((c) => [
    c.name,
    String(c.scenarios),
    String(c.stats.requests),
    fixed(c.stats.perScenarioMean, 2),
    String(c.stats.perScenarioMax),
    fixed(c.wallMs / 1000, 2),
    fixed(c.cpuMs === undefined ? undefined : c.cpuMs / 1000, 2),
    fixed(scenariosPerSecond(c), 0),
    fixed(c.stats.latencyP50Ms, 2),
    fixed(c.stats.latencyP95Ms, 2),
    fixed(c.peakRssMb, 0),
    fixed(c.floorMs / 1000, 2),
    fixed(c.floorMs > 0 ? c.wallMs / c.floorMs : undefined, 2),
    fixed(c.floorMs > 0 ? c.runMs / c.floorMs : undefined, 2),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((h, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n') + '\n';
}
