// Joins the results of the shards of one run (run --shard K/N on several machines) into one result,
// as if a single run had executed every scenario: the gate and the reports then see the whole set.
import { mergeFindings } from './findings.ts';
import type { Finding, Outcome, RunInfo, RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { OUTCOMES } from '../schemas/run-result.ts';
import { idHash } from './shard.ts';

/** The shards cannot be joined; the message is one line naming the offending file or scenario. */
export class MergeError extends Error {}

export interface NamedResult {
  /** Where the result came from (a file name), for messages. */
  source: string;
  result: RunResult;
}

const SOURCE_RANK = { discovered: 0, partial: 1, fallback: 2 } as const;

function sameCapabilities(a: RunInfo['capabilities'], b: RunInfo['capabilities']): boolean {
  return (Object.keys(a) as Array<keyof typeof a>).every((k) => a[k] === b[k]);
}

function checkShards(inputs: NamedResult[]): void {
  const sharded = inputs.filter((i) => i.result.run.shard);
  if (sharded.length === 0) return;
  if (sharded.length !== inputs.length) {
    const whole = inputs.find((i) => !i.result.run.shard)!;
    throw new MergeError(`${whole.source} is a whole run, not a shard; merge joins the shards of one run`);
  }
  const count = sharded[0]!.result.run.shard!.count;
  const seen = new Map<number, string>();
  for (const { source, result } of inputs) {
    const s = result.run.shard!;
    if (s.count !== count) throw new MergeError(`${source} is shard ${s.index}/${s.count}, the others are out of ${count}`);
    const other = seen.get(s.index);
    if (other !== undefined) throw new MergeError(`${source} and ${other} are both shard ${s.index}/${count}`);
    seen.set(s.index, source);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${count}`).join(', ')} missing: every shard's result.json must be given`);
}

/**
 * One result from several. Run info: the earliest start; `durationMs` is the span from the first
 * shard's start to the last shard's end (the wall time of the sharded job; the sum is in the
 * notes); concurrency is the largest; target, suite and profile must agree.
 */
export function mergeResults(inputs: NamedResult[]): RunResult {
  if (inputs.length === 0) throw new MergeError('nothing to merge: give the result.json of every shard');
  const first = inputs[0]!;
  const run0 = first.result.run;
  for (const { source, result } of inputs) {
    const aborted = result.run.aborted;
    if (aborted) throw new MergeError(`${source} is a run that ended before any scenario ran (exit ${aborted.exitCode}: ${aborted.reason}); run that shard again`);
  }
  for (const { source, result } of inputs.slice(1)) {
    const run = result.run;
    if (run.suite.name !== run0.suite.name || run.suite.version !== run0.suite.version) {
      throw new MergeError(`${source} comes from ${run.suite.name} ${run.suite.version}, ${first.source} from ${run0.suite.name} ${run0.suite.version}`);
    }
    // Each shard against the embedded server starts its own, on its own port: same kind of target.
    if (!(run.target.embedded && run0.target.embedded) && run.target.url !== run0.target.url) {
      throw new MergeError(`${source} ran against ${run.target.url}, ${first.source} against ${run0.target.url}`);
    }
    if (run.profile !== run0.profile) throw new MergeError(`${source} used profile ${run.profile}, ${first.source} ${run0.profile}`);
    const sel = run.shard?.selection;
    const sel0 = run0.shard?.selection;
    if ((sel || sel0) && (sel?.count !== sel0?.count || sel?.fingerprint !== sel0?.fingerprint)) {
      throw new MergeError(
        `${source} split ${describeSelection(sel)}, ${first.source} ${describeSelection(sel0)}: the shards were run with different scenario sets ` +
          '(run every shard with the same --only/--skip/--family/--level against the same target)',
      );
    }
    // Other seeds generate other data: the shards would not be parts of one run.
    if (run.seed !== run0.seed) {
      throw new MergeError(`${source} used seed ${run.seed}, ${first.source} seed ${run0.seed}: run every shard with the same --seed`);
    }
  }
  checkShards(inputs);

  const owner = new Map<string, string>();
  for (const { source, result } of inputs) {
    for (const s of result.scenarios) {
      if (s.family === CHECKS_FAMILY) continue; // in every shard, joined below
      const other = owner.get(s.id);
      if (other !== undefined) throw new MergeError(`scenario ${s.id} is in both ${other} and ${source}: the shards overlap`);
      owner.set(s.id, source);
    }
  }
  const findings = mergeFindings(inputs.map((i) => i.result.findings));
  const scenarios = [...inputs.flatMap((i) => i.result.scenarios.filter((s) => s.family !== CHECKS_FAMILY)), ...joinChecks(inputs.map((i) => i.result), findings)].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const summary = { total: scenarios.length } as RunResult['summary'];
  for (const o of OUTCOMES) summary[o] = 0;
  for (const s of scenarios) summary[s.outcome as Outcome] += 1;

  const starts = inputs.map((i) => Date.parse(i.result.run.startedAt));
  const ends = inputs.map((i, k) => starts[k]! + i.result.run.durationMs);
  const start = Math.min(...starts);
  const sum = inputs.reduce((n, i) => n + i.result.run.durationMs, 0);
  const ids = inputs.map((i) => i.result.run.id);

  const notes = new Set<string>();
  for (const i of inputs) for (const n of i.result.run.notes) notes.add(n);
  notes.add(`merged from ${inputs.length} result(s): ${ids.join(', ')}; durations sum to ${sum} ms`);
  for (const { source, result } of inputs.slice(1)) {
    if (!sameCapabilities(result.run.capabilities, run0.capabilities)) notes.add(`${source} discovered other capabilities than ${first.source}; ${first.source}'s are shown`);
  }
  const notRun = mergeNotRun(inputs);
  const discoveryNotes = [...new Set(inputs.flatMap((i) => i.result.run.discovery.notes))];
  const source = inputs.map((i) => i.result.run.discovery.source).sort((a, b) => SOURCE_RANK[b] - SOURCE_RANK[a])[0]!;

  const { shard: _shard, ...base } = run0;
  return {
    resultVersion: 1,
    run: {
      ...base,
      id: `merged-${idHash([...ids].sort().join(',')).toString(16).padStart(8, '0')}`,
      startedAt: new Date(start).toISOString(),
      durationMs: Math.max(...ends) - start,
      concurrency: Math.max(...inputs.map((i) => i.result.run.concurrency)),
      discovery: { source, notes: discoveryNotes },
      notes: [...notes],
    },
    summary,
    scenarios,
    findings,
    ...(notRun ? { notRun } : {}),
    leftovers: inputs.flatMap((i) => i.result.leftovers),
  };
}

const CHECKS_FAMILY = 'checks';
const CHECK_RANK: Record<Outcome, number> = { fail: 0, error: 1, blocked: 2, warn: 3, pass: 4, unsupported: 5 };

/**
 * Each shard judged each cross-cutting check on its own exchanges: the merged check has the worst
 * outcome, the first broken example, and the response counts of all shards (from the findings).
 */
function joinChecks(results: RunResult[], findings: Finding[]): ScenarioResult[] {
  const byId = new Map<string, ScenarioResult>();
  for (const r of results) {
    for (const s of r.scenarios) {
      if (s.family !== CHECKS_FAMILY) continue;
      const have = byId.get(s.id);
      if (!have || CHECK_RANK[s.outcome] < CHECK_RANK[have.outcome]) byId.set(s.id, structuredClone(s));
    }
  }
  for (const s of byId.values()) {
    const f = s.finding ? findings.find((x) => x.key === s.finding) : undefined;
    if (f?.responses && s.reason) s.reason = s.reason.replace(/^\d+ of \d+ responses/, `${f.responses.broken} of ${f.responses.checked} responses`);
  }
  return [...byId.values()];
}

function describeSelection(sel: { count: number; fingerprint: string } | undefined): string {
  return sel ? `a selection of ${sel.count} scenario(s) (fingerprint ${sel.fingerprint})` : 'an unrecorded selection';
}

/** The shards' not-run scenarios together: one count, their reasons, every id. */
function mergeNotRun(inputs: NamedResult[]): RunResult['notRun'] {
  const parts = inputs.map((i) => i.result.notRun).filter((n): n is NonNullable<RunResult['notRun']> => n !== undefined && n.count > 0);
  if (parts.length === 0) return undefined;
  return {
    count: parts.reduce((n, p) => n + p.count, 0),
    reason: [...new Set(parts.map((p) => p.reason))].join('; '),
    ids: parts.flatMap((p) => p.ids),
  };
}
