import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { renderHtml, SCRIPT_HASH } from './html-reporter.ts';
import { escapeHtml, jsonForScript } from './html-escape.ts';
import { findingsView } from './findings-view.ts';
import { reportData } from './html-data.ts';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';

function dataJson(html: string): string {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m?.[1]) throw new Error('no embedded data');
  return m[1];
}

/** The scenario rows: [id attribute, outcome, level, data-id, data-finding]. */
function rows(html: string): Array<{ anchor: string; outcome: string; level: string; id: string; finding?: string }> {
  const list = html.slice(html.indexOf('<ol class="scenarios">'), html.indexOf('</ol>', html.indexOf('<ol class="scenarios">')));
  return [...list.matchAll(/<li id="([^"]+)" class="o-\w+" data-outcome="(\w+)" data-level="(\w+)" data-id="([^"]+)"(?: data-finding="([^"]+)")?>/g)].map((m) => ({
    anchor: m[1]!,
    outcome: m[2]!,
    level: m[3]!,
    id: m[4]!,
    ...(m[5] !== undefined ? { finding: m[5] } : {}),
  }));
}

describe('renderHtml', () => {
  const result = sampleResult();
  const html = renderHtml(result);

  it('has a count element per outcome', () => {
    const count = (o: string) => new RegExp(`<span data-count="${o}">(\\d+)</span>`).exec(html)?.[1];
    expect([count('pass'), count('fail'), count('warn'), count('unsupported'), count('blocked'), count('error'), count('total')]).toEqual(['2', '2', '2', '1', '1', '1', '9']);
  });

  it('opens on the gate verdict, then the findings, then the scenarios', () => {
    const at = (needle: string) => html.indexOf(needle);
    expect(at('<section id="gate" class="gate fail" data-exit="1">')).toBeGreaterThan(0);
    expect(html).toContain('<strong>Gate: FAIL (exit 1)</strong>');
    expect(at('id="gate"')).toBeLessThan(at('id="problems"'));
    expect(at('id="problems"')).toBeLessThan(at('id="scenarios"'));
    expect(at('id="scenarios"')).toBeLessThan(at('<table class="matrix by-section">'));
    expect(html).toContain('<h2>6 distinct problems</h2>');
    expect(html).toMatch(/<title>FAIL · SCIM conformance: ExampleIdM 4\.2\.1<\/title>/);
  });

  it('shows the gate the run gave when the CLI passes it', () => {
    const given = renderHtml(result, { gate: { exitCode: 0, lines: ['gate: default', 'gate: PASS (exit 0); 4 known outcome(s) from the expectation file'] } });
    expect(given).toContain('<section id="gate" class="gate pass" data-exit="0">');
    expect(given).toContain("the run&#39;s gate said: PASS (exit 0); 4 known outcome(s) from the expectation file");
  });

  it('lists every finding in the given order with its anchor, outcome, level, reach, refs and hint', () => {
    const items = [...html.matchAll(/<li id="(finding-[^"]+)" class="finding o-(\w+)" data-key="([^"]+)" data-outcome="\w+" data-level="(\w+)">/g)];
    expect(items.map((m) => m[3])).toEqual(result.findings.map((f) => f.key));
    expect(items.map((m) => m[1])).toEqual(result.findings.map((f) => `finding-${f.key}`));
    expect(items.map((m) => `${m[2]}/${m[4]}`)).toEqual(result.findings.map((f) => `${f.outcome}/${f.level}`));
    const first = html.slice(html.indexOf('<li id="finding-patch:value-path'), html.indexOf('</li>', html.indexOf('<li id="finding-patch:value-path')));
    expect(first).toContain('<span class="ftitle">Replacing a sub-attribute through a value filter overwrites the whole element (type and primary are lost)</span>');
    expect(first).toContain('1 scenario · <a href="https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.3" rel="noopener noreferrer">RFC7644-3.5.2.3</a>, PATCH-REP-09');
    expect(first).toContain('Example: <a href="#patch.replace.value-path.sub-attribute">patch.replace.value-path.sub-attribute</a>');
    expect(first).toContain('data-render="patch.replace.value-path.sub-attribute"');
    const setup = html.slice(html.indexOf('<li id="finding-setup:409'), html.indexOf('</li>', html.indexOf('<li id="finding-setup:409')));
    expect(setup).toContain('<pre class="copyable">{\n  &quot;templates&quot;: {\n    &quot;groups&quot;');
  });

  it('has one row per scenario, failures first, anchored by id, each problem naming its finding', () => {
    const list = rows(html);
    expect(list).toHaveLength(9);
    expect(list.map((r) => r.outcome)).toEqual(['fail', 'fail', 'error', 'blocked', 'warn', 'warn', 'unsupported', 'pass', 'pass']);
    for (const r of list) expect(r.anchor).toBe(r.id);
    // The oracle: each scenario's own finding field in the sample.
    for (const s of result.scenarios) expect(list.find((r) => r.id === s.id)?.finding).toBe(s.finding);
    const row = html.slice(html.indexOf('<li id="patch.remove.path-required"'), html.indexOf('</li>', html.indexOf('<li id="patch.remove.path-required"')));
    expect(row).toContain('<span class="why">remove without path answered 200 instead of 400 noTarget</span>');
    expect(row).toContain('finding <a href="#finding-status:400:got-200:remove-without-path">#2 Answers 200 where RFC 7644 requires 400 noTarget: remove without a path</a> (its example)');
    expect(row).toContain('<div class="detail" data-render="patch.remove.path-required"></div>');
  });

  it('makes every non-pass row expandable and leaves passes plain', () => {
    const list = html.slice(html.indexOf('<ol class="scenarios">'), html.indexOf('</ol>', html.indexOf('<ol class="scenarios">')));
    const items = list.split('<li id=').slice(1);
    expect(items).toHaveLength(9);
    for (const item of items) {
      const outcome = /data-outcome="(\w+)"/.exec(item)?.[1];
      expect(item.includes('<details>'), outcome).toBe(outcome !== 'pass');
    }
  });

  it('offers "show only" buttons (none pressed), a finding choice and a search over more than ids', () => {
    for (const o of ['pass', 'fail', 'warn', 'unsupported', 'blocked', 'error']) expect(html).toContain(`data-filter="outcome" data-value="${o}" aria-pressed="false"`);
    for (const l of ['MUST', 'SHOULD', 'AMBIG']) expect(html).toContain(`data-filter="level" data-value="${l}" aria-pressed="false"`);
    expect(html).not.toContain('aria-pressed="true"');
    expect(html).toContain('<option value="target:500-html-page">#3 Answers 500 with an HTML error page');
    expect(html).toContain('placeholder="id, reason, RFC section, scimType …"');
    // Only outcomes the run has get a button.
    expect(renderHtml(resultWith([scenarioWith('a', 'pass')]))).not.toContain('data-value="fail"');
  });

  it('embeds the details as data, not as markup, and a <script> in a body stays text', () => {
    expect(html).not.toContain('<div class="exchange">');
    expect(html).not.toContain('<script>alert');
    expect(html.match(/<script\b/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    const raw = dataJson(html);
    expect(raw).not.toContain('<');
    expect(JSON.parse(raw)).toEqual(JSON.parse(JSON.stringify(reportData(result, findingsView(result)))));
    const tricky = resultWith([scenarioWith('t', 'error', { reason: '<!--<script></script>--> \u2028' })]);
    expect(JSON.parse(dataJson(renderHtml(tricky))).scenarios[0].r).toBe('<!--<script></script>--> \u2028');
  });

  it('escapes hostile text everywhere (ids, titles, reasons, findings, hints, leftovers)', () => {
    const evil = '"><img src=x onerror=alert(1)>';
    const r = resultWith([scenarioWith(`id${evil}`, 'fail', { title: evil, reason: evil, expected: evil, actual: evil, section: evil, refs: [evil], finding: evil, curl: evil })]);
    r.findings = [{ key: evil, title: evil, outcome: 'fail', level: 'MUST', refs: [evil], scenarios: [`id${evil}`], example: { scenario: `id${evil}`, reason: evil }, hint: evil }];
    r.leftovers = [{ kind: evil, id: evil, location: evil, reason: evil }];
    r.run.target.product = evil;
    r.run.notes = [evil];
    const out = renderHtml(r);
    expect(out).not.toContain('<img');
    expect(out).not.toMatch(/[^&]"><img/);
    expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('counts scenarios that never ran in the gate banner, never as rows', () => {
    const r = findingsRun();
    const out = renderHtml(r);
    expect(out).toContain('<p class="notrun">3 not run: interrupted by Ctrl-C</p>');
    for (const id of r.notRun!.ids) expect(out).not.toContain(`data-id="${id}"`);
    expect(rows(out)).toHaveLength(r.scenarios.length);
  });

  it('lists IdP shapes as links to their scenarios and the cross-cutting findings beside them', () => {
    const out = renderHtml(findingsRun());
    const idp = out.slice(out.indexOf('<section class="idp"'), out.indexOf('</section>', out.indexOf('<section class="idp"')));
    expect(idp).toContain('<strong>Microsoft Entra ID: 3 of 4 shapes work.</strong>');
    expect(idp).toContain('Not handled: <a href="#idp.entra.update-profile-one-op-per-attribute">updating a profile: Entra sends one Replace per attribute</a>');
    expect(idp).toContain('<a href="#idp.okta.push-all-members">Pushing a group: Okta replaces all members</a>');
    expect(idp).toContain('<div class="also"><p>Also seen on this server');
    expect(idp).toContain('<a href="#finding-checks.returned-never">Returns the password (returned: never) in responses (fail, MUST; 57 of 61 responses)</a>');
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
    for (const h of hrefs) expect(h).toMatch(/^(https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+|#)/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(`sha256-${createHash('sha256').update(script).digest('base64')}`).toBe(SCRIPT_HASH);
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
