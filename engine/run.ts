// One whole run: discovery, scenario generation, execution, cleanup, the canonical result.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RunResult, ScenarioResult, Leftover, Outcome } from '../schemas/run-result.ts';
import { OUTCOMES } from '../schemas/run-result.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { TargetConfig } from './config.ts';
import type { Discovery } from './discovery.ts';
import { runScenarios, type RunProgress } from './runner.ts';
import { openSession } from './session.ts';
import { runBudget } from './deadline.ts';
import { exchangeStream, requestLog } from './request-log.ts';
import { SUITE } from './suite-info.ts';
import { CheckObserver } from './checks/observer.ts';
import { buildFindings } from './findings.ts';
import { heapTrimmer } from './heap-trim.ts';

export interface RunOptions {
  /** The target is the embedded reference server started for this run. */
  embedded: boolean;
  seed?: number;
  runId?: string;
  /** Keep only these scenarios (already selected by the caller), else all generated ones. */
  select?: (scenarios: Scenario[]) => Scenario[];
  /** Also write every request (without credentials) as NDJSON here, for `npm run bench` to replay. */
  requestLog?: string;
  /** Recorded in the result when the caller selected one shard (run --shard K/N), so that merge can check completeness. */
  shard?: { index: number; count: number };
  onProgress?: (p: RunProgress) => void;
  /** Called once discovery is done and the scenarios are known. */
  onStart?: (info: { total: number; discovery: Discovery; runDir: string }) => void;
  signal?: AbortSignal;
  /** The whole run, cleanup included: scenarios stop early enough to leave cleanup its share (engine/deadline.ts). */
  deadlineMs?: number;
  /** Stop starting scenarios once this many failed; those not started are left out (a run note says how many). */
  bail?: number;
  /** Extra run notes from the caller (the embedded server's seeded defects and quirks). */
  notes?: string[];
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Discovery failures that mean "this is not a usable SCIM target" surface as TargetError from here. */
export async function executeRun(config: TargetConfig, options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const runId = options.runId ?? newRunId();
  const seed = options.seed ?? config.seed ?? (Date.now() % 100000);
  const runDir = join(config.outDir, runId);
  mkdirSync(runDir, { recursive: true });

  // Every exchange is streamed to the run folder; results keep only those of non-passing scenarios.
  const sinks = [exchangeStream(join(runDir, 'exchanges.ndjson')), ...(options.requestLog ? [requestLog(options.requestLog)] : [])];
  const closeSinks = () => Promise.all(sinks.map((s) => s.close()));
  const session = await openSession(config, {
    runId,
    seed,
    ledgerFile: join(runDir, 'ledger.ndjson'),
    onExchange: sinks.map((s) => s.listener),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.deadlineMs !== undefined ? { budget: runBudget(started, options.deadlineMs) } : {}),
  }).catch(async (e: unknown) => {
    await closeSinks();
    throw e;
  });
  const discovery = session.discovery;
  let results: ScenarioResult[] = [];
  let selected = 0;
  let leftovers: Leftover[] = [];
  let notRun: RunResult['notRun'];
  // Rules for every response are observed on every exchange and reported once (engine/checks/).
  const observer = new CheckObserver({ baseUrl: session.baseUrl, endpoints: session.context.endpoints, schemas: discovery.schemas });
  session.context.client.onExchange(observer.listener);
  let checks = { results: [] as ScenarioResult[], extras: new Map() as ReturnType<CheckObserver['results']>['extras'] };
  try {
    const scenarios = options.select ? options.select(session.scenarios) : session.scenarios;
    selected = scenarios.length;
    observer.order(scenarios.map((s) => s.id));
    options.onStart?.({ total: scenarios.length, discovery, runDir });
    const trim = heapTrimmer();
    const ran = await runScenarios(session.context, scenarios, {
      concurrency: config.concurrency,
      onResult: (p) => {
        trim();
        options.onProgress?.(p);
      },
      ...(options.bail !== undefined ? { bail: options.bail } : {}),
    });
    checks = observer.results(scenarios.filter((s) => s.check !== undefined));
    // In the order of the selection (ids), the checks among the rest as a single run lists them.
    const at = new Map(scenarios.map((s, i) => [s.id, i]));
    results = [...ran.results, ...checks.results].sort((a, b) => (at.get(a.id) ?? 0) - (at.get(b.id) ?? 0));
    if (ran.notRun) notRun = { count: ran.notRun.ids.length, reason: ran.notRun.reason, ids: ran.notRun.ids };
  } finally {
    leftovers = await session.close();
    await closeSinks();
  }

  const summary = { total: results.length } as RunResult['summary'];
  for (const o of OUTCOMES) summary[o] = 0;
  for (const r of results) summary[r.outcome as Outcome] += 1;
  const notes = [...runNotes(config), ...(options.notes ?? [])];
  const cut = leftovers.filter((l) => l.reason.startsWith('deadline:')).length;
  // (The embedded server takes what is left with it when the command ends.)
  if (cut > 0 && !options.embedded) notes.push(`cleanup stopped at the deadline with ${cut} resource(s) not deleted (see leftovers); finish it with: scim-conformance cleanup --run ${runId}`);
  if (notRun) notes.push(`${notRun.reason}; ${notRun.count} of ${selected} selected scenarios were not run`);
  const findings = buildFindings(results, checks.extras);
  return {
    resultVersion: 1,
    run: {
      id: runId,
      suite: SUITE,
      target: {
        url: publicUrl(config.baseUrl),
        embedded: options.embedded,
        ...(discovery.product?.name ? { product: discovery.product.name } : {}),
        ...(discovery.product?.version ? { version: discovery.product.version } : {}),
      },
      profile: config.profile,
      seed,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      concurrency: config.concurrency,
      capabilities: discovery.capabilities,
      discovery: { source: discovery.source, notes: discovery.notes },
      notes,
      ...(options.shard ? { shard: options.shard } : {}),
    },
    summary,
    scenarios: results,
    findings,
    ...(notRun ? { notRun } : {}),
    leftovers,
  };
}

/** The target URL as it may appear in a report: no user-info, no query string. */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

function runNotes(config: TargetConfig): string[] {
  const notes: string[] = [];
  const u = new URL(config.baseUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) || u.hostname.startsWith('127.');
  if (u.protocol === 'http:' && !loopback && config.auth.kind !== 'none') {
    notes.push(`the credential travelled in clear: ${u.origin} is plain http on a non-loopback host`);
  }
  if (config.tls.allowSelfSigned) notes.push('TLS certificate verification was switched off (--insecure)');
  return notes;
}
