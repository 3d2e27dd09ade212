// The launcher picks the code to run: the sources through tsx in a checkout, dist/ when installed
// (or when told), dist/ when a checkout has no tsx, and a one-line error when there is neither.
// Each case is a temp folder laid out like a checkout or a package, with stand-in entry modules.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const folders: string[] = [];

function layout(parts: { sources?: boolean; dist?: boolean; tsx?: boolean }): string {
  const root = mkdtempSync(join(tmpdir(), 'scim-launcher-'));
  folders.push(root);
  mkdirSync(join(root, 'bin'));
  copyFileSync(join(REPO, 'bin', 'scim-conformance.mjs'), join(root, 'bin', 'scim-conformance.mjs'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  if (parts.sources) {
    mkdirSync(join(root, 'cli'));
    // Type syntax proves the file went through tsx.
    writeFileSync(join(root, 'cli', 'main.ts'), "export async function main(argv: string[]): Promise<number> { process.stdout.write('sources ' + argv.join(' ')); return 5; }\n");
  }
  if (parts.dist) {
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'cli', 'main.js'), "export async function main(argv) { process.stdout.write('dist ' + argv.join(' ')); return 6; }\n");
  }
  if (parts.tsx) symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

function launch(root: string, env: Record<string, string> = {}) {
  const ran = spawnSync(process.execPath, [join(root, 'bin', 'scim-conformance.mjs'), 'list', '--json'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

describe('bin/scim-conformance.mjs', () => {
  it('runs the sources through tsx in a checkout, passing the arguments and the exit code on', () => {
    expect(launch(layout({ sources: true, dist: true, tsx: true }))).toMatchObject({ code: 5, stdout: 'sources list --json' });
  });

  it('runs dist/ in a checkout when SCIM_CONFORMANCE_DIST=1', () => {
    expect(launch(layout({ sources: true, dist: true, tsx: true }), { SCIM_CONFORMANCE_DIST: '1' })).toMatchObject({ code: 6, stdout: 'dist list --json' });
  });

  it('runs dist/ with plain node where there are no sources, as in the installed package', () => {
    expect(launch(layout({ dist: true }))).toMatchObject({ code: 6, stdout: 'dist list --json' });
  });

  it('runs dist/ in a checkout installed without devDependencies (no tsx)', () => {
    expect(launch(layout({ sources: true, dist: true }))).toMatchObject({ code: 6, stdout: 'dist list --json' });
  });

  it('says in one line that dist/ is missing when there is nothing else to run', () => {
    const ran = launch(layout({}));
    expect(ran.code).toBe(4);
    expect(ran.stderr).toBe('error: dist/ is missing: run `npm run build` (npm ci and npm pack run it too)\n');
  });

  it('does not hide a broken source file behind dist/', () => {
    const root = layout({ sources: true, dist: true, tsx: true });
    writeFileSync(join(root, 'cli', 'main.ts'), "import './missing.ts';\nexport async function main() { return 0; }\n");
    const ran = launch(root);
    expect(ran.code).not.toBe(6);
    expect(ran.stdout).not.toContain('dist');
    expect(ran.stderr).toContain('missing');
  });
});
