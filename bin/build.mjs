#!/usr/bin/env node
// `npm run build` (also run by `prepare` on `npm ci` and by `prepack` on `npm pack`): compiles the
// runtime sources (everything reachable from cli/main.ts; no tests, bench or integration) to dist/
// with tsc, then adds what the compiled code reads by path at run time:
//   dist/schemas/json/*.json           read by schemas/validate.ts next to itself
//   dist/schemas/validators.cjs        the schemas' validators as generated code (schemas/standalone.ts)
//   dist/cli/embedded-server-worker.mjs  the embedded server's worker thread
//   dist/package.json                  name and version for engine/suite-info.ts, and "type": "module"
// and last joins the compiled modules into dist/bundle/ (bin/bundle.mjs), which the command runs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `npm pack` and `npm publish` run prepack and then prepare: prepare passes --prepare so the second
// compile of the same sources is skipped there.
if (process.argv.includes('--prepare') && ['pack', 'publish'].includes(process.env.npm_command ?? '')) process.exit(0);

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist/`;

function fail(message) {
  process.stderr.write(`build: ${message}\n`);
  process.exit(1);
}

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  fail('typescript is not installed (it is a devDependency: run `npm ci` without --omit=dev)');
}

rmSync(dist, { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
if (compiled.status !== 0) {
  // tsc still writes JavaScript when it finds type errors. On `npm ci` (prepare) that must not stop
  // the install: `npm run typecheck` reports them where they belong. npm pack and publish refuse.
  const emitted = existsSync(`${dist}cli/main.js`);
  if (!process.argv.includes('--prepare') || !emitted) fail(`tsc exited with ${compiled.status ?? compiled.signal}`);
  process.stderr.write('build: dist/ was written despite the type errors above; `npm run typecheck` lists them\n');
}

cpSync(`${root}schemas/json`, `${dist}schemas/json`, { recursive: true, filter: (src) => !src.endsWith('.test.ts') });
copyFileSync(`${root}cli/embedded-server-worker.mjs`, `${dist}cli/embedded-server-worker.mjs`);
/**
 * A step the compiled code can do without: when it fails, `npm pack` refuses (fail) while `npm ci`
 * goes on with a one-line warning saying what the code does instead (as with type errors).
 */
async function optionalStep(what, instead, run, message = (e) => (e instanceof Error ? e.message : String(e))) {
  try {
    await run();
  } catch (e) {
    const why = `${what}: ${message(e)}`;
    if (!process.argv.includes('--prepare')) fail(why);
    process.stderr.write(`build: ${why}; ${instead}\n`);
  }
}

// Generated after the copy: the generator reads the schemas from dist/schemas/json/. Without it,
// schemas/validate.ts compiles the schemas at start.
await optionalStep('generating the schema validators', 'the compiled code will compile the schemas at start instead', async () => {
  const { standaloneValidators, STANDALONE_FILE } = await import(pathToFileURL(`${dist}schemas/standalone.js`).href);
  writeFileSync(`${dist}schemas/${STANDALONE_FILE}`, standaloneValidators());
});
// Last: the bundle reads the compiled modules, and main.js is only used once all of it is there.
// Without it the CLI runs the modules of dist/ one by one (slower to start).
await optionalStep(
  'bundling dist/',
  'the command will load dist/ module by module instead',
  async () => {
    try {
      const { bundle } = await import('./bundle.mjs');
      await bundle(dist);
    } catch (e) {
      rmSync(`${dist}bundle`, { recursive: true, force: true });
      throw e;
    }
  },
  (e) => (e instanceof Error ? e.message.split('\n')[0] : String(e)),
);
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
writeFileSync(`${dist}package.json`, JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: 'module' }, null, 2) + '\n');

for (const required of ['cli/main.js', 'cli/embedded-server.js', 'server/index.js', 'schemas/json/run-result.schema.json', ...(existsSync(`${dist}bundle`) ? ['bundle/main.js', 'bundle/server.js'] : [])]) {
  if (!existsSync(dist + required)) fail(`dist/${required} is missing after the build`);
}
