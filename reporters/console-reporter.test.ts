import { describe, it, expect } from 'vitest';
import { renderConsole } from './console-reporter.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';
import { manyFailures } from '../fixtures/sample-runs/many-failures.ts';

const ESC = '\u001b';

describe('renderConsole', () => {
  const text = renderConsole(sampleResult(), { color: false });
  const lines = text.trimEnd().split('\n');

  it('ends with the summary line CI greps for', () => {
    expect(lines.at(-1)).toBe('9 scenarios: 2 pass, 2 fail, 2 warn, 1 unsupported, 1 blocked, 1 error');
    expect(lines.at(-1)).toMatch(/^\d+ scenarios: \d+ pass, \d+ fail, \d+ warn, \d+ unsupported, \d+ blocked, \d+ error$/);
  });

  it('prints the header: target, profile, seed, capabilities, discovery and duration', () => {
    expect(text).toContain('target:       https://scim.example.test/scim/v2 (ExampleIdM 4.2.1)');
    expect(text).toContain('profile:      rfc-strict   seed: 4242');
    expect(text).toMatch(/capabilities: patch, filter, changePassword, groups, enterpriseUser {2}\(not advertised: etag, bulk, sort\)/);
    expect(text).toContain('discovery:    partial — /Schemas answered 404');
    expect(text).toContain('duration: 6.4 s');
  });

  it('counts per section and per level', () => {
    const row = (name: string) => lines.find((l) => l.startsWith(name + ' '))?.trim().split(/\s{2,}/);
    // columns: section, pass, fail, warn, unsupported, blocked, error, total
    expect(row('RFC7644 3.5.2.1')).toEqual(['RFC7644 3.5.2.1', '2', '0', '0', '0', '1', '0', '3']);
    expect(row('RFC7644 3.5.2.3')).toEqual(['RFC7644 3.5.2.3', '0', '1', '0', '0', '0', '0', '1']);
    expect(row('MUST')).toEqual(['MUST', '2', '2', '0', '1', '1', '1', '7']);
    expect(row('AMBIG')).toEqual(['AMBIG', '0', '0', '1', '0', '0', '0', '1']);
    const sections = lines.filter((l) => /^RFC764\d /.test(l)).map((l) => l.split(/\s{2,}/)[0]);
    expect(sections).toEqual(['RFC7644 3.5.2', 'RFC7644 3.5.2.1', 'RFC7644 3.5.2.2', 'RFC7644 3.5.2.3', 'RFC7644 3.12', 'RFC7644 3.14']);
  });

  it('lists each failure, error and blocked scenario on one line with id, level and reason', () => {
    expect(text).toContain('FAIL    patch.replace.value-path.sub-attribute  [MUST]  the whole matched email was replaced instead of its value sub-attribute');
    expect(text).toContain('FAIL    patch.remove.path-required  [MUST]');
    expect(text).toContain('ERROR   patch.bad-path.unknown-attribute  [MUST]  the target answered 500 with an HTML page');
    expect(text).toContain('BLOCKED patch.add.group.member  [MUST]');
  });

  it('leads with the distinct problems, before the counts, each with reach, RFC links and hint', () => {
    const out = renderConsole(findingsRun(), { color: false });
    const at = (t: string) => out.indexOf(t);
    expect(at('5 distinct problems:')).toBeGreaterThan(0);
    expect(at('5 distinct problems:')).toBeLessThan(at('section '));
    expect(out).toContain('  #1  FAIL    [MUST]  Returns the password (returned: never) in responses\n             1 scenario; 57 of 61 responses broke it; key checks.returned-never\n             refs: RFC7643-7 <https://www.rfc-editor.org/rfc/rfc7643#section-7>');
    expect(out).toContain('  #4  BLOCKED [MUST]  Set-up refused');
    expect(out).toContain('             set-up: add this to the config file (--config) and run again:\n               {\n                 "templates": {');
    // The finding's hint replaces the guessed template.
    expect(out).not.toContain('Suggested data template');
  });

  it('names the finding on each scenario line', () => {
    expect(text).toContain('FAIL    patch.remove.path-required  [MUST]  remove without path answered 200 instead of 400 noTarget  → #2 status:400:got-200:remove-without-path');
  });

  it('shows a cascade as a few lines per finding unless verbose', () => {
    const r = manyFailures({ failures: 30, causes: 2, passes: 0 });
    const out = renderConsole(r, { color: false });
    expect(out.match(/^ {2}FAIL {4}patch\.synthetic\./gm)).toHaveLength(6);
    expect(out).toContain('          … and 12 more of #1 status:400:got-200 (--verbose lists them)');
    expect(out).toContain('          … and 12 more of #2 patch:value-path:whole-element-replaced (--verbose lists them)');
    const verbose = renderConsole(r, { color: false, verbose: true });
    expect(verbose.match(/^ {2}FAIL {4}patch\.synthetic\./gm)).toHaveLength(30);
  });

  it('counts scenarios that never ran just above the summary line, not as errors', () => {
    const out = renderConsole(findingsRun(), { color: false }).trimEnd().split('\n');
    expect(out.at(-1)).toBe('29 scenarios: 18 pass, 5 fail, 1 warn, 1 unsupported, 3 blocked, 1 error');
    expect(out.at(-3)).toBe('3 not run: interrupted by Ctrl-C');
    expect(out.join('\n')).not.toContain('patch.versioning.if-match-current');
  });

  it('summarises warnings, and lists them only when verbose', () => {
    expect(text).toContain('Warnings (2): (AMBIG 1, SHOULD 1)');
    expect(text).not.toContain('patch.remove.value-path.no-match');
    const verbose = renderConsole(sampleResult(), { color: false, verbose: true });
    expect(verbose).toContain('WARN    patch.remove.value-path.no-match  [AMBIG]');
    expect(verbose).toContain('expected: 400 with scimType "noTarget"');
    expect(verbose).toContain('UNSUPP  patch.etag.if-match-stale');
  });

  it('lists leftovers', () => {
    expect(text).toContain('Leftovers: 1 resource(s)');
    expect(text).toContain('User 9f1c2e0a-0000-4000-8000-000000000001 at https://scim.example.test/scim/v2/Users/9f1c2e0a-0000-4000-8000-000000000001: DELETE answered 500');
  });

  it('uses ANSI colour only when asked', () => {
    expect(text).not.toContain(ESC);
    const colored = renderConsole(sampleResult(), { color: true });
    expect(colored).toContain(`${ESC}[31;1mFAIL`);
    // the summary line stays plain so a grep still matches it
    expect(colored.trimEnd().split('\n').at(-1)).toBe('9 scenarios: 2 pass, 2 fail, 2 warn, 1 unsupported, 1 blocked, 1 error');
  });

  it('neutralises terminal escapes coming from a target', () => {
    const r = resultWith([scenarioWith('x', 'fail', { reason: `bad\u001b]0;pwned\u0007 body\nsecond line` })]);
    const out = renderConsole(r, { color: false });
    expect(out).not.toContain(ESC);
    expect(out).toContain('bad\\x1b]0;pwned\\x07 body second line');
  });

  it('says so when the stored summary disagrees with the scenarios', () => {
    const r = sampleResult();
    r.summary.pass = 99;
    expect(renderConsole(r, { color: false })).toContain('does not match its scenarios');
    expect(text).not.toContain('does not match');
  });

  it('keeps the fixed format for one scenario', () => {
    const out = renderConsole(resultWith([scenarioWith('only', 'pass')]), { color: false });
    expect(out.trimEnd().split('\n').at(-1)).toBe('1 scenarios: 1 pass, 0 fail, 0 warn, 0 unsupported, 0 blocked, 0 error');
  });
});
