import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { renderHtml, SCRIPT_HASH } from './html-reporter.ts';
import { escapeHtml, jsonForScript } from './html-escape.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';

function dataJson(html: string): string {
  const m = /<script type="application\/json" id="result-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m?.[1]) throw new Error('no embedded data');
  return m[1];
}

describe('renderHtml', () => {
  const result = sampleResult();
  const html = renderHtml(result);

  it('has a count element per outcome', () => {
    const count = (o: string) => new RegExp(`<span data-count="${o}">(\\d+)</span>`).exec(html)?.[1];
    expect(count('pass')).toBe('2');
    expect(count('fail')).toBe('2');
    expect(count('warn')).toBe('2');
    expect(count('unsupported')).toBe('1');
    expect(count('blocked')).toBe('1');
    expect(count('error')).toBe('1');
    expect(count('total')).toBe('9');
  });

  it('has a section × outcome matrix', () => {
    expect(html).toContain('<table class="matrix by-section">');
    expect(html).toContain('<table class="matrix by-level">');
    const row = /<tr data-key="RFC7644 3\.5\.2\.1">(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(row).toContain('<a href="https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.1"');
    expect(row).toContain('<td class="o-pass nz" data-cell="pass">2</td>');
    expect(row).toContain('<td class="o-blocked nz" data-cell="blocked">1</td>');
    expect(row).toContain('<td class="o-fail" data-cell="fail">0</td>');
  });

  it('has one row per scenario with outcome and level attributes, and filter buttons', () => {
    const rows = [...html.matchAll(/<li class="o-(\w+)" data-outcome="(\w+)" data-level="(\w+)" data-id="([^"]+)"/g)];
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r[2] === 'fail')).toHaveLength(2);
    expect(rows.find((r) => r[4] === 'patch.remove.value-path.no-match')?.[3]).toBe('AMBIG');
    for (const o of ['pass', 'fail', 'warn', 'unsupported', 'blocked', 'error']) {
      expect(html).toContain(`data-filter="outcome" data-value="${o}"`);
    }
    for (const l of ['MUST', 'SHOULD', 'AMBIG']) expect(html).toContain(`data-filter="level" data-value="${l}"`);
  });

  it('makes every non-pass row expandable and leaves passes plain', () => {
    const list = html.slice(html.indexOf('<ol class="scenarios">'), html.indexOf('</ol>'));
    const items = list.split('<li class="o-').slice(1);
    expect(items).toHaveLength(9);
    for (const item of items) {
      const outcome = item.slice(0, item.indexOf('"'));
      expect(item.includes('<details>'), outcome).toBe(outcome !== 'pass');
    }
  });

  it('shows reason, expected vs actual, each exchange and the curl command of a failure', () => {
    const start = html.indexOf('data-id="patch.replace.value-path.sub-attribute"');
    const item = html.slice(start, html.indexOf('</li>', start));
    expect(item).toContain('<dt>Why</dt><dd>the whole matched email was replaced instead of its value sub-attribute</dd>');
    expect(item).toContain('<dt>Expected</dt><dd><code>emails[type eq &quot;work&quot;] = {&quot;value&quot;');
    expect(item).toContain('<dt>Actual</dt><dd><code>emails[0] = ');
    expect(item.match(/<div class="exchange">/g)).toHaveLength(2);
    expect(item).toContain('<pre>PATCH https://scim.example.test/scim/v2/Users/2819c223-7f76-453a-919d-413861904646\nAuthorization: Bearer [redacted]');
    expect(item).toContain('<pre>HTTP 200\nContent-Type: application/scim+json\nETag: W/&quot;3694e05e9dff592&quot;');
    expect(item).toContain('<pre class="curl">curl -sS -X PATCH');
    expect(item).toContain('<a href="https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.3" rel="noopener noreferrer">RFC7644-3.5.2.3</a>, PATCH-REP-09');
  });

  it('renders a <script> in a response body as text', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
    // exactly our two script elements
    expect(html.match(/<script\b/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
  });

  it('escapes hostile text everywhere (ids, titles, headers, reasons, leftovers)', () => {
    const evil = '"><img src=x onerror=alert(1)>';
    const r = resultWith([scenarioWith(`id${evil}`, 'fail', {
      title: evil, reason: evil, expected: evil, actual: evil, section: evil, refs: [evil],
      exchanges: [{ purpose: 'patch', method: 'PATCH', url: `http://x/${evil}`, requestHeaders: { 'X-Evil': evil }, status: 500, responseHeaders: { [evil]: evil }, responseBody: evil, durationMs: 1, startedAt: '2025-01-01T00:00:00Z' }],
      curl: evil,
    })]);
    r.leftovers = [{ kind: evil, id: evil, location: evil, reason: evil }];
    r.run.target.product = evil;
    const out = renderHtml(r);
    expect(out).not.toContain('<img');
    expect(out).not.toMatch(/[^&]"><img/);
    expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('embeds the result as JSON that cannot close its script element', () => {
    const raw = dataJson(html);
    expect(raw).not.toContain('</');
    expect(raw).not.toContain('<');
    expect(JSON.parse(raw)).toEqual(result);
    const tricky = resultWith([scenarioWith('t', 'error', { reason: '<!--<script></script>--> \u2028' })]);
    expect(JSON.parse(dataJson(renderHtml(tricky)))).toEqual(tricky);
  });

  it('makes no external requests and pins its inline script by hash', () => {
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style.length).toBeGreaterThan(100);
    expect(style).not.toMatch(/url\(|@import/i);
    expect(html).not.toMatch(/fetch\(|XMLHttpRequest|WebSocket/);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(h).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const hash = `sha256-${createHash('sha256').update(script).digest('base64')}`;
    expect(hash).toBe(SCRIPT_HASH);
    // it at least parses (a browser test will exercise it later)
    expect(() => new Function(script)).not.toThrow();
    expect(html).toContain(`script-src &#39;${SCRIPT_HASH}&#39;`);
    expect(html).toContain("default-src &#39;none&#39;");
  });
});

describe('html escaping helpers', () => {
  it('escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('escapes < > & in script JSON and round-trips', () => {
    const s = jsonForScript({ a: '</script><!-- & >' });
    expect(s).toBe('{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e"}');
    expect(JSON.parse(s)).toEqual({ a: '</script><!-- & >' });
  });
});
