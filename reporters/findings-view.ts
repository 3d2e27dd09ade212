// The findings (distinct problems, root causes) as every report shows them: in the order the
// result gives, numbered, each scenario mapped to its finding. A problem outcome that no finding
// claims (a result from before findings existed, or a gap) still shows, as its own "ungrouped"
// problem, so no failure is ever hidden by a missing key. Anchors are shared by all views.
import type { Finding, Outcome, ProblemOutcome, RunResult, ScenarioResult } from '../schemas/run-result.ts';

export interface ProblemView extends Finding {
  /** 1-based position in the list every report shows. */
  number: number;
  /** Built here for a problem outcome no finding claims. */
  ungrouped: boolean;
  /** A check that applies to every response (family `checks`), reported on its own. */
  crossCutting: boolean;
}

export interface FindingsView {
  problems: ProblemView[];
  byScenario: Map<string, ProblemView>;
  /** How many problems were built here because no finding claimed them. */
  ungrouped: number;
}

export const PROBLEM_OUTCOMES: readonly ProblemOutcome[] = ['fail', 'error', 'blocked', 'warn'];

export function isProblem(outcome: Outcome): outcome is ProblemOutcome {
  return (PROBLEM_OUTCOMES as readonly Outcome[]).includes(outcome);
}

/** The family of checks that apply to every response (response schema, meta.location, password ...). */
export const CROSS_CUTTING_FAMILY = 'checks';

export function isCrossCuttingScenario(s: Pick<ScenarioResult, 'id' | 'family'>): boolean {
  return s.family === CROSS_CUTTING_FAMILY || s.id.startsWith(`${CROSS_CUTTING_FAMILY}.`);
}

export function findingsView(result: RunResult): FindingsView {
  const byId = new Map(result.scenarios.map((s) => [s.id, s]));
  const problems: ProblemView[] = [];
  const byKey = new Map<string, ProblemView>();
  for (const f of result.findings ?? []) {
    const crossCutting = f.responses !== undefined || f.scenarios.some((id) => {
      const s = byId.get(id);
      return s ? isCrossCuttingScenario(s) : id.startsWith(`${CROSS_CUTTING_FAMILY}.`);
    });
    const view: ProblemView = { ...f, number: problems.length + 1, ungrouped: false, crossCutting };
    problems.push(view);
    if (!byKey.has(f.key)) byKey.set(f.key, view);
  }
  const byScenario = new Map<string, ProblemView>();
  for (const p of problems) for (const id of p.scenarios) if (!byScenario.has(id)) byScenario.set(id, p);

  const loose: ScenarioResult[] = [];
  for (const s of result.scenarios) {
    if (!isProblem(s.outcome)) continue;
    const named = s.finding !== undefined ? byKey.get(s.finding) : undefined;
    if (named) byScenario.set(s.id, named);
    else if (!byScenario.has(s.id)) loose.push(s);
  }
  // Ungrouped problems after the real findings, worst outcome first, then in run order.
  loose.sort((a, b) => PROBLEM_OUTCOMES.indexOf(a.outcome as ProblemOutcome) - PROBLEM_OUTCOMES.indexOf(b.outcome as ProblemOutcome));
  for (const s of loose) {
    const reason = s.reason ?? s.title;
    const view: ProblemView = {
      key: `scenario:${s.id}`,
      title: reason,
      outcome: s.outcome as ProblemOutcome,
      level: s.level,
      refs: s.refs,
      scenarios: [s.id],
      example: { scenario: s.id, reason },
      number: problems.length + 1,
      ungrouped: true,
      crossCutting: isCrossCuttingScenario(s),
    };
    problems.push(view);
    byScenario.set(s.id, view);
  }
  return { problems, byScenario, ungrouped: loose.length };
}

/** "5 distinct problems", "1 distinct problem", "No problems found", plus the ungrouped note. */
export function problemsHeadline(view: FindingsView): string {
  const n = view.problems.length;
  if (n === 0) return 'No problems found';
  const base = `${n} distinct problem${n === 1 ? '' : 's'}`;
  return view.ungrouped > 0 ? `${base} (${view.ungrouped} not grouped by root cause: one per scenario)` : base;
}

/** "3 scenarios", "1 scenario", with the response count of a cross-cutting check when known. */
export function reachText(p: Finding): string {
  const n = p.scenarios.length;
  const base = `${n} scenario${n === 1 ? '' : 's'}`;
  if (!p.responses) return base;
  return `${base}; ${p.responses.broken} of ${p.responses.checked} response${p.responses.checked === 1 ? '' : 's'} broke it`;
}

/** The element id of a finding: "finding-<key>" (whitespace becomes "-"). */
export function findingAnchor(key: string): string {
  return `finding-${key.replace(/\s+/g, '-')}`;
}

/** The element id of a scenario: its id (whitespace becomes "-"), so "#patch.add.x" reaches it. */
export function scenarioAnchor(id: string): string {
  return id.replace(/\s+/g, '-');
}

/** "12 not run: interrupted by Ctrl-C", or undefined when every selected scenario ran. */
export function notRunLine(result: RunResult): string | undefined {
  const n = result.notRun;
  if (!n || n.count <= 0) return undefined;
  return `${n.count} not run: ${n.reason}`;
}

const ATTENTION: readonly Outcome[] = ['fail', 'error', 'blocked', 'warn', 'unsupported', 'pass'];

/** Scenarios with the ones needing attention first (fail, error, blocked, warn, unsupported, pass), run order within. */
export function attentionOrder(scenarios: readonly ScenarioResult[]): ScenarioResult[] {
  return scenarios
    .map((s, i) => ({ s, i }))
    .sort((a, b) => ATTENTION.indexOf(a.s.outcome) - ATTENTION.indexOf(b.s.outcome) || a.i - b.i)
    .map(({ s }) => s);
}

/** The scenarios of a finding other than its representative, as results (ids not in the run are skipped). */
export function othersOf(p: Finding, byId: ReadonlyMap<string, ScenarioResult>): ScenarioResult[] {
  return p.scenarios.filter((id) => id !== p.example.scenario).flatMap((id) => {
    const s = byId.get(id);
    return s ? [s] : [];
  });
}
