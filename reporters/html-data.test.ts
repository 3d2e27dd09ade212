import { describe, expect, it } from 'vitest';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';
import { manyFailures } from '../fixtures/sample-runs/many-failures.ts';
import { resultWith, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';
import { findingsView } from './findings-view.ts';
import { BODY_BUDGET, BODY_CAP, exchangeBudget, exchangeView, reportData } from './html-data.ts';

const dataOf = (r: ReturnType<typeof findingsRun>) => reportData(r, findingsView(r));

describe('reportData', () => {
  it('has every scenario once, with reason, expected, actual, curl and linked refs', () => {
    const r = findingsRun();
    const d = dataOf(r);
    expect(d.scenarios.map((s) => s.id)).toEqual(r.scenarios.map((s) => s.id));
    const s = d.scenarios.find((x) => x.id === 'patch.replace.value-path.sub-attribute')!;
    expect(s.r).toBe('the whole matched element was replaced instead of its sub-attribute');
    expect(s.e).toMatch(/^only the selected sub-attribute/);
    expect(s.curl).toMatch(/^curl -sS -X PATCH/);
    expect(s.sec).toBe('RFC7644 3.5.2.3');
    expect(s.refs).toEqual(['RFC7644-3.5.2.3', 'PATCH-REP-09']);
    // Links once for the whole report; catalog ids have none.
    expect(d.links['RFC7644 3.5.2.3']).toBe('https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.3');
    expect(d.links['RFC7644-3.5.2.3']).toBe('https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.3');
    expect(d.links).not.toHaveProperty('PATCH-REP-09');
    expect(s.x).toHaveLength(3);
    expect(s.x?.[1]?.q.split('\n')[0]).toBe('PATCH https://scim.acme.test/scim/v2/Users/7d3f9a10-8c1e-4b7a-9f51-0c2d5e6a7b81');
    expect(d.cut).toBe(0);
  });

  it('collects scimType keywords from the answers, for search', () => {
    const d = dataOf(findingsRun());
    expect(d.scenarios.find((x) => x.id === 'patch.add.roles.type')?.scim).toEqual(['invalidValue']);
    expect(d.scenarios.find((x) => x.id === 'patch.add.simple-attribute')?.scim).toBeUndefined();
  });

  it('keeps every representative in full and cuts the others to their title lines once the budget is spent', () => {
    const r = manyFailures({ failures: 150, causes: 5, bodyBytes: 3000 });
    const view = findingsView(r);
    const d = reportData(r, view);
    const reps = new Set(view.problems.map((p) => p.example.scenario));
    const full = d.scenarios.filter((s) => s.x && !s.x.some((x) => x.cut));
    const cut = d.scenarios.filter((s) => s.x?.some((x) => x.cut));
    for (const id of reps) expect(full.map((s) => s.id)).toContain(id);
    expect(cut.length).toBe(d.cut);
    expect(d.cut).toBeGreaterThan(0);
    // The exchanges kept for non-representatives stay inside the budget, and use most of it.
    const budget = exchangeBudget(150);
    expect(budget).toBeLessThan(BODY_BUDGET);
    const kept = full.filter((s) => !reps.has(s.id));
    const keptSize = kept.reduce((n, s) => n + s.x!.reduce((m, x) => m + x.t.length + x.q.length + x.p.length, 0), 0);
    expect(keptSize).toBeLessThanOrEqual(budget);
    expect(keptSize).toBeGreaterThan(budget * 0.9);
    // A cut exchange is its title line: method, URL and status.
    const x = cut[0]!.x![1]!;
    expect(x).toEqual({ t: expect.stringMatching(/^patch: PATCH https:\/\/scim\.bigcorp\.test\/scim\/v2\/Users\/\S+ → 200 \(\d+ ms\)$/), q: '', p: '', cut: true });
  });

  it('cuts a single huge body even for a representative', () => {
    const huge = 'z'.repeat(BODY_CAP * 3);
    const r = resultWith([scenarioWith('big', 'error', { exchanges: [{ purpose: 'patch', method: 'PATCH', url: 'http://x/', requestHeaders: {}, status: 500, responseBody: huge, durationMs: 1, startedAt: '2025-01-01T00:00:00Z' }] })]);
    const x = reportData(r, findingsView(r)).scenarios[0]!.x![0]!;
    expect(x.p.length).toBeLessThan(BODY_CAP + 200);
    expect(x.p).toContain(`cut at ${BODY_CAP} of ${BODY_CAP * 3} characters`);
  });

  it('renders an exchange without bodies only when asked to', () => {
    const ex = { purpose: 'patch', method: 'PATCH', url: 'http://x/', requestHeaders: { A: 'b' }, requestBody: '{"a":1}', status: 200, responseBody: '{"b":2}', durationMs: 3, startedAt: '2025-01-01T00:00:00Z' };
    expect(exchangeView(ex, true)).toEqual({ t: 'patch: PATCH http://x/ → 200 (3 ms)', q: 'PATCH http://x/\nA: b\n\n{\n  "a": 1\n}', p: 'HTTP 200\n\n{\n  "b": 2\n}' });
    expect(exchangeView(ex, false)).toEqual({ t: 'patch: PATCH http://x/ → 200 (3 ms)', q: '', p: '', cut: true });
  });
});
