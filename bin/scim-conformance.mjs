#!/usr/bin/env node
// Entry point of the `scim-conformance` command.
// - Installed from the package (or in the container): runs the compiled JavaScript in dist/ with
//   plain node; the package ships no TypeScript and has no tsx.
// - In a source checkout (cli/main.ts beside this folder): runs the TypeScript sources through tsx,
//   a devDependency, so an edit is live at once and the tests never exercise a stale build.
//   SCIM_CONFORMANCE_DIST=1 makes a checkout run dist/ instead (`npm run build` first).
import { existsSync } from 'node:fs';

// `scim-conformance list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const SOURCES = new URL('../cli/main.ts', import.meta.url);
// The build joins dist/ into dist/bundle/ (bin/bundle.mjs); without it, the modules one by one.
const BUNDLED = new URL('../dist/bundle/main.js', import.meta.url);
const COMPILED = existsSync(BUNDLED) ? BUNDLED : new URL('../dist/cli/main.js', import.meta.url);

async function load() {
  if (process.env.SCIM_CONFORMANCE_DIST !== '1' && existsSync(SOURCES)) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      return await import(SOURCES.href);
    } catch (e) {
      // A checkout installed without devDependencies has no tsx: the compiled code still runs.
      if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes("'tsx'") || !existsSync(COMPILED)) throw e;
    }
  }
  if (!existsSync(COMPILED)) {
    process.stderr.write('error: dist/ is missing: run `npm run build` (npm ci and npm pack run it too)\n');
    process.exit(4);
  }
  return import(COMPILED.href);
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
