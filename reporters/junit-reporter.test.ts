import { describe, it, expect } from 'vitest';
import { renderJunit, xmlEscape } from './junit-reporter.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';

/**
 * A small well-formedness check: tags balance, attributes are quoted, no raw "<" or "&" outside
 * markup and entity references, no characters XML 1.0 forbids. Returns the element names seen.
 */
function checkXml(xml: string): string[] {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)) throw new Error('forbidden control character');
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const names: string[] = [];
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(body)) !== null) {
    if (m[6]) throw new Error(`stray "<" at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    const text = m[5];
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) throw new Error(`bad entity in ${text}`);
      continue;
    }
    for (const a of (m[3] ?? '').matchAll(/"([^"]*)"/g)) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(a[1] ?? '')) throw new Error(`bad entity in attribute ${a[1]}`);
    }
    const name = m[2] ?? '';
    if (m[1]) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else {
      names.push(name);
      if (!m[4]) stack.push(name);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  return names;
}

const count = (names: string[], n: string) => names.filter((x) => x === n).length;

describe('renderJunit', () => {
  const xml = renderJunit(sampleResult());
  const names = checkXml(xml);

  it('is well-formed with one suite per RFC section, one case per scenario, and a findings suite', () => {
    expect(count(names, 'testsuites')).toBe(1);
    expect(count(names, 'testsuite')).toBe(7); // six sections and "findings"
    expect(count(names, 'testcase')).toBe(9);
    expect(count(names, 'failure')).toBe(2);
    expect(count(names, 'error')).toBe(2); // one error, one blocked
    expect(count(names, 'skipped')).toBe(1);
    expect(count(names, 'system-out')).toBe(3); // the two warnings and the findings list
  });

  it('opens with a test-less "findings" suite: the gate, the count and every finding', () => {
    const suite = xml.slice(xml.indexOf('<testsuite name="findings"'), xml.indexOf('</testsuite>') + 12);
    expect(suite).toMatch(/^<testsuite name="findings" tests="0" failures="0" errors="0" skipped="0" time="0\.000"/);
    expect(suite).toContain('<property name="gate" value="Gate: FAIL (exit 1): 2 fail, 1 error and 1 blocked break the gate');
    expect(suite).toContain('<property name="distinct-problems" value="6"/>');
    const out = /<system-out>([\s\S]*?)<\/system-out>/.exec(suite)?.[1] ?? '';
    expect(out).toContain('6 distinct problems:');
    for (const f of sampleResult().findings) expect(out).toContain(`${f.key}: ${f.title}`.replace(/"/g, '&quot;'));
    expect(out).toContain('set-up: add to the config file (--config): { &quot;templates&quot;');
    expect(xml.indexOf('<testsuite name="findings"')).toBeLessThan(xml.indexOf('<testsuite name="RFC7644'));
  });

  it('lists the findings of a section\'s cases as its properties', () => {
    const suite = xml.slice(xml.indexOf('<testsuite name="RFC7644 3.5.2.2"'), xml.indexOf('</testsuite>', xml.indexOf('<testsuite name="RFC7644 3.5.2.2"')));
    const props = [...suite.matchAll(/<property name="finding" value="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(props).toEqual([
      '#6 ambig:remove-no-match:400: A remove whose filter matches nothing answers 400 noTarget rather than 200 with the resource unchanged (warn, AMBIG, 1 scenario)',
      '#2 status:400:got-200:remove-without-path: Answers 200 where RFC 7644 requires 400 noTarget: remove without a path (fail, MUST, 1 scenario)',
    ]);
    expect(xml.slice(xml.indexOf('<testsuite name="RFC7644 3.14"'))).toMatch(/^<testsuite name="RFC7644 3\.14"[^>]*>\n {4}<testcase/);
  });

  it('counts scenarios that never ran as a property, never as test cases', () => {
    const r = findingsRun();
    const out = renderJunit(r);
    expect(out).toContain('<property name="not-run" value="3 not run: interrupted by Ctrl-C"/>');
    for (const id of r.notRun!.ids) expect(out).not.toContain(`name="${id}"`);
    expect(count(checkXml(out), 'testcase')).toBe(r.scenarios.length);
  });

  it('carries the totals on the root and per suite', () => {
    expect(xml).toMatch(/<testsuites name="scim-conformance ExampleIdM" tests="9" failures="2" errors="2" skipped="1" time="6\.423">/);
    expect(xml).toMatch(/<testsuite name="RFC7644 3\.5\.2\.1" tests="3" failures="0" errors="1" skipped="0"/);
    expect(xml).toMatch(/<testsuite name="RFC7644 3\.5\.2\.2" tests="2" failures="1" errors="0" skipped="0"/);
  });

  it('names cases by scenario id with the section as classname, and explains failures', () => {
    expect(xml).toContain('<testcase name="patch.replace.value-path.sub-attribute" classname="RFC7644 3.5.2.3" time="0.053">');
    expect(xml).toContain('<failure message="the whole matched email was replaced instead of its value sub-attribute [finding #1 patch:value-path:whole-element-replaced: Replacing a sub-attribute through a value filter overwrites the whole element (type and primary are lost)]" type="MUST">');
    expect(xml).toContain('finding: #1 patch:value-path:whole-element-replaced: Replacing a sub-attribute');
    expect(xml).toContain('expected: emails[type eq &quot;work&quot;]');
    expect(xml).toContain('<error message="starting state &quot;group.one-member&quot; could not be created: POST /Groups answered 409 [finding #4 setup:409:group-display-name: Set-up refused');
    expect(xml).toContain('<skipped message="unsupported: the target does not advertise ETag support');
    expect(xml).toContain('<system-out>warn [AMBIG]: answered with the acceptable outcome');
    expect(xml).toContain('<testcase name="patch.add.simple-attribute" classname="RFC7644 3.5.2.1" time="0.058"/>');
  });

  it('strips control characters and escapes markup from hostile text', () => {
    const r = resultWith([scenarioWith('x<y>&"z"', 'fail', {
      reason: 'bad\u0000\u0007\u001b[31m <tag> & "quote" \ud800 lone',
      actual: ']]></failure><script>',
    })]);
    const out = renderJunit(r);
    const n = checkXml(out);
    expect(count(n, 'failure')).toBe(1);
    expect(count(n, 'script')).toBe(0);
    expect(out).toContain('<testcase name="x&lt;y&gt;&amp;&quot;z&quot;"');
    expect(out).toContain('message="bad[31m &lt;tag&gt; &amp; &quot;quote&quot;  lone"');
  });

  it('the checker itself rejects broken XML', () => {
    expect(() => checkXml('<a><b></a></b>')).toThrow(/unbalanced/);
    expect(() => checkXml('<a>x < y</a>')).toThrow(/stray/);
    expect(() => checkXml('<a>x & y</a>')).toThrow(/entity/);
    expect(() => checkXml('<a>\u0001</a>')).toThrow(/control/);
  });
});

describe('xmlEscape', () => {
  it('keeps tabs and newlines and valid surrogate pairs', () => {
    expect(xmlEscape('a\tb\nc 😀')).toBe('a\tb\nc 😀');
  });
});
