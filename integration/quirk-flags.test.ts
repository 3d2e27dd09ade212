// `--defect` and `--quirk` on the command line: `run` without a target starts the embedded server
// with them (and says so in the run notes), with a target they are a usage error, `serve` switches
// them on, and both commands' --help list every name with its description. Real processes; every
// server on 127.0.0.1 with an ephemeral port. The two runs select a few scenarios to stay short.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFECT_NAMES, DEFECTS } from '../server/defects.ts';
import { QUIRK_NAMES, QUIRKS } from '../server/quirks.ts';
import { cli, filesUnder, onlyRun, readResult, STACK_TRACE, startCli, type Ran } from './cli-process.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-quirk-flags-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outDir = (name: string) => join(dir, name);

function expectOneLineUsageError(ran: Ran, pattern: RegExp): void {
  expect(ran.code, ran.stderr).toBe(2);
  const lines = ran.stderr.trim().split('\n');
  expect(lines, ran.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(ran.stderr + ran.stdout).not.toMatch(STACK_TRACE);
}

describe('--help lists the defects and quirks', () => {
  it.each(['serve', 'run'])('%s --help: every defect and quirk name with its one-line description', async (command) => {
    const ran = await cli([command, '--help']);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.split('\n').map((l) => l.trim());
    for (const name of DEFECT_NAMES) expect(lines, name).toContainEqual(expect.stringMatching(new RegExp(`^${name} +\\S`)));
    for (const name of QUIRK_NAMES) expect(lines, name).toContainEqual(expect.stringMatching(new RegExp(`^${name} +\\S`)));
    expect(ran.stdout).toContain(QUIRKS['returns-password'].description);
    expect(ran.stdout).toContain(DEFECTS['partial-apply'].breaks);
  });

  it('other help stays without them', async () => {
    const ran = await cli(['list', '--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).not.toContain('returns-password');
  });
});

describe('run --defect / --quirk with a target: usage error', () => {
  it('--target with --defect: exit 2, one line, nothing written', async () => {
    const out = outDir('with-target');
    const ran = await cli(['run', '--target', 'http://127.0.0.1:9/scim', '--token', 't', '--defect', 'partial-apply', '--out-dir', out]);
    expectOneLineUsageError(ran, /^error: --defect and --quirk only apply to the embedded reference server; .*--target/);
    expect(() => filesUnder(out)).toThrow();
  });

  it('SCIM_BASE_URL or --config with --quirk: exit 2', async () => {
    const env = await cli(['run', '--quirk', 'returns-password', '--out-dir', outDir('env')], { SCIM_BASE_URL: 'http://127.0.0.1:9/scim', SCIM_TOKEN: 't' });
    expectOneLineUsageError(env, /only apply to the embedded reference server; .*SCIM_BASE_URL/);
    const config = await cli(['run', '--config', join(dir, 'absent.json'), '--quirk', 'drops-nickname', '--out-dir', outDir('config')]);
    expectOneLineUsageError(config, /only apply to the embedded reference server; .*--config/);
  });

  it('an unknown name: exit 2 listing the known ones', async () => {
    const ran = await cli(['run', '--quirk', 'no-such-quirk', '--out-dir', outDir('unknown')]);
    expectOneLineUsageError(ran, /^error: --quirk: Unknown quirk "no-such-quirk"; known quirks: relative-location, /);
  });
});

describe('run without a target starts the embedded server with them', () => {
  it('--quirk returns-password: one finding (returned-never), the note names the quirk, the leaked value stays redacted', async () => {
    const out = outDir('quirk');
    const ran = await cli(['run', '--quirk', 'returns-password', '--only', 'patch.response.*,checks.returned-never', '--out-dir', out], {}, 120_000);
    // The leak is the returned-never check's one finding; the PATCH scenarios are judged on their own requirement.
    expect(ran.code, ran.stderr).toBe(1);
    expect(readResult(onlyRun(out)).findings.map((f) => `${f.key} ${f.outcome}`)).toContain('returned-never fail');
    expect(ran.stdout).toMatch(/gate: (PASS|FAIL)/);
    expect(ran.stdout).toMatch(/note: .*quirks switched on.*returns-password/);
    expect(ran.stderr + ran.stdout).not.toMatch(STACK_TRACE);
    const runDir = onlyRun(out);
    expect(readResult(runDir).run.notes).toContainEqual(expect.stringMatching(/quirks switched on .*: returns-password$/));
    // The leaked value is a secret: the example exchange shows that it came, never what it was.
    const written = readFileSync(join(runDir, 'result.json'), 'utf8');
    expect(written).toContain('\\"password\\":\\"[REDACTED]\\"');
    expect(written).not.toContain('{SHA256}');
  }, 150_000);

  it('--defect partial-apply: the suite catches it (exit 1) and the note names the defect', async () => {
    const out = outDir('defect');
    const ran = await cli(['run', '--defect', 'partial-apply', '--only', 'patch.atomic.*', '--out-dir', out, '-q'], {}, 120_000);
    expect(ran.code, ran.stdout + ran.stderr).toBe(1);
    const result = readResult(onlyRun(out));
    expect(result.run.notes).toContainEqual(expect.stringMatching(/seeded defects switched on .*: partial-apply$/));
    expect(result.scenarios.filter((s) => s.outcome === 'fail').length).toBeGreaterThan(0);
  }, 150_000);
});

describe('serve --quirk', () => {
  it('starts the server with the quirks and the defect, and says so', async () => {
    const { child, done } = startCli(['serve', '--quirk', 'no-schemas-endpoint', '--quirk', 'relative-location', '--defect', 'pathless-remove-accepted']);
    let out = '';
    const ready = new Promise<string>((resolve) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (/token: \S+\n/.test(out)) resolve(out);
      });
    });
    const banner = await Promise.race([ready, done.then((r) => Promise.reject(new Error(`serve ended: ${r.stderr}`)))]);
    try {
      expect(banner).toMatch(/WITH SEEDED DEFECTS: pathless-remove-accepted AND WITH QUIRKS: no-schemas-endpoint, relative-location/);
      const url = /URL: +(\S+)/.exec(banner)![1]!;
      const token = /token: +(\S+)/.exec(banner)![1]!;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
      expect((await fetch(`${url}/Schemas`, { headers })).status).toBe(404);
      const created = await fetch(`${url}/Users`, { method: 'POST', headers, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'serve-quirk@example.com' }) });
      expect(created.headers.get('location')).toMatch(/^\/Users\//);
    } finally {
      child.kill('SIGINT');
    }
    const ended = await done;
    expect(ended.code).toBe(0);
  });
});
