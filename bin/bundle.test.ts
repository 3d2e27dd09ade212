// bin/bundle.mjs on a miniature dist/: the bundle runs, each module still finds the files beside its
// own place in dist/ (import.meta.url), commands loaded lazily stay chunks of their own, and npm
// packages stay outside.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the build, without types
import { bundle } from './bundle.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));

describe('bin/bundle.mjs', () => {
  let root: string;
  let dist: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'scim-bundle-'));
    dist = `${join(root, 'dist')}/`;
    const files: Record<string, string> = {
      'package.json': '{ "name": "mini", "version": "1.2.3", "type": "module" }\n',
      'schemas/json/a.json': '{ "from": "schemas/json" }\n',
      // A module that reads a file beside itself, as schemas/ajv-instance.ts does.
      'schemas/read.js':
        "import { readFileSync } from 'node:fs';\nexport const read = () => JSON.parse(readFileSync(new URL('./json/a.json', import.meta.url), 'utf8')).from;\n",
      'engine/info.js': "import { readFileSync } from 'node:fs';\nexport const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;\n",
      'cli/run-command.js': "import { read } from '../schemas/read.js';\nimport { version } from '../engine/info.js';\nexport const run = () => `${read()} ${version}`;\n",
      'cli/main.js':
        "import { Command } from 'commander';\nexport async function main() { return new Command().name('x').name() + ' ' + (await import('./run-command.js')).run(); }\n",
      'server/index.js': "import { version } from '../engine/info.js';\nexport const startServer = () => version;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dist, path, '..'), { recursive: true });
      writeFileSync(join(dist, path), text);
    }
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes main.js and server.js whose modules find the files beside their own place in dist/', async () => {
    const written: string[] = await bundle(dist);
    expect(written.map((f) => f.replace(/^.*dist\//, ''))).toEqual(
      expect.arrayContaining(['bundle/main.js', 'bundle/server.js', expect.stringMatching(/^bundle\/run-command-\w+\.js$/)]),
    );
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(pathToFileURL(join(dist, 'bundle', 'main.js')).href)}); console.log(await main());`], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    // "schemas/json" was found through the rewritten import.meta.url of schemas/read.js; 1.2.3 through engine/info.js's.
    expect(run.stdout.trim()).toBe('x schemas/json 1.2.3');
    const server = (await import(pathToFileURL(join(dist, 'bundle', 'server.js')).href)) as { startServer(): string };
    expect(server.startServer()).toBe('1.2.3');
  });

  it('leaves npm packages outside and the lazily loaded command out of main.js', () => {
    const main = readFileSync(join(dist, 'bundle', 'main.js'), 'utf8');
    expect(main).toMatch(/from "commander"/);
    expect(main).not.toContain('json/a.json');
    expect(main).toMatch(/import\("\.\/run-command-\w+\.js"\)/);
  });

  it('fails naming the missing entry when dist/ has not been compiled', async () => {
    await expect(bundle(`${join(root, 'empty')}/`)).rejects.toThrow(/cli\/main\.js/);
  });
});
