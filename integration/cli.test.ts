// The command line as a user meets it: real processes, real exit codes, one-line errors, and the
// credential in no output. Every server here is on 127.0.0.1 with an ephemeral port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startServer, type RunningServer } from '../server/index.ts';

const BIN = new URL('../bin/scim-conformance.mjs', import.meta.url).pathname;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`scim-conformance ${args.join(' ')} did not end within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const TOKEN = 'cli-test-token-5f1c9a7e2b';
let server: RunningServer;
let html: Server;
let htmlUrl: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-cli-'));
  server = await startServer({ tokens: { admin: TOKEN } }, { host: '127.0.0.1', port: 0 });
  html = createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/html' });
    res.end('<html><body>Not here</body></html>');
  });
  await new Promise<void>((r) => html.listen(0, '127.0.0.1', () => r()));
  htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}/scim/v2`;
});

afterAll(async () => {
  await server?.close();
  await new Promise<void>((r) => html?.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

function expectOneCleanLine(ran: Ran, pattern: RegExp): void {
  const lines = ran.stderr.trim().split('\n');
  expect(lines, ran.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(ran.stderr + ran.stdout).not.toMatch(/\n\s+at |node:internal|Error: /);
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('scim-conformance run: errors are one clear line with the documented exit code', () => {
  it('a closed port: exit 3', async () => {
    const ran = await cli(['run', '--target', 'http://127.0.0.1:9/scim', '--token', TOKEN, '--out-dir', dir]);
    expect(ran.code).toBe(3);
    expectOneCleanLine(ran, /^error: target http:\/\/127\.0\.0\.1:9 refused the connection$/);
    expect(ran.stdout + ran.stderr).not.toContain(TOKEN);
  });

  it('a wrong token: exit 2, and neither token is printed', async () => {
    const wrong = 'wrong-token-aaaabbbbcccc';
    const ran = await cli(['run', '--target', server.url, '--token', wrong, '--out-dir', dir]);
    expect(ran.code).toBe(2);
    expectOneCleanLine(ran, /^error: target http:\/\/127\.0\.0\.1:\d+ rejected the credential \(401\)$/);
    expect(ran.stdout + ran.stderr).not.toContain(wrong);
    expect(ran.stdout + ran.stderr).not.toContain(TOKEN);
  });

  it('a URL that is not a SCIM server: exit 3', async () => {
    const ran = await cli(['run', '--target', htmlUrl, '--token', TOKEN, '--out-dir', dir]);
    expect(ran.code).toBe(3);
    expectOneCleanLine(ran, /^error: target http:\/\/127\.0\.0\.1:\d+ does not look like a SCIM server at .*GET \/ServiceProviderConfig answered 404 \(text\/html\)/);
  });

  it('a malformed config file: exit 2 naming the file; a bad field: exit 2 naming the field', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "baseUrl": "http://127.0.0.1:1",\n  "auth": { "kind": "bearer", "token": "x" ');
    const ran = await cli(['run', '--config', broken]);
    expect(ran.code).toBe(2);
    expectOneCleanLine(ran, /^error: config: .*broken\.json.*not valid JSON/);

    const badField = join(dir, 'bad-field.json');
    writeFileSync(badField, JSON.stringify({ baseUrl: 'ftp://example.test', auth: { kind: 'bearer', token: 'x' } }));
    const ran2 = await cli(['run', '--config', badField]);
    expect(ran2.code).toBe(2);
    expectOneCleanLine(ran2, /^error: config: baseUrl: /);
  });

  it('an unknown flag or a bad number: exit 2', async () => {
    expect((await cli(['run', '--no-such-flag'])).code).toBe(2);
    const ran = await cli(['run', '--target', server.url, '--token', TOKEN, '--concurrency', 'lots']);
    expect(ran.code).toBe(2);
    expectOneCleanLine(ran, /^error: config: concurrency .*"lots"/);
  });

  it('--help on each command: exit 0 and the exit codes documented', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Exit codes: 0 conformant, 1 conformance failures, 2 usage or config error, 3 target unreachable');
    for (const cmd of ['run', 'serve', 'list', 'matrix', 'cleanup']) {
      const ran = await cli([cmd, '--help']);
      expect(ran.code, cmd).toBe(0);
      expect(ran.stdout, cmd).toContain(`Usage: scim-conformance ${cmd}`);
    }
  });
});

describe('scim-conformance run against a target', () => {
  it('a config file with ${SCIM_TOKEN}: runs, writes the four reports, and the token is in no output file', async () => {
    const config = join(dir, 'target.json');
    const out = join(dir, 'runs-config');
    writeFileSync(config, JSON.stringify({ baseUrl: server.url, auth: { kind: 'bearer', token: '${SCIM_TOKEN}' }, outDir: out }));
    const ran = await cli(['run', '--config', config, '--only', 'patch.add.*,patch.errors.*', '--seed', '3'], { SCIM_TOKEN: TOKEN });
    expect(ran.stderr).not.toMatch(/error:/);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/\d+ scenarios: \d+ pass, 0 fail, \d+ warn, \d+ unsupported, 0 blocked, 0 error/);
    expect(ran.stdout).toContain('gate: PASS (exit 0)');
    const runDirs = readdirSync(out);
    expect(runDirs).toHaveLength(1);
    const files = filesUnder(join(out, runDirs[0]!)).map((f) => f.slice(join(out, runDirs[0]!).length + 1)).sort();
    for (const f of ['junit.xml', 'ledger.ndjson', 'report.html', 'report.md', 'result.json']) expect(files).toContain(f);
    for (const f of filesUnder(out)) expect(readFileSync(f, 'utf8'), f).not.toContain(TOKEN);
    expect(ran.stdout + ran.stderr).not.toContain(TOKEN);
    const result = JSON.parse(readFileSync(join(out, runDirs[0]!, 'result.json'), 'utf8')) as { leftovers: unknown[]; run: { seed: number } };
    expect(result.leftovers).toEqual([]);
    expect(result.run.seed).toBe(3);
  });

  it('serve in one process and run --target/--token in another', async () => {
    const serve = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '' } });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${text}`)), 20_000);
        serve.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          if (/token: \S+/.test(text)) {
            clearTimeout(timer);
            resolve(text);
          }
        });
      });
      const url = /URL:\s+(\S+)/.exec(banner)?.[1];
      const token = /token: (\S+)/.exec(banner)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ran = await cli(['run', '--target', url!, '--token', token!, '--only', 'patch.replace.*', '--out-dir', join(dir, 'runs-serve')]);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toMatch(/ 0 fail, /);
      expect(ran.stdout + ran.stderr).not.toContain(token!);
    } finally {
      serve.kill('SIGINT');
      await new Promise((r) => serve.on('close', r));
    }
  });

  it('matrix: two results side by side in Markdown and HTML; a file that is not a result is exit 2', async () => {
    const out = join(dir, 'runs-matrix');
    for (const only of ['patch.add.*', 'patch.add.*,patch.remove.*']) {
      const ran = await cli(['run', '--target', server.url, '--token', TOKEN, '--only', only, '--out-dir', out, '-q']);
      expect(ran.code).toBe(0);
    }
    const results = readdirSync(out).map((d) => join(out, d, 'result.json'));
    expect(results).toHaveLength(2);
    const ran = await cli(['matrix', ...results, '--out', join(dir, 'matrix')]);
    expect(ran.code).toBe(0);
    const md = readFileSync(join(dir, 'matrix', 'matrix.md'), 'utf8');
    expect(md).toMatch(/patch\.add\./);
    expect(md).toMatch(/patch\.remove\./);
    expect(md).toContain('—'); // a scenario missing from the first run
    expect(readFileSync(join(dir, 'matrix', 'matrix.html'), 'utf8')).toContain('<table');
    const bogus = join(dir, 'bogus.json');
    writeFileSync(bogus, JSON.stringify({ hello: 'world' }));
    const bad = await cli(['matrix', bogus, '--out', join(dir, 'matrix2')]);
    expect(bad.code).toBe(2);
    expectOneCleanLine(bad, /^error: .*bogus\.json: not a scim-conformance result/);
  });

  it('list: at least 250 scenarios with ids, levels and references', async () => {
    const ran = await cli(['list', '--json']);
    expect(ran.code).toBe(0);
    const rows = JSON.parse(ran.stdout) as Array<{ id: string; level: string; refs: string[] }>;
    expect(rows.length).toBeGreaterThanOrEqual(250);
    for (const r of rows) {
      expect(r.id).toMatch(/^[a-z]+\.[a-z0-9.-]+$/);
      expect(r.level).toMatch(/^(MUST|SHOULD|MAY|DERIVED|AMBIG|INTEROP)$/);
      expect(r.refs.some((x) => /^RFC764[34]-/.test(x))).toBe(true);
    }
    const filtered = await cli(['list', '--family', 'atomic']);
    expect(filtered.stdout).toMatch(/\n\d+ scenarios in 1 families/);
    expect(existsSync(BIN)).toBe(true);
  });
});

describe('the gate against a server with a broken MUST', () => {
  it('exits 1 naming the scenario and the reason in one line; with an expectation file listing it, exits 0', async () => {
    const broken = await startServer({ tokens: { admin: TOKEN }, defects: ['pathless-remove-accepted'] }, { host: '127.0.0.1', port: 0 });
    try {
      const out = join(dir, 'runs-broken');
      const expectations = join(dir, 'expectations.json');
      const args = ['run', '--target', broken.url, '--token', TOKEN, '--only', '*remove*', '--out-dir', out];
      const first = await cli([...args, '--update-expectations', expectations]);
      expect(first.code).toBe(1);
      const failLines = first.stdout.split('\n').filter((l) => /^\s+FAIL\s/.test(l));
      expect(failLines.length).toBeGreaterThan(0);
      expect(failLines.every((l) => /FAIL\s+patch\.[a-z0-9.-]+\s+\[(MUST|DERIVED|AMBIG)\]\s+\S/.test(l)), failLines.join('\n')).toBe(true);
      expect(failLines.some((l) => l.includes('noTarget'))).toBe(true);
      expect(existsSync(expectations)).toBe(true);

      const second = await cli([...args, '--expect', expectations]);
      expect(second.code, second.stdout).toBe(0);
      expect(second.stdout).toContain('gate: PASS (exit 0)');

      // The same expectations against the clean server: the expected failures now pass, and the
      // gate says so without failing.
      const clean = await cli(['run', '--target', server.url, '--token', TOKEN, '--only', '*remove*', '--out-dir', out, '--expect', expectations]);
      expect(clean.code).toBe(0);
      expect(clean.stdout).toMatch(/fixed: patch\.[a-z0-9.-]+ now passes/);
    } finally {
      await broken.close();
    }
  });
});

