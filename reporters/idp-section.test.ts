import { describe, expect, it } from 'vitest';
import type { RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { ALSO_SEEN_INTRO, alsoSeen, idpCompatibility, idpLines, strictLines, strictView } from './idp-section.ts';
import { IDP_CLIENTS } from '../scenarios/idp/index.ts';
import { findingsRun } from '../fixtures/sample-runs/findings-run.ts';
import { renderConsole } from './console-reporter.ts';
import { renderMarkdown } from './markdown-reporter.ts';
import { renderHtml } from './html-reporter.ts';
import { sampleResult } from '../fixtures/sample-runs/sample-result.ts';

const sc = (id: string, outcome: ScenarioResult['outcome'], more: Partial<ScenarioResult> = {}): ScenarioResult => ({
  id,
  title: id.startsWith('idp.entra.disable') ? 'Disabling a user: Entra sends Replace with active as the string "False"' : `Shape ${id}`,
  family: id.startsWith('idp.') ? 'idp' : 'replace',
  level: 'INTEROP',
  refs: [],
  section: 'RFC7644 3.5.2',
  outcome,
  durationMs: 1,
  ...more,
});

function result(scenarios: ScenarioResult[], profile = 'rfc7644'): RunResult {
  const base = sampleResult();
  return { ...base, run: { ...base.run, profile }, scenarios };
}

describe('IdP compatibility', () => {
  const r = result([
    sc('idp.entra.disable-user-string-false', 'fail'),
    sc('idp.entra.add-nickname', 'pass'),
    sc('idp.entra.replace-mobile-phone-upsert', 'warn'),
    sc('idp.okta.deactivate-path-less', 'unsupported', { reason: 'Adra documents path as required.' }),
    sc('idp.okta.push-all-members', 'pass'),
    sc('patch.replace.x', 'pass'),
  ]);
  it('counts per identity provider what works, what does not and what was not tested', () => {
    const rows = idpCompatibility(r);
    expect(rows.map((x) => [x.name, x.total, x.works.length, x.notHandled.length, x.notTested.length])).toEqual([
      ['Microsoft Entra ID', 3, 1, 2, 0],
      ['Okta', 2, 1, 0, 1],
    ]);
  });
  it('says it in words a buyer understands, explaining the RFC conflict', () => {
    const lines = idpLines(r);
    expect(lines[0]).toBe('Microsoft Entra ID: 1 of 3 shapes work.');
    expect(lines[1]).toBe('  Not handled: disabling a user: Entra sends Replace with active as the string "False".');
    expect(lines[2]).toMatch(/Not handled: shape idp\.entra\.replace-mobile-phone-upsert \(RFC 7644 requires a server to refuse/);
    expect(lines[3]).toBe('Okta: 1 of 1 shape works. 1 not tested.');
    expect(lines[4]).toBe('  Not tested: shape idp.okta.deactivate-path-less — Adra documents path as required.');
  });
  it('appears in the console, Markdown and HTML reports', () => {
    expect(renderConsole(r, { color: false })).toContain('IdP compatibility:\n  Microsoft Entra ID: 1 of 3 shapes work.');
    expect(renderMarkdown(r)).toContain('### IdP compatibility\n\n- **Microsoft Entra ID: 1 of 3 shapes work.**');
    const html = renderHtml(r);
    expect(html).toContain('<h2>IdP compatibility</h2>');
    expect(html).toContain('Not handled: <a href="#idp.entra.disable-user-string-false">disabling a user: Entra sends Replace with active as the string &quot;False&quot;</a>');
  });
  it('takes client names from the IdP packs, so a new pack only adds its entry there', () => {
    const rows = idpCompatibility(result([sc('idp.github-emu.rename-user', 'pass'), sc('idp.aws-identity-center.disable-user', 'pass'), sc('idp.someone-new.x', 'pass')]));
    expect(rows.map((x) => x.name)).toEqual([IDP_CLIENTS['github-emu'], IDP_CLIENTS['aws-identity-center'], 'someone-new']);
  });
  it('judges a shape on its own outcome and lists failed cross-cutting checks beside the verdicts, not in them', () => {
    const run = findingsRun();
    const lines = idpLines(run);
    // The Okta shapes pass although the same server returns the password: that finding is listed apart.
    expect(lines).toContain('Okta: 2 of 2 shapes work.');
    expect(lines).toContain('Microsoft Entra ID: 3 of 4 shapes work.');
    const at = lines.indexOf(ALSO_SEEN_INTRO);
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('  Returns the password (returned: never) in responses (fail, MUST; 57 of 61 responses)');
    expect(alsoSeen(run).map((p) => p.key)).toEqual(['checks.returned-never']);
    // Without any failed check, no such line.
    const clean = { ...run, scenarios: run.scenarios.filter((s) => s.id !== 'checks.returned-never'), findings: run.findings.filter((f) => f.key !== 'checks.returned-never') };
    expect(idpLines(clean)).not.toContain(ALSO_SEEN_INTRO);
  });
  it('is absent from a run without idp scenarios', () => {
    const plain = result([sc('patch.replace.x', 'pass')]);
    expect(idpLines(plain)).toEqual([]);
    expect(renderConsole(plain, { color: false })).not.toContain('IdP compatibility');
    expect(renderHtml(plain)).not.toContain('IdP compatibility');
  });
});

describe('strict RFC 7644 view', () => {
  const dev = { id: 'adra.problem-json-errors', profile: 'adra', level: 'MUST' as const, description: 'Errors are problem JSON.' };
  const r = result(
    [
      sc('patch.errors.unknown-user', 'pass', { strict: 'fail', deviation: dev }),
      sc('patch.errors.unknown-group', 'pass', { strict: 'fail', deviation: dev }),
      sc('patch.replace.x', 'pass', { strict: 'pass' }),
      sc('patch.replace.y', 'pass', { strict: 'warn' }),
    ],
    'adra',
  );
  it('counts strict outcomes and groups the documented deviations', () => {
    const v = strictView(r)!;
    expect([v.counts.pass, v.counts.fail, v.counts.warn]).toEqual([1, 2, 1]);
    expect(v.deviations).toEqual([{ ...dev, scenarios: ['patch.errors.unknown-user', 'patch.errors.unknown-group'] }].map(({ profile: _p, ...d }) => d));
    expect(v.undocumented.map((s) => s.id)).toEqual(['patch.replace.y']);
    expect(strictLines(v)[1]).toBe('  [MUST] Errors are problem JSON. (2 scenarios)');
  });
  it('appears in the reports only under a vendor profile', () => {
    expect(renderMarkdown(r)).toContain('### Strict RFC 7644 view');
    expect(renderHtml(r)).toContain('<h2>Strict RFC 7644 view</h2>');
    expect(strictView(result([sc('patch.replace.x', 'pass')]))).toBeUndefined();
  });
});
