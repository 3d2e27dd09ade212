import { describe, it, expect } from 'vitest';
import { renderJunit, xmlEscape } from './junit-reporter.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';

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

  it('is well-formed with one suite per RFC section and one case per scenario', () => {
    expect(count(names, 'testsuites')).toBe(1);
    expect(count(names, 'testsuite')).toBe(6);
    expect(count(names, 'testcase')).toBe(9);
    expect(count(names, 'failure')).toBe(2);
    expect(count(names, 'error')).toBe(2); // one error, one blocked
    expect(count(names, 'skipped')).toBe(1);
    expect(count(names, 'system-out')).toBe(2); // the warnings
  });

  it('carries the totals on the root and per suite', () => {
    expect(xml).toMatch(/<testsuites name="scim-conformance ExampleIdM" tests="9" failures="2" errors="2" skipped="1" time="6\.423">/);
    expect(xml).toMatch(/<testsuite name="RFC7644 3\.5\.2\.1" tests="3" failures="0" errors="1" skipped="0"/);
    expect(xml).toMatch(/<testsuite name="RFC7644 3\.5\.2\.2" tests="2" failures="1" errors="0" skipped="0"/);
  });

  it('names cases by scenario id with the section as classname, and explains failures', () => {
    expect(xml).toContain('<testcase name="patch.replace.value-path.sub-attribute" classname="RFC7644 3.5.2.3" time="0.053">');
    expect(xml).toContain('<failure message="the whole matched email was replaced instead of its value sub-attribute" type="MUST">');
    expect(xml).toContain('expected: emails[type eq &quot;work&quot;]');
    expect(xml).toContain('<error message="starting state &quot;group.one-member&quot; could not be created: POST /Groups answered 409" type="blocked">');
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
