// The package as a user gets it: `npm pack` in a copy of this checkout, the tarball installed in an
// empty folder, and the installed command run there with plain node: no TypeScript in the tarball,
// no tsx in the installed tree, and `run` against the embedded reference server exits 0.
// Slow (a build and an npm install), so one install serves every check.
import { execFileSync } from 'node:child_process';
import { runProcess } from './cli-process.ts';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

/** The environment of a user's shell: nothing of ours that would steer the command. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('SCIM_') || k.startsWith('VITEST') || k === 'NODE_OPTIONS' || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1' };
}

type Ran = Awaited<ReturnType<typeof runProcess>>;

function run(command: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<Ran> {
  return runProcess(command, args, { cwd, env: userEnv(), timeoutMs });
}

/** The checkout's files as a fresh clone has them (tracked and new, not ignored; deleted ones left out). */
function copyCheckout(to: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  for (const file of listed.split('\0')) {
    if (file === '' || !existsSync(join(REPO, file))) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(REPO, file), join(to, file));
  }
  // The copy builds with this checkout's devDependencies (typescript) instead of a second npm ci.
  symlinkSync(join(REPO, 'node_modules'), join(to, 'node_modules'), 'dir');
}

describe('the npm package', () => {
  let work: string;
  let tarball: string;
  let packed: string[];
  let app: string;
  let installed: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'scim-package-'));
    const copy = join(work, 'checkout');
    copyCheckout(copy);
    const pack = await run('npm', ['pack', '--json', '--pack-destination', work], copy);
    if (pack.code !== 0) throw new Error(`npm pack exited with ${pack.code}: ${pack.stderr.slice(-2000)}`);
    const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(work, info[0]!.filename);
    packed = info[0]!.files.map((f) => f.path);

    app = join(work, 'app');
    mkdirSync(app);
    const install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], app);
    if (install.code !== 0) throw new Error(`npm install of the tarball exited with ${install.code}: ${install.stderr.slice(-2000)}`);
    installed = join(app, 'node_modules', 'scim-conformance');
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships the bundled code and what it reads at run time, and no TypeScript, tests or bench', () => {
    for (const file of ['package.json', 'README.md', 'bin/scim-conformance.mjs', 'dist/package.json', 'dist/bundle/main.js', 'dist/bundle/server.js', 'dist/cli/embedded-server-worker.mjs', 'dist/schemas/validators.cjs', 'dist/schemas/json/run-result.schema.json', 'dist/schemas/json/config.schema.json']) {
      expect(packed, file).toContain(file);
    }
    // The modules compiled one by one are joined in dist/bundle/ and not shipped twice.
    expect(packed.filter((f) => f.startsWith('dist/') && !/^dist\/(bundle\/|schemas\/json\/)/.test(f)).sort()).toEqual([
      'dist/cli/embedded-server-worker.mjs',
      'dist/package.json',
      'dist/schemas/validators.cjs',
    ]);
    expect(packed.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(packed.filter((f) => /(^|\/)(bench|integration|suites)\//.test(f) || f.includes('.test.'))).toEqual([]);
  });

  it('declares no tsx or typescript among its runtime dependencies, and none is installed', async () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('tsx');
    const ls = await run('npm', ['ls', 'tsx', '--all'], app, 120_000);
    expect(ls.stdout).not.toMatch(/tsx@/);
    expect(ls.stdout).toContain('(empty)');
    const modules = readdirSync(join(app, 'node_modules'));
    expect(modules).not.toContain('tsx');
    expect(modules).not.toContain('typescript');
  });

  it('answers --version and --help with plain node', async () => {
    const bin = join(app, 'node_modules', '.bin', 'scim-conformance');
    const version = await run(bin, ['--version'], app, 60_000);
    expect(version).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    const help = await run(bin, ['run', '--help'], app, 60_000);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--target');
  });

  it('starts the embedded server worker from dist/ without tsx', async () => {
    const worker = new Worker(join(installed, 'dist', 'cli', 'embedded-server-worker.mjs'), { workerData: { options: {} } });
    try {
      const address = await new Promise<{ url: string; token: string }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the worker exited with ${code}`)));
      });
      expect(address.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      const res = await fetch(`${address.url}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${address.token}` } });
      expect(res.status).toBe(200);
    } finally {
      worker.removeAllListeners('exit');
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
  }, 60_000);

  it('`npx scim-conformance run` in the installing folder exits 0 against the embedded reference server', async () => {
    const ran = await run('npx', ['--no', 'scim-conformance', 'run', '-q'], app, 300_000);
    expect(ran.code, ran.stderr.slice(-3000)).toBe(0);
    const runs = readdirSync(join(app, 'runs'));
    expect(runs).toHaveLength(1);
    const result = JSON.parse(readFileSync(join(app, 'runs', runs[0]!, 'result.json'), 'utf8')) as { run: { suite: { version: string }; target: { embedded: boolean } }; summary: { total: number } };
    expect(result.summary.total).toBeGreaterThan(300);
    expect(result.run.suite.version).toBe(VERSION);
    expect(result.run.target.embedded).toBe(true);
  }, 300_000);
});
