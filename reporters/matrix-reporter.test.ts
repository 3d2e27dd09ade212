import { describe, it, expect } from 'vitest';
import type { RunResult } from '../schemas/run-result.ts';
import { columnTitle, findingRows, renderMatrixHtml, renderMatrixMarkdown } from './matrix-reporter.ts';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';

function secondRun(): RunResult {
  const r = resultWith([
    scenarioWith('patch.add.simple-attribute', 'pass', { section: 'RFC7644 3.5.2.1' }),
    scenarioWith('patch.replace.value-path.sub-attribute', 'pass', { section: 'RFC7644 3.5.2.3' }),
    scenarioWith('patch.only.in.second', 'warn', { section: 'RFC7644 3.5.2.3', level: 'SHOULD', reason: '<b>hostile</b>' }),
  ]);
  r.run = { ...r.run, startedAt: '2025-12-01T08:00:00Z', target: { url: 'http://127.0.0.1:8080/scim/v2', embedded: true } };
  return r;
}

describe('matrix columns', () => {
  it('uses product/version or the URL, plus the run date', () => {
    expect(columnTitle(sampleResult())).toBe('ExampleIdM 4.2.1 (2025-11-25)');
    expect(columnTitle(secondRun())).toBe('http://127.0.0.1:8080/scim/v2 (2025-12-01)');
  });
});

describe('renderMatrixMarkdown', () => {
  const md = renderMatrixMarkdown([sampleResult(), secondRun()]);
  const lines = md.split('\n');

  it('has one column per run and one row per distinct scenario', () => {
    expect(md).toContain('| Scenario | Level | ExampleIdM 4.2.1 (2025-11-25) | http://127.0.0.1:8080/scim/v2 (2025-12-01) |');
    expect(md).toContain('(2 runs, 10 scenarios)');
    expect(lines.filter((l) => l.startsWith('| `'))).toHaveLength(10);
  });

  it('shows each outcome, and "—" where a run lacks the scenario', () => {
    expect(md).toContain('| `patch.replace.value-path.sub-attribute` | MUST | ❌ fail | ✅ pass |');
    expect(md).toContain('| `patch.etag.if-match-stale` | MUST | ⏭️ unsupported | — |');
    expect(md).toContain('| `patch.only.in.second` | SHOULD | — | ⚠️ warn |');
  });

  it('ends with a totals row per run', () => {
    expect(md).toContain('| **total** | | **9: 2 pass, 2 fail, 2 warn, 1 unsupported, 1 blocked, 1 error** | **3: 2 pass, 1 warn** |');
  });
});

describe('findings side by side', () => {
  const third = findingsRun();
  it('has one row per finding key across runs, with outcome and scenario count, "—" where a run did not see it', () => {
    const rows = findingRows([sampleResult(), secondRun(), third]);
    expect(rows.map((r) => r.key)).toEqual([
      ...sampleResult().findings.map((f) => f.key),
      'scenario:patch.only.in.second', // the second run's warning names no finding: shown on its own
      'checks.returned-never',
      'setup:400:roles-type-refused',
    ]);
    const whole = rows.find((r) => r.key === 'patch:value-path:whole-element-replaced')!;
    expect(whole.cells.map((c) => c?.scenarios.length)).toEqual([1, undefined, 4]);
  });
  it('leads the Markdown and the HTML', () => {
    const md = renderMatrixMarkdown([sampleResult(), third]);
    expect(md.indexOf('### Findings per target')).toBeLessThan(md.indexOf('### Scenarios'));
    expect(md).toContain('| Replacing a sub-attribute through a value filter overwrites the whole element (type and primary are lost)<br>`patch:value-path:whole-element-replaced` | MUST | ❌ fail · 1 | ❌ fail · 4 |');
    expect(md).toContain('| Returns the password (returned: never) in responses<br>`checks.returned-never` | MUST | — | ❌ fail · 1 |');
    expect(md).toContain('- Acme Directory 7.3 (2026-03-02): 3 not run: interrupted by Ctrl-C');
    const html = renderMatrixHtml([sampleResult(), third]);
    expect(html.indexOf('<table class="findings">')).toBeLessThan(html.indexOf('<table class="matrix">'));
    const row = /<tr data-finding="checks\.returned-never">(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(row).toContain('<td class="cell missing" data-outcome="missing">—</td><td class="cell o-fail" data-outcome="fail"');
  });
});

describe('renderMatrixHtml', () => {
  const html = renderMatrixHtml([sampleResult(), secondRun()]);

  it('renders cells with outcome attributes and missing cells as "—"', () => {
    const row = /<tr data-id="patch\.only\.in\.second">(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(row).toContain('<td class="cell missing" data-outcome="missing">—</td>');
    expect(row).toContain('data-outcome="warn" title="&lt;b&gt;hostile&lt;/b&gt;">⚠️ warn</td>');
    expect(html.match(/<tr data-id=/g)).toHaveLength(10);
    const scenarioTable = html.slice(html.indexOf('<table class="matrix">'));
    expect(scenarioTable.match(/data-outcome="fail"/g)).toHaveLength(2);
    expect(html).not.toContain('<b>hostile');
  });

  it('has the column titles and a totals row, and loads nothing external', () => {
    expect(html).toContain('<th title="https://scim.example.test/scim/v2">ExampleIdM 4.2.1 (2025-11-25)');
    expect(html).toContain('<td data-total>3: 2 pass, 1 warn</td>');
    expect(html).not.toMatch(/\ssrc=|<link\b|<script/i);
  });
});
