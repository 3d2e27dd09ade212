import { describe, it, expect } from 'vitest';
import { renderMarkdown } from './markdown-reporter.ts';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';
import { manyFailures } from '../fixtures/sample-runs/many-failures.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';

/** The text between a heading and the next heading of the same or a higher level. */
function section(md: string, heading: string): string {
  const start = md.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const level = /^#+/.exec(heading)![0];
  const next = md.slice(start + heading.length).search(new RegExp(`\\n#{2,${level.length}} `));
  return next < 0 ? md.slice(start) : md.slice(start, start + heading.length + next);
}

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleResult());

  it('opens on the target, the gate verdict and the counts', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('## SCIM conformance: ExampleIdM 4.2.1');
    expect(lines[2]).toBe('**❌ Gate: FAIL (exit 1)** — 2 fail, 1 error and 1 blocked break the gate (default rules; --strict or an expectation file may decide otherwise)');
    expect(md).toContain('**9 scenarios: 2 pass, 2 fail, 2 warn, 1 unsupported, 1 blocked, 1 error**');
    expect(md).toContain('| all | 2 | 2 | 2 | 1 | 1 | 1 | 9 |');
    const given = renderMarkdown(sampleResult(), { gate: { exitCode: 0, lines: ['gate: PASS (exit 0)'] } });
    expect(given.split('\n')[2]).toBe("**✅ Gate: PASS (exit 0)** — the run's gate said: PASS (exit 0)");
  });

  it('leads with "N distinct problems", one row per finding in the given order, before any scenario', () => {
    const table = section(md, '### 6 distinct problems');
    const rows = table.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toBe(
      '| 1 | [Replacing a sub-attribute through a value filter overwrites the whole element (type and primary are lost)](#finding-patch:value-path:whole-element-replaced) | ❌ fail | MUST | 1 scenario | [RFC7644-3.5.2.3](https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.3), PATCH-REP-09 |',
    );
    expect(rows[3]).toContain('(set-up: a config template fixes it) | 🚧 blocked | MUST |');
    expect(md.indexOf('### 6 distinct problems')).toBeLessThan(md.indexOf('### ❌ Failures'));
  });

  it('shows each finding once in full: its example with expected, actual, every exchange and the curl line', () => {
    const block = section(md, '#### 1. ❌ Replacing a sub-attribute');
    expect(md).toContain('<a id="finding-patch:value-path:whole-element-replaced"></a>\n\n#### 1. ❌ Replacing');
    expect(block).toContain('**Example:** [`patch.replace.value-path.sub-attribute`](#patch.replace.value-path.sub-attribute)');
    expect(block).toContain('**Expected:** emails\\[type eq "work"\\] = {"value":"barbara@example.com","type":"work","primary":true}');
    expect(block).toContain('**Actual:** emails\\[0\\] = {"value":"barbara@example.com"} (type and primary lost)');
    expect(block).toContain('Exchange 1 — patch: PATCH https://scim.example.test/scim/v2/Users/');
    expect(block).toContain('Exchange 2 — verify: GET');
    expect(block).toContain('```http\nPATCH https://scim.example.test/scim/v2/Users/2819c223-7f76-453a-919d-413861904646\nAuthorization: Bearer [redacted]');
    expect(block).toMatch(/```sh\ncurl -sS -X PATCH [^\n]+\n```/);
    // The hint of a set-up finding is a JSON block to paste.
    expect(section(md, '#### 4. 🚧')).toContain('Add this to the config file (`--config`) and run again:\n\n```json\n{\n  "templates": {\n    "groups"');
  });

  it('lists every scenario that needs attention as one line naming its finding, with an anchor', () => {
    const failures = section(md, '### ❌ Failures (2)');
    expect(failures).toContain(
      '- <a id="patch.remove.path-required"></a>`patch.remove.path-required` \\[MUST\\] remove without path answered 200 instead of 400 noTarget — finding [#2 Answers 200 where RFC 7644 requires 400 noTarget: remove without a path](#finding-status:400:got-200:remove-without-path) (its example, shown above)',
    );
    expect(section(md, '### 🚧 Blocked (1)')).toContain('finding [#4 Set-up refused');
    expect(section(md, '### 💥 Errors (1)')).toContain('finding [#3 Answers 500');
  });

  it('folds long exchanges in <details>, with the summary HTML-escaped', () => {
    expect(md).toMatch(/<details><summary>Exchange 1 — patch: PATCH https:\/\/scim\.example\.test\/scim\/v2\/Users\/[^<]+<\/summary>\n\n```http/);
    const short = renderMarkdown(resultWith([scenarioWith('s', 'fail', {
      exchanges: [{ purpose: 'patch', method: 'PATCH', url: 'http://x/<b>', requestHeaders: {}, status: 400, durationMs: 1, startedAt: '2025-01-01T00:00:00Z' }],
    })]));
    expect(short).not.toContain('<details><summary>Exchange');
    expect(short).toContain('Exchange 1 — patch: PATCH http://x/&lt;b&gt;');
  });

  it('lists warnings with their finding, and unsupported scenarios with their reasons', () => {
    expect(md).toContain('### ⚠️ Warnings (2)');
    expect(md).toContain('| <a id="patch.remove.value-path.no-match"></a>`patch.remove.value-path.no-match` | AMBIG | answered with the acceptable outcome (400 noTarget) rather than the preferred one (200, unchanged) | [#6](#finding-ambig:remove-no-match:400) |');
    expect(md).toContain('### ⏭️ Unsupported (1)');
    expect(md).toContain('`patch.etag.if-match-stale` | MUST | etag | the target does not advertise ETag support (ServiceProviderConfig etag.supported is false) |');
    expect(md).toContain('### Leftovers (1)');
  });

  it('shows a cascade as one full example per finding and one line per other scenario', () => {
    const big = renderMarkdown(manyFailures({ failures: 40, causes: 2, bodyBytes: 2000 }));
    expect(big).toContain('### 2 distinct problems');
    expect(big.match(/^Exchange \d|<details><summary>Exchange /gm)).toHaveLength(2 * 3); // two examples, three exchanges each
    expect(big.match(/^- <a id="patch\.synthetic\./gm)).toHaveLength(40);
    expect(big).toContain('Also affects 19 other scenarios (one line each below; result.json has their exchanges)');
  });

  it('counts scenarios that never ran beside the summary, never as errors', () => {
    const r = findingsRun();
    const out = renderMarkdown(r);
    expect(out).toContain('**29 scenarios: 18 pass, 5 fail, 1 warn, 1 unsupported, 3 blocked, 1 error** · 3 not run: interrupted by Ctrl-C');
    for (const id of r.notRun!.ids) expect(out).not.toContain(id);
  });

  it('links IdP shapes to their scenarios and lists cross-cutting findings beside the verdicts', () => {
    const out = renderMarkdown(findingsRun());
    const idp = section(out, '### IdP compatibility');
    expect(idp).toContain('  - Not handled: [updating a profile: Entra sends one Replace per attribute](#idp.entra.update-profile-one-op-per-attribute) (finding [#2](#finding-patch:value-path:whole-element-replaced)).');
    expect(idp).toContain('Also seen on this server');
    expect(idp).toContain('- [Returns the password (returned: never) in responses (fail, MUST; 57 of 61 responses)](#finding-checks.returned-never)');
  });

  it('keeps hostile text inert: HTML escaped outside code, fences not closable', () => {
    const hostileBody = 'x\n```\n<script>alert(1)</script>\n````';
    const r = resultWith([scenarioWith('h', 'fail', {
      reason: '<img src=x onerror=alert(1)> | [link](javascript:alert(1))',
      exchanges: [{ purpose: 'patch', method: 'PATCH', url: 'http://x/', requestHeaders: {}, status: 500, responseBody: hostileBody, durationMs: 1, startedAt: '2025-01-01T00:00:00Z' }],
    })]);
    const out = renderMarkdown(r);
    expect(out).toContain('**Why:** &lt;img src=x onerror=alert(1)&gt; \\| \\[link\\](javascript:alert(1))');
    expect(out).not.toContain('<img');
    expect(out).toContain('`````http\n'); // longer than the 4-backtick run in the body
    const evilKey = resultWith([scenarioWith('k', 'fail', { finding: '"><script>x</script>' })]);
    evilKey.findings = [{ key: '"><script>x</script>', title: 't', outcome: 'fail', level: 'MUST', refs: [], scenarios: ['k'], example: { scenario: 'k', reason: 'r' } }];
    // Inside a code span it is shown as text; anywhere else it must be escaped.
    expect(renderMarkdown(evilKey).replace(/`[^`\n]*`/g, '')).not.toContain('<script>');
    expect(renderMarkdown(evilKey)).toContain('<a id="finding-&quot;&gt;&lt;script&gt;x&lt;/script&gt;"></a>');
  });

  it('caps very long bodies', () => {
    const r = resultWith([scenarioWith('big', 'error', {
      exchanges: [{ purpose: 'patch', method: 'PATCH', url: 'http://x/', requestHeaders: {}, status: 500, responseBody: 'y'.repeat(50_000), durationMs: 1, startedAt: '2025-01-01T00:00:00Z' }],
    })]);
    const out = renderMarkdown(r);
    expect(out.length).toBeLessThan(10_000);
    expect(out).toContain('cut at 6000 of 50000 characters');
  });
});
