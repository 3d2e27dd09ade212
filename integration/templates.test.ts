// Data templates against a strict target: a reference server that demands an email domain and an
// enterprise employeeNumber on every user it creates. Without a template every set-up is refused,
// the run is blocked and its summary suggests the template; with that template the run is green.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../engine/config.ts';
import { executeRun } from '../engine/run.ts';
import { renderConsole } from '../reporters/console-reporter.ts';
import { renderMarkdown } from '../reporters/markdown-reporter.ts';
import { suggestTemplate } from '../reporters/template-hint.ts';
import type { RunResult } from '../schemas/run-result.ts';
import { startServer, type RunningServer } from '../server/index.ts';

const RULES = { emailDomain: 'corp.example', requireEmployeeNumber: true };
let outDir = '';
let server: RunningServer;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'scim-templates-'));
  server = await startServer({ rules: RULES, extraTokens: true }, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function run(runId: string, templates?: unknown): Promise<RunResult> {
  const file = join(outDir, `${runId}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      baseUrl: server.url,
      auth: { kind: 'bearer', token: server.token },
      outDir,
      concurrency: 16,
      credentials: { limited: { kind: 'bearer', token: server.tokens.limited }, otherTenant: { kind: 'bearer', token: server.tokens.otherTenant } },
      ...(templates ? { templates } : {}),
    }),
  );
  return executeRun(loadConfig({ file, env: {} }), { embedded: false, seed: 11, runId });
}

describe('a target that demands an email domain and an employeeNumber', () => {
  let suggested: unknown;

  it('without a template: set-up is refused, the run is blocked and the summary names the template to add', async () => {
    const result = await run('no-template');
    expect(result.summary.blocked).toBeGreaterThan(result.summary.total / 2);
    const blocked = result.scenarios.find((s) => s.outcome === 'blocked');
    expect(blocked?.reason).toMatch(/employeeNumber is required; userName must be an email address in the domain corp\.example/);

    const hint = suggestTemplate(result);
    expect(hint?.templates.users?.['userName']).toBe('{{marker}}-{{unique}}@corp.example');
    expect(hint?.templates.users?.['emails']).toEqual([{ value: '{{marker}}.{{unique}}@corp.example' }]);
    expect(hint?.templates.users?.['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({ employeeNumber: '{{unique}}' });
    suggested = hint?.templates;

    const text = renderConsole(result, { color: false });
    expect(text).toContain('Suggested data template:');
    expect(text).toContain('"userName": "{{marker}}-{{unique}}@corp.example"');
    expect(text).toContain('"employeeNumber": "{{unique}}"');
    const md = renderMarkdown(result);
    expect(md).toContain('### Suggested data template');
    expect(md).toMatch(/```json\n\{\n {2}"templates": \{/);
    expect(result.leftovers).toEqual([]);
  }, 120_000);

  it('with the suggested template (plus a faker expression): the whole run is green', async () => {
    expect(suggested).toBeDefined();
    const templates = structuredClone(suggested) as { users: Record<string, unknown> };
    templates.users['title'] = '{{faker.person.jobTitle}}';
    const result = await run('with-template', templates);
    const bad = result.scenarios.filter((s) => s.outcome === 'fail' || s.outcome === 'error' || s.outcome === 'blocked');
    expect(bad.map((s) => `${s.id}: ${s.outcome} ${s.reason ?? ''}`)).toEqual([]);
    expect(result.summary.pass).toBeGreaterThan(400);
    // Scenarios that rest on the very part of the state the template changes are reported, not failed.
    const skipped = result.scenarios.filter((s) => s.capability === 'templates');
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.length).toBeLessThan(25);
    for (const s of skipped) expect(s.reason).toMatch(/^the data template sets (emails|title|employeenumber), and this scenario relies on/);
    expect(suggestTemplate(result)).toBeUndefined();
    expect(result.leftovers).toEqual([]);
  }, 120_000);
});

describe('templates in the config file', () => {
  it('an unknown faker method or module is a one-line config error naming the field', () => {
    const file = join(outDir, 'bad-faker.json');
    writeFileSync(file, JSON.stringify({ baseUrl: 'http://127.0.0.1:1', templates: { users: { title: '{{faker.person.jobTitel}}' } } }));
    expect(() => loadConfig({ file, env: {} })).toThrow(/config: templates\.users\.title: faker\.person has no method "jobTitel"/);
    writeFileSync(file, JSON.stringify({ baseUrl: 'http://127.0.0.1:1', templates: { users: { title: '{{faker.nope.x}}' } } }));
    expect(() => loadConfig({ file, env: {} })).toThrow(/faker has no module "nope"/);
  });

  it('a userName template without {{marker}} is refused, since cleanup finds users by it', () => {
    const file = join(outDir, 'no-marker.json');
    writeFileSync(file, JSON.stringify({ baseUrl: 'http://127.0.0.1:1', templates: { users: { userName: '{{unique}}@corp.example' } } }));
    expect(() => loadConfig({ file, env: {} })).toThrow(/templates\.users\.userName: must start with \{\{marker\}\}/);
  });

  it('id and meta cannot be templated', () => {
    const file = join(outDir, 'id.json');
    writeFileSync(file, JSON.stringify({ baseUrl: 'http://127.0.0.1:1', templates: { users: { id: 'x' } } }));
    expect(() => loadConfig({ file, env: {} })).toThrow(/config: templates\.users/);
  });
});
