// The security family can fail: each security hole of the reference server (server/access.ts) and
// the seeded PATCH defects it overlaps are switched on alone, the family runs against the server,
// and the matching scenarios must fail; against the clean server every one of them passes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type TargetConfig } from '../engine/config.ts';
import { executeRun } from '../engine/run.ts';
import type { RunResult, ScenarioResult } from '../schemas/run-result.ts';
import type { SecurityHole } from '../server/access.ts';
import type { DefectName } from '../server/defects.ts';
import { startServer, type ServerOptions } from '../server/index.ts';

let outDir = '';

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'scim-security-'));
});
afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function runSecurity(options: ServerOptions, runId: string, extra = true): Promise<RunResult> {
  const server = await startServer({ extraTokens: extra, ...options }, { host: '127.0.0.1', port: 0 });
  try {
    const base = loadConfig({ env: { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token, SCIM_OUT_DIR: outDir } });
    const credentials = extra
      ? { limited: { kind: 'bearer' as const, token: server.tokens.limited! }, otherTenant: { kind: 'bearer' as const, token: server.tokens.otherTenant! } }
      : undefined;
    const config: TargetConfig = credentials ? { ...base, credentials } : base;
    return await executeRun(config, { embedded: false, seed: 7, runId, select: (all) => all.filter((s) => s.family === 'security') });
  } finally {
    await server.close();
  }
}

const failing = (run: RunResult): string[] => run.scenarios.filter((s) => s.outcome === 'fail').map((s) => s.id).sort();
const outcomeOf = (run: RunResult, id: string): string | undefined => run.scenarios.find((s) => s.id === id)?.outcome;

describe('security family against the clean reference server', () => {
  it('passes every scenario, with the limited and other-tenant credentials configured', async () => {
    const run = await runSecurity({}, 'clean');
    expect(run.summary.total).toBeGreaterThanOrEqual(50);
    const notPassing = run.scenarios.filter((s) => s.outcome !== 'pass').map((s) => `${s.id}: ${s.outcome} ${s.reason ?? ''}`);
    expect(notPassing).toEqual([]);
    expect(run.leftovers).toEqual([]);
  });

  it('leaves the limited and other-tenant scenarios unsupported, with a sentence, when those credentials are not configured', async () => {
    const run = await runSecurity({}, 'no-extra', false);
    const unsupported = run.scenarios.filter((s) => s.outcome === 'unsupported');
    expect(unsupported.map((s) => s.id).every((id) => id.startsWith('security.limited.') || id.startsWith('security.other-tenant.'))).toBe(true);
    expect(unsupported.length).toBe(10);
    expect(unsupported.find((s) => s.id === 'security.limited.patch')?.reason).toMatch(/credentials\.limited/);
    expect(unsupported.find((s) => s.id === 'security.other-tenant.read')?.reason).toMatch(/credentials\.otherTenant/);
    expect(run.scenarios.filter((s) => s.outcome !== 'pass' && s.outcome !== 'unsupported')).toEqual([]);
  });

  it('never writes the limited or other-tenant token into the run folder', async () => {
    const server = await startServer({ extraTokens: true, holes: ['limited-can-write'] }, { host: '127.0.0.1', port: 0 });
    try {
      const base = loadConfig({ env: { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token, SCIM_OUT_DIR: outDir } });
      const config: TargetConfig = {
        ...base,
        credentials: { limited: { kind: 'bearer', token: server.tokens.limited! }, otherTenant: { kind: 'bearer', token: server.tokens.otherTenant! } },
      };
      const run = await executeRun(config, { embedded: false, seed: 7, runId: 'redaction', select: (all) => all.filter((s) => s.id.startsWith('security.limited.') || s.id.startsWith('security.other-tenant.')) });
      expect(failing(run).length).toBeGreaterThan(0);
      const written = readFileSync(join(outDir, 'redaction', 'exchanges.ndjson'), 'utf8');
      expect(written).toContain('security.limited.patch');
      for (const secret of [server.tokens.admin, server.tokens.limited!, server.tokens.otherTenant!]) expect(written).not.toContain(secret);
    } finally {
      await server.close();
    }
  });
});

type Matcher = (s: ScenarioResult) => boolean;
const HOLES: Array<[SecurityHole, Matcher, string[]]> = [
  ['no-auth', (s) => /^security\.auth\.(none|wrong)\.(users|groups)\./.test(s.id), ['security.auth.none.users.patch', 'security.auth.wrong.groups.delete']],
  // The leak is one finding: the password scenarios and the cross-cutting check, nothing else.
  ['password-leak', (s) => s.finding === 'returned-never', ['security.password.read', 'security.password.read-requested', 'security.password.list-filter', 'security.password.search']],
  ['cross-tenant-read', (s) => s.id.startsWith('security.other-tenant.'), ['security.other-tenant.read']],
  ['limited-can-write', (s) => s.id.startsWith('security.limited.'), ['security.limited.patch', 'security.limited.create', 'security.limited.replace', 'security.limited.delete']],
];

describe('each security hole is caught by the scenarios made for it', () => {
  it.each(HOLES)('%s', async (hole, matches, mustFail) => {
    const run = await runSecurity({ holes: [hole] }, `hole-${hole}`);
    const failed = failing(run);
    for (const id of mustFail) expect(failed, `${id} should fail with the ${hole} hole`).toContain(id);
    // Only the scenarios about this hole fail: the others still pass.
    expect(run.scenarios.filter((s) => s.outcome === 'fail' && !matches(s)).map((s) => `${s.id}: ${s.reason}`)).toEqual([]);
    expect(run.leftovers).toEqual([]);
  });

  it('no-auth fails every users and groups endpoint, without and with a wrong credential (12 requests each)', async () => {
    const run = await runSecurity({ holes: ['no-auth'] }, 'hole-no-auth-all');
    expect(failing(run).filter((id) => id.startsWith('security.auth.')).length).toBe(24);
    // Discovery served anonymously is a documented choice: still a pass.
    expect(outcomeOf(run, 'security.auth.none.service-provider-config')).toBe('pass');
  });
});

describe('the seeded PATCH defects that are security holes too', () => {
  const CASES: Array<[DefectName, string]> = [
    ['password-returned', 'security.password.patch'],
    ['groups-writable', 'security.patch.groups-join'],
    ['id-writable', 'security.patch.id-of-other-user'],
  ];
  it.each(CASES)('%s fails %s', async (defect, id) => {
    const run = await runSecurity({ defects: [defect] }, `defect-${defect}`);
    expect(outcomeOf(run, id)).toBe('fail');
  });
});

describe('--bail', () => {
  it('stops starting scenarios after N failures, leaves the rest out and says so in a run note', async () => {
    const server = await startServer({ holes: ['no-auth'] }, { host: '127.0.0.1', port: 0 });
    try {
      const config = loadConfig({ env: { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token, SCIM_OUT_DIR: outDir, SCIM_CONCURRENCY: '1' } });
      const select = (all: Parameters<NonNullable<Parameters<typeof executeRun>[1]['select']>>[0]) => all.filter((s) => s.id.startsWith('security.auth.'));
      const run = await executeRun(config, { embedded: false, seed: 7, runId: 'bail', select, bail: 2 });
      expect(run.summary.fail).toBe(2);
      expect(run.summary.total).toBeLessThan(30);
      expect(run.run.notes.join(' ')).toMatch(/--bail 2: stopped after 2 failure\(s\); \d+ of 30 selected scenarios were not run/);
      expect(run.leftovers).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
