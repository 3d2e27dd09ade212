// Proves the suite catches real PATCH bugs and counts root causes: every seeded defect of the
// reference server (server/defects.ts) and every quirk (server/quirks.ts) is switched on alone, the
// whole suite runs against it in-process, at least one scenario must catch each defect, each
// brings at most three findings, and every changed outcome points at one of them; a quirk the RFCs
// allow costs no failure, one that breaks a rule outside PATCH costs exactly one finding. The clean
// server must pass everything. Writes docs/detection-matrix.md from what it saw.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../engine/config.ts';
import { executeRun } from '../engine/run.ts';
import type { RunResult } from '../schemas/run-result.ts';
import { DEFECT_NAMES, DEFECTS } from '../server/defects.ts';
import type { DefectName } from '../server/defects.ts';
import { QUIRK_NAMES, QUIRKS, type QuirkName } from '../server/quirks.ts';
import { startServer } from '../server/index.ts';
import { catchers, renderMatrix, sameExceptStamp } from './detection-matrix.ts';
import type { CaughtBy, DefectDetection, NewFinding, QuirkDetection } from './detection-matrix.ts';

const SEED = 4242;
const CONCURRENCY = 16;
/** Whole runs at once: they share one event loop, so more only adds contention. */
const PARALLEL_RUNS = 4;
const MATRIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'detection-matrix.md');

let outDir = '';
type Switch = DefectName | `quirk:${QuirkName}`;
const runs = new Map<Switch | 'clean', RunResult>();

async function runAgainst(which: Switch | undefined): Promise<RunResult> {
  const quirk = which?.startsWith('quirk:') ? (which.slice('quirk:'.length) as QuirkName) : undefined;
  const defect = which && !quirk ? (which as DefectName) : undefined;
  const server = await startServer({ defects: defect ? [defect] : [], quirks: quirk ? [quirk] : [] }, { host: '127.0.0.1', port: 0 });
  try {
    const config = loadConfig({
      env: { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token, SCIM_OUT_DIR: outDir, SCIM_CONCURRENCY: String(CONCURRENCY) },
    });
    return await executeRun(config, { embedded: true, seed: SEED, runId: (which ?? 'clean').replace(':', '-') });
  } finally {
    await server.close();
  }
}

/** Scenarios whose outcome differs from the clean run's. */
function changed(run: RunResult): RunResult['scenarios'] {
  const clean = new Map(runs.get('clean')!.scenarios.map((s) => [s.id, s.outcome]));
  return run.scenarios.filter((s) => clean.get(s.id) !== s.outcome);
}

/** The findings behind the changed outcomes: what the report tells a vendor to fix. */
function newFindings(run: RunResult): NewFinding[] {
  const ids = new Set(changed(run).map((s) => s.id));
  return run.findings
    .filter((f) => f.scenarios.some((id) => ids.has(id)))
    .map((f) => ({ key: f.key, title: f.title, outcome: f.outcome, scenarios: f.scenarios.length }));
}

/** Every changed problem outcome names a finding of the run that lists it. */
function unexplained(run: RunResult): string[] {
  const byKey = new Map(run.findings.map((f) => [f.key, f]));
  return changed(run)
    .filter((s) => s.outcome !== 'pass' && s.outcome !== 'unsupported')
    .filter((s) => !s.finding || !byKey.get(s.finding)?.scenarios.includes(s.id))
    .map((s) => `${s.id}: ${s.outcome} without its finding`);
}

/** Scenarios with this outcome that the clean server does not already produce: what the defect caused. */
function outcomes(run: RunResult, outcome: 'fail' | 'warn' | 'error'): CaughtBy[] {
  const baseline = new Set(runs.get('clean')!.scenarios.filter((s) => s.outcome === outcome).map((s) => s.id));
  return run.scenarios.filter((s) => s.outcome === outcome && !baseline.has(s.id)).map((s) => ({ id: s.id, level: s.level }));
}

function detection(name: DefectName): DefectDetection {
  const run = runs.get(name);
  if (!run) throw new Error(`no run for ${name}`);
  const info = DEFECTS[name];
  return {
    name,
    breaks: info.breaks,
    caughtAs: info.caughtAs ?? 'fail',
    fails: outcomes(run, 'fail'),
    warns: outcomes(run, 'warn'),
    errors: outcomes(run, 'error'),
    findings: newFindings(run),
  };
}

function quirkDetection(name: QuirkName): QuirkDetection {
  const run = runs.get(`quirk:${name}`)!;
  const counts = { fail: 0, warn: 0, blocked: 0, error: 0, unsupported: 0 };
  for (const s of changed(run)) if (s.outcome !== 'pass') counts[s.outcome] += 1;
  return { name, description: QUIRKS[name].description, penalty: QUIRKS[name].penalty, counts, findings: newFindings(run) };
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'scim-detection-'));
  const queue: Array<Switch | undefined> = [undefined, ...DEFECT_NAMES, ...QUIRK_NAMES.map((q) => `quirk:${q}` as const)];
  const worker = async () => {
    while (queue.length > 0) {
      const next = queue.shift();
      runs.set(next ?? 'clean', await runAgainst(next));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_RUNS }, worker));
}, 900_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the clean reference server', () => {
  it('passes every scenario: no failure, error or blocked set-up', () => {
    const run = runs.get('clean')!;
    expect(run.summary.total).toBeGreaterThan(0);
    const bad = run.scenarios.filter((s) => s.outcome === 'fail' || s.outcome === 'error' || s.outcome === 'blocked');
    expect(bad.map((s) => `${s.id}: ${s.outcome} ${s.reason ?? ''}`)).toEqual([]);
    expect(run.leftovers).toEqual([]);
  });
});

describe('every seeded defect is caught', () => {
  it.each(DEFECT_NAMES.map((n) => [n]))('%s', (name) => {
    const d = detection(name);
    const run = runs.get(name)!;
    // The suite cleans up after itself even when the target misbehaves.
    expect(run.leftovers).toEqual([]);
    // Same scenario set as the clean run: a defect must not hide scenarios.
    expect(run.summary.total).toBe(runs.get('clean')!.summary.total);
    if (d.caughtAs === 'fail') expect(d.fails.length, `${name}: no scenario fails`).toBeGreaterThan(0);
    if (d.caughtAs === 'warn') expect(d.warns.length, `${name}: no scenario warns`).toBeGreaterThan(0);
    if (d.caughtAs === 'error') expect(d.errors.length, `${name}: no scenario ends in error`).toBeGreaterThan(0);
    expect(catchers(d).items.length).toBeGreaterThan(0);
    // One root cause reads as one to three findings, never one per scenario, and every changed
    // outcome names one of them.
    expect(d.findings.length, `${name}: ${d.findings.map((f) => f.key).join(', ')}`).toBeGreaterThan(0);
    expect(d.findings.length, `${name}: ${d.findings.map((f) => f.key).join(', ')}`).toBeLessThanOrEqual(3);
    expect(unexplained(run)).toEqual([]);
  });
});

describe('every quirk costs what the RFCs say, never a cascade', () => {
  const clean = () => runs.get('clean')!;
  const outcomeOf = (run: RunResult) => new Map(run.scenarios.map((s) => [s.id, s.outcome]));

  it.each(QUIRK_NAMES.map((n) => [n]))('%s: at most 3 findings, each changed outcome explained, nothing internal, nothing left', (name) => {
    const run = runs.get(`quirk:${name}`)!;
    const q = quirkDetection(name);
    expect(q.findings.length, q.findings.map((f) => f.key).join(', ')).toBeLessThanOrEqual(3);
    expect(unexplained(run)).toEqual([]);
    expect(run.scenarios.filter((s) => (s.reason ?? '').startsWith('internal')).map((s) => `${s.id}: ${s.reason}`)).toEqual([]);
    expect(run.leftovers).toEqual([]);
    const failing = q.findings.filter((f) => f.outcome === 'fail');
    if (QUIRKS[name].penalty === 'none') expect(failing.map((f) => f.key)).toEqual([]);
    else expect(failing).toHaveLength(1);
  });

  it('relative-location: no failure', () => {
    expect(runs.get('quirk:relative-location')!.summary.fail).toBe(0);
  });

  it('empty-canonical-values: at most 10 scenarios blocked, all by one finding', () => {
    const run = runs.get('quirk:empty-canonical-values')!;
    expect(run.summary.blocked).toBeLessThanOrEqual(10);
    expect(new Set(run.scenarios.filter((s) => s.outcome === 'blocked').map((s) => s.finding)).size).toBeLessThanOrEqual(1);
  });

  it('drops-nickname: no internal outcome and no failure caused by the filler', () => {
    const run = runs.get('quirk:drops-nickname')!;
    expect(run.scenarios.filter((s) => s.outcome === 'fail' || s.outcome === 'error').map((s) => `${s.id}: ${s.reason}`)).toEqual([]);
  });

  it('returns-password: one failing finding, and every PATCH verdict as on the clean server', () => {
    const run = runs.get('quirk:returns-password')!;
    expect(run.findings.filter((f) => f.outcome === 'fail').map((f) => f.key)).toEqual(['returned-never']);
    const before = outcomeOf(clean());
    const patchChanged = run.scenarios.filter((s) => s.id.startsWith('patch.') && before.get(s.id) !== s.outcome);
    expect(patchChanged.map((s) => `${s.id}: ${s.outcome} ${s.reason ?? ''}`)).toEqual([]);
  });

  it.each(QUIRK_NAMES.map((n) => [n]))('%s: every IdP shape that works on the clean server still works', (name) => {
    const before = outcomeOf(clean());
    const after = outcomeOf(runs.get(`quirk:${name}`)!);
    const broken = [...before].filter(([id, o]) => id.startsWith('idp.') && o === 'pass' && after.get(id) !== 'pass');
    expect(broken.map(([id]) => `${id}: ${after.get(id)}`)).toEqual([]);
  });
});

describe('docs/detection-matrix.md', () => {
  it('is regenerated from these runs', () => {
    const clean = runs.get('clean')!;
    const text = renderMatrix({
      generatedAt: new Date(),
      seed: SEED,
      concurrency: CONCURRENCY,
      clean: clean.summary,
      defects: DEFECT_NAMES.map(detection),
      quirks: QUIRK_NAMES.map(quirkDetection),
    });
    expect(text).toContain(`${clean.summary.total} scenarios, 0 failures`);
    // Only rewrite when something besides the timestamp changed, so the file stays quiet in git.
    const previous = existsSync(MATRIX) ? readFileSync(MATRIX, 'utf8') : '';
    if (!sameExceptStamp(previous, text)) writeFileSync(MATRIX, text);
    expect(readFileSync(MATRIX, 'utf8')).toContain('| Defect |');
  });

});
