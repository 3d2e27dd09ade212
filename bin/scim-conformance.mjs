#!/usr/bin/env node
// Entry point of the `scim-conformance` command. The sources are TypeScript, loaded through tsx,
// so a fresh clone runs without a build step.
import { register } from 'tsx/esm/api';

register();
// `scim-conformance list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
