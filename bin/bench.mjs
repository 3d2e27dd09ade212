#!/usr/bin/env node
// Entry point of `npm run bench` (bench/main.ts), loaded through tsx like the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/main.ts');
process.exitCode = await main(process.argv.slice(2));
