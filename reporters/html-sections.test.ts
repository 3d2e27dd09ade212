import { describe, expect, it } from 'vitest';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';
import { findingsView } from './findings-view.ts';
import { gateView } from './gate-verdict.ts';
import { compatibility, findingsSection, gateBanner, hashHref, refHtml, scenarioLink } from './html-sections.ts';

describe('html sections', () => {
  it('makes a gate banner for a pass and a fail, with the not-run count', () => {
    const pass = resultWith([scenarioWith('a', 'pass')]);
    expect(gateBanner(gateView(pass), pass)).toMatch(/^<section id="gate" class="gate pass" data-exit="0">\n<strong>Gate: PASS \(exit 0\)<\/strong>/);
    const run = findingsRun();
    const fail = gateBanner(gateView(run), run);
    expect(fail).toContain('class="gate fail" data-exit="1"');
    expect(fail).toContain('<p class="notrun">3 not run: interrupted by Ctrl-C</p>');
  });

  it('says so when there is no problem, and shows the guessed template only when no finding has a hint', () => {
    const clean = resultWith([scenarioWith('a', 'pass')]);
    expect(findingsSection(findingsView(clean), clean)).toContain('<h2>No problems found</h2>');
    const blocked = resultWith([scenarioWith('b', 'blocked', { reason: 'set-up: POST /Users answered 400 invalidValue: employeeNumber is required' })]);
    expect(findingsSection(findingsView(blocked), blocked)).toContain('The target refused the resources the suite creates.');
    const withHint = sampleResult();
    expect(findingsSection(findingsView(withHint), withHint)).not.toContain('The target refused the resources the suite creates.');
  });

  it('shows the first six references of a finding and counts the rest', () => {
    const r = sampleResult();
    r.findings[0]!.refs = Array.from({ length: 9 }, (_, i) => `RFC7644-3.${i + 1}`);
    const html = findingsSection(findingsView(r), r);
    expect(html).toContain('#section-3.6"');
    expect(html).not.toContain('#section-3.7"');
    expect(html).toContain('<span class="muted">(+3 more)</span>');
  });

  it('links references and anchors safely', () => {
    expect(refHtml('RFC7644-3.12')).toBe('<a href="https://www.rfc-editor.org/rfc/rfc7644#section-3.12" rel="noopener noreferrer">RFC7644-3.12</a>');
    expect(refHtml('<b>')).toBe('&lt;b&gt;');
    expect(hashHref('finding-a b"c')).toBe('#finding-a%20b%22c');
    expect(scenarioLink('x"><y')).toBe('<a href="#x%22%3E%3Cy">x&quot;&gt;&lt;y</a>');
  });

  it('is empty for compatibility when there are no IdP shapes and no vendor profile', () => {
    const r = sampleResult();
    expect(compatibility(r, findingsView(r))).toBe('');
  });
});
