// Executes scenarios against a target, each as a pipeline a reader can follow:
//   set-up (stages/set-up.ts) -> act (stages/act.ts) -> observe (stages/observe.ts) -> judge (stages/verdict.ts)
// (the scenario's cleanup DELETEs go out before the judging, which needs no more requests), with the
// cross-cutting checks (checks/) observing every exchange, and findings built after the run.
import type { Exchange, ScenarioResult } from '../schemas/run-result.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { TargetError, targetErrorClass } from './target-error.ts';
import { toCurl } from './curl.ts';
import { sectionOf } from './section.ts';
import { labelExchanges } from './request-log.ts';
import { deleteRecorded, scopedLedger } from './ledger.ts';
import { missingCredential } from './credentials.ts';
import { templateConflict } from '../fixtures/template-conflicts.ts';
import { CAPABILITY_WHY, type RunContext } from './run-context.ts';
import { Blocked, resolveTarget, setUp } from './stages/set-up.ts';
import { act, encodeRequest } from './stages/act.ts';
import { addOracle, observe } from './stages/observe.ts';
import { judgeScenario, type Verdict } from './stages/verdict.ts';
import { probeTarget } from './stages/probe.ts';
import { swapFiller } from './adapt.ts';
import { findingKey } from './findings.ts';
import type { Observation } from './judge.ts';

export type { RunContext } from './run-context.ts';

export async function runScenario(ctx: RunContext, original: Scenario): Promise<ScenarioResult> {
  // What the scenario created for itself is deleted as soon as it has read what it judges; the
  // verdict is computed while those DELETEs travel (a delete that fails is left to the run's cleanup,
  // which also deletes the shared resources): the target holds the resources of the scenarios under
  // way, not of every scenario so far, and the run's memory no longer grows with them.
  const own = scopedLedger(ctx.ledger);
  const cleanup: Exchange[] = [];
  labelExchanges(cleanup, original.id);
  let cleaning: Promise<unknown> | undefined;
  const clean = (): Promise<unknown> =>
    (cleaning ??= deleteRecorded(ctx.ledger, ctx.client, own.recorded, { keep: (id) => ctx.shared?.holds(id) === true, exchanges: cleanup }));
  try {
    return await walkScenario({ ...ctx, ledger: own.ledger }, original, clean);
  } finally {
    await clean();
  }
}

/** Lets the requests just started (a cleanup DELETE) go out before the CPU work that follows. */
const requestsOut = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function walkScenario(ctx: RunContext, original: Scenario, clean: () => Promise<unknown>): Promise<ScenarioResult> {
  const started = performance.now();
  const exchanges: Exchange[] = [];
  // Under a vendor profile the scenario runs with the vendor's contract; `original` is RFC 7644's.
  const plan = ctx.profile?.plan(original);
  const planned = plan && 'scenario' in plan ? plan.scenario : original;
  // A filler attribute the target does not keep is swapped for one it keeps (engine/adapt.ts).
  const filler = ctx.knowledge?.fillerFor(planned);
  const scenario = filler ? swapFiller(planned, filler) : planned;
  let observation: Observation | undefined;
  labelExchanges(exchanges, scenario.id);
  const base = { id: scenario.id, title: scenario.title, family: scenario.family, level: scenario.level, refs: scenario.refs, section: sectionOf(scenario.refs) };
  const finish = (rest: Omit<ScenarioResult, keyof typeof base | 'durationMs'>): ScenarioResult => {
    const result: ScenarioResult = { ...base, ...rest, durationMs: Math.round(performance.now() - started) };
    if (ctx.profile) Object.assign(result, ctx.profile.strictView(original, observation, result));
    if (result.outcome !== 'pass' && result.outcome !== 'unsupported') {
      result.exchanges = exchanges;
      const patch = exchanges.find((e) => e.purpose === 'patch');
      if (patch) result.curl = toCurl(patch, original.request.credential === 'none' ? { kind: 'none' } : ctx.auth);
    }
    return result;
  };

  const skip = precondition(ctx, scenario, plan);
  if (skip) return finish(skip);
  const schema = ctx.schemas[scenario.resource]!;

  try {
    const created = await setUp(ctx, scenario, exchanges);
    const target = await resolveTarget(ctx, scenario, created, exchanges);
    const encoded = encodeRequest(ctx, scenario, created, target, schema);
    if ('unsupported' in encoded) return finish({ outcome: 'unsupported', reason: encoded.unsupported });
    const acted = await act(ctx, scenario, target, schema, encoded, created, exchanges);
    const { obs, bystanders } = await observe(ctx, scenario, schema, target, created, acted, exchanges);
    observation = obs;
    // Everything the verdict needs is read: the scenario's resources are deleted while it is judged.
    void clean().catch(() => undefined);
    await requestsOut();
    addOracle(ctx, scenario, schema, target, acted, obs);
    const what = acted.isPatch ? 'PATCH' : `${acted.method} ${acted.requestPath}`;
    return finish(judgeScenario(scenario, obs, bystanders, what));
  } catch (e) {
    return finish(failure(e));
  }
}

/** Why the scenario cannot run here at all (a capability, the dialect, a credential, a template), if so. */
function precondition(ctx: RunContext, scenario: Scenario, plan: ReturnType<NonNullable<RunContext['profile']>['plan']> | undefined): Verdict & { capability?: string } | undefined {
  const missing = scenario.requires.find((c) => !ctx.capabilities[c]);
  if (missing) return { outcome: 'unsupported', capability: missing, reason: `needs ${CAPABILITY_WHY[missing]}` };
  const present = scenario.unless?.find((c) => ctx.capabilities[c]);
  if (present) return { outcome: 'unsupported', capability: `${present} advertised`, reason: `runs only where the target lacks ${CAPABILITY_WHY[present]}` };
  if (plan && 'unsupported' in plan) return { outcome: 'unsupported', reason: plan.unsupported };
  const noCredential = missingCredential(scenario.request.credential, ctx.credentials);
  if (noCredential) return { outcome: 'unsupported', capability: 'credentials', reason: noCredential };
  const conflict = templateConflict(scenario, ctx.templates);
  if (conflict) return { outcome: 'unsupported', capability: 'templates', reason: conflict };
  if (!ctx.schemas[scenario.resource]) return { outcome: 'unsupported', capability: 'groups', reason: `needs ${CAPABILITY_WHY.groups}` };
  const notKept = ctx.knowledge?.subjectNotKept(scenario);
  if (notKept) return { outcome: 'unsupported', capability: 'attribute', reason: notKept };
  return undefined;
}

/** A stage that threw: a blocked set-up, a target that broke, or a bug of the suite (internal). */
function failure(e: unknown): Verdict {
  if (e instanceof Blocked) return { outcome: 'blocked', reason: e.message, finding: e.key };
  if (e instanceof TargetError) return { outcome: 'error', reason: e.message, finding: findingKey('target-error', targetErrorClass(e)) };
  return { outcome: 'error', reason: `internal: ${e instanceof Error ? e.message : String(e)}`, finding: 'internal' };
}

export interface RunProgress {
  done: number;
  total: number;
  last: ScenarioResult;
}

export interface ScenarioRun {
  /** One result per started scenario, in the scenarios' order. */
  results: ScenarioResult[];
  /** Selected scenarios that never started, and why; absent when all started. */
  notRun?: { ids: string[]; reason: string };
}

/**
 * Runs scenarios with bounded concurrency. The probe (stages/probe.ts) runs first, so set-up fits
 * every starting state to the target. Check scenarios (family `checks`) send nothing: they are left
 * to the caller's CheckObserver (engine/checks/).
 */
export async function runScenarios(
  ctx: RunContext,
  scenarios: Scenario[],
  options: { concurrency: number; onResult?: (p: RunProgress) => void; bail?: number },
): Promise<ScenarioRun> {
  const requests = scenarios.filter((s) => s.check === undefined);
  if (requests.length > 0 && ctx.knowledge && stopReason(ctx) === undefined) await probeTarget(ctx);
  const results: Array<ScenarioResult | undefined> = new Array(requests.length);
  let next = 0;
  let done = 0;
  let failures = 0;
  let reason = '';
  // --bail N: once N scenarios failed no new one starts; those under way finish. Ctrl-C and the
  // deadline stop new starts the same way. The ones never started are counted as not run.
  const halted = (): boolean => {
    if (options.bail !== undefined && failures >= options.bail) reason = `--bail ${options.bail}: stopped after ${options.bail} failure(s)`;
    else reason = stopReason(ctx) ?? '';
    return reason !== '';
  };
  // Exactly `concurrency` scenarios under way. (More scenarios than request slots would hide a
  // long Retry-After, but at a deadline it leaves more creations cut mid-answer: not yet.)
  const worker = async (): Promise<void> => {
    while (next < requests.length && !halted()) {
      const i = next++;
      const result = await runScenario(ctx, requests[i]!);
      results[i] = result;
      if (result.outcome === 'fail') failures += 1;
      done += 1;
      options.onResult?.({ done, total: scenarios.length, last: result });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, requests.length)) }, worker));
  // The response checks and the exchange stream have heard every exchange of the scenarios.
  ctx.client.flushExchanges();
  const ran = results.filter((r): r is ScenarioResult => r !== undefined);
  const notRunIds = requests.filter((_, i) => results[i] === undefined).map((s) => s.id);
  return notRunIds.length > 0 ? { results: ran, notRun: { ids: notRunIds, reason: reason || 'not started' } } : { results: ran };
}

/** Why no scenario may start now (Ctrl-C, the deadline), if so. */
function stopReason(ctx: RunContext): string | undefined {
  if (ctx.signal?.aborted) return 'interrupted (Ctrl-C or SIGTERM)';
  if (ctx.deadline !== undefined && Date.now() > ctx.deadline) return 'the run reached its --deadline';
  return undefined;
}
