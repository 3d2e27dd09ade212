// Counting and small text helpers shared by every reporter, so the numbers always agree.
import { OUTCOMES } from '../schemas/run-result.ts';
import type { Outcome, ResultLevel, RunInfo, ScenarioResult } from '../schemas/run-result.ts';
import { compareSections } from './refs.ts';

export type Counts = Record<Outcome, number> & { total: number };

export const LEVELS: readonly ResultLevel[] = ['MUST', 'SHOULD', 'MAY', 'DERIVED', 'AMBIG', 'INTEROP'];

export function emptyCounts(): Counts {
  return { total: 0, pass: 0, fail: 0, warn: 0, unsupported: 0, blocked: 0, error: 0 };
}

/** Counted from the scenarios themselves, never copied from result.summary. */
export function countOutcomes(scenarios: readonly ScenarioResult[]): Counts {
  const counts = emptyCounts();
  for (const s of scenarios) {
    counts[s.outcome] += 1;
    counts.total += 1;
  }
  return counts;
}

export function countBySection(scenarios: readonly ScenarioResult[]): Array<[string, Counts]> {
  return groupCounts(scenarios, (s) => s.section).sort(([a], [b]) => compareSections(a, b));
}

export function countByLevel(scenarios: readonly ScenarioResult[]): Array<[string, Counts]> {
  const rank = (l: string) => {
    const i = LEVELS.indexOf(l as ResultLevel);
    return i < 0 ? LEVELS.length : i;
  };
  return groupCounts(scenarios, (s) => s.level).sort(([a], [b]) => rank(a) - rank(b));
}

function groupCounts(scenarios: readonly ScenarioResult[], key: (s: ScenarioResult) => string): Array<[string, Counts]> {
  const groups = new Map<string, Counts>();
  for (const s of scenarios) {
    const k = key(s);
    const c = groups.get(k) ?? emptyCounts();
    c[s.outcome] += 1;
    c.total += 1;
    groups.set(k, c);
  }
  return [...groups.entries()];
}

/** "312 scenarios: 300 pass, 0 fail, 8 warn, 4 unsupported, 0 blocked, 0 error" (CI logs grep this). */
export function summaryLine(counts: Counts): string {
  // Always "scenarios", even for one: a fixed format is what lets a pipeline grep it.
  return `${counts.total} scenarios: ${OUTCOMES.map((o) => `${counts[o]} ${o}`).join(', ')}`;
}

/** "ExampleIdM 4.2.1" when the product is known, else the target URL. */
export function targetTitle(run: RunInfo): string {
  const { product, version, url } = run.target;
  if (product) return version ? `${product} ${version}` : product;
  return url;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export function capabilityList(run: RunInfo): { on: string[]; off: string[] } {
  const entries = Object.entries(run.capabilities);
  return { on: entries.filter(([, v]) => v).map(([k]) => k), off: entries.filter(([, v]) => !v).map(([k]) => k) };
}

/** Scenarios by outcome, in the order they ran. */
export function withOutcome(scenarios: readonly ScenarioResult[], outcome: Outcome): ScenarioResult[] {
  return scenarios.filter((s) => s.outcome === outcome);
}
