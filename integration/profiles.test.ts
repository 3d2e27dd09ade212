// Every profile against its own emulation by the reference server: green under the profile, and
// the strict RFC 7644 view shows exactly the profile's documented deviations, nothing else.
// Plus the CLI: `run --profile pingone --config <file>` against a pingone emulation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { startServer } from '../server/index.ts';
import { loadConfig } from '../engine/config.ts';
import { executeRun } from '../engine/run.ts';
import { PROFILES } from '../profiles/profiles.ts';
import { matchesAffects } from '../profiles/adapt.ts';
import type { RunResult } from '../schemas/run-result.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-profiles-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFile(name: string, baseUrl: string, token: string, templateValues: Record<string, string>): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ baseUrl, auth: { kind: 'bearer', token }, profile: name, templateValues, outDir: join(dir, 'runs') }));
  return file;
}

async function runAgainstEmulation(name: string, log: string[] = []): Promise<RunResult> {
  const server = await startServer({ profile: name, log: (line) => log.push(line) });
  try {
    const origin = new URL(server.url).origin;
    const config = loadConfig({ file: configFile(name, origin, server.token, PROFILES[name]!.emulation.templateValues), env: {} });
    return await executeRun(config, { embedded: false, seed: 11 });
  } finally {
    await server.close();
  }
}

describe.each(Object.keys(PROFILES))('profile %s against its emulation', (name) => {
  const profile = PROFILES[name]!;
  let result: RunResult;
  const log: string[] = [];
  beforeAll(async () => {
    result = await runAgainstEmulation(name, log);
  }, 60_000);

  it('is green under the profile', () => {
    const bad = result.scenarios.filter((s) => ['fail', 'error', 'blocked'].includes(s.outcome)).map((s) => `${s.id}: ${s.reason}`);
    expect(bad).toEqual([]);
    expect(result.summary.pass).toBeGreaterThan(250);
    // Only the three shapes RFC 7644 forbids a server to honour may warn.
    expect(result.scenarios.filter((s) => s.outcome === 'warn').map((s) => s.id).sort()).toEqual(
      ['idp.entra.replace-mobile-phone-upsert', 'idp.github-emu.update-work-email-single-quoted', 'idp.ms-validator.empty-operations'].filter((id) => result.scenarios.find((s) => s.id === id)?.outcome !== 'unsupported'),
    );
  });

  it('sends every PATCH below the profile base path, template filled', () => {
    const patches = log.filter((l) => l.startsWith('PATCH '));
    expect(patches.length).toBeGreaterThan(200);
    const prefix = profile.basePath.replace(/\{([^}]+)\}/g, (_m, n: string) => profile.emulation.templateValues[n]!);
    for (const line of patches) expect(line.split(' ')[1]!.startsWith(`${prefix}/`), line).toBe(true);
    expect(patches.some((l) => l.split(' ')[1]!.startsWith(`${prefix}/Users/`))).toBe(true);
  });

  it('shows in the strict view exactly the documented deviations', () => {
    const scenarioById = new Map(result.scenarios.map((s) => [s.id, s]));
    if (name === 'rfc7644') {
      expect(result.scenarios.every((s) => s.strict === undefined && s.deviation === undefined)).toBe(true);
      return;
    }
    // No strict miss the profile does not explain.
    const unexplained = result.scenarios.filter((s) => (s.strict === 'fail' || s.strict === 'warn') && s.strict !== s.outcome && !s.deviation);
    expect(unexplained.map((s) => s.id)).toEqual([]);
    // Each carried deviation is one of the profile's and is about that scenario.
    for (const s of result.scenarios.filter((x) => x.deviation)) {
      const d = profile.deviations.find((x) => x.id === s.deviation!.id);
      expect(d, s.id).toBeDefined();
      expect(s.deviation!.profile).toBe(name);
      expect(s.strict === 'fail' || s.strict === 'warn', s.id).toBe(true);
      expect(scenarioById.get(s.id)).toBeDefined();
    }
    // Every documented deviation shows up.
    const shown = new Set(result.scenarios.flatMap((s) => (s.deviation ? [s.deviation.id] : [])));
    expect([...shown].sort()).toEqual(profile.deviations.map((d) => d.id).sort());
  });
});

describe('documented deviations are observed where they apply', () => {
  it('vmware-identity-services: 409 for a stale If-Match and a body without schemas applied', async () => {
    const result = await runAgainstEmulation('vmware-identity-services');
    const stale = result.scenarios.find((s) => s.id === 'patch.versioning.if-match-stale')!;
    expect(stale.outcome).toBe('pass');
    expect(stale.strict).toBe('warn');
    expect(stale.deviation?.id).toBe('vmware-identity-services.version-conflict-409');
    const schemas = result.scenarios.find((s) => s.id === 'patch.envelope.schemas-missing')!;
    expect([schemas.outcome, schemas.strict, schemas.deviation?.level]).toEqual(['pass', 'fail', 'MUST']);
  }, 60_000);

  it('adra: every error scenario that ran is a strict failure because of problem JSON', async () => {
    const result = await runAgainstEmulation('adra');
    const problem = PROFILES['adra']!.deviations[0]!;
    const errors = result.scenarios.filter((s) => s.outcome === 'pass' && s.deviation?.id === problem.id);
    expect(errors.length).toBeGreaterThan(50);
    const pathLess = result.scenarios.filter((s) => s.deviation?.id === 'adra.path-required');
    expect(pathLess.every((s) => s.outcome === 'unsupported' && s.strict === 'fail')).toBe(true);
    expect(matchesAffects(problem.affects, { expect: { kind: 'error', status: [400] } } as never)).toBe(true);
  }, 60_000);
});

describe('CLI: run --profile pingone --config', () => {
  it('runs green against a pingone emulation and writes the strict view', async () => {
    const server = await startServer({ profile: 'pingone' });
    try {
      const origin = new URL(server.url).origin;
      const file = configFile('pingone-cli', origin, server.token, { envID: PROFILES['pingone']!.emulation.templateValues['envID']! });
      const { code, stdout } = await runCli(['run', '--profile', 'pingone', '--config', file, '--only', 'patch.replace.*,idp.okta.*']);
      expect(stdout).toContain('profile:      pingone');
      expect(stdout).toMatch(/\d+ scenarios: \d+ pass, 0 fail/);
      expect(stdout).toContain('IdP compatibility:');
      expect(stdout).toContain('Okta: 5 of 5 shapes work.');
      expect(code).toBe(0);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('names a missing template value in one line and exits 2', async () => {
    const file = join(dir, 'no-env.json');
    writeFileSync(file, JSON.stringify({ baseUrl: 'http://127.0.0.1:9', profile: 'pingone', outDir: join(dir, 'runs') }));
    const { code, stderr } = await runCli(['run', '--config', file, '--quiet']);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^error: config: templateValues\.envID: is required by profile "pingone"/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  }, 30_000);
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/scim-conformance.mjs', ...args], { env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
