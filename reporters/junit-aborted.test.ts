import { describe, expect, it } from 'vitest';
import { renderAbortedJunit } from './junit-aborted.ts';
import { resultWith } from '../fixtures/sample-runs/sample-result.ts';
import type { RunResult } from '../schemas/run-result.ts';

function aborted(exitCode: 2 | 3, reason: string): RunResult {
  const r = resultWith([]);
  return { ...r, run: { ...r.run, notes: [`aborted: ${reason}`], aborted: { exitCode, reason } } };
}

const attr = (xml: string, element: string, name: string) => new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1];

describe('renderAbortedJunit', () => {
  it('is one test case in error, saying why, with counts that agree', () => {
    const xml = renderAbortedJunit(aborted(3, 'target http://127.0.0.1:9 refused the connection'));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(1);
    expect(xml.match(/<error /g)).toHaveLength(1);
    expect(attr(xml, 'error', 'message')).toBe('target http://127.0.0.1:9 refused the connection');
    expect(attr(xml, 'error', 'type')).toBe('unreachable');
    for (const el of ['testsuites', 'testsuite']) {
      expect(attr(xml, el, 'tests'), el).toBe('1');
      expect(attr(xml, el, 'errors'), el).toBe('1');
      expect(attr(xml, el, 'failures'), el).toBe('0');
    }
    expect(xml).toContain('exit code: 3 (unreachable)');
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('names a usage abort (exit 2) as such', () => {
    const xml = renderAbortedJunit(aborted(2, 'target http://127.0.0.1:1234 rejected the credential (401)'));
    expect(attr(xml, 'error', 'type')).toBe('usage');
    expect(xml).toContain('exit code: 2 (usage)');
  });

  it('escapes what a target put into the reason', () => {
    const xml = renderAbortedJunit(aborted(3, 'does not look like a SCIM server: <html>&"\u0007'));
    expect(attr(xml, 'error', 'message')).toBe('does not look like a SCIM server: &lt;html&gt;&amp;&quot;');
    expect(xml).not.toContain('<html>');
    expect(xml).not.toContain('\u0007');
  });

  it('refuses a result that was not aborted', () => {
    expect(() => renderAbortedJunit(resultWith([]))).toThrow(/not an aborted run/);
  });
});
