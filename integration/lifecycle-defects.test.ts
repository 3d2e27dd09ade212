// Proves the lifecycle defects (server/defect-lifecycle.ts) are caught: each one is switched on
// alone in the reference server, the lifecycle families run against it in-process, and the listed
// scenarios, which pass on the clean server, fail (warn for the SHOULD ones) with the listed
// finding. The clean server passes the same selection. integration/detection.test.ts runs every
// defect on the whole suite; this file is the lean proof for these.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../schemas/run-result.ts';
import { DEFECTS, type DefectName } from '../server/defects.ts';
import { LIFECYCLE_DEFECT_NAMES } from '../server/defect-lifecycle.ts';
import { runFamiliesPerDefect } from './family-runs.ts';

const FAMILIES = new Set(['create', 'read', 'put', 'delete', 'groups']);

/** Each lifecycle defect, scenarios that must catch it, and the finding they name. */
const CASES: Record<(typeof LIFECYCLE_DEFECT_NAMES)[number], { catch: string[]; finding: string }> = {
  'put-merges': { catch: ['put.null-clears', 'put.empty-array-clears'], finding: 'put:state' },
  'put-if-match-ignored': { catch: ['put.if-match-stale', 'groups.put-if-match-stale'], finding: 'status:412:200' },
  'delete-if-match-ignored': { catch: ['delete.if-match-stale'], finding: 'status:412:204' },
  'delete-leaves-membership': { catch: ['delete.leaves-groups', 'groups.deleted-member-leaves'], finding: 'delete:member-left' },
  'delete-unknown-204': { catch: ['delete.twice', 'delete.unknown-id'], finding: 'status:404:204' },
  'deleted-still-readable': { catch: ['delete.user', 'delete.group'], finding: 'delete:still-there' },
  'if-none-match-ignored': { catch: ['read.if-none-match-current'], finding: 'status:304:200' },
  'create-required-unchecked': { catch: ['create.user-name-missing', 'create.user-name-null'], finding: 'status:400:201' },
  'create-schemas-unchecked': { catch: ['create.schemas-missing', 'create.schemas-wrong-urn'], finding: 'status:400:201' },
  'create-meta-from-client': { catch: ['create.client-meta-ignored'], finding: 'create:read-only-kept' },
};

let runs = new Map<DefectName | 'clean', RunResult>();
let remove = (): void => {};

beforeAll(async () => {
  ({ runs, remove } = await runFamiliesPerDefect({ families: FAMILIES, defects: LIFECYCLE_DEFECT_NAMES, seed: 1717, name: 'lifecycle-defects' }));
}, 240_000);

afterAll(() => remove());

describe('the clean reference server on the lifecycle families', () => {
  it('passes everything and leaves nothing behind', () => {
    const run = runs.get('clean')!;
    expect(new Set(run.scenarios.map((s) => s.family))).toEqual(FAMILIES);
    expect(run.scenarios.filter((s) => s.outcome !== 'pass').map((s) => `${s.id}: ${s.outcome} ${s.reason ?? ''}`)).toEqual([]);
    expect(run.leftovers).toEqual([]);
  });
});

describe('each lifecycle defect is caught', () => {
  it.each(LIFECYCLE_DEFECT_NAMES.map((d) => [d] as const))('%s', (defect) => {
    const c = CASES[defect];
    const run = runs.get(defect)!;
    const want = DEFECTS[defect].caughtAs ?? 'fail';
    for (const id of c.catch) {
      const result = run.scenarios.find((s) => s.id === id);
      expect(result?.outcome, `${id} with ${defect}: ${result?.reason ?? ''}`).toBe(want);
      expect(result?.finding, id).toBe(c.finding);
    }
    // At most three root causes, every changed outcome behind one of them.
    const clean = new Map(runs.get('clean')!.scenarios.map((s) => [s.id, s.outcome]));
    const changed = new Set(run.scenarios.filter((s) => clean.get(s.id) !== s.outcome).map((s) => s.id));
    expect(run.findings.filter((f) => f.scenarios.some((id) => changed.has(id))).length).toBeLessThanOrEqual(3);
    expect(run.leftovers).toEqual([]);
  });
});
