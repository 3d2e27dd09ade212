// bin/build.mjs outside a checkout: the compile itself is exercised by integration/package.test.ts
// (npm pack runs it); here, what it does before compiling. It runs from a temp folder, so the
// checkout's own dist/ is never touched.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));

describe('bin/build.mjs', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'scim-build-'));
    mkdirSync(join(root, 'bin'));
    copyFileSync(join(REPO, 'bin', 'build.mjs'), join(root, 'bin', 'build.mjs'));
    copyFileSync(join(REPO, 'bin', 'bundle.mjs'), join(root, 'bin', 'bundle.mjs'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const build = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [join(root, 'bin', 'build.mjs'), ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('as `prepare` under npm pack or publish, leaves the compile to `prepack`', () => {
    for (const command of ['pack', 'publish']) {
      const ran = build(['--prepare'], { npm_command: command });
      expect(ran.status).toBe(0);
      expect(ran.stderr).toBe('');
    }
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('as `prepare` under npm ci, compiles: without typescript that is a one-line error', () => {
    const ran = build(['--prepare'], { npm_command: 'ci' });
    expect(ran.status).toBe(1);
    expect(ran.stderr).toBe('build: typescript is not installed (it is a devDependency: run `npm ci` without --omit=dev)\n');
  });

  it('writes dist/ with what it reads at run time; type errors stop `npm pack` but not `npm ci`', () => {
    // A miniature checkout: the build's inputs, one of them with a type error.
    const files: Record<string, string> = {
      'package.json': '{ "name": "mini", "version": "9.8.7", "type": "module" }\n',
      'tsconfig.build.json': JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, rewriteRelativeImportExtensions: true, rootDir: '.', outDir: 'dist', skipLibCheck: true, types: [] },
        files: ['cli/main.ts'],
      }),
      'cli/main.ts':
        "import { startServer } from '../server/index.ts';\nimport { embedded } from './embedded-server.ts';\nimport { STANDALONE_FILE } from '../schemas/standalone.ts';\n" +
        'export const main = (): number => (startServer && embedded && STANDALONE_FILE ? 0 : 1);\n',
      // The generator of the schema validators, which the build runs once compiled.
      'schemas/standalone.ts': "export const STANDALONE_FILE = 'validators.cjs';\nexport const standaloneValidators = (): string => 'exports.run_result = () => true;\\n';\n",
      'cli/embedded-server.ts': 'export const embedded = true;\n',
      'cli/embedded-server-worker.mjs': '// worker\n',
      'server/index.ts': 'export const startServer: number = "not a number";\n',
      'schemas/json/run-result.schema.json': '{}\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');

    const asPrepare = build(['--prepare'], { npm_command: 'ci' });
    expect(asPrepare.status, asPrepare.stderr).toBe(0);
    expect(asPrepare.stdout + asPrepare.stderr).toMatch(/TS2322/);
    expect(asPrepare.stderr).toContain('dist/ was written despite the type errors above');
    expect(readFileSync(join(root, 'dist', 'cli', 'main.js'), 'utf8')).toContain('from "../server/index.js"');
    expect(existsSync(join(root, 'dist', 'cli', 'embedded-server-worker.mjs'))).toBe(true);
    expect(existsSync(join(root, 'dist', 'schemas', 'json', 'run-result.schema.json'))).toBe(true);
    expect(readFileSync(join(root, 'dist', 'schemas', 'validators.cjs'), 'utf8')).toBe('exports.run_result = () => true;\n');
    expect(JSON.parse(readFileSync(join(root, 'dist', 'package.json'), 'utf8'))).toEqual({ name: 'mini', version: '9.8.7', private: true, type: 'module' });
    // The bundle: the CLI and the server, each one file here (the mini's modules are small).
    expect(readFileSync(join(root, 'dist', 'bundle', 'main.js'), 'utf8')).toContain('STANDALONE_FILE');
    expect(existsSync(join(root, 'dist', 'bundle', 'server.js'))).toBe(true);

    const asPrepack = build([], { npm_command: 'pack' });
    expect(asPrepack.status).toBe(1);
    expect(asPrepack.stderr).toContain('build: tsc exited with 2');

    // An optional step that fails: npm pack refuses with its one-line error; npm ci goes on, saying what the code does instead.
    const refusedByPackOnly = (error: string, instead: string): void => {
      const pack = build([], { npm_command: 'pack' });
      expect(pack.status).toBe(1);
      expect(pack.stderr).toBe(`build: ${error}\n`);
      const ci = build(['--prepare'], { npm_command: 'ci' });
      expect(ci.status, ci.stderr).toBe(0);
      expect(ci.stderr).toContain(instead);
    };

    // A generator that fails: the schemas then compile at start.
    writeFileSync(join(root, 'server/index.ts'), 'export const startServer = 1;\n');
    writeFileSync(join(root, 'schemas/standalone.ts'), "export const STANDALONE_FILE = 'validators.cjs';\nexport const standaloneValidators = (): string => { throw new Error('schema run-result: broken'); };\n");
    refusedByPackOnly('generating the schema validators: schema run-result: broken', 'the compiled code will compile the schemas at start instead');
    expect(existsSync(join(root, 'dist', 'schemas', 'validators.cjs'))).toBe(false);

    // A bundler that fails: no dist/bundle/ (the command then loads dist/ module by module).
    writeFileSync(join(root, 'schemas/standalone.ts'), files['schemas/standalone.ts']!);
    writeFileSync(join(root, 'bin/bundle.mjs'), "export async function bundle() { throw new Error('esbuild: no such package\\nsecond line'); }\n");
    refusedByPackOnly('bundling dist/: esbuild: no such package', 'the command will load dist/ module by module instead');
    expect(existsSync(join(root, 'dist', 'bundle'))).toBe(false);
    expect(existsSync(join(root, 'dist', 'cli', 'main.js'))).toBe(true);
  });
});
