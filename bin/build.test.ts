// bin/build.mjs outside a checkout: the compile itself is exercised by integration/package.test.ts
// (npm pack runs it); here, what it does before compiling. It runs from a temp folder, so the
// checkout's own dist/ is never touched.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
});
