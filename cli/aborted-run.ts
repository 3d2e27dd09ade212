// A run that ended before any scenario ran (exit 2: a credential the target rejects, an empty
// selection; exit 3: target unreachable or not a SCIM server) still leaves result.json and
// junit.xml in its run folder, so a CI job can publish why it failed. The result is a valid
// run result with no scenarios, `run.aborted` saying why and a run note with the same reason.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunResult } from '../schemas/run-result.ts';
import { OUTCOMES } from '../schemas/run-result.ts';
import { validateWith } from '../schemas/validate.ts';
import { publicUrl } from '../engine/run.ts';
import { SUITE } from '../engine/suite-info.ts';
import { renderAbortedJunit } from '../reporters/junit-aborted.ts';

export interface AbortedRun {
  runId: string;
  seed: number;
  /** Epoch milliseconds when the run started. */
  startedAt: number;
  baseUrl: string;
  embedded: boolean;
  profile: string;
  concurrency: number;
  shard?: NonNullable<RunResult['run']['shard']>;
  exitCode: 2 | 3;
  reason: string;
}

export function abortedResult(a: AbortedRun, now = Date.now()): RunResult {
  const summary = { total: 0 } as RunResult['summary'];
  for (const o of OUTCOMES) summary[o] = 0;
  return {
    resultVersion: 1,
    run: {
      id: a.runId,
      suite: { name: SUITE.name, version: SUITE.version },
      target: { url: publicUrl(a.baseUrl), embedded: a.embedded },
      profile: a.profile,
      seed: a.seed,
      startedAt: new Date(a.startedAt).toISOString(),
      durationMs: Math.max(0, now - a.startedAt),
      concurrency: a.concurrency,
      capabilities: { patch: false, etag: false, filter: false, bulk: false, sort: false, changePassword: false, groups: false, enterpriseUser: false },
      // Nothing was discovered: the capabilities above are not the target's (run.aborted says why).
      discovery: { source: 'fallback', notes: ['discovery did not complete: the run was aborted'] },
      notes: [`aborted (exit ${a.exitCode}): ${a.reason}`],
      ...(a.shard ? { shard: a.shard } : {}),
      aborted: { exitCode: a.exitCode, reason: a.reason },
    },
    summary,
    scenarios: [],
    findings: [],
    leftovers: [],
  };
}

export interface AbortedPaths {
  json: string;
  junit: string;
}

/** Writes result.json (checked against its schema first) and junit.xml into `dir`. */
export async function writeAbortedRun(result: RunResult, dir: string): Promise<AbortedPaths> {
  const check = validateWith('run-result', result);
  if (!check.ok) throw new Error(`result.json: the aborted run's result is invalid: ${check.errors[0]?.path || '(root)'} ${check.errors[0]?.message ?? ''}`);
  const base = resolve(dir);
  await mkdir(base, { recursive: true });
  const paths = { json: join(base, 'result.json'), junit: join(base, 'junit.xml') };
  const junit = renderAbortedJunit(result);
  await writeFile(paths.json, JSON.stringify(result, null, 2) + '\n', 'utf8');
  await writeFile(paths.junit, junit, 'utf8');
  return paths;
}
