// Runs a selection of families against the reference server once clean and once per seeded
// defect (each switched on alone), in-process, a few runs at a time: the lean proofs of
// integration/new-defects.test.ts and integration/lifecycle-defects.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../engine/config.ts';
import { executeRun } from '../engine/run.ts';
import type { RunResult } from '../schemas/run-result.ts';
import type { DefectName } from '../server/defects.ts';
import { startServer } from '../server/index.ts';

export interface FamilyRuns {
  /** The clean run under 'clean', each defect's under its name. */
  runs: Map<DefectName | 'clean', RunResult>;
  /** Deletes the run folders. */
  remove(): void;
}

export async function runFamiliesPerDefect(options: { families: ReadonlySet<string>; defects: readonly DefectName[]; seed: number; name: string; parallel?: number }): Promise<FamilyRuns> {
  const outDir = mkdtempSync(join(tmpdir(), `scim-${options.name}-`));
  const runs = new Map<DefectName | 'clean', RunResult>();
  const runAgainst = async (defect: DefectName | undefined): Promise<RunResult> => {
    const server = await startServer({ defects: defect ? [defect] : [] }, { host: '127.0.0.1', port: 0 });
    try {
      const config = loadConfig({ env: { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token, SCIM_OUT_DIR: outDir, SCIM_CONCURRENCY: '8' } });
      return await executeRun(config, { embedded: true, seed: options.seed, runId: defect ?? 'clean', select: (all) => all.filter((s) => options.families.has(s.family)) });
    } finally {
      await server.close();
    }
  };
  const queue: Array<DefectName | undefined> = [undefined, ...options.defects];
  const worker = async (): Promise<void> => {
    while (queue.length > 0) {
      const next = queue.shift();
      runs.set(next ?? 'clean', await runAgainst(next));
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 2 }, worker));
  return { runs, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}
