// Proves the suite catches real PATCH bugs: every seeded defect of the reference server
// (server/defects.ts) is switched on alone, the whole suite runs against it in-process, and at
// least one scenario must catch it; the clean server must pass everything. Writes
// docs/detection-matrix.md from what it saw.
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
import { startServer } from '../server/index.ts';
import { catchers, renderMatrix, sameExceptStamp } from './detection-matrix.ts';
import type { CaughtBy, DefectDetection } from './detection-matrix.ts';

const SEED = 4242;
const CONCURRENCY = 16;
/** Whole runs at once: they share one event loop, so more only adds contention. */
const PARALLEL_RUNS = 4;
const MATRIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'detection-matrix.md');

let outDir = '';
const runs = new Map<DefectName | 'clean', RunResult>();

async function runAgainst(defect: DefectName | undefined): Promise<RunResult> {
  const server = await startServer({ defects: defect ? [defect] : [] }, { host: '127.0.0.1', port: 0 });
  try {
    const config = loadConfig({
      env: { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token, SCIM_OUT_DIR: outDir, SCIM_CONCURRENCY: String(CONCURRENCY) },
    });
    return await executeRun(config, { embedded: true, seed: SEED, runId: defect ?? 'clean' });
  } finally {
    await server.close();
  }
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
  };
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'scim-detection-'));
  const queue: Array<DefectName | undefined> = [undefined, ...DEFECT_NAMES];
  const worker = async () => {
    while (queue.length > 0) {
      const next = queue.shift();
      runs.set(next ?? 'clean', await runAgainst(next));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_RUNS }, worker));
}, 180_000);

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
    });
    expect(text).toContain(`${clean.summary.total} scenarios, 0 failures`);
    // Only rewrite when something besides the timestamp changed, so the file stays quiet in git.
    const previous = existsSync(MATRIX) ? readFileSync(MATRIX, 'utf8') : '';
    if (!sameExceptStamp(previous, text)) writeFileSync(MATRIX, text);
    expect(readFileSync(MATRIX, 'utf8')).toContain('| Defect |');
  });

});
