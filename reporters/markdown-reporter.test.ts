import { describe, it, expect } from 'vitest';
import { code, fence, renderMarkdown, text } from './markdown-reporter.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleResult());

  it('starts with the target and the summary table', () => {
    expect(md.startsWith('## SCIM conformance: ExampleIdM 4.2.1')).toBe(true);
    expect(md).toContain('**9 scenarios: 2 pass, 2 fail, 2 warn, 1 unsupported, 1 blocked, 1 error**');
    expect(md).toContain('| all | 2 | 2 | 2 | 1 | 1 | 1 | 9 |');
  });

  it('counts by section, with the section linked to the RFC', () => {
    expect(md).toContain(
      '| [RFC7644 3.5.2.1](https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.1) | 2 | 0 | 0 | 0 | 1 | 0 | 3 |',
    );
    expect(md).toContain('| MUST | 2 | 2 | 0 | 1 | 1 | 1 | 7 |');
  });

  it('shows a failure with expected, actual, refs, both exchanges and the curl line', () => {
    const start = md.indexOf('#### `patch.replace.value-path.sub-attribute`');
    expect(start).toBeGreaterThan(0);
    const block = md.slice(start, md.indexOf('####', start + 5));
    expect(block).toContain('**Expected:** emails\\[type eq "work"\\] = {"value":"barbara@example.com","type":"work","primary":true}');
    expect(block).toContain('**Actual:** emails\\[0\\] = {"value":"barbara@example.com"} (type and primary lost)');
    expect(block).toContain('[RFC7644-3.5.2.3](https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.3), PATCH-REP-09');
    expect(block).toContain('Exchange 1 — patch: PATCH https://scim.example.test/scim/v2/Users/');
    expect(block).toContain('Exchange 2 — verify: GET');
    expect(block).toContain('```http\nPATCH https://scim.example.test/scim/v2/Users/2819c223-7f76-453a-919d-413861904646\nAuthorization: Bearer [redacted]');
    expect(block).toMatch(/```sh\ncurl -sS -X PATCH [^\n]+\n```/);
  });

  it('folds long exchanges in <details>, with the summary HTML-escaped', () => {
    // the pretty-printed user in exchange 1 is longer than the fold limit
    expect(md).toMatch(/<details><summary>Exchange 1 — patch: PATCH https:\/\/scim\.example\.test\/scim\/v2\/Users\/[^<]+<\/summary>\n\n```http/);
    const short = renderMarkdown(resultWith([scenarioWith('s', 'fail', {
      exchanges: [{ purpose: 'patch', method: 'PATCH', url: 'http://x/<b>', requestHeaders: {}, status: 400, durationMs: 1, startedAt: '2025-01-01T00:00:00Z' }],
    })]));
    expect(short).not.toContain('<details><summary>Exchange');
    expect(short).toContain('Exchange 1 — patch: PATCH http://x/&lt;b&gt;');
  });

  it('lists warnings and unsupported scenarios with their reasons', () => {
    expect(md).toContain('### ⚠️ Warnings (2)');
    expect(md).toContain('| `patch.remove.value-path.no-match` | AMBIG | answered with the acceptable outcome (400 noTarget) rather than the preferred one (200, unchanged) |');
    expect(md).toContain('### ⏭️ Unsupported (1)');
    expect(md).toContain('| `patch.etag.if-match-stale` | MUST | etag | the target does not advertise ETag support (ServiceProviderConfig etag.supported is false) |');
    expect(md).toContain('### Leftovers (1)');
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

describe('markdown helpers', () => {
  it('escapes text', () => {
    expect(text('a|b *c* <d>\ne')).toBe('a\\|b \\*c\\* &lt;d&gt; e');
  });
  it('makes code spans and fences that survive backticks', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(fence('``` inner', 'sh')).toBe('````sh\n``` inner\n````');
  });
});
