// Proves the defects of issue 15 are caught: each one is switched on alone in the reference server,
// the families that should catch it run against it in-process, and a scenario that passes on the
// clean server must fail (MUST, or DERIVED where no RFC sentence says MUST). The clean server runs
// the same selection with zero failures. integration/detection.test.ts runs every defect on the
// whole suite; this file is the lean proof for the new ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { DEFECTS, type DefectName } from '../server/defects.ts';
import { runFamiliesPerDefect } from './family-runs.ts';

/** The families that catch the new defects (checks: the cross-cutting location-header check). */
const FAMILIES = new Set(['create', 'read', 'mutability', 'security', 'checks']);

/** Each new defect, the scenarios that must fail with it, and the level they fail at. */
const CASES: Array<{ defect: DefectName; mustFail: string[]; level: 'MUST' | 'DERIVED' }> = [
  { defect: 'create-uniqueness-400', mustFail: ['create.user-name-taken', 'create.user-name-taken-other-case'], level: 'MUST' },
  { defect: 'uniqueness-400', mustFail: ['patch.mutability.user-name-taken', 'patch.mutability.user-name-taken-other-case', 'patch.mutability.user-name-taken-path-less'], level: 'MUST' },
  { defect: 'create-without-location', mustFail: ['checks.location-header'], level: 'MUST' },
  { defect: 'create-location-mismatch', mustFail: ['checks.location-header'], level: 'MUST' },
  { defect: '401-without-www-authenticate', mustFail: ['security.auth.none.users.read', 'security.auth.wrong.groups.patch'], level: 'MUST' },
  { defect: 'error-content-type-html', mustFail: ['create.user-name-taken', 'patch.mutability.id-read-only', 'security.auth.none.users.list'], level: 'MUST' },
  { defect: 'get-attributes-ignored', mustFail: ['read.attributes', 'read.excluded-attributes'], level: 'MUST' },
  // RFC 5789 §2 lets a PATCH have side effects on other resources, so no RFC sentence makes this a
  // MUST; the catalog derives it (DERIVED), which fails and breaks the gate like a MUST.
  { defect: 'patch-writes-other-user', mustFail: ['security.patch.other-user-untouched'], level: 'DERIVED' },
];

let runs = new Map<DefectName | 'clean', RunResult>();
let remove = (): void => {};

const outcomeOf = (run: RunResult, id: string): ScenarioResult | undefined => run.scenarios.find((s) => s.id === id);

beforeAll(async () => {
  ({ runs, remove } = await runFamiliesPerDefect({ families: FAMILIES, defects: CASES.map((c) => c.defect), seed: 1515, name: 'new-defects' }));
}, 180_000);

afterAll(() => remove());

describe('the clean reference server on the same selection', () => {
  it('passes: no fail, error or blocked outcome, and nothing left behind', () => {
    const run = runs.get('clean')!;
    expect(new Set(run.scenarios.map((s) => s.family))).toEqual(FAMILIES);
    const bad = run.scenarios.filter((s) => s.outcome === 'fail' || s.outcome === 'error' || s.outcome === 'blocked');
    expect(bad.map((s) => `${s.id}: ${s.outcome} ${s.reason ?? ''}`)).toEqual([]);
    for (const c of CASES) for (const id of c.mustFail) expect(outcomeOf(run, id)?.outcome, id).toBe('pass');
    expect(run.leftovers).toEqual([]);
  });
});

describe('each new defect is caught', () => {
  it.each(CASES.map((c) => [c.defect, c] as const))('%s', (defect, c) => {
    expect(DEFECTS[defect].caughtAs ?? 'fail').toBe('fail');
    const run = runs.get(defect)!;
    const clean = runs.get('clean')!;
    for (const id of c.mustFail) {
      const result = outcomeOf(run, id);
      expect(result?.outcome, `${id} with ${defect}: ${result?.reason ?? ''}`).toBe('fail');
      expect(result?.level, id).toBe(c.level);
    }
    // What the defect caused: failures the clean server does not have, at a gate-breaking level.
    const caused = run.scenarios.filter((s) => s.outcome === 'fail' && outcomeOf(clean, s.id)?.outcome === 'pass');
    expect(caused.some((s) => s.level === c.level)).toBe(true);
    expect(run.summary.total).toBe(clean.summary.total);
    expect(run.leftovers).toEqual([]);
  });

  it('names the right problem in the reasons', () => {
    const reason = (defect: DefectName, id: string) => outcomeOf(runs.get(defect)!, id)?.reason ?? '';
    expect(reason('create-uniqueness-400', 'create.user-name-taken')).toMatch(/expected 409 uniqueness, got 400 uniqueness/);
    expect(reason('create-without-location', 'checks.location-header')).toMatch(/without a Location header/);
    expect(reason('create-location-mismatch', 'checks.location-header')).toMatch(/differs from meta\.location/);
    expect(reason('401-without-www-authenticate', 'security.auth.none.users.read')).toMatch(/no WWW-Authenticate header/);
    expect(reason('error-content-type-html', 'create.user-name-taken')).toMatch(/came as text\/html/);
    expect(reason('get-attributes-ignored', 'read.attributes')).toMatch(/attributes not requested are returned/);
    expect(reason('patch-writes-other-user', 'security.patch.other-user-untouched')).toMatch(/U2 \(not the request's target\) changed/);
  });
});
