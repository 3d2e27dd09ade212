// The gate as a CI job meets it, through the real command: machine-readable output on stdout, an
// empty selection refused, --strict green on the clean reference server, an aborted run that still
// leaves result.json and junit.xml, known failures named, and merge refusing shards that differ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/index.ts';
import { validateWith } from '../schemas/validate.ts';
import type { RunResult } from '../schemas/run-result.ts';
import { cli, onlyRun, readResult, STACK_TRACE } from './cli-process.ts';

const TOKEN = 'gate-cli-token-7d3e91c2';
let server: RunningServer;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'scim-gate-cli-'));
  server = await startServer({ tokens: { admin: TOKEN } }, { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

const target = () => ['--target', server.url, '--token', TOKEN];
// Generous: each call is a new process, and the machine may be busy with other test files.
const run = (args: string[], timeoutMs = 120_000) => cli(args, {}, timeoutMs);

/** A loopback port that nothing listens on: bound by us, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe('an empty selection is a usage error, never gate: PASS', () => {
  it('run: exit 2 in one line naming the families and levels, and the run folder records why', async () => {
    const out = join(root, 'empty');
    const ran = await run(['run', ...target(), '--family', 'no-such-family', '--out-dir', out]);
    expect(ran.code, ran.stdout + ran.stderr).toBe(2);
    const lines = ran.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: the selection --family "no-such-family" matches none of the \d+ scenarios generated from the target's schemas; families: .*\badd\b.*; levels: MUST, SHOULD, MAY, DERIVED, AMBIG, INTEROP$/);
    expect(ran.stdout + ran.stderr).not.toContain('gate: PASS');
    expect(ran.stdout + ran.stderr).not.toMatch(STACK_TRACE);
    expect(readResult(onlyRun(out)).run.aborted?.exitCode).toBe(2);
  }, 150_000);

  it('run: an unknown level is refused before the target is contacted', async () => {
    const out = join(root, 'bad-level');
    const ran = await run(['run', ...target(), '--level', 'MUST,SHUOLD', '--out-dir', out]);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim()).toBe('error: --level: unknown level "SHUOLD"; levels: MUST, SHOULD, MAY, DERIVED, AMBIG, INTEROP');
    expect(existsSync(out)).toBe(false);
  }, 150_000);

  it('list: exit 2 as well; list --json gives id, title, family, level, refs and requires', async () => {
    const empty = await run(['list', '--only', 'nothing.matches.*', '--json']);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/^error: the selection --only "nothing\.matches\.\*" matches none of the \d+ scenarios generated from the built-in RFC 7643 schemas; families: /);
    const ran = await run(['list', '--json', '--family', 'atomic']);
    expect(ran.code).toBe(0);
    const rows = JSON.parse(ran.stdout) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(['id', 'title', 'family', 'level', 'refs', 'requires']);
      expect(r['family']).toBe('atomic');
    }
  }, 300_000);
});

describe('--strict on the clean reference server, with the result on stdout', () => {
  it('passes (its INTEROP warns never fail it), and run --format json is the result, valid against the schema', async () => {
    const out = join(root, 'strict');
    const ran = await run(['run', '--strict', '--format', 'json', '--out-dir', out], 240_000);
    expect(ran.stderr).not.toMatch(STACK_TRACE);
    expect(ran.code, ran.stderr.split('\n').slice(-15).join('\n')).toBe(0);
    const result = JSON.parse(ran.stdout) as RunResult;
    expect(validateWith('run-result', result)).toEqual({ ok: true });
    expect(result).toEqual(readResult(onlyRun(out)));
    expect(result.run.target.embedded).toBe(true);
    expect(result.summary.fail + result.summary.error + result.summary.blocked).toBe(0);
    // The check is only worth something if there are warns that --strict then tolerates.
    const warns = result.scenarios.filter((s) => s.outcome === 'warn');
    expect(warns.length).toBeGreaterThan(0);
    expect(warns.every((s) => ['INTEROP', 'AMBIG', 'MAY'].includes(s.level)), warns.map((s) => `${s.id} ${s.level}`).join('\n')).toBe(true);
    // The human summary went to stderr.
    expect(ran.stderr).toContain('gate: PASS (exit 0)');
  }, 300_000);

  it('run --format summary-json --quiet: the compact form on stdout, only the gate line on stderr', async () => {
    const out = join(root, 'summary');
    const ran = await run(['run', ...target(), '--only', 'patch.add.*', '--format', 'summary-json', '--quiet', '--out-dir', out]);
    expect(ran.code).toBe(0);
    const summary = JSON.parse(ran.stdout) as { gate: { verdict: string; exitCode: number }; summary: { total: number }; run: { dir: string } };
    expect(validateWith('run-summary', summary)).toEqual({ ok: true });
    expect(summary.gate).toMatchObject({ verdict: 'PASS', exitCode: 0 });
    expect(summary.summary.total).toBe(readResult(onlyRun(out)).summary.total);
    expect(ran.stderr).toBe('gate: PASS (exit 0)\n');
  }, 150_000);
});

describe('a run that ends in exit 2 or 3 still leaves result.json and junit.xml', () => {
  it('an unreachable target (a closed port): exit 3, both files in the run folder, and the console says where', async () => {
    const out = join(root, 'closed');
    const url = `http://127.0.0.1:${await closedPort()}/scim/v2`;
    const ran = await run(['run', '--target', url, '--token', TOKEN, '--out-dir', out]);
    expect(ran.code).toBe(3);
    expect(ran.stderr.trim()).toMatch(/^error: target http:\/\/127\.0\.0\.1:\d+ refused the connection$/);
    const dir = onlyRun(out);
    expect(ran.stdout).toContain(`${join(dir, 'result.json')}\n`);
    expect(ran.stdout).toContain(`${join(dir, 'junit.xml')}\n`);
    const result = readResult(dir);
    expect(validateWith('run-result', result)).toEqual({ ok: true });
    expect(result.scenarios).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.run.aborted).toEqual({ exitCode: 3, reason: ran.stderr.trim().replace(/^error: /, '') });
    expect(result.run.notes.some((n) => n.includes('refused the connection'))).toBe(true);
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(1);
    expect(junit).toMatch(/<error message="target http:\/\/127\.0\.0\.1:\d+ refused the connection" type="unreachable">/);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), 'utf8'), f).not.toContain(TOKEN);
    expect(ran.stdout + ran.stderr).not.toContain(TOKEN);
  }, 150_000);

  it('a credential the target rejects: exit 2, and --format json still puts the result on stdout', async () => {
    const out = join(root, 'bad-token');
    const ran = await run(['run', '--target', server.url, '--token', 'wrong-token-0000', '--format', 'json', '--out-dir', out]);
    expect(ran.code).toBe(2);
    const result = JSON.parse(ran.stdout) as RunResult;
    expect(result.run.aborted?.exitCode).toBe(2);
    expect(result.run.aborted?.reason).toMatch(/rejected the credential \(401\)/);
    expect(result).toEqual(readResult(onlyRun(out)));
    expect(existsSync(join(onlyRun(out), 'junit.xml'))).toBe(true);
    expect(ran.stdout + ran.stderr).not.toContain('wrong-token-0000');
  }, 150_000);
});

describe('--expect: known failures are named with their reason', () => {
  it('prints `known` lines and passes', async () => {
    const broken = await startServer({ tokens: { admin: TOKEN }, defects: ['pathless-remove-accepted'] }, { host: '127.0.0.1', port: 0 });
    try {
      const out = join(root, 'known');
      const file = join(root, 'expected.json');
      const args = ['run', '--target', broken.url, '--token', TOKEN, '--only', 'patch.remove.*', '--out-dir', out];
      expect((await run([...args, '--update-expectations', file, '-q'])).code).toBe(1);
      const ran = await run([...args, '--expect', file]);
      expect(ran.code, ran.stdout).toBe(0);
      const known = ran.stdout.split('\n').filter((l) => l.startsWith('  known: '));
      expect(known.length).toBeGreaterThan(0);
      expect(known.every((l) => /^ {2}known: patch\.remove\.[a-z0-9.-]+: (fail|error|blocked) — \S/.test(l)), known.join('\n')).toBe(true);
      expect(ran.stdout).toMatch(/gate: PASS \(exit 0\); \d+ known outcome\(s\) from the expectation file/);
    } finally {
      await broken.close();
    }
  }, 300_000);
});

describe('merge refuses shards that are not parts of one run', () => {
  const shard = (k: number, extra: string[], out: string) =>
    run(['run', ...target(), '--only', 'patch.add.*,patch.remove.*', '--shard', `${k}/2`, '--out-dir', out, '-q', ...extra]);

  it('different seeds: exit 2 in one line; shards without --seed share one and merge', async () => {
    const seeded = join(root, 'seeds');
    expect((await shard(1, ['--seed', '1'], join(seeded, 'a'))).code).toBe(0);
    expect((await shard(2, ['--seed', '2'], join(seeded, 'b'))).code).toBe(0);
    const a = join(onlyRun(join(seeded, 'a')), 'result.json');
    const b = join(onlyRun(join(seeded, 'b')), 'result.json');
    const refused = await run(['merge', a, b, '--out', join(seeded, 'merged')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr.trim()).toBe(`error: merge: ${b} used seed 2, ${a} seed 1: run every shard with the same --seed`);
    expect(existsSync(join(seeded, 'merged'))).toBe(false);

    const plain = join(root, 'no-seed');
    expect((await shard(1, [], join(plain, 'a'))).code).toBe(0);
    expect((await shard(2, [], join(plain, 'b'))).code).toBe(0);
    const files = ['a', 'b'].map((x) => join(onlyRun(join(plain, x)), 'result.json'));
    const merged = await run(['merge', ...files, '--out', join(plain, 'merged'), '--format', 'summary-json']);
    expect(merged.code, merged.stderr).toBe(0);
    expect((JSON.parse(merged.stdout) as { gate: { verdict: string } }).gate.verdict).toBe('PASS');
  }, 600_000);

  it('different scenario sets: exit 2 naming both selections', async () => {
    const dir = join(root, 'sets');
    expect((await shard(1, ['--seed', '5'], join(dir, 'a'))).code).toBe(0);
    const other = await run(['run', ...target(), '--only', 'patch.add.*', '--shard', '2/2', '--seed', '5', '--out-dir', join(dir, 'b'), '-q']);
    expect(other.code).toBe(0);
    const a = join(onlyRun(join(dir, 'a')), 'result.json');
    const b = join(onlyRun(join(dir, 'b')), 'result.json');
    const refused = await run(['merge', a, b, '--out', join(dir, 'merged')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^error: merge: .* split a selection of \d+ scenario\(s\) \(fingerprint [0-9a-f]{8}\), .* a selection of \d+ scenario\(s\) .*different scenario sets/);
  }, 400_000);
});
