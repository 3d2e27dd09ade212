import { describe, it, expect } from 'vitest';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';
import { manyFailures } from '../fixtures/sample-runs/many-failures.ts';
import { resultWith, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';
import { renderMarkdown } from './markdown-reporter.ts';
import { renderSummary, SUMMARY_MAX_CHARS } from './summary-reporter.ts';

describe('renderSummary (summary.md)', () => {
  it('stays under 60,000 characters for 200 failures, names every finding and counts the rest', () => {
    const r = manyFailures({ failures: 200, causes: 5, bodyBytes: 4000 });
    const out = renderSummary(r);
    // The full report of the same run is far bigger: the limit is what shaped this file.
    expect(renderMarkdown(r).length).toBeGreaterThan(2 * SUMMARY_MAX_CHARS);
    expect(out.length).toBeLessThan(60_000);
    for (const f of r.findings) expect(out, f.key).toContain(f.title);
    expect(out).toContain('### 5 distinct problems');
    const shown = out.match(/^#### ❌ /gm)?.length ?? 0;
    expect(shown).toBeGreaterThanOrEqual(5); // at least every finding's example
    expect(shown).toBeLessThanOrEqual(10);
    expect(out).toContain(`…and ${200 - shown} more scenarios with a problem (fail, error, blocked or warn) not shown here.`);
    // One exchange each: the PATCH.
    expect(out.match(/Exchange 1 — /g)).toHaveLength(shown);
    expect(out).not.toContain('Exchange 2 — ');
    expect(out.match(/Exchange 1 — patch: PATCH /g)).toHaveLength(shown);
  });

  it('opens on the gate verdict and shows the examples of the findings first', () => {
    const r = findingsRun();
    const out = renderSummary(r);
    const lines = out.split('\n');
    expect(lines[0]).toBe('## ❌ SCIM conformance: Acme Directory 7.3');
    expect(lines[2]).toMatch(/^\*\*Gate: FAIL \(exit 1\)\*\* — 5 fail, 1 error and 3 blocked break the gate/);
    expect(out).toContain('29 scenarios: 18 pass, 5 fail, 1 warn, 1 unsupported, 3 blocked, 1 error · 3 not run: interrupted by Ctrl-C');
    const headings = [...out.matchAll(/^#### \S+ `([^`]+)`/gm)].map((m) => m[1]);
    expect(headings.slice(0, 4)).toEqual(['checks.returned-never', 'patch.replace.value-path.sub-attribute', 'patch.bad-path.unknown-attribute', 'patch.add.roles.type']);
    expect(out).toContain('Finding 4 is a set-up problem; add this to the config file (`--config`):');
    expect(out).toContain('- **Finding 2:** Replacing a sub-attribute through a value filter overwrites the whole element (type and primary are lost) (4 scenarios)');
    const given = renderSummary(r, { gate: { exitCode: 0, lines: ['gate: PASS (exit 0)'] } });
    expect(given.split('\n')[0]).toBe('## ✅ SCIM conformance: Acme Directory 7.3');
  });

  it('keeps to the limit whatever the data: hundreds of findings, huge titles and bodies', () => {
    const r = manyFailures({ failures: 600, causes: 600, bodyBytes: 6_000 });
    for (const f of r.findings) f.title = `${f.title} ${'very long words '.repeat(40)}`;
    const out = renderSummary(r);
    expect(out.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    const named = out.match(/^\d+\. ❌ /gm)?.length ?? 0;
    const counted = Number(/…and (\d+) more findings: see report\.md/.exec(out)?.[1] ?? 0);
    expect(named + counted).toBe(600);
    expect(named).toBeGreaterThan(100);
    // A smaller limit is honoured too.
    expect(renderSummary(r, { maxChars: 5_000 }).length).toBeLessThanOrEqual(5_000);
  });

  it('with warns only, points to the full reports instead of counting "more" scenarios it never showed', () => {
    const warns = ['w1', 'w2', 'w3'].map((id) => scenarioWith(id, 'warn', { level: 'INTEROP', finding: 'status:200|204:400' }));
    const r = resultWith([scenarioWith('a', 'pass'), ...warns]);
    r.findings = [{ key: 'status:200|204:400', title: 'Answers 400 where 200 or 204 is required', outcome: 'warn', level: 'INTEROP', refs: [], scenarios: ['w1', 'w2', 'w3'], example: { scenario: 'w1', reason: 'warn because of a test' } }];
    const out = renderSummary(r);
    expect(out).not.toContain('### First failures');
    expect(out).not.toContain('more scenario');
    expect(out).toContain('The 3 scenarios behind these problems are shown with their exchanges in the full reports.');
  });

  it('says so when nothing needs attention', () => {
    const out = renderSummary(resultWith([scenarioWith('a', 'pass')]));
    expect(out).toContain('**Gate: PASS (exit 0)**');
    expect(out).toContain('### No problems found');
    expect(out).not.toContain('### First failures');
    expect(out).not.toContain('more scenario');
  });
});
